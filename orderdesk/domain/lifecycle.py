"""The order lifecycle as a pure state machine.

PAID -> ALLOCATED -> PACKED -> SHIPPED -> DELIVERED is the happy path. A refund request stops an
unshipped order (INTERCEPTED) or opens an after-sale on a shipped one (REFUND_REQUESTED); a
withdrawn request puts the order back where it was, so the machine remembers a `resume` status.

Some steps also need a fact the status does not hold: an intercepted order whose parcel had already
left the warehouse (handed to the courier before the refund arrived) comes back as a return, while
one whose parcel never left is pulled back from the outgoing pile instead (`parcel_left`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import InvalidTransition
from .status import OrderStatus as S


class OrderEvent(StrEnum):
    ALLOCATE = "ALLOCATE"
    HOLD = "HOLD"
    RELEASE = "RELEASE"
    DEALLOCATE = "DEALLOCATE"
    PACK = "PACK"
    SHIP = "SHIP"
    SHIP_ELSEWHERE = "SHIP_ELSEWHERE"
    DELIVER = "DELIVER"
    REQUEST_REFUND = "REQUEST_REFUND"
    WITHDRAW_REFUND = "WITHDRAW_REFUND"
    CANCEL = "CANCEL"
    RECEIVE_RETURN = "RECEIVE_RETURN"


# (event, from) -> to. WITHDRAW_REFUND is special: it goes back to the remembered status.
_TABLE: dict[OrderEvent, dict[S, S]] = {
    OrderEvent.ALLOCATE: {S.PAID: S.ALLOCATED},
    OrderEvent.HOLD: {S.PAID: S.ON_HOLD},
    OrderEvent.RELEASE: {S.ON_HOLD: S.PAID},
    OrderEvent.DEALLOCATE: {S.ALLOCATED: S.PAID},
    OrderEvent.PACK: {S.ALLOCATED: S.PACKED},
    OrderEvent.SHIP: {S.PACKED: S.SHIPPED},
    # The seller shipped from the platform's back-end, outside the hub: nobody may pack it again.
    OrderEvent.SHIP_ELSEWHERE: {S.PAID: S.SHIPPED, S.ON_HOLD: S.SHIPPED, S.ALLOCATED: S.SHIPPED},
    OrderEvent.DELIVER: {S.SHIPPED: S.DELIVERED},
    OrderEvent.REQUEST_REFUND: {
        S.PAID: S.INTERCEPTED,
        S.ON_HOLD: S.INTERCEPTED,
        S.ALLOCATED: S.INTERCEPTED,
        S.PACKED: S.INTERCEPTED,
        S.SHIPPED: S.REFUND_REQUESTED,
        S.DELIVERED: S.REFUND_REQUESTED,
    },
    OrderEvent.WITHDRAW_REFUND: {S.INTERCEPTED: S.INTERCEPTED, S.REFUND_REQUESTED: S.REFUND_REQUESTED},
    OrderEvent.CANCEL: {
        S.PAID: S.CANCELLED,
        S.ON_HOLD: S.CANCELLED,
        S.ALLOCATED: S.CANCELLED,
        S.INTERCEPTED: S.CANCELLED,
    },
    OrderEvent.RECEIVE_RETURN: {
        S.SHIPPED: S.RETURNED,
        S.DELIVERED: S.RETURNED,
        S.REFUND_REQUESTED: S.RETURNED,
    },
}

# Steps allowed only when the order's parcel had left the warehouse (handed over to its courier).
_LEFT_ONLY: dict[OrderEvent, dict[S, S]] = {
    OrderEvent.RECEIVE_RETURN: {S.INTERCEPTED: S.RETURNED},
}

TERMINAL = frozenset({S.CANCELLED, S.RETURNED})
UNSHIPPED = frozenset({S.PAID, S.ON_HOLD, S.ALLOCATED, S.PACKED})

_ACTION_ZH = {
    OrderEvent.ALLOCATE: "分仓",
    OrderEvent.HOLD: "挂起审核",
    OrderEvent.RELEASE: "释放审核",
    OrderEvent.DEALLOCATE: "取消分仓",
    OrderEvent.PACK: "打包",
    OrderEvent.SHIP: "发货",
    OrderEvent.SHIP_ELSEWHERE: "标记为平台已发货",
    OrderEvent.DELIVER: "签收",
    OrderEvent.REQUEST_REFUND: "申请退款",
    OrderEvent.WITHDRAW_REFUND: "撤销退款",
    OrderEvent.CANCEL: "取消",
    OrderEvent.RECEIVE_RETURN: "退货入库",
}

_ACTION_EN = {
    OrderEvent.ALLOCATE: "be allocated",
    OrderEvent.HOLD: "be put on hold",
    OrderEvent.RELEASE: "be released from hold",
    OrderEvent.DEALLOCATE: "be de-allocated",
    OrderEvent.PACK: "be packed",
    OrderEvent.SHIP: "be shipped",
    OrderEvent.SHIP_ELSEWHERE: "be marked shipped on the platform",
    OrderEvent.DELIVER: "be marked delivered",
    OrderEvent.REQUEST_REFUND: "get a refund request",
    OrderEvent.WITHDRAW_REFUND: "have a refund withdrawn",
    OrderEvent.CANCEL: "be cancelled",
    OrderEvent.RECEIVE_RETURN: "be checked in as a return",
}


@dataclass(frozen=True)
class Transition:
    """One legal step: where the order was, where it goes, and what it will resume to."""

    event: OrderEvent
    from_status: S
    to_status: S
    resume_status: S | None


def allowed_events(status: S, parcel_left: bool = False) -> frozenset[OrderEvent]:
    return frozenset(e for e in OrderEvent if status in _moves(e, parcel_left))


def _moves(event: OrderEvent, parcel_left: bool) -> dict[S, S]:
    extra = _LEFT_ONLY.get(event) if parcel_left else None
    return _TABLE[event] | extra if extra else _TABLE[event]


def transition(status: S, event: OrderEvent, resume: S | None = None, *,
               parcel_left: bool = False) -> Transition:  # fmt: skip
    """Return the step `event` makes from `status`, or raise InvalidTransition saying why not.

    Args:
        parcel_left: the order's parcel had left the warehouse (handed over to its courier); an
            intercepted order may then be checked in as a return.
    """
    moves = _moves(event, parcel_left)
    if status not in moves:
        raise _refusal(status, event)
    if event is OrderEvent.WITHDRAW_REFUND:
        if resume is None:
            raise _refusal(status, event)
        return Transition(event, status, resume, None)
    target = moves[status]
    if event is OrderEvent.REQUEST_REFUND:
        return Transition(event, status, target, status)
    keep = resume if target in (S.INTERCEPTED, S.REFUND_REQUESTED) else None
    return Transition(event, status, target, keep)


def _refusal(status: S, event: OrderEvent) -> InvalidTransition:
    if event is OrderEvent.PACK and status is S.INTERCEPTED:
        zh, en = "退款订单，已拦截，不能打包", "Refund requested: order is intercepted and cannot be packed"
    elif event is OrderEvent.PACK and status is S.CANCELLED:
        zh, en = "订单已取消，不能打包", "Order is cancelled and cannot be packed"
    elif event is OrderEvent.PACK and status in (S.PACKED, S.SHIPPED, S.DELIVERED):
        zh, en = "订单已打包，请勿重复打包", "Order is already packed"
    elif event is OrderEvent.RECEIVE_RETURN and status is S.INTERCEPTED:
        zh = "订单已拦截、包裹未离开仓库，请在任务中取回，不能退货入库"
        en = ("Order is intercepted and its parcel never left the warehouse: "
              "pull it back, it cannot be checked in")
    elif status in TERMINAL:
        zh = f"订单已{status.zh.removeprefix('已')}，不能再{_ACTION_ZH[event]}"
        en = f"Order is {status.en.lower()} and can no longer {_ACTION_EN[event]}"
    else:
        zh = f"订单状态为「{status.zh}」，不能{_ACTION_ZH[event]}"
        en = f"An order that is {status.en.lower()} cannot {_ACTION_EN[event]}"
    return InvalidTransition(zh, en, status=status.value, event=event.value)
