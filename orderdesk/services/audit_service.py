"""Reading the audit trail: the general audit log and every order's timeline, as one list."""

from __future__ import annotations

from ..domain.access import Permission
from .actors import audit, require_actor
from .ports import AuditFilter, AuditRecord
from .unit_of_work import UowFactory

VIEW_LIMIT = 5000


def audit_trail(make_uow: UowFactory, actor: str, flt: AuditFilter, limit: int | None = VIEW_LIMIT,
                include_orders: bool = True) -> list[AuditRecord]:  # fmt: skip
    """Entries matching `flt`, oldest first; order events are included unless asked not to."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_AUDIT)
        rows = uow.audit.query(flt, limit)
        if include_orders:
            rows += uow.audit.order_events(flt, limit)
    rows.sort(key=lambda r: (r.at, r.object_type, r.id))
    return rows[:limit] if limit else rows


def record_export(make_uow: UowFactory, actor: str, what: str, rows: int, target: str) -> None:
    """Exports of audit or finance data are themselves audited."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.VIEW_AUDIT)
        audit(uow, who, "export", what, target, rows=rows)
        uow.commit()
