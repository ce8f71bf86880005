"""What a database failure may tell a user or a log: never the SQL's values (a buyer's phone, an address).

SQLAlchemy's own text carries the statement and, unless hidden, its parameters; the server's text
can quote a row ("DETAIL: Failing row contains (…)"). Only the first line of the driver's message is
kept, with long digit runs (phones, ID numbers) masked, plus the names the server reports.
"""

from __future__ import annotations

import re

from sqlalchemy.exc import SQLAlchemyError

from .errors import StoreError

_LONG_NUMBER = re.compile(r"\d{6,}")


def safe_detail(exc: BaseException) -> str:
    """The driver's first line, masked; the exception's class name when there is nothing else."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    first = lines[0].strip() if lines else ""
    if not first or first.startswith("("):  # "(psycopg.errors.X) …": SQLAlchemy's wrapper, not the server
        first = type(orig).__name__
    return _LONG_NUMBER.sub("…", first)


def _names(exc: BaseException) -> str:
    """Table, column and constraint the server blames (PostgreSQL's diagnostics), never a value."""
    diag = getattr(getattr(exc, "orig", None), "diag", None)
    parts = [f"{label} {value}" for label, value in (
        ("table", getattr(diag, "table_name", None)), ("column", getattr(diag, "column_name", None)),
        ("constraint", getattr(diag, "constraint_name", None))) if value]  # fmt: skip
    return "; ".join(parts)


def refused_write(exc: BaseException) -> StoreError:
    """The database refused a statement (too long a value, a broken constraint): nothing was saved."""
    detail = safe_detail(exc)
    names = _names(exc)
    if names:
        detail = f"{detail}; {names}"
    return StoreError(
        f"数据库拒绝了这次操作（{detail}），没有保存任何内容。请检查输入的数据；如果问题持续，请联系管理员。",
        f"The database refused this operation ({detail}); nothing was saved. "
        "Check the data entered; if it keeps happening, tell your administrator.",
    )


def database_error(exc: BaseException) -> StoreError | None:
    """A database error that escaped the unit of work (a migration, say), told safely; None for others."""
    return refused_write(exc) if isinstance(exc, SQLAlchemyError) else None
