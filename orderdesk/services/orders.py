"""Order use cases: look orders up, and move one through its lifecycle with an audit entry."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import DomainError, OrderNotFound
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent, transition
from ..domain.status import OrderStatus
from .actors import now_utc, require_actor
from .read_models import OrderDetail, OrderFilter, OrderRow
from .unit_of_work import UowFactory


class ConcurrentChange(DomainError):
    """Someone else changed the order between reading and writing it."""

    def __init__(self, order_no: str) -> None:
        super().__init__(f"订单 {order_no} 刚被其他工位修改，请重试", f"Order {order_no} was just changed elsewhere; try again")


@dataclass(frozen=True)
class StatusChange:
    order_no: str
    from_status: OrderStatus
    to_status: OrderStatus


def change_status(make_uow: UowFactory, order_no: str, event: OrderEvent, actor: str,
                  reason: str = "") -> StatusChange:  # fmt: skip
    """Apply one lifecycle event to one order, writing its timeline entry in the same transaction."""
    with make_uow(write=True) as uow:
        user_id = require_actor(uow, actor)
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


def list_orders(make_uow: UowFactory, flt: OrderFilter, limit: int = 200,
                after: tuple | None = None) -> list[OrderRow]:  # fmt: skip
    with make_uow() as uow:
        return uow.queries.page(flt, limit=limit, after=after)


def count_orders(make_uow: UowFactory, flt: OrderFilter) -> int:
    with make_uow() as uow:
        return uow.queries.count(flt)


def order_detail(make_uow: UowFactory, order_no: str) -> OrderDetail:
    with make_uow() as uow:
        detail = uow.queries.detail(order_no)
    if detail is None:
        raise OrderNotFound(order_no)
    return detail
