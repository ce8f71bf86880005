"""Try a draft rule set on real orders before saving it: where would they go, what would move."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from ..domain.access import Permission
from ..domain.allocation import RuleBook, plan_allocation
from ..domain.errors import DomainError
from ..domain.rules.shape import MAX_PREVIEW_ORDERS
from .actors import require_actor
from .allocation import MapStock, for_planner
from .rule_sets import compile_rule_set
from .unit_of_work import UowFactory

HELD = "HELD"
MOVABLE = ("PAID", "ON_HOLD", "ALLOCATED")  # packed and later orders cannot change warehouse


@dataclass
class RulePreview:
    orders: int = 0
    by_warehouse: Counter[str] = field(default_factory=Counter)  # main warehouse, or HELD
    moves: Counter[tuple[str, str]] = field(default_factory=Counter)  # (now, after) where they differ
    held_reasons: Counter[str] = field(default_factory=Counter)
    split: int = 0
    gifts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # outcome -> order nos

    @property
    def moved(self) -> int:
        return sum(self.moves.values())

    def to_json(self) -> dict[str, Any]:
        return {"orders": self.orders, "by_warehouse": dict(self.by_warehouse), "moved": self.moved,
                "moves": [{"from": a or None, "to": b, "orders": n} for (a, b), n in self.moves.most_common()],
                "held_reasons": dict(self.held_reasons), "split": self.split, "gifts": dict(self.gifts),
                "examples": {k: v for k, v in self.examples.items()}}  # fmt: skip


def preview_rule_set(make_uow: UowFactory, actor: str, draft: Sequence[dict[str, Any]], orders: int = 1000,
                     since: datetime | None = None, order_nos: Sequence[str] | None = None) -> RulePreview:  # fmt: skip
    """Plan the newest `orders` orders that can still change warehouse (paid, on hold, allocated, or
    those paid since `since`) with the draft rules; writes nothing.

    Stock is what a fresh allocation could use (on hand less frozen), shared among the previewed
    orders in payment order, so the preview shows where stock runs out.
    """
    if order_nos is None and not 1 <= orders <= MAX_PREVIEW_ORDERS:
        raise DomainError(f"预览单数应为 1–{MAX_PREVIEW_ORDERS}", f"Preview 1 to {MAX_PREVIEW_ORDERS} orders")
    result = RulePreview()
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        rules = compile_rule_set(uow, draft)
        nos = list(order_nos) if order_nos is not None else uow.allocation.latest_order_nos(orders, since, MOVABLE)
        candidates = uow.allocation.candidates(nos)
        skus = {ln.sku for c in candidates for ln in c.lines} | {r.gift_sku for r in rules if r.gift_sku}
        stock = MapStock(uow.allocation.stock_for_preview(sorted(skus)))
    book = RuleBook.of(rules)
    for c in sorted(candidates, key=lambda c: c.order_no):
        plan = plan_allocation(for_planner(_without_gifts(c)), book, stock)
        stock.take(plan)
        after = HELD if plan.held else plan.warehouse_of[min(plan.warehouse_of)]
        result.orders += 1
        result.by_warehouse[after] += 1
        if plan.held:
            result.held_reasons[plan.held.split("：")[0]] += 1
        if (c.warehouse or "") != after and not (after == HELD and c.status == "ON_HOLD"):
            result.moves[(c.warehouse or "", after)] += 1
        result.split += len(plan.warehouses) > 1
        for g in plan.gifts:
            result.gifts[g.sku] += 1
        if len(result.examples[after]) < 5:
            result.examples[after].append(c.order_no)
    return result


def _without_gifts(c):  # noqa: ANN001, ANN202
    """A preview plans afresh: gifts an earlier allocation added would be decided again."""
    if all(ln.gift_rule is None for ln in c.lines):
        return c
    return replace(c, lines=tuple(ln for ln in c.lines if ln.gift_rule is None))
