"""The warehouse's task inbox: parcels to pull back, courier intercepts, returns expected, refund
alerts and unknown returned parcels. Tasks are done by scanning (an unknown parcel by matching it
to its order at the returns desk).

`pull_back` is the scan of a parcel taken out of the outgoing pile: its units come back on hand
(the refunded ones frozen while the refund is open, the rest reserved for the order again) and the
parcel is to be packed again should the refund be withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.access import Permission
from ..domain.errors import DomainError
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent
from ..domain.refunds import OPEN, RefundRefused, RefundStep, TaskItem, TaskKind
from ..domain.status import OrderStatus as S
from .actors import Actor, audit, now_utc, require_actor
from .ports import AuditEntry, Movement
from .refunds import _Order, _fully_refunded
from .unit_of_work import UnitOfWork, UowFactory

REFUSED = "task.refused"


@dataclass(frozen=True)
class TaskVerdict:
    """What a task scan did: ok, or refused with the reason in both languages."""

    ok: bool
    code: str
    order_no: str = ""
    message_zh: str = ""
    message_en: str = ""
    returned: tuple[tuple[str, int], ...] = ()

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"ok": self.ok, "scan": self.code, "order": self.order_no, "message": self.message(lang),
                "returned": [list(x) for x in self.returned]}  # fmt: skip


def task_inbox(make_uow: UowFactory, actor: str, warehouse: str) -> list[TaskItem]:
    """The warehouse's open tasks, oldest first within each kind."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.refunds.inbox(_warehouse(uow, warehouse)[0])


