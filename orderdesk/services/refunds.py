"""Refund use cases: a refund from customer service or a platform, followed by where the order is.

Paths (domain.refunds.choose_path): an unpacked order is intercepted and the refunded units'
reservation frozen; a packed parcel not handed over is intercepted and put on its warehouse's
pull-back list (the stock comes back when a person scans it out of the outgoing pile); a parcel
with the courier is awaited as a return (with a courier-intercept task when it just left, or when
asked). Withdrawn or rejected lets go of whatever the refund held; "refund paid" releases the
frozen units and issues the red credit note in the same transaction. A platform state word we do
not know is kept as delivered, shown and alerted, and changes nothing else.

Every step is an event on the order's timeline (kind REFUND, plus the lifecycle's TRANSITIONs); a
refused refund changes nothing and leaves an audit row saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..domain.access import Permission
from ..domain.credit_notes import LineRequest
from ..domain.errors import DomainError, InvalidTransition, OrderNotFound
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent, transition
from ..domain.model import Channel
from ..domain.refunds import (
    OPEN, RELEASING, PlatformRefund, RefundPath, RefundRecord, RefundRefused, RefundStep, TaskKind, choose_path,
    map_platform_state, refund_lines, unknown_state_message,
)  # fmt: skip
from ..domain.status import OrderStatus as S
from .actors import Actor, audit, now_utc, require_actor
from .ports import AuditEntry, Movement, StoredOrder
from .unit_of_work import UnitOfWork, UowFactory

REFUSED = "refund.refused"
_OPEN_STATUSES = (S.INTERCEPTED, S.REFUND_REQUESTED)


@dataclass(frozen=True)
class RefundOutcome:
    """What one refund step did to its order."""

    order_no: str
    refund: str
    step: RefundStep
    raw_state: str
    path: str
    from_status: S
    to_status: S
    credit_note: str | None = None
    alert: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"order": self.order_no, "refund": self.refund, "step": self.step.value, "raw_state": self.raw_state,
                "path": self.path, "from": self.from_status.value, "to": self.to_status.value,
                "credit_note": self.credit_note, "alert": self.alert}  # fmt: skip


class _Order:
    """The order a refund acts on, kept current as the refund moves it (status, resume, version)."""

    def __init__(self, uow: UnitOfWork, who: Actor, stored: StoredOrder, now: datetime, reason: str) -> None:
        self.uow, self.who, self.now, self.reason = uow, who, now, reason
        self.id, self.order_no, self.version = stored.id, stored.order_no, stored.version
        self.status, self.resume = stored.state.status, stored.state.resume_status
        self.first = self.status

    def move(self, event: OrderEvent, why: str = "") -> bool:
        try:
            step = transition(self.status, event, self.resume)
        except InvalidTransition:
            return False
        self.set(step.to_status, step.resume_status, why, event)
        return True

    def set(self, status: S, resume: S | None, why: str = "", event: OrderEvent | None = None) -> None:
        if not self.uow.orders.set_status(self.id, self.version, status, resume, self.now):
            raise DomainError(f"订单 {self.order_no} 刚被其他工位修改，请重试", f"Order {self.order_no} was just changed elsewhere; try again")
        self.version += 1
        if status is not self.status:
            details = {"event": event.value} if event else {}
            self.uow.orders.append_events([OrderEventRecord(self.id, self.now, self.who.id, EventKind.TRANSITION,
                                                            self.status.value, status.value, why or self.reason,
                                                            details)])  # fmt: skip
        self.status, self.resume = status, resume

    def note(self, rec: RefundRecord, action: str, **details: Any) -> None:
        facts = {"refund": rec.ref, "action": action, "step": rec.step.value, "raw": rec.raw_state,
                 "path": rec.path, "lines": [[ln.sku, ln.quantity] for ln in rec.lines]} | details  # fmt: skip
        self.uow.orders.append_events([OrderEventRecord(self.id, self.now, self.who.id, EventKind.REFUND,
                                                        reason=self.reason, details=facts)])  # fmt: skip


# -- customer service -------------------------------------------------------------------------------


def request_refund(make_uow: UowFactory, actor: str, order_no: str, lines: Sequence[tuple[str, int]] = (),
                   reason: str = "", *, returns_goods: bool = True, courier_intercept: bool = False) -> RefundOutcome:  # fmt: skip
    """Customer service registers a buyer's refund (all lines, or `lines` as (SKU, qty)): one transaction."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.REQUEST_REFUND)
        now = now_utc()
        asked = {"lines": [list(x) for x in lines], "reason": reason.strip()}
        with _refusals_recorded(uow, who, order_no, asked, now):
            if not reason.strip():
                raise RefundRefused("no_reason", "请填写退款原因", "A reason is required")
            stored = _order(uow, order_no)
            ref = f"CS-{uow.refunds.count_of(stored.id) + 1}"
            out = apply_refund(uow, who, stored, ref, "service", "", RefundStep.REQUESTED, lines, reason.strip(), now,
                               returns_goods=returns_goods, courier_intercept=courier_intercept)  # fmt: skip
        uow.commit()
        return out


