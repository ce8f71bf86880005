"""The reconciliation workbook: a summary (one row per channel and a total) and one sheet per
channel listing each sale, credit note and reversal with a running type column, so the total of
the amount column is the channel's net. Money in yuan as numbers with two decimals, CNY."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from ..domain.credit_notes import BEIJING
from ..domain.model import Channel
from ..domain.status import OrderStatus
from ..domain.reconciliation import ChannelTotals, Reconciliation
from ..exports.workbook import MONEY, TIME, Sheet

SUMMARY_HEADERS = ["渠道 Channel", "期间起 From", "期间止 To", "订单数 Orders", "商品实付 Goods paid (CNY)",
                   "运费 Freight (CNY)", "实收合计 Paid (CNY)", "退款 Refunds (CNY)", "红字凭证数 Credit notes",
                   "净额 Net (CNY)", "币种 Currency"]  # fmt: skip
DETAIL_HEADERS = ["类型 Type", "时间 Time", "订单号 Order", "凭证号 Credit note", "店铺 Shop", "状态 Status",
                  "商品 Goods (CNY)", "运费 Freight (CNY)", "金额 Amount (CNY)", "币种 Currency"]  # fmt: skip
TYPE = {"sale": "销售 sale", "credit": "红字 credit", "reversal": "冲销 reversal"}


def reconciliation_sheets(rec: Reconciliation) -> list[Sheet]:
    totals = [rec.totals(c) for c in rec.channels]
    summary = [_summary_row(rec, t) for t in totals]
    if totals:
        summary.append(_summary_row(rec, _sum(totals)))
    sheets = [Sheet("汇总 Summary", SUMMARY_HEADERS, summary, {1: "yyyy-mm-dd", 2: "yyyy-mm-dd", 4: MONEY, 5: MONEY,
                    6: MONEY, 7: MONEY, 9: MONEY}, {0: 22, 1: 12, 2: 12, 4: 18, 5: 14, 6: 16, 7: 16, 9: 16})]  # fmt: skip
    for c in rec.channels:
        sheets.append(Sheet(_title(c), DETAIL_HEADERS, _details(rec, c), {1: TIME, 6: MONEY, 7: MONEY, 8: MONEY},
                            {0: 14, 1: 20, 2: 26, 3: 16, 4: 20, 8: 16}))  # fmt: skip
    return sheets


def _details(rec: Reconciliation, channel: str) -> list[list[object]]:
    rows: list[list[object]] = [[TYPE["sale"], _local(s.paid_at), s.order_no, "", s.shop, _status(s.status), _yuan(s.goods_fen),
                                 _yuan(s.freight_fen), _yuan(s.total_fen), "CNY"] for s in rec.sales.get(channel, [])]
    rows += [[TYPE.get(n.kind, n.kind), _local(n.issued_at), n.order_no, n.number, "", "", _yuan(n.goods_fen),
              _yuan(n.freight_fen), _yuan(n.total_fen), "CNY"] for n in rec.notes.get(channel, [])]  # fmt: skip
    t = rec.totals(channel)
    rows.append(["合计 Total", None, "", "", "", "", _yuan(t.goods_fen + _note_goods(rec, channel)),
                 _yuan(t.freight_fen + _note_freight(rec, channel)), _yuan(t.net_fen), "CNY"])  # fmt: skip
    return rows


def _note_goods(rec: Reconciliation, channel: str) -> int:
    return sum(n.goods_fen for n in rec.notes.get(channel, []))


def _note_freight(rec: Reconciliation, channel: str) -> int:
    return sum(n.freight_fen for n in rec.notes.get(channel, []))


def _summary_row(rec: Reconciliation, t: ChannelTotals) -> list[object]:
    last_day = (rec.end - timedelta(microseconds=1)).astimezone(BEIJING).date()  # the period's last day
    return [_channel_label(t.channel), rec.start.astimezone(BEIJING).date(), last_day, t.orders, _yuan(t.goods_fen),
            _yuan(t.freight_fen), _yuan(t.paid_fen), _yuan(t.refunds_fen), t.notes, _yuan(t.net_fen), "CNY"]  # fmt: skip


def _sum(totals: list[ChannelTotals]) -> ChannelTotals:
    return ChannelTotals("", sum(t.orders for t in totals), sum(t.goods_fen for t in totals),
                         sum(t.freight_fen for t in totals), sum(t.refunds_fen for t in totals),
                         sum(t.notes for t in totals))  # fmt: skip


def _channel_label(code: str) -> str:
    if not code:
        return "合计 Total"
    try:
        c = Channel(code)
        return f"{c.label('zh')} {c.label('en')}"
    except ValueError:
        return code


def _title(code: str) -> str:
    """A sheet name Excel accepts (no / or other reserved characters, 31 at most)."""
    try:
        return f"{Channel(code).label('zh').split('/')[0]} {code}"[:31]
    except ValueError:
        return "".join(ch for ch in code if ch not in '[]:*?/\\')[:31] or "channel"


def _status(code: str) -> str:
    try:
        return f"{OrderStatus(code).zh} {OrderStatus(code).en}"
    except ValueError:
        return code


def _local(at):  # noqa: ANN001, ANN202
    return at.astimezone(BEIJING).replace(tzinfo=None, microsecond=0)


def _yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100
