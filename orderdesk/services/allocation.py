"""Allocation use cases: send orders to warehouses by the rule set, hold what cannot go, resolve by hand.

Each batch is one transaction: plans, stock reservations (with ledger rows), shipments, gift lines,
statuses and timeline events are written together or not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from ..domain.access import Permission
from ..domain.allocation import AllocationPlan, CompiledRule, OrderForAllocation, RuleBook, plan_allocation
from ..domain.errors import DomainError, OrderNotFound
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import OrderEvent, transition
from ..domain.rules.fields import region_of
from ..domain.status import OrderStatus as S
from .actors import Actor, audit, now_utc, require_actor
from .ports import Movement, ShipmentRecord
from .rule_sets import compile_rule_set
from .unit_of_work import UnitOfWork, UowFactory

BATCH = 2000


@dataclass
class AllocationReport:
    allocated: int = 0
    held: int = 0
    skipped: int = 0  # not in a state that can be allocated (already allocated, intercepted, …)
    split: int = 0
    gifts: int = 0
    by_warehouse: Counter[str] = field(default_factory=Counter)
    held_reasons: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, object]:
        return {"allocated": self.allocated, "held": self.held, "skipped": self.skipped, "split": self.split,
                "gifts": self.gifts, "by_warehouse": dict(self.by_warehouse),
                "held_reasons": dict(self.held_reasons)}  # fmt: skip


class MapStock:
    """Available stock of a batch, reduced as each order's plan reserves, so orders never share units."""

    def __init__(self, levels: dict[tuple[str, str], int]) -> None:
        self.levels = levels

    def available(self, sku: str, warehouse: str) -> int:
        return self.levels.get((sku, warehouse), 0)

    def take(self, plan: AllocationPlan) -> None:
        for key, qty in plan.reserved().items():
            self.levels[key] = self.levels.get(key, 0) - qty


def has_rules(make_uow: UowFactory) -> bool:
    """Whether any enabled rule exists: without one, intake leaves orders PAID instead of holding them all."""
    with make_uow() as uow:
        return any(r.enabled for r in uow.rules.current())