def move_refund(make_uow: UowFactory, actor: str, order_no: str, step: RefundStep, reason: str = "",
                ref: str | None = None) -> RefundOutcome:  # fmt: skip
    """Customer service records a refund's next step by hand (withdrawn, rejected, paid, closed).
    Without `ref`, the order's one open refund; several open ones need their reference."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.REQUEST_REFUND)
        now = now_utc()
        with _refusals_recorded(uow, who, order_no, {"step": step.value, "refund": ref, "reason": reason}, now):
            stored = _order(uow, order_no)
            if step is RefundStep.WITHDRAWN and not ref and not uow.refunds.count_of(stored.id):
                return _withdraw_bare(uow, who, stored, reason.strip() or step.en, now)
            rec = _pick(uow, stored, ref)
            out = apply_refund(uow, who, stored, rec.ref, rec.source, rec.raw_state, step, (), reason.strip() or step.en,
                               now)  # fmt: skip
        uow.commit()
        return out


def _withdraw_bare(uow: UnitOfWork, who: Actor, stored: StoredOrder, reason: str, now: datetime) -> RefundOutcome:
    """An order intercepted before refunds were records of their own: the withdrawal resumes it."""
    order = _Order(uow, who, stored, now, reason)
    step = transition(order.status, OrderEvent.WITHDRAW_REFUND, order.resume)  # refuses with the lifecycle's words
    order.set(step.to_status, step.resume_status, reason, OrderEvent.WITHDRAW_REFUND)
    uow.commit()
    return RefundOutcome(order.order_no, "", RefundStep.WITHDRAWN, "", "", order.first, order.status)


def withdraw_any(make_uow: UowFactory, actor: str, order_no: str, reason: str) -> RefundOutcome:
    """`orderdesk refund --withdraw` on an order: its open refund is withdrawn."""
    return move_refund(make_uow, actor, order_no, RefundStep.WITHDRAWN, reason)


def refunds_of(make_uow: UowFactory, actor: str, order_no: str | None = None) -> list[tuple[str, RefundRecord]]:
    """Refunds, newest first (of one order when given)."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        order_id = _order(uow, order_no).id if order_no else None
        return uow.refunds.listing(order_id)


# -- from the platforms (called by intake, inside its transaction) ------------------------------------


