"""Turning a failure into the sentence a user reads, in their language."""

from __future__ import annotations

from collections.abc import Callable


def error_text(exc: BaseException, lang: str) -> str:
    """A DomainError says it in zh or en; a database error only its kind (its text holds SQL and values)."""
    reason: Callable[[str], str] | None = getattr(exc, "reason", None)
    if callable(reason):
        return reason(lang)
    if hasattr(exc, "statement") or hasattr(exc, "orig"):  # SQLAlchemy's errors: the statement, maybe a row
        kind = type(exc).__name__
        return (f"Database error ({kind}); nothing was done. If it keeps happening, tell your administrator."
                if lang.startswith("en") else f"数据库出错（{kind}），操作未完成。如果问题持续，请联系管理员。")
    return str(exc)
