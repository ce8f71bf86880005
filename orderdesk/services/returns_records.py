"""Returned parcels as records: what a check-in does to stock, the order and its timeline (shared by
the returns desk and by matching an unknown parcel), matching an unknown parcel to its order, and
the lists (today's check-ins, unknown parcels) the GUI, the CLI and the task inbox read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.access import Permission
from ..domain.errors import DomainError
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent, transition
from ..domain.returns import Condition, Counted, ReturnOutcome, ReturnRefusal, ReturnSession, check_returnable
from ..domain.status import OrderStatus as S
from .actors import Actor, audit, now_utc, require_actor
from .ports import AuditEntry, Movement, StoredOrder
from .quarantine import quarantine_returned
from .refunds import note_return_received
from .returns_ports import ReturnRecord
from .unit_of_work import UnitOfWork, UowFactory


@dataclass(frozen=True)
class CheckedIn:
    """What a finished check-in did: its record, the order's status now, how far the return came."""

    return_id: int
    order_no: str
    status: S
    outcome: ReturnOutcome
    no_refund_request: bool


def parcel_left(uow: UnitOfWork, order_id: int, status: S) -> bool:
    """An intercepted order whose parcel was handed over before the refund came: it comes back as a
    return (one that never left is pulled back through the task inbox instead)."""
    return status is S.INTERCEPTED and uow.returns.parcel_left(order_id)


def returnable(uow: UnitOfWork, order_id: int, status: S, order_no: str) -> bool:
    """`check_returnable` with the facts it needs read here: True when no refund was requested."""
    return check_returnable(status, order_no, parcel_left(uow, order_id, status))


def apply_check_in(uow: UnitOfWork, who: Actor, stored: StoredOrder, session: ReturnSession, warehouse: str,
                   return_id: int, parcel_code: str, no_refund_request: bool, station: str,
                   unknown_parcel: int | None = None) -> CheckedIn:  # fmt: skip
    """Everything a checked-in parcel changes, inside the caller's transaction: resellable units back
    on the shelf, damaged ones into quarantine (each a stock-ledger row), the RETURN_RECEIVED entry on
    the timeline, the order RETURNED when nothing it shipped is still out, the refunds awaiting these
    goods no longer "returns expected" once every unit they cover is back, and the audit row."""
    now, status = now_utc(), stored.state.status
    outcome = session.outcome()
    counts = session.by_condition()
    uow.stock.move([Movement(sku, warehouse, on_hand=q, reason="return", order_id=stored.id,
                             note=f"return #{return_id}") for (sku, c), q in counts.items()
                    if c is Condition.RESELLABLE], who.id, now)  # fmt: skip
    for c in session.counted:
        if c.condition is Condition.DAMAGED:
            quarantine_returned(uow, who, c.sku, warehouse, c.quantity, c.reason, stored.id)
    lines = session.summary()
    to_status = S.RETURNED if outcome is ReturnOutcome.RETURNED else status
    details = {"return_id": return_id, "warehouse": warehouse, "parcel": parcel_code, "lines": lines,
               "outcome": outcome.value, "no_refund_request": no_refund_request, "station": station}  # fmt: skip
    if unknown_parcel is not None:
        details["unknown_parcel"] = unknown_parcel
    events = [OrderEventRecord(stored.id, now, who.id, EventKind.RETURN_RECEIVED, status.value, to_status.value,
                               reason="no refund request" if no_refund_request else "", details=details)]  # fmt: skip
    if outcome is ReturnOutcome.RETURNED:
        step = transition(status, OrderEvent.RECEIVE_RETURN, stored.state.resume_status,
                          parcel_left=parcel_left(uow, stored.id, status))
        if not uow.orders.set_status(stored.id, stored.version, step.to_status, step.resume_status, now):
            raise ReturnRefusal("changed", f"订单 {stored.order_no} 刚被修改，请重新入库",
                                f"Order {stored.order_no} just changed; check the parcel in again", stored.order_no)  # fmt: skip
        events.append(OrderEventRecord(stored.id, now, who.id, EventKind.TRANSITION, step.from_status.value,
                                       step.to_status.value, reason=f"return #{return_id}",
                                       details={"event": OrderEvent.RECEIVE_RETURN.value}))  # fmt: skip
    uow.orders.append_events(events)
    if _refunded_goods_back(uow, stored.id, session):
        note_return_received(uow, stored.id, who.id, now)
    audit(uow, who, "returns.checkin", "order", stored.order_no, return_id=return_id, outcome=outcome.value,
          lines=lines, no_refund_request=no_refund_request, warehouse=warehouse, station=station,
          unknown_parcel=unknown_parcel)  # fmt: skip
    return CheckedIn(return_id, stored.order_no, to_status, outcome, no_refund_request)