def apply_platform_refunds(uow: UnitOfWork, who: Actor, channel: Channel, order_no: str,
                           refunds: Sequence[PlatformRefund], now: datetime) -> list[RefundOutcome]:  # fmt: skip
    """The refunds a platform delivered with an order. A refund that cannot be recorded (a line the
    order never had) is refused alone, with its audit row; the others and the order still go in."""
    out = []
    for pr in refunds:
        stored = uow.orders.get_for_update(order_no)
        if stored is None:
            continue
        step = map_platform_state(channel, pr.raw_state)
        lines = _platform_lines(uow, stored.id, pr)
        try:
            out.append(apply_refund(uow, who, stored, pr.refund_id, "platform", pr.raw_state, step, lines,
                                    f"channel:{channel.value}", now, returns_goods=pr.returns_goods,
                                    amount_fen=pr.amount_fen))  # fmt: skip
        except RefundRefused as exc:
            audit(uow, who, REFUSED, "order", order_no, refund=pr.refund_id, raw=pr.raw_state, code=exc.code,
                  why=exc.reason("en"))  # fmt: skip
    return out


def _platform_lines(uow: UnitOfWork, order_id: int, pr: PlatformRefund) -> list[tuple[str, int]]:
    """A platform's refund lines, named by platform line id (or SKU); unchanged when already recorded."""
    return list(pr.lines)


# -- the engine -----------------------------------------------------------------------------------------


def apply_refund(uow: UnitOfWork, who: Actor, stored: StoredOrder, ref: str, source: str, raw: str,
                 step: RefundStep, asked: Sequence[tuple[str, int]], reason: str, now: datetime, *,
                 returns_goods: bool | None = None, courier_intercept: bool = False,
                 amount_fen: int | None = None) -> RefundOutcome:  # fmt: skip
    """Create or move one refund and carry out what its step means for the order, in the caller's
    transaction. Lines are checked before anything is written."""
    order = _Order(uow, who, stored, now, reason)
    rec = uow.refunds.find(stored.id, ref)
    old: RefundStep | None = None
    if rec is None:
        lines = refund_lines(stored.order_no, uow.refunds.order_lines(stored.id), asked)
        goods = amount_fen if amount_fen is not None else sum(ln.amount_fen for ln in lines)
        uow.refunds.add(stored.id, ref, source, raw, step, True if returns_goods is None else returns_goods, goods, 0,
                        lines, reason, now)  # fmt: skip
        rec = uow.refunds.find(stored.id, ref)
        assert rec is not None
        order.note(rec, "opened")
    else:
        if rec.step is step and rec.raw_state == raw[:40]:
            return _outcome(order, rec)
        old = rec.step
        values: dict[str, object] = {"step": step.value, "raw_state": raw[:40]}
        if returns_goods is not None:
            values["returns_goods"] = returns_goods
        uow.refunds.update(rec.id, now, **values)
        rec = replace(rec, step=step, raw_state=raw[:40], returns_goods=rec.returns_goods if returns_goods is None
                      else returns_goods)  # fmt: skip
        order.note(rec, "step", previous=old.value)
    if step is RefundStep.UNKNOWN:
        return _alert(order, rec)
    if not rec.path and (step in OPEN or step is RefundStep.PAID):
        rec = _open_path(order, rec, courier_intercept)
    if step is RefundStep.PAID and old is not RefundStep.PAID:
        rec = _paid(order, rec)
    elif step in RELEASING and old is not RefundStep.PAID and rec.path:
        rec = _release(order, rec)
    return _outcome(order, rec)


def _open_path(order: _Order, rec: RefundRecord, courier_intercept: bool) -> RefundRecord:
    uow = order.uow
    where = order.resume if order.status in _OPEN_STATUSES and order.resume else order.status
    parcels = uow.refunds.parcels(order.id)
    path = choose_path(where, any(p.handed_over for p in parcels))
    hold: list[tuple[str, str, int]] = []
    if path is not RefundPath.NONE and order.status not in _OPEN_STATUSES:
        order.move(OrderEvent.REQUEST_REFUND, order.reason)
    if path is RefundPath.INTERCEPT:
        hold = _freeze(order, rec, [p for p in parcels if p.status != "PACKED"])
    elif path is RefundPath.PULL_BACK:
        for p in parcels:
            if p.status == "PACKED" and not p.handed_over:
                _task(order, rec, p.warehouse_id, TaskKind.PULL_BACK, p.shipment_id, p.waybill)
    elif path is RefundPath.AWAIT_RETURN:
        for p in parcels:
            just_left = where is S.PACKED and p.handed_over
            if just_left or (courier_intercept and where is S.SHIPPED):
                _task(order, rec, p.warehouse_id, TaskKind.COURIER_INTERCEPT, p.shipment_id, p.waybill)
            elif rec.returns_goods:
                _notify(order, p.warehouse_id, TaskKind.RETURN_EXPECTED, p.waybill)
    uow.refunds.update(rec.id, order.now, path=path.value, hold=[list(h) for h in hold])
    rec = replace(rec, path=path.value, hold=tuple(hold))
    order.note(rec, "path", held=[list(h) for h in hold])
    return rec


