"""What importing a batch of parsed orders would do, decided before anything is written.

The same plan serves the preview and the import, so the preview's counts are the import's. Orders
go through intake's own rule (decide_intake: new, updated, unchanged by the platform's modified
time). On top of it, two things intake does not know of:

- holds: a new paid order whose province cannot be recognised, or whose items have no SKU (a
  Taobao order report imported without its item report), is kept but held for review;
- Taobao completion: items arriving for an order stored with the order report's summary line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..domain.intake import IntakeAction, decide_intake
from ..domain.model import Channel, ChannelOrder, OrderLine
from ..domain.status import OrderStatus as S
from ..imports.orders_file import ParsedOrder, Part, RowProblem
from .ports import StoredOrder
from .unit_of_work import UnitOfWork

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
LINES_EDITABLE = (S.PAID.value, S.ON_HOLD.value)  # statuses whose lines may still be replaced
HOLD_PROVINCE_ZH = "收货省份无法识别（{raw}），请核对地址"
HOLD_NO_SKU_ZH = "商品没有商家编码，请核对商品"
HOLD_NO_ITEMS_ZH = "只有订单报表，缺少宝贝明细，请导入宝贝报表"


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
    if o.receiver.province is None:
        reasons.append(HOLD_PROVINCE_ZH.format(raw=o.receiver.province_raw or "空"))
    if parsed.part is Part.HEADER:
        reasons.append(HOLD_NO_ITEMS_ZH)
    elif any(not ln.sku for ln in o.lines if not ln.is_gift):
        reasons.append(HOLD_NO_SKU_ZH)
    return "；".join(reasons)


def plan_batch(uow: UnitOfWork, batch: Sequence[ParsedOrder]) -> BatchPlan:
    plan = BatchPlan()
    stored = uow.orders.stored_states([p.order.order_no for p in batch])
    summary_only = _summary_only(uow, batch, stored)
    for p in batch:
        no, have = p.order.order_no, stored.get(p.order.order_no)
        if p.part is Part.LINES:
            _plan_lines_only(plan, p, have, no in summary_only)
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
        plan.actions[no] = action
    return plan


def _plan_lines_only(plan: BatchPlan, p: ParsedOrder, have: StoredOrder | None, summary_only: bool) -> None:
    no = p.order.order_no
    if have is None:
        pid = p.order.platform_order_id
        zh = f"订单 {pid} 不在已导入的订单中：宝贝报表只有商品明细，请把订单报表一起导入"
        en = (f"order {pid} is not among the imported orders: the item report only has the items; "
              "import it together with the order report")  # fmt: skip
        plan.rejected += [RowProblem(row, "订单编号", zh, en, p.file) for row in p.rows]
    elif summary_only and _has_skus(p.order.lines):
        plan.completions[no] = p
        plan.actions[no] = UPDATED
    else:
        plan.actions[no] = UNCHANGED


def _has_skus(lines: Sequence[OrderLine]) -> bool:
    return bool(lines) and all(ln.sku for ln in lines)


def _summary_only(uow: UnitOfWork, batch: Sequence[ParsedOrder], stored: dict[str, StoredOrder]) -> set[str]:
    """Stored Taobao orders, still open to new lines, whose only line is the order report's summary."""
    nos = [p.order.order_no for p in batch if p.order.channel is Channel.TAOBAO and p.order.order_no in stored
           and stored[p.order.order_no].state.status.value in LINES_EDITABLE]  # fmt: skip
    if not nos:
        return set()
    return {c.order_no for c in uow.allocation.candidates(nos)
            if c.lines and all(not ln.sku for ln in c.lines if not ln.is_gift)}  # fmt: skip


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
