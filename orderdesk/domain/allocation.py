"""Choosing warehouses: the pure planner that applies the rule set to one order.

Rules are tried in order. For each line, the first assign rule that matches and whose warehouse
has enough available stock wins; a matching rule whose warehouse is short is skipped to the next
one. A hold rule, no matching rule, or no stock anywhere holds the whole order with a reason.
Lines may end in different warehouses (a split shipment) unless a rule asks to keep the order
together. Gift rules add their gift once (a gift line remembers its rule), from stock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from enum import StrEnum
from typing import Protocol

LINE_FIELDS = frozenset({"category", "sku", "product", "quantity"})


class Condition(Protocol):
    fields: frozenset[str]

    def evaluate(self, ctx: Mapping[str, object]) -> bool: ...


class RuleAction(StrEnum):
    ASSIGN_WAREHOUSE = "assign_warehouse"
    ADD_GIFT = "add_gift"
    ADD_TAG = "add_tag"
    HOLD = "hold"


@dataclass(frozen=True)
class CompiledRule:
    rule_id: int
    name: str
    condition: Condition
    action: RuleAction
    warehouse: str = ""  # ASSIGN_WAREHOUSE
    gift_sku: str = ""  # ADD_GIFT
    gift_quantity: int = 1
    tag: str = ""  # ADD_TAG
    reason: str = ""  # HOLD
    keep_together: bool = False

    @cached_property
    def line_level(self) -> bool:
        return bool(self.condition.fields & LINE_FIELDS)


@dataclass(frozen=True)
class LineForAllocation:
    line_no: int
    sku: str
    quantity: int
    category: str = ""
    product: str = ""
    is_gift: bool = False
    gift_rule: int | None = None  # the rule that added this gift line


@dataclass(frozen=True)
class OrderForAllocation:
    order_no: str
    context: Mapping[str, object]  # order-level fields: province, region, channel, total, …
    lines: tuple[LineForAllocation, ...]


class StockView(Protocol):
    def available(self, sku: str, warehouse: str) -> int: ...


@dataclass(frozen=True)
class GiftToAdd:
    rule_id: int
    sku: str
    quantity: int
    warehouse: str


@dataclass
class AllocationPlan:
    order_no: str
    held: str = ""  # reason; empty when allocated
    warehouse_of: dict[int, str] = field(default_factory=dict)  # line_no -> warehouse code
    gifts: list[GiftToAdd] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rule_of: dict[int, int] = field(default_factory=dict)  # line_no -> rule that placed it

    @property
    def warehouses(self) -> list[str]:
        return sorted(set(self.warehouse_of.values()) | {g.warehouse for g in self.gifts})

    def reserved(self) -> dict[tuple[str, str], int]:
        """(sku, warehouse) -> quantity this plan reserves."""
        return dict(self._reservations)

    _reservations: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))


@dataclass(frozen=True)
class RuleBook:
    """A rule set sorted by what the rules do, prepared once per allocation run (order kept)."""

    assign: tuple[CompiledRule, ...]
    gifts: tuple[CompiledRule, ...]
    tags: tuple[CompiledRule, ...]
    holds: tuple[CompiledRule, ...]
    together: tuple[CompiledRule, ...]

    @classmethod
    def of(cls, rules: Sequence[CompiledRule]) -> RuleBook:
        def pick(action: RuleAction) -> tuple[CompiledRule, ...]:
            return tuple(r for r in rules if r.action is action)

        assign = pick(RuleAction.ASSIGN_WAREHOUSE)
        return cls(assign, pick(RuleAction.ADD_GIFT), pick(RuleAction.ADD_TAG), pick(RuleAction.HOLD),
                   tuple(r for r in assign if r.keep_together))  # fmt: skip


def line_context(order: OrderForAllocation, line: LineForAllocation) -> dict[str, object]:
    ctx = dict(order.context)
    ctx.update(category=line.category, sku=line.sku, product=line.product, quantity=line.quantity)
    return ctx


def plan_allocation(order: OrderForAllocation, rules: Sequence[CompiledRule] | RuleBook,
                    stock: StockView) -> AllocationPlan:  # fmt: skip
    book = rules if isinstance(rules, RuleBook) else RuleBook.of(rules)
    plan = AllocationPlan(order.order_no)
    # Gifts the platform sent are items like any other; only gifts our rules added follow the order.
    goods = [ln for ln in order.lines if ln.gift_rule is None]
    contexts = {ln.line_no: line_context(order, ln) for ln in order.lines}
    reason = _hold_reason(order, goods, book.holds, contexts)
    if reason:
        plan.held = reason
        return plan
    together = _keep_together_warehouse(goods, book.together, contexts, stock) if book.together else ""
    for line in goods:
        placed = together or _place_line(line, book.assign, contexts[line.line_no], stock, plan)
        if not placed:
            matched = any(r.condition.evaluate(contexts[line.line_no]) for r in book.assign)
            plan.held = (f"库存不足：{line.sku} ×{line.quantity} 在可分配的仓库都缺货" if matched
                         else f"没有匹配的分仓规则：{line.sku}")  # fmt: skip
            plan.warehouse_of.clear()
            plan._reservations.clear()
            return plan
        if together:
            plan.warehouse_of[line.line_no] = together
            plan._reservations[(line.sku, together)] += line.quantity
    _add_gifts(order, book.gifts, contexts, stock, plan)
    if not plan.held:
        _add_tags(order, book.tags, contexts, plan)
    return plan


def _matches_order(rule: CompiledRule, order: OrderForAllocation, contexts: dict[int, dict[str, object]]) -> bool:
    """Order-level rules with line fields match when any goods line matches."""
    if not rule.line_level:
        return rule.condition.evaluate(order.context)
    return any(rule.condition.evaluate(contexts[ln.line_no]) for ln in order.lines if ln.gift_rule is None)


def _hold_reason(order: OrderForAllocation, goods: list[LineForAllocation], rules: Sequence[CompiledRule],
                 contexts: dict[int, dict[str, object]]) -> str:  # fmt: skip
    if not goods:
        return "订单没有商品行"
    for rule in rules:
        if rule.action is RuleAction.HOLD and _matches_order(rule, order, contexts):
            return f"规则「{rule.name}」要求人工审核" + (f"：{rule.reason}" if rule.reason else "")
    return ""


def _place_line(line: LineForAllocation, rules: Sequence[CompiledRule], ctx: dict[str, object],
                stock: StockView, plan: AllocationPlan) -> str:  # fmt: skip
    for rule in rules:
        if rule.action is not RuleAction.ASSIGN_WAREHOUSE or not rule.condition.evaluate(ctx):
            continue
        key = (line.sku, rule.warehouse)
        if stock.available(line.sku, rule.warehouse) - plan._reservations[key] >= line.quantity:
            plan._reservations[key] += line.quantity
            plan.warehouse_of[line.line_no] = rule.warehouse
            plan.rule_of[line.line_no] = rule.rule_id
            return rule.warehouse
        plan.notes.append(f"{rule.warehouse} 缺货 {line.sku}，跳过规则「{rule.name}」")
    return ""


def _keep_together_warehouse(goods: list[LineForAllocation], rules: Sequence[CompiledRule],
                             contexts: dict[int, dict[str, object]], stock: StockView) -> str:  # fmt: skip
    """A matching keep-together rule whose warehouse can ship every line; else per-line placement."""
    need: dict[str, int] = defaultdict(int)
    for ln in goods:
        need[ln.sku] += ln.quantity
    for rule in rules:
        if rule.action is not RuleAction.ASSIGN_WAREHOUSE or not rule.keep_together:
            continue
        if not any(rule.condition.evaluate(contexts[ln.line_no]) for ln in goods):
            continue
        if all(stock.available(sku, rule.warehouse) >= qty for sku, qty in need.items()):
            return rule.warehouse
    return ""


def _add_gifts(order: OrderForAllocation, rules: Sequence[CompiledRule], contexts: dict[int, dict[str, object]],
               stock: StockView, plan: AllocationPlan) -> None:  # fmt: skip
    home = plan.warehouse_of[next(ln.line_no for ln in order.lines if ln.gift_rule is None)]
    given, given_skus = set(), set()
    for ln in (ln for ln in order.lines if ln.gift_rule is not None):  # gifts of an earlier allocation
        given.add(ln.gift_rule)
        given_skus.add(ln.sku)  # rule ids change when a rule file is re-imported; the gift does not
        key = (ln.sku, home)
        if stock.available(ln.sku, home) - plan._reservations[key] < ln.quantity:
            plan.held = f"库存不足：赠品 {ln.sku} 在 {home} 缺货"
            plan.warehouse_of.clear()
            plan._reservations.clear()
            return
        plan.warehouse_of[ln.line_no] = home
        plan._reservations[key] += ln.quantity
    for rule in rules:
        if rule.rule_id in given or rule.gift_sku in given_skus:
            continue
        if not _matches_order(rule, order, contexts):
            continue
        key = (rule.gift_sku, home)
        if stock.available(rule.gift_sku, home) - plan._reservations[key] < rule.gift_quantity:
            plan.notes.append(f"赠品 {rule.gift_sku} 在 {home} 缺货，未添加")
            continue
        plan._reservations[key] += rule.gift_quantity
        plan.gifts.append(GiftToAdd(rule.rule_id, rule.gift_sku, rule.gift_quantity, home))


def _add_tags(order: OrderForAllocation, rules: Sequence[CompiledRule], contexts: dict[int, dict[str, object]],
              plan: AllocationPlan) -> None:  # fmt: skip
    for rule in rules:
        if rule.action is RuleAction.ADD_TAG and rule.tag not in plan.tags and _matches_order(rule, order, contexts):
            plan.tags.append(rule.tag)