def allocate_orders(make_uow: UowFactory, actor: str, order_nos: Sequence[str] | None = None,
                    batch_size: int = BATCH) -> AllocationReport:  # fmt: skip
    """Allocate the given orders, or every PAID order when none are given."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.ALLOCATE_ORDERS)
        nos = list(order_nos) if order_nos is not None else uow.allocation.pending_order_nos([S.PAID.value])
        # Compiled once per run, so each condition's memo serves every batch.
        rules = compile_rule_set(uow, [r.to_json() | {"params": r.params} for r in uow.rules.current()])
    report = AllocationReport()
    for chunk in _chunks(nos, batch_size):
        with make_uow(write=True) as uow:
            who = require_actor(uow, actor, Permission.ALLOCATE_ORDERS)
            _allocate_batch(uow, who, chunk, rules, report)
            uow.commit()
    return report


def _allocate_batch(uow: UnitOfWork, who: Actor, order_nos: Sequence[str], rules: list[CompiledRule],
                    report: AllocationReport) -> None:  # fmt: skip
    now = now_utc()
    candidates = [c for c in uow.allocation.candidates(order_nos) if c.status == S.PAID.value]
    report.skipped += len(order_nos) - len(candidates)
    if not candidates:
        return
    skus = {ln.sku for c in candidates for ln in c.lines} | {r.gift_sku for r in rules if r.gift_sku}
    stock = MapStock(uow.stock.available(skus, lock=True))
    titles = _gift_titles(uow, rules)
    plans = []
    book = RuleBook.of(rules)
    for c in candidates:
        plan = plan_allocation(for_planner(c), book, stock)
        stock.take(plan)
        plans.append((c, plan))
    _write_plans(uow, who, plans, titles, now, report)


def for_planner(c) -> OrderForAllocation:  # noqa: ANN001 - a CandidateOrder
    context = {
        "province": c.province or "", "city": c.city, "district": c.district, "region": region_of(c.province),
        "channel": c.channel, "shop": c.shop, "total": c.total_fen / 100, "buyer_note": c.buyer_note,
        "weight": c.weight_g / 1000, "items": sum(ln.quantity for ln in c.lines if not ln.is_gift),
        "tags": list(c.tags),
    }  # fmt: skip
    return OrderForAllocation(c.order_no, context, c.lines)


def _write_plans(uow: UnitOfWork, who: Actor, plans: list, titles: dict[str, str], now: datetime,
                 report: AllocationReport) -> None:  # fmt: skip
    gifts = []
    for c, plan in plans:
        next_no = max((ln.line_no for ln in c.lines), default=0)
        for g in plan.gifts:
            next_no += 1
            gifts.append((c.id, next_no, g.sku, titles.get(g.sku, g.sku), g.quantity, g.rule_id))
            plan.warehouse_of[next_no] = g.warehouse
    line_ids = uow.allocation.add_gift_lines(gifts)  # ids of the orders that got gifts
    for c, p in plans:
        if not p.held:
            line_ids.update({(c.id, no): lid for no, lid in (c.line_ids or {}).items()})
    skus_by_line = {(oid, no): sku for oid, no, sku, *_ in gifts}
    qty = {(oid, no): q for oid, no, _s, _t, q, _r in gifts}
    shipments, movements, outcomes, events = [], [], [], []
    for c, plan in plans:
        for ln in c.lines:
            skus_by_line[(c.id, ln.line_no)] = ln.sku
            qty[(c.id, ln.line_no)] = ln.quantity
        if plan.held:
            step = transition(S.PAID, OrderEvent.HOLD)
            outcomes.append(_outcome(c, S.ON_HOLD, "", plan.held, plan.tags))
            events.append(_event(c.id, who, now, step.from_status, step.to_status, plan.held, OrderEvent.HOLD))
            report.held += 1
            report.held_reasons[plan.held.split("：")[0]] += 1
            continue
        for seq, wh in enumerate(sorted(set(plan.warehouse_of.values()), key=_first_use(plan)), start=1):
            lines = tuple((line_ids[(c.id, no)], skus_by_line[(c.id, no)], qty[(c.id, no)])
                          for no, w in sorted(plan.warehouse_of.items()) if w == wh)  # fmt: skip
            shipments.append(ShipmentRecord(c.id, seq, wh, lines))
            movements += [Movement(sku, wh, reserved=q, reason="reserve", order_id=c.id) for _id, sku, q in lines]
            report.by_warehouse[wh] += 1
        step = transition(S.PAID, OrderEvent.ALLOCATE)
        main = plan.warehouse_of[min(plan.warehouse_of)]
        outcomes.append(_outcome(c, S.ALLOCATED, main, "", plan.tags))
        used = plan.warehouses
        events.append(_event(c.id, who, now, step.from_status, step.to_status, "", OrderEvent.ALLOCATE,
                             warehouses=used, gifts=[g.sku for g in plan.gifts], notes=plan.notes))  # fmt: skip
        report.allocated += 1
        report.split += len(used) > 1
        report.gifts += len(plan.gifts)
    uow.allocation.add_shipments(shipments, now)
    uow.stock.move(movements, who.id, now)
    if uow.allocation.set_outcome(outcomes, now) != len(outcomes):
        raise DomainError("部分订单刚被其他工位修改，请重试分仓", "Some orders were changed elsewhere; allocate again")
    uow.orders.append_events(events)


def _first_use(plan: AllocationPlan):  # noqa: ANN202
    order = {}
    for no, wh in sorted(plan.warehouse_of.items()):
        order.setdefault(wh, no)
    return lambda wh: order[wh]


def _outcome(c, status: S, warehouse: str, reason: str, tags: list[str]) -> dict[str, object]:  # noqa: ANN001
    merged = list(dict.fromkeys([*c.tags, *tags]))
    return {"id": c.id, "version": c.version, "status": status.value, "warehouse": warehouse,
            "hold_reason": reason, "tags": merged}  # fmt: skip


def _event(order_id: int, who: Actor, now: datetime, frm: S, to: S, reason: str, event: OrderEvent,
           **details: object) -> OrderEventRecord:  # fmt: skip
    return OrderEventRecord(order_id, now, who.id, EventKind.TRANSITION, frm.value, to.value, reason=reason,
                            details={"event": event.value, **details})  # fmt: skip


def _gift_titles(uow: UnitOfWork, rules: list[CompiledRule]) -> dict[str, str]:
    skus = [r.gift_sku for r in rules if r.gift_sku]
    return {row.sku: row.name for sku in set(skus) for row in uow.stock.levels(sku=sku)[:1]}


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def assign_by_hand(make_uow: UowFactory, actor: str, order_no: str, warehouse: str, reason: str) -> None:
    """Resolve a held (or unallocated) order: every line to `warehouse`, with a reason in the log."""
    if not reason.strip():
        raise DomainError("人工分仓需要填写原因", "A manual allocation needs a reason")
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.ALLOCATE_ORDERS)
        found = uow.allocation.candidates([order_no]) or _by_platform_no(uow, order_no)
        if not found:
            raise OrderNotFound(order_no)
        c = found[0]
        status = S(c.status)
        now = now_utc()
        events = []
        if status is S.ON_HOLD:
            step = transition(status, OrderEvent.RELEASE)
            events.append(_event(c.id, who, now, step.from_status, step.to_status, reason, OrderEvent.RELEASE))
            status = S.PAID
        step = transition(status, OrderEvent.ALLOCATE)
        if uow.stock.warehouse_id(warehouse) is None:
            raise DomainError(f"仓库 {warehouse} 不存在或已停用", f"Warehouse {warehouse} does not exist or is inactive")
        line_ids = uow.allocation.line_ids({c.id})
        lines = tuple((line_ids[(c.id, ln.line_no)], ln.sku, ln.quantity) for ln in c.lines)
        uow.allocation.add_shipments([ShipmentRecord(c.id, 1, warehouse, lines)], now)
        uow.stock.move([Movement(sku, warehouse, reserved=q, reason="reserve", order_id=c.id) for _i, sku, q in lines],
                       who.id, now)  # fmt: skip
        uow.allocation.set_outcome([_outcome(c, S.ALLOCATED, warehouse, "", [])], now)
        events.append(_event(c.id, who, now, step.from_status, step.to_status, reason, OrderEvent.ALLOCATE,
                             warehouses=[warehouse], manual=True))  # fmt: skip
        uow.orders.append_events(events)
        audit(uow, who, "order.allocate_by_hand", "order", c.order_no, warehouse=warehouse, reason=reason)
        uow.commit()


def _by_platform_no(uow: UnitOfWork, number: str) -> list:
    stored = uow.orders.get_for_update(number)
    return uow.allocation.candidates([stored.order_no]) if stored else []


def shipments_of_order(make_uow: UowFactory, actor: str, order_no: str) -> list[tuple[str, list[str]]]:
    """[(warehouse, [sku, …]), …] of an order's shipments, in shipment order."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        stored = uow.orders.get_for_update(order_no)
        if stored is None:
            raise OrderNotFound(order_no)
        return [(s.warehouse, [sku for _id, sku, _q in s.lines]) for s in uow.allocation.shipments_of([stored.id])]


