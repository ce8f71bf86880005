"""What importing a batch of parsed orders would do, decided before anything is written.

The same plan serves the preview and the import, so the preview's counts are the import's. Orders
go through intake's own rule (decide_intake: new, updated, unchanged by the platform's modified
time). On top of it, two things intake does not know of:

- holds: a new paid order whose province cannot be recognised, or whose items have no SKU (a
  Taobao order report imported without its item report), or whose items do not tie out to the
  order report, is kept but held for review;
- Taobao completion: the two reports may come in separate imports, either first. Items arriving
  for an order stored with the order report's summary line replace it (whatever the order's state
  since, unless a warehouse is working on it); items arriving first are kept as an order held for
  its order report, which fills in the receiver and lets it go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..domain.intake import IntakeAction, decide_intake
from ..domain.model import Channel, ChannelOrder, OrderLine
from ..domain.status import OrderStatus as S
from ..imports.orders_file import ParsedOrder, Part, RowProblem
from ..imports.orders_file.tieout import Expected, tie_out
from .ports import StoredOrder
from .unit_of_work import UnitOfWork

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
LINES_EDITABLE = (S.PAID.value, S.ON_HOLD.value)  # statuses whose lines may still be replaced
# Where a summary line may still become the real items: not while a warehouse works on the order.
LINES_COMPLETABLE = (*LINES_EDITABLE, S.SHIPPED.value, S.DELIVERED.value, S.CANCELLED.value, S.RETURNED.value)
HOLD_PROVINCE_ZH = "收货省份无法识别（{raw}），请核对地址"
HOLD_NO_SKU_ZH = "商品没有商家编码，请核对商品"
HOLD_NO_ITEMS_ZH = "只有订单报表，缺少宝贝明细，请导入宝贝报表"
HOLD_NO_ORDER_ZH = "只有宝贝报表，缺少订单报表（收货人、地址未知），请导入订单报表"


@dataclass
class BatchPlan:
    intake: list[ChannelOrder] = field(default_factory=list)
    actions: dict[str, str] = field(default_factory=dict)  # order_no → new | updated | unchanged
    holds: dict[str, str] = field(default_factory=dict)  # new order_no → hold reason
    completions: dict[str, ParsedOrder] = field(default_factory=dict)  # order_no → order with real items
    rejected: list[RowProblem] = field(default_factory=list)


def hold_reason(parsed: ParsedOrder) -> str:
    """Why a new order must wait for a person, or "" (the reasons in the held queue are Chinese,
    like the allocation planner's)."""
    o = parsed.order
    reasons = []
    if parsed.part is Part.LINES:
        reasons.append(HOLD_NO_ORDER_ZH)
    elif o.receiver.province is None:
        reasons.append(HOLD_PROVINCE_ZH.format(raw=o.receiver.province_raw or "空"))
    if parsed.part is Part.HEADER:
        reasons.append(HOLD_NO_ITEMS_ZH)
    elif any(not ln.sku for ln in o.lines if not ln.is_gift):
        reasons.append(HOLD_NO_SKU_ZH)
    return "；".join(reasons + ([parsed.hold] if parsed.hold else []))


def plan_batch(uow: UnitOfWork, batch: Sequence[ParsedOrder]) -> BatchPlan:
    plan = BatchPlan()
    stored = uow.orders.stored_states([p.order.order_no for p in batch])
    summary_only = _summary_only(uow, batch, stored)
    awaiting = _awaiting_order_report(uow, batch, stored)
    for p in batch:
        no, have = p.order.order_no, stored.get(p.order.order_no)
        if p.part is Part.LINES and have is not None:
            _plan_lines_only(uow, plan, p, no in summary_only)
            continue
        order = _keep_stored_items(uow, p, have, summary_only)
        decision = decide_intake(have.state if have else None, order)
        plan.intake.append(order)
        action = {IntakeAction.CREATE: NEW, IntakeAction.UPDATE: UPDATED}.get(decision.action, UNCHANGED)
        if action == NEW and decision.final(None)[0] is S.PAID and (reason := hold_reason(p)):
            plan.holds[no] = reason
        if no in summary_only and _has_skus(order.lines):
            plan.completions[no] = p
            action = UPDATED
        elif no in awaiting:  # the order report for items kept earlier: check them, then let it go on
            plan.completions[no] = replace(p, hold=p.hold or tie_out(order.lines, p.expected))
        plan.actions[no] = action
    return plan


def _plan_lines_only(uow: UnitOfWork, plan: BatchPlan, p: ParsedOrder, summary_only: bool) -> None:
    """Items for a stored order: they replace its summary line, checked against it; else nothing."""
    no = p.order.order_no
    if not (summary_only and _has_skus(p.order.lines)):
        plan.actions[no] = UNCHANGED
        return
    detail = uow.queries.detail(no)
    summary = detail.lines[0] if detail and len(detail.lines) == 1 else None
    expected = Expected(summary.quantity, (summary.paid_fen,)) if summary else None
    plan.completions[no] = replace(p, hold=p.hold or tie_out(p.order.lines, expected))
    plan.actions[no] = UPDATED


def _has_skus(lines: Sequence[OrderLine]) -> bool:
    return bool(lines) and all(ln.sku for ln in lines)


def _summary_only(uow: UnitOfWork, batch: Sequence[ParsedOrder], stored: dict[str, StoredOrder]) -> set[str]:
    """Stored Taobao orders, still open to new lines, whose only line is the order report's summary."""
    nos = [p.order.order_no for p in batch if p.order.channel is Channel.TAOBAO and p.order.order_no in stored
           and stored[p.order.order_no].state.status.value in LINES_COMPLETABLE]  # fmt: skip
    if not nos:
        return set()
    return {c.order_no for c in uow.allocation.candidates(nos)
            if c.lines and all(not ln.sku for ln in c.lines if not ln.is_gift)}  # fmt: skip


def _awaiting_order_report(uow: UnitOfWork, batch: Sequence[ParsedOrder],
                           stored: dict[str, StoredOrder]) -> set[str]:  # fmt: skip
    """Stored orders made from an item report alone, still held for the order report in the batch."""
    nos = [p.order.order_no for p in batch if p.part is not Part.LINES and p.order.channel is Channel.TAOBAO
           and (have := stored.get(p.order.order_no)) is not None and have.state.status is S.ON_HOLD]  # fmt: skip
    details = (uow.queries.detail(no) for no in nos)
    return {d.row.order_no for d in details if d is not None and HOLD_NO_ORDER_ZH in d.row.hold_reason}


def _keep_stored_items(uow: UnitOfWork, p: ParsedOrder, have: StoredOrder | None,
                       summary_only: set[str]) -> ChannelOrder:  # fmt: skip
    """A newer order report alone must not swap real stored items for its summary line: intake
    replaces the lines of a paid or held order, so give it the stored ones."""
    o = p.order
    if p.part is not Part.HEADER or have is None or o.order_no in summary_only:
        return o
    if have.state.status.value not in LINES_EDITABLE or o.modified_at <= have.state.channel_modified_at:
        return o  # intake will not touch the lines
    detail = uow.queries.detail(o.order_no)
    if detail is None:
        return o
    lines = tuple(OrderLine(ln.sku, ln.title, ln.quantity, ln.unit_price_fen, ln.paid_fen, is_gift=ln.is_gift)
                  for ln in detail.lines)  # fmt: skip
    return replace(o, lines=lines)
