"""Users and their credentials, the audit log of everything that is not an order, and the secret vault."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..services.ports import AuditEntry, AuditFilter, AuditRecord, Credentials, UserRef
from .bulk import bulk_insert
from .models import AuditRow, Order, OrderEventRow, SecretBlob, User

USERS = User.__table__
AUDIT = AuditRow.__table__


def _ref(u: User) -> UserRef:
    return UserRef(u.id, u.username, u.display_name, u.role, u.active)


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def user(self, username: str) -> UserRef | None:
        u = self.session.scalars(select(User).where(User.username == username)).first()
        return _ref(u) if u else None

    def add_user(self, username: str, display_name: str, role: str | None, now: datetime) -> int:
        u = User(username=username, display_name=display_name, role=role, active=True, created_at=now,
                 failed_logins=0)  # fmt: skip
        self.session.add(u)
        self.session.flush()
        return u.id

    def credentials(self, username: str) -> Credentials | None:
        u = self.session.scalars(select(User).where(User.username == username)).first()
        return Credentials(_ref(u), u.password_hash, u.failed_logins or 0, u.locked_until) if u else None

    def by_badge(self, badge_hash: str) -> UserRef | None:
        u = self.session.scalars(select(User).where(User.badge_hash == badge_hash)).first()
        return _ref(u) if u else None

    def all_users(self) -> list[UserRef]:
        return [_ref(u) for u in self.session.scalars(select(User).order_by(User.username))]

    def count_login_users(self) -> int:
        return int(self.session.scalar(select(func.count()).where(USERS.c.password_hash.is_not(None))) or 0)

    def count_active_admins(self) -> int:
        stmt = select(func.count()).where(USERS.c.role == "admin", USERS.c.active.is_(True),
                                          USERS.c.password_hash.is_not(None))  # fmt: skip
        return int(self.session.scalar(stmt) or 0)

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        self._set(user_id, password_hash=password_hash, failed_logins=0, locked_until=None)

    def set_badge_hash(self, user_id: int, badge_hash: str) -> None:
        self._set(user_id, badge_hash=badge_hash)

    def set_active(self, user_id: int, active: bool) -> None:
        self._set(user_id, active=active)

    def record_login(self, user_id: int, failed_logins: int, locked_until: datetime | None,
                     logged_in_at: datetime | None) -> None:  # fmt: skip
        values: dict[str, object] = {"failed_logins": failed_logins, "locked_until": locked_until}
        if logged_in_at is not None:
            values["last_login_at"] = logged_in_at
        self._set(user_id, **values)

    def count_failure(self, user_id: int) -> int:
        """Add one failed log-in atomically (stations may fail at the same moment); returns the new count."""
        stmt = (
            update(USERS)
            .where(USERS.c.id == user_id)
            .values(failed_logins=USERS.c.failed_logins + 1)
            .returning(USERS.c.failed_logins)
        )
        return int(self.session.execute(stmt).scalar_one())

    def _set(self, user_id: int, **values: object) -> None:
        self.session.execute(update(USERS).where(USERS.c.id == user_id).values(**values))


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(self, entries: Sequence[AuditEntry]) -> None:
        bulk_insert(self.session, AUDIT, [
            {"at": e.at, "user_id": e.user_id, "action": e.action, "object_type": e.object_type,
             "object_id": e.object_id, "details": e.details}
            for e in entries
        ])  # fmt: skip

    def query(self, flt: AuditFilter, limit: int | None = None) -> list[AuditRecord]:
        stmt = select(AUDIT, User.username).join(User, User.id == AUDIT.c.user_id).order_by(AUDIT.c.at, AUDIT.c.id)
        if flt.since:
            stmt = stmt.where(AUDIT.c.at >= flt.since)
        if flt.until:
            stmt = stmt.where(AUDIT.c.at < flt.until)
        if flt.username:
            stmt = stmt.where(User.username == flt.username)
        if flt.object_type:
            stmt = stmt.where(AUDIT.c.object_type == flt.object_type)
        if flt.object_id:
            stmt = stmt.where(AUDIT.c.object_id == flt.object_id)
        if limit:
            stmt = stmt.limit(limit)
        return [
            AuditRecord(r.id, r.at, r.username, r.action, r.object_type, r.object_id, dict(r.details or {}))
            for r in self.session.execute(stmt)
        ]

    def order_events(self, flt: AuditFilter, limit: int | None = None) -> list[AuditRecord]:
        """Order timelines in the same shape, so one export and one viewer cover both logs."""
        E, O = OrderEventRow.__table__, Order.__table__
        stmt = (
            select(E, User.username, O.c.order_no)
            .join(User, User.id == E.c.user_id)
            .join(O, O.c.id == E.c.order_id)
            .order_by(E.c.at, E.c.id)
        )
        if flt.since:
            stmt = stmt.where(E.c.at >= flt.since)
        if flt.until:
            stmt = stmt.where(E.c.at < flt.until)
        if flt.username:
            stmt = stmt.where(User.username == flt.username)
        if flt.object_type and flt.object_type != "order":
            return []
        if flt.object_id:
            stmt = stmt.where(O.c.order_no == flt.object_id)
        if limit:
            stmt = stmt.limit(limit)
        out = []
        for r in self.session.execute(stmt):
            details = dict(r.details or {})
            if r.from_status or r.to_status:
                details.update({"from": r.from_status, "to": r.to_status})
            if r.reason:
                details["reason"] = r.reason
            out.append(AuditRecord(r.id, r.at, r.username, f"order.{r.kind.lower()}", "order", r.order_no, details))
        return out


class SecretVaultRepository:
    """The database side of the encrypted secret store: ciphertext only, keyed by reference."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def load(self, ref: str) -> bytes | None:
        row = self.session.get(SecretBlob, ref)
        return bytes(row.blob) if row else None

    def save(self, ref: str, blob: bytes) -> None:
        row = self.session.get(SecretBlob, ref)
        if row is None:
            self.session.add(SecretBlob(ref=ref, blob=blob, updated_at=datetime.now(UTC)))
        else:
            row.blob, row.updated_at = blob, datetime.now(UTC)
        self.session.flush()

    def remove(self, ref: str) -> None:
        row = self.session.get(SecretBlob, ref)
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def __repr__(self) -> str:
        return "SecretVaultRepository()"