def _freeze(order: _Order, rec: RefundRecord, parcels: Sequence[Any]) -> list[tuple[str, str, int]]:
    """Move the refunded units' reservation to frozen stock, parcel by parcel."""
    want = {ln.line_id: ln.quantity for ln in rec.lines}
    hold: dict[tuple[str, str], int] = {}
    for p in parcels:
        for line_id, sku, qty in p.lines:
            take = min(qty, want.get(line_id, 0))
            if take > 0:
                want[line_id] -= take
                hold[(sku, p.warehouse)] = hold.get((sku, p.warehouse), 0) + take
    moves = [Movement(sku, wh, reserved=-q, frozen=q, reason="refund_freeze", order_id=order.id, note=rec.ref)
             for (sku, wh), q in hold.items()]  # fmt: skip
    order.uow.stock.move(moves, order.who.id, order.now)
    return [(sku, wh, q) for (sku, wh), q in hold.items()]


def _release(order: _Order, rec: RefundRecord) -> RefundRecord:
    """Withdrawn, rejected or closed: frozen units go back to the order's reservation, tasks are
    cancelled, and the order resumes when no other refund is open on it."""
    uow = order.uow
    moves = [Movement(sku, wh, reserved=q, frozen=-q, reason="refund_release", order_id=order.id, note=rec.ref)
             for sku, wh, q in rec.hold]  # fmt: skip
    uow.stock.move(moves, order.who.id, order.now)
    cancelled = uow.refunds.cancel_tasks(rec.id, order.now)
    uow.refunds.update(rec.id, order.now, hold=[])
    others = [r for r in uow.refunds.of_order(order.id) if r.id != rec.id and r.step in OPEN | {RefundStep.UNKNOWN}]
    if not others and order.status in _OPEN_STATUSES:
        order.move(OrderEvent.WITHDRAW_REFUND, order.reason)
    rec = replace(rec, hold=())
    order.note(rec, "released", released=[[m.sku, m.warehouse, m.reserved] for m in moves], tasks_cancelled=cancelled)
    return rec


def _paid(order: _Order, rec: RefundRecord) -> RefundRecord:
    """The money went back: frozen units become available, the credit note is issued, and a fully
    refunded intercepted order is cancelled (a refund-only after shipping resumes the order)."""
    from .credit_notes import issue_credit_note  # noqa: PLC0415 - credit notes build on refunds, not the reverse

    uow = order.uow
    moves = [Movement(sku, wh, frozen=-q, reason="refund_paid", order_id=order.id, note=rec.ref)
             for sku, wh, q in rec.hold]  # fmt: skip
    uow.stock.move(moves, order.who.id, order.now)
    uow.refunds.update(rec.id, order.now, hold=[], paid_at=order.now)
    rec = replace(rec, hold=(), paid_at=order.now)
    number = None
    if rec.goods_fen > 0 or any(ln.quantity > 0 for ln in rec.lines):
        note = issue_credit_note(uow, order.who, order.order_no, _credit_lines(rec),
                                 reason=f"退款 {rec.ref} / refund {rec.ref}", now=order.now)  # fmt: skip
        number = note.number
        uow.refunds.update(rec.id, order.now, credit_note=number)
    rec = replace(rec, credit_note=number)
    order.note(rec, "paid", credit_note=number)
    _after_paid(order, rec)
    return rec


