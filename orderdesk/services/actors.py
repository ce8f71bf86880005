"""Who is acting: every use case names a user, and a disabled or unknown one is refused."""

from __future__ import annotations

from datetime import UTC, datetime

from ..domain.errors import UnknownUser
from .unit_of_work import UnitOfWork

SYSTEM_USER = "system"


def now_utc() -> datetime:
    return datetime.now(UTC)


def require_actor(uow: UnitOfWork, username: str) -> int:
    """The id of an active user called `username`, or UnknownUser."""
    user = uow.directory.user(username)
    if user is None or not user.active:
        raise UnknownUser(username)
    return user.id


def ensure_user(uow: UnitOfWork, username: str, display_name: str, role: str | None) -> int:
    """Create the user if missing (demo set-up and first run); returns the id."""
    user = uow.directory.user(username)
    if user is not None:
        return user.id
    return uow.directory.add_user(username, display_name, role, now_utc())
