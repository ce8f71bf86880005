"""Order use cases: look orders up, and move one through its lifecycle with an audit entry."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..domain.access import Permission, allows
from ..domain.errors import DomainError, OrderNotFound
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent, transition
from ..domain.status import OrderStatus
from ..domain.model import mask_phone
from .actors import audit, now_utc, require_actor, require_permission
from .read_models import OrderDetail, OrderFilter, OrderRow
from .unit_of_work import UowFactory


class ConcurrentChange(DomainError):
    """Someone else changed the order between reading and writing it."""

    def __init__(self, order_no: str) -> None:
        super().__init__(f"订单 {order_no} 刚被其他工位修改，请重试", f"Order {order_no} was just changed elsewhere; try again")


EVENT_PERMISSION = {
    OrderEvent.ALLOCATE: Permission.ALLOCATE_ORDERS,
    OrderEvent.HOLD: Permission.ALLOCATE_ORDERS,
    OrderEvent.RELEASE: Permission.ALLOCATE_ORDERS,
    OrderEvent.DEALLOCATE: Permission.ALLOCATE_ORDERS,
    OrderEvent.PACK: Permission.PACK_ORDERS,
    OrderEvent.SHIP: Permission.SHIP_ORDERS,
    OrderEvent.SHIP_ELSEWHERE: Permission.SHIP_ORDERS,
    OrderEvent.DELIVER: Permission.SHIP_ORDERS,
    OrderEvent.REQUEST_REFUND: Permission.REQUEST_REFUND,
    OrderEvent.WITHDRAW_REFUND: Permission.REQUEST_REFUND,
    OrderEvent.CANCEL: Permission.CANCEL_ORDERS,
    OrderEvent.RECEIVE_RETURN: Permission.RECEIVE_RETURNS,
}


@dataclass(frozen=True)
class StatusChange:
    order_no: str
    from_status: OrderStatus
    to_status: OrderStatus


def change_status(make_uow: UowFactory, order_no: str, event: OrderEvent, actor: str,
                  reason: str = "") -> StatusChange:  # fmt: skip
    """Apply one lifecycle event to one order, writing its timeline entry in the same transaction."""
    with make_uow(write=True) as uow:
        user_id = require_actor(uow, actor, EVENT_PERMISSION[event]).id
        stored = uow.orders.get_for_update(order_no)
        if stored is None:
            raise OrderNotFound(order_no)
        step = transition(stored.state.status, event, stored.state.resume_status)
        now = now_utc()
        if not uow.orders.set_status(stored.id, stored.version, step.to_status, step.resume_status, now):
            raise ConcurrentChange(stored.order_no)
        uow.orders.append_events([
            OrderEventRecord(stored.id, now, user_id, EventKind.TRANSITION, step.from_status.value,
                             step.to_status.value, reason=reason, details={"event": event.value})
        ])  # fmt: skip
        uow.commit()
        return StatusChange(stored.order_no, step.from_status, step.to_status)


def list_orders(make_uow: UowFactory, actor: str, flt: OrderFilter, limit: int = 200,
                after: tuple | None = None, reveal: bool = False) -> list[OrderRow]:  # fmt: skip
    """A page of orders. Phones come masked unless `reveal` and the role may see them (a revealing
    read is written to the audit log); a phone the user typed as the search is shown as typed."""
    with make_uow() as uow:
        who = require_actor(uow, actor, Permission.VIEW_ORDERS)
        rows = uow.queries.page(flt, limit=limit, after=after)
    if reveal and allows(who.role, Permission.VIEW_PII):
        if rows:
            _audit_reveal(make_uow, who.id, "orders", "", count=len(rows), filter=_filter_text(flt))
        return rows
    typed = {t.strip() for t in (flt.phone, flt.search) if t}
    return [r if r.receiver_phone in typed else mask_row(r) for r in rows]


def count_orders(make_uow: UowFactory, actor: str, flt: OrderFilter) -> int:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.queries.count(flt)


def order_detail(make_uow: UowFactory, actor: str, order_no: str, reveal: bool = False) -> OrderDetail:
    """One order in full. Phone and street come masked unless `reveal` and the role may see them;
    every reveal is written to the audit log."""
    with make_uow() as uow:
        who = require_actor(uow, actor, Permission.VIEW_ORDERS)
        if reveal:
            require_permission(uow, who, Permission.VIEW_PII)
        detail = uow.queries.detail(order_no)
    if detail is None:
        raise OrderNotFound(order_no)
    if not reveal:
        return mask_detail(detail)
    _audit_reveal(make_uow, who.id, "order", detail.row.order_no)
    return detail


def may_reveal(make_uow: UowFactory, actor: str) -> bool:
    """Whether `actor`'s role may see full phones and addresses (the GUI shows a reveal button)."""
    with make_uow() as uow:
        return allows(require_actor(uow, actor).role, Permission.VIEW_PII)


def mask_row(r: OrderRow) -> OrderRow:
    return replace(r, receiver_phone=mask_phone(r.receiver_phone))


def mask_detail(d: OrderDetail) -> OrderDetail:
    hidden = "****" if (d.street or d.address_detail) else ""
    return replace(d, row=mask_row(d.row), street=hidden, address_detail="")


def _audit_reveal(make_uow: UowFactory, user_id: int, object_type: str, object_id: str, **details: object) -> None:
    with make_uow(write=True) as uow:
        audit(uow, user_id, "pii.revealed", object_type, object_id, **details)
        uow.commit()


def _filter_text(flt: OrderFilter) -> str:
    return ", ".join(f"{k}={v}" for k, v in vars(flt).items() if v)
