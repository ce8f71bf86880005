"""The composition root: database URL -> engine -> migrated schema -> unit-of-work factory.

Nothing is built at import time; the CLI, the GUI and the tests each call `open_store`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from .services.unit_of_work import UowFactory
from .store.engine import open_engine, session_factory
from .store.migrate import SchemaStatus, ensure_schema
from .store.unit_of_work import uow_factory


@dataclass
class Store:
    engine: Engine
    make_uow: UowFactory
    schema: SchemaStatus

    def close(self) -> None:
        self.engine.dispose()


def open_store(db_url: str, migrate: bool = True) -> Store:
    """Open the database, bringing its schema up to date first (or refusing a newer one)."""
    engine = open_engine(db_url)
    try:
        schema = ensure_schema(engine) if migrate else None
    except Exception:
        engine.dispose()
        raise
    return Store(engine, uow_factory(session_factory(engine)), schema)  # type: ignore[arg-type]