def _after_paid(order: _Order, rec: RefundRecord) -> None:
    uow = order.uow
    refunds = uow.refunds.of_order(order.id)
    if any(r.step in OPEN for r in refunds) or order.status not in _OPEN_STATUSES:
        return
    awaited = any(r.returns_goods and r.returned_at is None and r.path == RefundPath.AWAIT_RETURN.value
                  for r in refunds)  # goods still on their way back: the check-in ends it  # fmt: skip
    if awaited:
        return
    if order.status is S.INTERCEPTED and _fully_refunded(uow, order.id, refunds) and not _pull_back_open(order, rec):
        order.move(OrderEvent.CANCEL, order.reason)
    elif order.status is S.REFUND_REQUESTED:
        order.move(OrderEvent.WITHDRAW_REFUND, "退款完成，买家保留商品 / refund paid, buyer keeps the goods")


def _fully_refunded(uow: UnitOfWork, order_id: int, refunds: Sequence[RefundRecord]) -> bool:
    paid: dict[int, int] = {}
    for r in refunds:
        if r.step is RefundStep.PAID or r.paid_at is not None:
            for ln in r.lines:
                paid[ln.line_id] = paid.get(ln.line_id, 0) + ln.quantity
    return all(paid.get(ln.line_id, 0) >= ln.quantity for ln in uow.refunds.order_lines(order_id))


def _pull_back_open(order: _Order, rec: RefundRecord) -> bool:
    return any(item.order_no == order.order_no for p in order.uow.refunds.parcels(order.id)
               for item in order.uow.refunds.pull_backs(p.warehouse_id))  # fmt: skip


def _credit_lines(rec: RefundRecord) -> list[LineRequest]:
    per_sku: dict[str, list[int]] = {}
    for ln in rec.lines:
        q = per_sku.setdefault(ln.sku, [0, 0])
        q[0] += ln.quantity
        q[1] += ln.amount_fen
    if len(per_sku) == 1 and rec.goods_fen and rec.lines:  # a platform amount for a one-SKU refund
        sku, (qty, _amount) = next(iter(per_sku.items()))
        return [LineRequest(sku, qty, rec.goods_fen)]
    return [LineRequest(sku, q, a) for sku, (q, a) in per_sku.items()]


def _alert(order: _Order, rec: RefundRecord) -> RefundOutcome:
    channel = Channel(order.uow.refunds.order_channel(order.id) or "taobao")
    zh, en = unknown_state_message(channel, rec.raw_state)
    audit(order.uow, order.who, "refund.unknown_state", "order", order.order_no, refund=rec.ref, raw=rec.raw_state)
    order.note(rec, "alert", message_zh=zh, message_en=en)
    for p in order.uow.refunds.parcels(order.id):
        _notify(order, p.warehouse_id, TaskKind.REFUND_ALERT, p.waybill, extra=f"{zh} / {en}")
    return replace(_outcome(order, rec), alert=en)


def _task(order: _Order, rec: RefundRecord, warehouse_id: int, kind: TaskKind, shipment_id: int, waybill: str) -> None:
    if order.uow.refunds.add_task(warehouse_id, kind, order.id, rec.id, shipment_id, waybill, order.now):
        _notify(order, warehouse_id, kind, waybill)


def _notify(order: _Order, warehouse_id: int, kind: TaskKind, waybill: str, extra: str = "") -> None:
    text = f"【{kind.label('zh')} / {kind.label('en')}】{order.order_no}" + (f" 运单/waybill {waybill}" if waybill else "")
    order.uow.refunds.enqueue_notice(warehouse_id, text + (f"：{extra}" if extra else ""), order.now)


def _outcome(order: _Order, rec: RefundRecord) -> RefundOutcome:
    return RefundOutcome(order.order_no, rec.ref, rec.step, rec.raw_state, rec.path, order.first, order.status,
                         rec.credit_note)  # fmt: skip


