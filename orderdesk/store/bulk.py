"""A lean executemany for the intake hot path.

SQLAlchemy's generic executemany rebuilds parameter dictionaries row by row, which costs more than
SQLite's own write at peak intake. Here each column's bind processor is looked up once and rows go
to the driver as tuples; types, JSON and time-zone handling stay exactly those of the models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from .types import UTCDateTime

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
    conn.exec_driver_sql(sql, _tuples(table, cols, procs, rows))


def _tuples(table: Table, cols: list[str], procs: list[Any], rows: Sequence[Mapping[str, Any]]) -> list[tuple]:
    """Rows as driver tuples: C-speed column picking, processors only where a type needs one."""
    pick = itemgetter(*cols)
    if len(cols) == 1:
        pick = (lambda get: lambda r: (get(r),))(pick)
    todo = [(i, _memo(p) if _is_time(table, c) else p) for i, (c, p) in enumerate(zip(cols, procs, strict=True)) if p]
    if not todo:
        return [pick(r) for r in rows]
    out = []
    for r in rows:
        values = list(pick(r))
        for i, p in todo:
            values[i] = p(values[i])
        out.append(tuple(values))
    return out


def _is_time(table: Table, column: str) -> bool:
    return isinstance(table.c[column].type, UTCDateTime)


def _memo(process: Any) -> Any:
    """Batches stamp every row with the same moment; convert each distinct value once."""
    seen: dict[Any, Any] = {}

    def run(value: Any) -> Any:
        if value not in seen:
            seen[value] = process(value)
        return seen[value]

    return run


def bulk_update(session: Session, table: Table, set_cols: Sequence[str], where_cols: Sequence[str],
                rows: Sequence[Mapping[str, Any]], extra_set: str = "") -> int:  # fmt: skip
    """UPDATE table SET set_cols (+ extra_set SQL) WHERE where_cols all equal, one executemany.

    Returns the rows changed when the driver can count them across an executemany, else -1.
    """
    if not rows:
        return 0
    conn = session.connection()
    dialect = conn.dialect
    cols = [*set_cols, *where_cols]
    procs = [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in cols]
    quote = dialect.identifier_preparer.quote
    mark = _PLACEHOLDER[dialect.paramstyle]
    assignments = ", ".join([f"{quote(c)} = {mark}" for c in set_cols] + ([extra_set] if extra_set else []))
    condition = " AND ".join(f"{quote(c)} = {mark}" for c in where_cols)
    sql = f"UPDATE {quote(table.name)} SET {assignments} WHERE {condition}"
    result = conn.exec_driver_sql(sql, _tuples(table, cols, procs, rows))
    return int(result.rowcount) if dialect.supports_sane_multi_rowcount else -1
