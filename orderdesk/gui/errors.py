"""Turning a failure into the sentence a user reads, in their language."""

from __future__ import annotations

from collections.abc import Callable


def error_text(exc: BaseException, lang: str) -> str:
    """A DomainError says it in zh or en; anything else falls back to its own message."""
    reason: Callable[[str], str] | None = getattr(exc, "reason", None)
    return reason(lang) if callable(reason) else str(exc)
