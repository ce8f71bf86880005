"""Looking up many keys at once: chunked IN lists for a few thousand, one pass over the table beyond.

A 50,000-key import would otherwise send 60 IN queries of 900 parameters each, and compiling those
costs more than reading the whole table once and keeping the wanted rows in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Row, Select
from sqlalchemy.orm import Session

IN_CHUNK = 900
FULL_SCAN_AT = 3000


def rows_in(session: Session, stmt: Select[Any], column: ColumnElement[Any], keys: Iterable[Any]) -> list[Row[Any]]:
    """The rows of `stmt` whose `column` is one of `keys`."""
    keys = list(set(keys))
    if len(keys) > FULL_SCAN_AT:
        wanted = set(keys)
        rows = session.execute(stmt.add_columns(column.label("lookup_key")))
        return [r for r in rows if r.lookup_key in wanted]
    out: list[Row[Any]] = []
    for i in range(0, len(keys), IN_CHUNK):
        out += session.execute(stmt.where(column.in_(keys[i : i + IN_CHUNK]))).all()
    return out
