"""Rows gathered into orders: one row per item (PDD, Douyin), or Taobao's two reports joined.

When a row carrying the order's own fields has a problem, every row of the order is rejected, so no
order is written with its money or an item missing. A Taobao item report's bad row is rejected
alone: its order keeps the good lines and is held with the reason, so nothing is silently lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ...domain.model import Channel, ChannelOrder, OrderLine, Receiver, RefundState, TradeState
from .heads import Head
from .results import OrdersImport, ParsedOrder, Part, RowProblem
from .rows import Row
from .statuses import order_states
from .tieout import Expected, tie_out, unreadable
from .values import BEIJING

UNKNOWN_TIME = datetime(2000, 1, 1, tzinfo=BEIJING)  # an item report alone says nothing of time


@dataclass
class Group:
    """Everything the files say about one order. Head rows carry the order's own fields (and, in a
    one-row-per-item file, its items too); item rows are a Taobao item report's."""

    channel: Channel
    order_id: str
    head: Head | None = None
    head_file: str = ""
    head_rows: list[Row] = field(default_factory=list)
    summary: OrderLine | None = None  # Taobao order report's stand-in for its items
    item_count: int | None = None  # the order report's 宝贝总数量, when it has the column
    item_file: str = ""
    item_rows: list[Row] = field(default_factory=list)
    lines: list[tuple[OrderLine, RefundState]] = field(default_factory=list)
    items_trade: TradeState | None = None  # what a Taobao item report says of the trade

    @property
    def rows(self) -> list[Row]:
        return self.head_rows + self.item_rows

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

    def add_row_head(self, row: Row, head: Head) -> None:
        """One more row of the same order in a one-row-per-item file: money summed, latest times kept."""
        if self.head is None:
            self.head = head
        else:
            for k, v in head.money.items():
                self.head.money[k] += v
            for k, t in head.times.items():
                self.head.times[k] = max(t, self.head.times.get(k, t))
        self.head_rows.append(row)

    def absorb(self, other: Group) -> None:
        """The same order from a later file: its head if newer (or the first), its items if it has any."""
        if other.head is not None and (self.head is None or not _newer(self.head, other.head)):
            self.head, self.head_file, self.head_rows, self.summary, self.item_count = (
                other.head, other.head_file, other.head_rows, other.summary, other.item_count)  # fmt: skip
            if not other.item_rows and other.lines:  # one-row-per-item: the lines come with the head
                self.lines = other.lines
        if other.item_rows:
            self.item_file, self.item_rows, self.lines, self.items_trade = (other.item_file, other.item_rows,
                                                                            other.lines, other.items_trade)  # fmt: skip


def _newer(kept: Head, other: Head) -> bool:
    return (kept.modified_at or UNKNOWN_TIME) > (other.modified_at or UNKNOWN_TIME)


def finish(group: Group, shop_code: str, out: OrdersImport) -> None:
    """Add the order to `out`, or the problems that reject it, or count it as unpaid (skipped)."""
    head_problems = [p for r in group.head_rows for p in r.problems]
    if head_problems:
        out.problems.extend(head_problems + _siblings(group, head_problems))
        return
    hold = _drop_bad_items(group, out)
    if group.head is None and not group.item_rows:
        return
    done = _order(group, shop_code, hold) if group.head is not None else _lines_only(group, shop_code, hold)
    if done is None:
        out.skipped_unpaid += 1
    else:
        out.orders.append(done)


def _drop_bad_items(group: Group, out: OrdersImport) -> str:
    """Reject the item-report rows that cannot be read, keep the rest; the hold reason, or ""."""
    bad = [r for r in group.item_rows if r.problems]
    if not bad:
        return ""
    out.problems.extend(p for r in bad for p in r.problems)
    keep = [i for i, r in enumerate(group.item_rows) if not r.problems]
    group.item_rows = [group.item_rows[i] for i in keep]
    group.lines = [group.lines[i] for i in keep]
    return unreadable(bad[0].file, [r.row_no for r in bad])


def _order(group: Group, shop_code: str, hold: str) -> ParsedOrder | None:
    """The order from its head (and items); None for an unpaid order."""
    head = group.head
    assert head is not None
    line_refunds = [r for _, r in group.lines] if group.lines else [head.refund]
    if group.item_rows and head.refund is not RefundState.NONE:
        line_refunds.append(head.refund)  # Taobao: a refund in the order report's status covers the items too
    trade, refund = order_states(head.trade, line_refunds)
    if trade is TradeState.UNPAID or (trade is TradeState.CLOSED and "paid_at" not in head.times):
        return None  # closed before it was paid: never an order of ours
    lines = tuple(ln for ln, _ in group.lines) or ((group.summary,) if group.summary else ())
    part = Part.HEADER if not group.lines and group.summary else Part.FULL
    m = head.money
    order = ChannelOrder(
        channel=group.channel, shop_code=shop_code, platform_order_id=group.order_id, trade_state=trade,
        refund_state=refund, paid_at=head.paid_at, modified_at=head.modified_at or UNKNOWN_TIME,
        receiver=head.receiver, lines=lines, buyer_ref=head.buyer_ref, buyer_note=head.buyer_note,
        seller_note=head.seller_note, total_fen=m["total"] or sum(ln.paid_fen for ln in lines) + m["freight"],
        freight_fen=m["freight"], discount_fen=m["discount"] + m["platform_discount"],
        extras=head.extras | {"imported_from": group.head_file}, ship_by=head.ship_by,
    )  # fmt: skip
    expected = _expected(group)
    if not hold and group.item_rows:
        hold = tie_out(lines, expected)
    rows = tuple(sorted(r.row_no for r in group.rows))
    return ParsedOrder(order, part, group.head_file, rows, expected, hold)


def _expected(group: Group) -> Expected | None:
    """What a Taobao order report says of the items; None for a one-row-per-item export."""
    if group.summary is None or group.head is None:
        return None
    m = group.head.money
    amounts = tuple(dict.fromkeys(a for a in (m["goods_amount"], m["total"] - m["freight"]) if a > 0))
    return Expected(group.item_count, amounts)


def _lines_only(group: Group, shop_code: str, hold: str) -> ParsedOrder | None:
    """Taobao items whose order row is not among the files: for an order imported earlier, or
    kept until its order report arrives."""
    trade = group.items_trade or TradeState.PAID
    if trade is TradeState.UNPAID:
        return None
    lines = tuple(ln for ln, _ in group.lines)
    trade, refund = order_states(trade, [r for _, r in group.lines])
    order = ChannelOrder(group.channel, shop_code, group.order_id, trade, refund, None, UNKNOWN_TIME,
                         Receiver("", "", None, ""), lines, total_fen=sum(ln.paid_fen for ln in lines),
                         extras={"imported_from": group.item_file})  # fmt: skip
    rows = tuple(sorted(r.row_no for r in group.rows))
    return ParsedOrder(order, Part.LINES, group.item_file, rows, hold=hold)


def _siblings(group: Group, problems: list[RowProblem]) -> list[RowProblem]:
    """The good rows of a rejected order, each saying why it was not imported either."""
    bad = {(p.file, p.row) for p in problems}
    first = problems[0]
    out = []
    for r in group.rows:
        if (r.file, r.row_no) in bad:
            continue
        where = "" if first.file == r.file else f"{first.file} "
        zh = f"同一订单 {group.order_id} 的{where}第 {first.row} 行有问题，整单未导入"
        en = f"{where}row {first.row} of the same order {group.order_id} has a problem; the whole order was not imported"
        out.append(RowProblem(r.row_no, "", zh, en, r.file))
    return out

