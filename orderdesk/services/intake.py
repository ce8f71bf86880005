"""Taking channel orders in: a re-delivered order merges, never duplicates; stale copies change nothing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from ..domain.access import Permission
from ..domain.errors import DomainError
from ..domain.events import EventKind, OrderEventRecord
from ..domain.intake import IntakeAction, IntakeDecision, decide_intake
from ..domain.model import ChannelOrder, customer_key, is_clear_phone
from ..domain.ship_by import ShipByDefaults, with_deadline
from ..domain.status import OrderStatus
from .ports import ChannelUpdate, NewCustomer, NewOrder, StoredOrder
from .actors import now_utc, require_actor
from .unit_of_work import UnitOfWork, UowFactory

BATCH_SIZE = 500
_RELINE_STATUSES = frozenset({OrderStatus.PAID, OrderStatus.ON_HOLD})


@dataclass
class IntakeReport:
    """What a run of intake did; the numbers a sync screen and a benchmark show."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    skipped_unpaid: int = 0
    new_order_nos: list[str] = field(default_factory=list)
    allocation: object | None = None  # the AllocationReport of the last batch, when rules allocated it
    allocation_error: DomainError | None = None  # why new orders were left PAID, if allocation failed

    def add(self, action: IntakeAction, order_no: str) -> None:
        if action is IntakeAction.CREATE:
            self.created += 1
            self.new_order_nos.append(order_no)
        elif action is IntakeAction.UPDATE:
            self.updated += 1
        elif action is IntakeAction.UNCHANGED:
            self.unchanged += 1
        elif action is IntakeAction.STALE:
            self.stale += 1
        else:
            self.skipped_unpaid += 1

    def merge(self, other: IntakeReport) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.stale += other.stale
        self.skipped_unpaid += other.skipped_unpaid
        self.new_order_nos += other.new_order_nos


def intake_orders(make_uow: UowFactory, orders: Iterable[ChannelOrder], actor: str,
                  batch_size: int = BATCH_SIZE, allocate: bool = True) -> IntakeReport:  # fmt: skip
    """Take orders in, one transaction per batch; a failed batch leaves nothing behind.

    New orders are then allocated by the rule set, when one exists (`allocate=False` skips it).
    """
    from .allocation import allocate_orders, has_rules  # noqa: PLC0415 - allocation builds on intake

    report = IntakeReport()
    auto_allocate: bool | None = None if allocate else False
    for batch in _batches(orders, batch_size):
        with make_uow(write=True) as uow:
            part = intake_batch(uow, batch, actor)
            uow.commit()
        report.merge(part)
        if part.new_order_nos and auto_allocate is None:
            auto_allocate = has_rules(make_uow)
        if part.new_order_nos and auto_allocate:
            # Its own transaction: an order that cannot be allocated now stays PAID, never lost.
            try:
                report.allocation = allocate_orders(make_uow, actor, part.new_order_nos)
            except DomainError as exc:  # e.g. a rule names a warehouse deleted since; intake goes on
                report.allocation_error = exc
    return report


def intake_batch(uow: UnitOfWork, batch: Sequence[ChannelOrder], actor: str) -> IntakeReport:
    """Intake inside a caller's unit of work (sync commits its cursor in the same transaction)."""
    user_id = require_actor(uow, actor, Permission.INTAKE_ORDERS).id
    now = now_utc()
    report = IntakeReport()
    latest = _latest_copies(batch, report, uow.ship_by.defaults())
    stored = uow.orders.stored_states([o.order_no for o in latest])
    creates: list[tuple[ChannelOrder, IntakeDecision]] = []
    updates: list[tuple[ChannelOrder, IntakeDecision, StoredOrder]] = []
    same_second: list[ChannelOrder] = []  # a refund may move on within the second the order last changed
    for o in latest:
        have = stored.get(o.order_no)
        decision = decide_intake(have.state if have else None, o)
        report.add(decision.action, o.order_no)
        if decision.action is IntakeAction.CREATE:
            creates.append((o, decision))
        elif decision.action is IntakeAction.UPDATE:
            updates.append((o, decision, have))  # type: ignore[arg-type]
        elif decision.action is IntakeAction.UNCHANGED and o.refunds:
            same_second.append(o)
    events = _create(uow, creates, user_id, now) + _update(uow, updates, user_id, now)
    uow.orders.append_events(events)
    _refunds(uow, actor, [o for o, _d in creates] + [o for o, _d, _h in updates] + same_second, now)
    return report


