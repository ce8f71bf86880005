"""Who is acting: every use case names a user, checks the permission it needs, and audits.

This is the one place permissions are checked, so it is also where a refusal is audited: the entry is
kept on the unit of work, which writes it after the refused use case has rolled back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..domain.access import NotAllowed, Permission, require
from ..domain.errors import UnknownUser
from .ports import AuditEntry
from .unit_of_work import UnitOfWork

SYSTEM_USER = "system"
REFUSED = "access.refused"  # audit action of a refused permission check; its object is the permission

_SERVICES = "orderdesk.services."
_command: ContextVar[str] = ContextVar("orderdesk_command", default="")


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
    who = Actor(user.id, user.username, user.display_name, user.role)
    if permission is not None:
        require_permission(uow, who, permission)
    return who


def require_permission(uow: UnitOfWork, who: Actor, permission: Permission, **context: Any) -> None:
    """`require`, with a refusal audited (who, when, the permission, the use case, `context`), so a
    refused attempt leaves a trace although the use case's own transaction rolls back."""
    try:
        require(who.username, who.role, permission)
    except NotAllowed:
        uow.keep_refusal(refusal_entry(who, permission, **context))
        raise


def refusal_entry(who: Actor, permission: Permission, **context: Any) -> AuditEntry:
    """The audit entry of a refused attempt; `context` says what else is known (station, reason…)."""
    details = {"role": who.role, "use_case": _use_case(), **context}
    if _command.get():
        details["command"] = _command.get()
    return AuditEntry(now_utc(), who.id, REFUSED, "permission", permission.value, details)


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


@contextmanager
def acting_through(command: str) -> Iterator[None]:
    """Name what the user asked for (e.g. the CLI's `user add`), for the audit of a refusal."""
    token = _command.set(command)
    try:
        yield
    finally:
        _command.reset(token)


def _use_case() -> str:
    """The use case that asked for the permission, e.g. `users.add_user`: the first public function
    up the stack in the service layer, past this module and private helpers (else the last of these)."""
    frame, found = sys._getframe(1), ""
    while frame is not None and str(frame.f_globals.get("__name__")).startswith(_SERVICES):
        module = str(frame.f_globals["__name__"])
        if module != __name__:
            found = f"{module.removeprefix(_SERVICES)}.{frame.f_code.co_qualname}"
            if not frame.f_code.co_name.startswith(("_", "<")):
                break
        frame = frame.f_back
    return found
