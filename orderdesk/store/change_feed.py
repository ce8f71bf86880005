"""Telling a station that another one changed something, without reading any table.

PostgreSQL: a dedicated connection LISTENs on `orderdesk_changes`, which the statement triggers of
migrations 0018 and 0020 NOTIFY on every write to the watched tables. SQLite: a dedicated connection polls
`PRAGMA data_version`, which moves whenever another connection commits. Both block only the
thread that waits (never the GUI's)."""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import Engine

from .sqlite_file import sqlite_path

CHANNEL = "orderdesk_changes"
POLL_S = 0.05


class SqliteChangeFeed:
    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.last = self._version()

    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def wait(self, timeout: float) -> bool:
        """True as soon as another connection committed since the last call; False after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            now = self._version()
            if now != self.last:
                self.last = now
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_S)

    def close(self) -> None:
        self.conn.close()


class PgChangeFeed:
    def __init__(self, conninfo: str) -> None:
        import psycopg  # noqa: PLC0415 - only on PostgreSQL

        self.conn = psycopg.connect(conninfo, autocommit=True)
        self.conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> bool:
        got = False
        for _ in self.conn.notifies(timeout=timeout, stop_after=1):
            got = True
        if got:  # take the rest of a burst at once: one refresh for many statements
            for _ in self.conn.notifies(timeout=0.02):
                pass
        return got

    def close(self) -> None:
        self.conn.close()


def open_change_feed(engine: Engine) -> SqliteChangeFeed | PgChangeFeed:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return SqliteChangeFeed(str(sqlite_path(url)))
    return PgChangeFeed(url.set(drivername="postgresql").render_as_string(hide_password=False))