def _refunds(uow: UnitOfWork, actor: str, orders: Sequence[ChannelOrder], now: datetime) -> None:
    """The platforms' refund records of the orders just taken in, each followed down its path."""
    with_refunds = [o for o in orders if o.refunds]
    if not with_refunds:
        return
    from .refunds import apply_platform_refunds  # noqa: PLC0415 - refunds build on intake

    who = require_actor(uow, actor)
    for o in with_refunds:
        apply_platform_refunds(uow, who, o.channel, o.order_no, o.refunds, now)


def _create(uow: UnitOfWork, creates: list[tuple[ChannelOrder, IntakeDecision]], user_id: int,
            now: datetime) -> list[OrderEventRecord]:  # fmt: skip
    if not creates:
        return []
    shops = uow.directory.shop_ids({(o.channel, o.shop_code): o.shop_code for o, _ in creates}, now)
    buyers = [_customer_of(o) for o, _ in creates]
    customers = uow.directory.customer_ids(buyers, now)
    rows = []
    for (o, d), buyer in zip(creates, buyers, strict=True):
        status, resume = d.final(None)
        rows.append(NewOrder(o, shops[(o.channel, o.shop_code)], customers[buyer.key], status, resume))
    ids = uow.orders.insert_orders(rows, now)
    uow.orders.insert_lines((ids[o.order_no], o.lines) for o, _ in creates)
    events = []
    for o, d in creates:
        oid = ids[o.order_no]
        events.append(OrderEventRecord(oid, now, user_id, EventKind.CREATED, None, d.initial_status,
                                       reason=f"channel:{o.channel.value}", details=_summary(o)))  # fmt: skip
        events += _transition_events(oid, d, user_id, now)
    return events


def _update(uow: UnitOfWork, updates: list[tuple[ChannelOrder, IntakeDecision, StoredOrder]],
            user_id: int, now: datetime) -> list[OrderEventRecord]:  # fmt: skip
    rows, events = [], []
    for o, d, have in updates:
        status, resume = d.final(have.state)
        reline = have.state.status in _RELINE_STATUSES and status in _RELINE_STATUSES
        rows.append(ChannelUpdate(have.id, o, status, resume, replace_lines=reline))
        events.append(OrderEventRecord(have.id, now, user_id, EventKind.CHANNEL_UPDATE,
                                       reason=f"channel:{o.channel.value}",
                                       details={"trade_state": o.trade_state.value,
                                                "refund_state": o.refund_state.value,
                                                "modified_at": o.modified_at.isoformat()}))  # fmt: skip
        events += _transition_events(have.id, d, user_id, now)
    uow.orders.apply_channel_updates(rows, now)
    return events


def _transition_events(order_id: int, d: IntakeDecision, user_id: int, now: datetime) -> list[OrderEventRecord]:
    return [
        OrderEventRecord(order_id, now, user_id, EventKind.TRANSITION, t.from_status.value, t.to_status.value,
                         reason="channel", details={"event": t.event.value})  # fmt: skip
        for t in d.transitions
    ]


def _customer_of(o: ChannelOrder) -> NewCustomer:
    phone = o.receiver.phone.strip()
    return NewCustomer(
        key=customer_key(o.channel, o.buyer_ref, o.receiver),
        channel=o.channel,
        phone=phone if is_clear_phone(phone) else "",
        name=o.receiver.name,
        buyer_ref=o.buyer_ref,
    )


def _summary(o: ChannelOrder) -> dict[str, object]:
    return {"lines": len(o.lines), "total": f"{o.total_fen / 100:.2f}", "shop": o.shop_code}


def _latest_copies(batch: Sequence[ChannelOrder], report: IntakeReport,
                   ship_by: ShipByDefaults) -> list[ChannelOrder]:  # fmt: skip
    """One copy per order within a batch: the newest; older copies count as stale, equal ones as unchanged.

    Each copy gets its ship-by deadline here (the platform's, else paid + the channel's default).
    """
    best: dict[str, ChannelOrder] = {}
    for o in batch:
        if o.paid_at is None:
            o = replace(o, paid_at=o.modified_at)
        o = with_deadline(o, ship_by)
        prev = best.get(o.order_no)
        if prev is None:
            best[o.order_no] = o
            continue
        newer, older = (o, prev) if o.modified_at >= prev.modified_at else (prev, o)
        best[o.order_no] = newer
        report.add(IntakeAction.UNCHANGED if older.modified_at == newer.modified_at else IntakeAction.STALE, o.order_no)
    return list(best.values())


def _batches(items: Iterable[ChannelOrder], size: int) -> Iterator[list[ChannelOrder]]:
    batch: list[ChannelOrder] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