def _order(uow: UnitOfWork, order_no: str) -> StoredOrder:
    stored = uow.orders.get_for_update(order_no)
    if stored is None:
        raise OrderNotFound(order_no.strip()[:80])
    return stored


def _pick(uow: UnitOfWork, stored: StoredOrder, ref: str | None) -> RefundRecord:
    refunds = uow.refunds.of_order(stored.id)
    if ref:
        found = [r for r in refunds if r.ref == ref.strip()]
        if not found:
            raise RefundRefused("unknown_refund", f"订单 {stored.order_no} 没有退款 {ref.strip()[:40]}",
                                f"Order {stored.order_no} has no refund {ref.strip()[:40]}")  # fmt: skip
        return found[0]
    live = [r for r in refunds if r.step in OPEN | {RefundStep.UNKNOWN}]
    if len(live) == 1:
        return live[0]
    if not live:
        raise RefundRefused("no_open_refund", f"订单 {stored.order_no} 没有进行中的退款",
                            f"Order {stored.order_no} has no open refund")  # fmt: skip
    raise RefundRefused("which_refund", f"订单 {stored.order_no} 有多个进行中的退款，请用 --refund 指明",
                        f"Order {stored.order_no} has several open refunds; name one with --refund")  # fmt: skip


class _refusals_recorded:  # noqa: N801 - used as a `with` block
    """A refused refund leaves an audit row that outlives the rollback: who, which order, what, why."""

    def __init__(self, uow: UnitOfWork, who: Actor, order_no: str, asked: dict[str, Any], at: datetime) -> None:
        self.uow, self.who, self.order_no, self.asked, self.at = uow, who, order_no.strip()[:80], asked, at

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, DomainError):
            code = getattr(exc, "code", "not_found" if isinstance(exc, OrderNotFound) else "refused")
            self.uow.keep_refusal(AuditEntry(self.at, self.who.id, REFUSED, "order", self.order_no,
                                             self.asked | {"code": code, "why": exc.reason("en")}))  # fmt: skip


# -- the returns check-in's interface ------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedReturn:
    """An order awaiting goods back, and the lines its refunds cover (what the check-in expects)."""

    order_id: int
    order_no: str
    status: S
    refunds: tuple[RefundRecord, ...]

    @property
    def lines(self) -> dict[str, int]:
        """SKU → units expected back, over all the order's refunds awaiting a return."""
        out: dict[str, int] = {}
        for r in self.refunds:
            for ln in r.lines:
                out[ln.sku] = out.get(ln.sku, 0) + ln.quantity
        return out


def expected_return(uow: UnitOfWork, order_no: str) -> ExpectedReturn | None:
    """The order (by order number, platform id or the original parcel's waybill) and its refunds
    whose goods are still awaited; None when it has none. Runs in the check-in's transaction (the
    order row is locked)."""
    stored = uow.orders.get_for_update(order_no) or uow.orders.get_for_update(uow.refunds.order_no_by_waybill(order_no) or "")
    if stored is None:
        return None
    waiting = uow.refunds.awaiting_return(stored.id)
    return ExpectedReturn(stored.id, stored.order_no, stored.state.status, tuple(waiting)) if waiting else None


def note_return_received(uow: UnitOfWork, order_id: int, user_id: int, now: datetime) -> int:
    """The check-in got the goods: the order's awaited refunds leave "returns expected", and a courier
    intercept still open for it is done (the parcel is back in hand). Returns how many refunds."""
    waiting = uow.refunds.awaiting_return(order_id)
    for r in waiting:
        uow.refunds.update(r.id, now, returned_at=now)
    if waiting:
        intercepts = uow.refunds.finish_order_tasks(order_id, TaskKind.COURIER_INTERCEPT, user_id, now)
        uow.orders.append_events([OrderEventRecord(order_id, now, user_id, EventKind.REFUND, details={
            "refund": ",".join(r.ref for r in waiting), "action": "returned",
            "courier_intercepts_done": intercepts})])  # fmt: skip
    return len(waiting)