UNPACKED = (S.PAID.value, S.ON_HOLD.value, S.ALLOCATED.value)


def reallocation_candidates(make_uow: UowFactory, actor: str) -> list[str]:
    """Every order that may still change warehouse: paid, on hold, or allocated but not packed."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.ALLOCATE_ORDERS)
        return uow.allocation.pending_order_nos(list(UNPACKED))


def reallocate_orders(make_uow: UowFactory, actor: str, order_nos: Sequence[str] | None = None,
                      batch_size: int = BATCH) -> AllocationReport:  # fmt: skip
    """Release and re-plan un-packed orders with the rules in force (after a rule change).

    Per batch, in one transaction: reservations are released (ledger rows), shipments dropped,
    orders put back to PAID with timeline entries, then allocated afresh. Gifts a rule already
    added stay and are not added twice.
    """
    nos = list(order_nos) if order_nos is not None else reallocation_candidates(make_uow, actor)
    with make_uow() as uow:
        rules = compile_rule_set(uow, [r.to_json() | {"params": r.params} for r in uow.rules.current()])
    report = AllocationReport()
    for chunk in _chunks(nos, batch_size):
        with make_uow(write=True) as uow:
            who = require_actor(uow, actor, Permission.ALLOCATE_ORDERS)
            _release(uow, who, chunk)
            _allocate_batch(uow, who, chunk, rules, report)
            uow.commit()
    return report


def _release(uow: UnitOfWork, who: Actor, order_nos: Sequence[str]) -> None:
    now = now_utc()
    found = [c for c in uow.allocation.candidates(order_nos) if c.status in (S.ALLOCATED.value, S.ON_HOLD.value)]
    labelled = uow.allocation.labelled([c.id for c in found])
    found = [c for c in found if c.id not in labelled]  # a printed waybill ties the parcel to its warehouse
    if not found:
        return
    allocated = [c for c in found if c.status == S.ALLOCATED.value]
    movements = [Movement(sku, s.warehouse, reserved=-qty, reason="release", order_id=s.order_id)
                 for s in uow.allocation.shipments_of([c.id for c in allocated]) for _i, sku, qty in s.lines]  # fmt: skip
    uow.stock.move(movements, who.id, now)
    uow.allocation.drop_shipments([c.id for c in allocated])
    events, outcomes = [], []
    for c in found:
        event = OrderEvent.DEALLOCATE if c.status == S.ALLOCATED.value else OrderEvent.RELEASE
        step = transition(S(c.status), event)
        outcomes.append(_outcome(c, S.PAID, "", "", []))
        events.append(_event(c.id, who, now, step.from_status, step.to_status, "rules changed", event))
    if uow.allocation.set_outcome(outcomes, now) != len(outcomes):
        raise DomainError("部分订单刚被其他工位修改，请重试", "Some orders were changed elsewhere; try again")
    uow.orders.append_events(events)
