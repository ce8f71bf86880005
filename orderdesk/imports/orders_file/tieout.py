"""Do a Taobao item report's lines add up to what its order report says of the order?

The two reports are exported apart and can disagree: a repeated or missing item row, an item
report of another day. Lines that do not tie out to the order report's 宝贝总数量 and goods amount
must not go to packing as if they were right: the order is held with both figures for a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...domain.model import OrderLine

UNREADABLE_ZH = "{n}商品无法读取（{file} 第 {rows} 行），请核对宝贝报表后重新导入"


@dataclass(frozen=True)
class Expected:
    """What the order report says of its items: their count (None when the column is absent) and
    the amounts it gives for the goods (买家应付货款, paid less freight), in fen."""

    count: int | None
    amounts: tuple[int, ...]


def tie_out(lines: Sequence[OrderLine], expected: Expected | None) -> str:
    """"" when the lines agree with the order report, else the hold reason (Chinese, as the held
    queue's reasons are) with both figures."""
    goods = [ln for ln in lines if not ln.is_gift]
    if expected is None or not goods:
        return ""
    qty, paid = sum(ln.quantity for ln in goods), sum(ln.paid_fen for ln in goods)
    count_ok = expected.count is None or qty == expected.count
    amount_ok = not expected.amounts or paid in expected.amounts
    if count_ok and amount_ok:
        return ""
    want = expected.amounts[0] if expected.amounts else paid
    want_count = f"{expected.count} 件、" if expected.count is not None else ""
    ours = f"宝贝报表 {qty} 件、{yuan(paid)}"
    return f"宝贝明细与订单报表不符：{ours}，订单报表 {want_count}{yuan(want)}，请核对"


def unreadable(file: str, rows: Sequence[int]) -> str:
    """The hold reason of an order some of whose item rows could not be read."""
    n = "一行" if len(rows) == 1 else f"{len(rows)} 行"
    return UNREADABLE_ZH.format(n=n, file=file, rows="、".join(map(str, rows)))


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100}.{abs(fen) % 100:02d}"