def inbox_count(make_uow: UowFactory, actor: str, warehouse: str | None = None) -> int:
    """How many tasks wait (in one warehouse, or in all): the number beside the navigation entry."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.refunds.inbox_count(_warehouse(uow, warehouse)[0] if warehouse else None)


def pull_back(make_uow: UowFactory, actor: str, warehouse: str, code: str) -> TaskVerdict:
    """The scan of a parcel pulled out of the outgoing pile; a parcel not on the list is refused."""
    scan = code.strip()[:80]
    try:
        with make_uow(write=True) as uow:
            who = require_actor(uow, actor, Permission.RECEIVE_RETURNS)
            wh_id, wh_code = _warehouse(uow, warehouse)
            verdict = _pull_back(uow, who, wh_id, wh_code, scan)
            uow.commit()
            return verdict
    except RefundRefused as exc:
        _record_refusal(make_uow, actor, "pull_back", scan, exc)
        return TaskVerdict(False, scan, "", exc.reason("zh"), exc.reason("en"))


def courier_intercepted(make_uow: UowFactory, actor: str, warehouse: str, code: str) -> TaskVerdict:
    """The courier confirmed the intercept: the task is done (the goods are then awaited as a return)."""
    scan = code.strip()[:80]
    try:
        with make_uow(write=True) as uow:
            who = require_actor(uow, actor, Permission.RECEIVE_RETURNS)
            wh_id, _code = _warehouse(uow, warehouse)
            found = uow.refunds.open_task(wh_id, TaskKind.COURIER_INTERCEPT, scan)
            if found is None:
                raise _not_listed(scan, TaskKind.COURIER_INTERCEPT)
            task_id, order_id, _ship, waybill = found
            now = now_utc()
            uow.refunds.finish_task(task_id, who.id, now)
            uow.orders.append_events([OrderEventRecord(order_id, now, who.id, EventKind.REFUND, details={
                "action": "courier_intercepted", "waybill": waybill})])  # fmt: skip
            uow.commit()
            order_no = _order_no(uow, order_id)
    except RefundRefused as exc:
        _record_refusal(make_uow, actor, "courier_intercept", scan, exc)
        return TaskVerdict(False, scan, "", exc.reason("zh"), exc.reason("en"))
    return TaskVerdict(True, scan, order_no, f"✓ {order_no} 快递已拦截", f"✓ {order_no} intercepted by the courier")


def _pull_back(uow: UnitOfWork, who: Actor, wh_id: int, wh_code: str, scan: str) -> TaskVerdict:
    found = uow.refunds.open_task(wh_id, TaskKind.PULL_BACK, scan)
    if found is None:
        raise _not_listed(scan, TaskKind.PULL_BACK)
    task_id, order_id, shipment_id, waybill = found
    stored = uow.orders.get_for_update(_order_no(uow, order_id))
    assert stored is not None
    now = now_utc()
    order = _Order(uow, who, stored, now, "拦截取回 / pulled back")
    parcel = next(p for p in uow.refunds.parcels(order_id) if p.shipment_id == shipment_id)
    refunds = [r for r in uow.refunds.of_order(order_id) if r.step in OPEN or r.step is RefundStep.PAID]
    moves, holds = _back_on_hand(order_id, parcel, refunds)
    uow.stock.move(moves, who.id, now)
    for rec, hold in holds.items():
        mine = next(r for r in refunds if r.id == rec)
        uow.refunds.update(rec, now, hold=[list(h) for h in mine.hold] + [list(h) for h in hold])
    uow.refunds.unpack(shipment_id)
    uow.refunds.finish_task(task_id, who.id, now)
    if order.status is S.INTERCEPTED:
        order.set(S.INTERCEPTED, S.ALLOCATED)  # the parcel is opened: withdrawn, it is packed again
        if not any(r.step in OPEN for r in refunds) and _fully_refunded(uow, order_id, refunds):
            order.move(OrderEvent.CANCEL, "退款已完成 / refund paid")
    returned = tuple((m.sku, m.on_hand) for m in moves)
    uow.orders.append_events([OrderEventRecord(order_id, now, who.id, EventKind.REFUND, details={
        "action": "pulled_back", "waybill": waybill, "warehouse": wh_code, "returned": [list(x) for x in returned]})])
    audit(uow, who, "task.pull_back", "order", stored.order_no, waybill=waybill, warehouse=wh_code)
    return TaskVerdict(True, scan, stored.order_no, f"✓ {stored.order_no} 已取回，库存已退回",
                       f"✓ {stored.order_no} pulled back; stock returned", returned)  # fmt: skip


def _back_on_hand(order_id: int, parcel: Any, refunds: list) -> tuple[list[Movement], dict[int, list]]:
    """Every unit of the parcel back on hand: frozen for an open refund, free for a paid one,
    reserved again for the order otherwise."""
    open_left = [(r.id, {ln.line_id: ln.quantity for ln in r.lines}) for r in refunds if r.step in OPEN]
    paid_left: dict[int, int] = {}
    for r in refunds:
        if r.step is RefundStep.PAID:
            for ln in r.lines:
                paid_left[ln.line_id] = paid_left.get(ln.line_id, 0) + ln.quantity
    moves, holds = [], {}
    for line_id, sku, qty in parcel.lines:
        rest = qty
        for rid, left in open_left:
            take = min(rest, left.get(line_id, 0))
            if take:
                left[line_id] -= take
                rest -= take
                holds.setdefault(rid, []).append((sku, parcel.warehouse, take))
                moves.append(Movement(sku, parcel.warehouse, on_hand=take, frozen=take, reason="pull_back",
                                      order_id=order_id))  # fmt: skip
        free = min(rest, paid_left.get(line_id, 0))
        if free:
            paid_left[line_id] -= free
            rest -= free
            moves.append(Movement(sku, parcel.warehouse, on_hand=free, reason="pull_back", order_id=order_id))
        if rest:
            moves.append(Movement(sku, parcel.warehouse, on_hand=rest, reserved=rest, reason="pull_back",
                                  order_id=order_id))  # fmt: skip
    return moves, holds


def set_webhook(make_uow: UowFactory, actor: str, warehouse: str, url: str) -> None:
    """Where the warehouse's task notices go (a WeCom group-robot URL); "" switches them off."""
    url = url.strip()
    if url and not url.startswith(("http://", "https://")):
        raise DomainError(f"网址无效：{url[:60]}", f"Not a web address: {url[:60]}")
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_MASTER_DATA)
        wh_id, code = _warehouse(uow, warehouse)
        uow.refunds.set_webhook(wh_id, url, bool(url), now_utc())
        audit(uow, who, "warehouse.webhook", "warehouse", code, enabled=bool(url))
        uow.commit()


def _warehouse(uow: UnitOfWork, text: str) -> tuple[int, str]:
    found = uow.refunds.warehouse(text)
    if found is None:
        raise DomainError(f"没有仓库 {text.strip()[:40]}", f"No warehouse {text.strip()[:40]}")
    return found


def _order_no(uow: UnitOfWork, order_id: int) -> str:
    return uow.refunds.order_no_of(order_id)


def _not_listed(scan: str, kind: TaskKind) -> RefundRefused:
    return RefundRefused("not_listed", f"{scan} 不在本仓的「{kind.label('zh')}」清单上",
                         f"{scan} is not on this warehouse's {kind.label('en').lower()} list")  # fmt: skip


def _record_refusal(make_uow: UowFactory, actor: str, kind: str, scan: str, exc: RefundRefused) -> None:
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor)
        uow.audit.append([AuditEntry(now_utc(), who.id, REFUSED, "task", scan, {"kind": kind, "code": exc.code,
                                                                             "why": exc.reason("en")})])  # fmt: skip
        uow.commit()
