"""A lean executemany for the intake hot path.

SQLAlchemy's generic executemany rebuilds parameter dictionaries row by row, which costs more than
SQLite's own write at peak intake. Here each column's bind processor is looked up once and rows go
to the driver as tuples; types, JSON and time-zone handling stay exactly those of the models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s", "numeric": "?", "named": "?"}


def bulk_insert(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT all `rows` (dicts with the same keys) in one executemany, inside the session's transaction."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    cols = list(rows[0].keys())
    procs = [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in cols]
    quote = dialect.identifier_preparer.quote
    mark = _PLACEHOLDER[dialect.paramstyle]
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
        f"VALUES ({', '.join([mark] * len(cols))})"
    )
    pairs = list(zip(cols, procs, strict=True))
    params = [tuple(p(r[c]) if p else r[c] for c, p in pairs) for r in rows]
    conn.exec_driver_sql(sql, params)
