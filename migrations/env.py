"""Alembic environment: the schema comes from orderdesk.store.models.metadata."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from orderdesk.store.engine import open_engine
from orderdesk.store.models import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = config.attributes.get("engine")
    if engine is None:
        url = context.get_x_argument(as_dictionary=True).get("db") or "sqlite:///dev.db"
        engine = open_engine(url)
    with engine.connect() as conn:
        _run(conn)
        conn.commit()


run_migrations_online()
