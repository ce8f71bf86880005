"""The composition root: database URL -> engine -> migrated schema -> unit-of-work factory.

Nothing is built at import time; the CLI, the GUI and the tests each call `open_store`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from .services.unit_of_work import UowFactory
from .store.backup import scheduled_backup
from .store.engine import display_url, open_engine, session_factory
from .store.identity import check_database
from .store.migrate import SchemaStatus, ensure_schema, known_revisions
from .store.probe import Probe, probe_database, schema_state
from .store.unit_of_work import uow_factory

# The GUI reaches the store only through this module (tests/unit/test_layering.py): the first-run
# probe, the schema check at start, the daily backup and the URL shown without its password.
__all__ = ["Probe", "Store", "display_url", "open_store", "probe_database", "scheduled_backup", "schema_state"]


@dataclass
class Store:
    engine: Engine
    make_uow: UowFactory
    schema: SchemaStatus

    def change_feed(self):  # noqa: ANN201 - a ChangeFeed (services.report_ports)
        """A new listener for other stations' changes (its own connection; close it when done)."""
        from .store.change_feed import open_change_feed  # noqa: PLC0415

        return open_change_feed(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def open_store(db_url: str, migrate: bool = True, create: bool = False) -> Store:
    """Open an OrderDesk database, bringing its schema up to date first (or refusing a newer one).

    A database of another program is refused untouched; a missing or empty one is set up only
    with `create` (the first-run paths: `db upgrade`, `demo`, the app), never by an ordinary command.
    """
    engine = open_engine(db_url, create=create)
    try:
        check_database(engine, known_revisions(), create)
        schema = ensure_schema(engine) if migrate else None
    except Exception:
        engine.dispose()
        raise
    return Store(engine, uow_factory(session_factory(engine)), schema)  # type: ignore[arg-type]