def _refunded_goods_back(uow: UnitOfWork, order_id: int, session: ReturnSession) -> bool:
    """Is every unit the order's awaited refunds cover back in the warehouse (this parcel and the
    ones checked in before)? A split order's first parcel leaves the refund awaited."""
    awaited = uow.refunds.awaiting_return(order_id)
    if not awaited:
        return False
    back = {li.sku: li.returned_before for li in session.lines}
    for (sku, condition), qty in session.by_condition().items():
        if condition.received:
            back[sku] = back.get(sku, 0) + qty
    wanted: dict[str, int] = {}
    for r in awaited:
        for ln in r.lines:
            wanted[ln.sku] = wanted.get(ln.sku, 0) + ln.quantity
    return all(back.get(sku, 0) >= qty for sku, qty in wanted.items())


def rebuild(order_no: str, expected: list, counted: list[Counted]) -> ReturnSession:  # noqa: ANN001
    """The counted items checked again against the order as it stands now (under its lock)."""
    session = ReturnSession(order_no, tuple(expected))
    for c in counted:
        session.add(c)
    return session


def match_unknown(make_uow: UowFactory, actor: str, return_id: int, order_code: str,
                  station: str = "") -> CheckedIn:  # fmt: skip
    """A person found which order an unknown parcel belongs to: check its items in against that order,
    in one transaction. A refusal (an item the order never had, too many, an order that never
    shipped, a parcel matched already) changes nothing and is audited with who, what and why."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.RECEIVE_RETURNS)
        try:
            result = _match(uow, who, return_id, order_code.strip(), station)
        except DomainError as exc:
            uow.rollback()
            uow.keep_refusal(AuditEntry(now_utc(), who.id, "returns.match.refused", "return", str(return_id),
                                        {"order": order_code[:80], "why": exc.en,
                                         "code": getattr(exc, "code", "")}))  # fmt: skip
            raise
        uow.commit()
        return result


def _match(uow: UnitOfWork, who: Actor, return_id: int, order_code: str, station: str) -> CheckedIn:
    parcel = uow.returns.unknown(return_id, lock=True)
    if parcel is None:
        raise ReturnRefusal("not_found", f"没有编号为 {return_id} 的未知包裹", f"No unknown parcel #{return_id}")
    if parcel.state != "UNKNOWN":
        raise ReturnRefusal("already_matched", f"未知包裹 #{return_id} 已匹配订单 {parcel.order_no}",
                            f"Unknown parcel #{return_id} was already matched to {parcel.order_no}", parcel.order_no)  # fmt: skip
    ref = uow.packing.order_by_code(order_code)
    stored = uow.orders.get_for_update(ref.order_no) if ref is not None else None
    if stored is None:
        raise ReturnRefusal("no_order", f"找不到订单：{order_code}", f"No order found for: {order_code}")
    no_refund = returnable(uow, stored.id, stored.state.status, stored.order_no)
    counted = [Counted(li["sku"], int(li["quantity"]), Condition(li["condition"]), li["reason"]) for li in parcel.lines]
    session = rebuild(stored.order_no, uow.returns.expected(stored.id), counted)
    outcome = session.outcome()
    if not uow.returns.match(return_id, stored.id, outcome.value, no_refund, who.id, now_utc()):
        raise ReturnRefusal("already_matched", f"未知包裹 #{return_id} 刚被匹配", f"Unknown parcel #{return_id} was just matched")
    return apply_check_in(uow, who, stored, session, parcel.warehouse, return_id, parcel.parcel_code, no_refund,
                          station or parcel.station, unknown_parcel=return_id)  # fmt: skip


def list_returns(make_uow: UowFactory, actor: str, warehouse: str | None = None, since: datetime | None = None,
                 until: datetime | None = None, state: str | None = None, limit: int = 500) -> list[ReturnRecord]:  # fmt: skip
    """Returned parcels, newest first: checked in (DONE) and unknown ones (UNKNOWN), filtered."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.returns.records(warehouse, since, until, state, limit)


def unknown_parcels(make_uow: UowFactory, actor: str, warehouse: str | None = None) -> list[ReturnRecord]:
    """Parcels that matched no order and wait for a person to match them (the task inbox lists these)."""
    return list_returns(make_uow, actor, warehouse, state="UNKNOWN")
