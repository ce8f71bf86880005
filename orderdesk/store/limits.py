"""The column limits of the schema, read from the models so they never drift from them."""

from __future__ import annotations

from functools import cache

from sqlalchemy import BigInteger, Integer, SmallInteger, String

from ..services.ports import ColumnLimits
from .models import metadata

_RANGES = ((SmallInteger, 15), (BigInteger, 63), (Integer, 31))  # subclasses before Integer


@cache
def column_limits() -> ColumnLimits:
    """String(n) → n characters; integers → the range PostgreSQL stores (SQLite's is wider)."""
    lengths, ranges = {}, {}
    for table in metadata.tables.values():
        for col in table.columns:
            key = f"{table.name}.{col.name}"
            if isinstance(col.type, String) and col.type.length:
                lengths[key] = col.type.length
            bits = next((b for kind, b in _RANGES if isinstance(col.type, kind)), None)
            if bits is not None:
                ranges[key] = (-(2**bits), 2**bits - 1)
    return ColumnLimits(lengths, ranges)
