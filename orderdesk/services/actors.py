"""Who is acting: every use case names a user, checks the permission it needs, and audits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.access import Permission, require
from ..domain.errors import UnknownUser
from .ports import AuditEntry
from .unit_of_work import UnitOfWork

SYSTEM_USER = "system"


@dataclass(frozen=True)
class Actor:
    id: int
    username: str
    display_name: str
    role: str | None


def now_utc() -> datetime:
    return datetime.now(UTC)


def require_actor(uow: UnitOfWork, username: str, permission: Permission | None = None) -> Actor:
    """The active user called `username`, allowed to do `permission`; else UnknownUser / NotAllowed."""
    user = uow.users.user(username)
    if user is None or not user.active:
        raise UnknownUser(username)
    if permission is not None:
        require(user.username, user.role, permission)
    return Actor(user.id, user.username, user.display_name, user.role)


def ensure_user(uow: UnitOfWork, username: str, display_name: str, role: str | None) -> int:
    """Create the user if missing (demo set-up); returns the id."""
    user = uow.users.user(username)
    if user is not None:
        return user.id
    return uow.users.add_user(username, display_name, role, now_utc())


def audit(uow: UnitOfWork, actor: Actor | int, action: str, object_type: str, object_id: str = "",
          **details: Any) -> None:  # fmt: skip
    """One append-only audit row, in the caller's transaction."""
    user_id = actor if isinstance(actor, int) else actor.id
    uow.audit.append([AuditEntry(now_utc(), user_id, action, object_type, object_id, details)])
