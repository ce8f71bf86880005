"""The credit-note workbook's two sheets: one row per note, one row per credited line.

Money goes in as numbers in yuan with two decimals shown (never text), negative on a credit note,
so finance's sums tie out to the cent; times are Beijing time.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..domain.credit_notes import BEIJING, CreditNote
from ..exports.workbook import MONEY, TIME, Sheet

NOTE_HEADERS = ["凭证号 Number", "类型 Kind", "开具时间 Issued at", "订单号 Order", "渠道 Channel", "买家 Buyer",
                "商品金额 Goods (CNY)", "运费 Freight (CNY)", "合计 Total (CNY)", "币种 Currency", "原因 Reason",
                "开具人 Issued by", "冲销 Reverses", "被冲销 Reversed by"]  # fmt: skip
LINE_HEADERS = ["凭证号 Number", "订单号 Order", "行 Line", "SKU", "商品 Item", "数量 Qty",
                "单价 Unit price (CNY)", "金额 Amount (CNY)"]  # fmt: skip
KIND = {"credit": "红字 credit", "reversal": "冲销 reversal"}


def note_sheets(notes: Sequence[CreditNote]) -> list[Sheet]:
    return [
        Sheet("红字凭证 Credit notes", NOTE_HEADERS, [_note_row(n) for n in notes],
              {2: TIME, 6: MONEY, 7: MONEY, 8: MONEY}, {0: 16, 2: 20, 3: 24, 5: 20, 10: 40}),
        Sheet("明细 Lines", LINE_HEADERS, [_line_row(n, ln) for n in notes for ln in n.lines],
              {6: MONEY, 7: MONEY}, {0: 16, 1: 24, 3: 22, 4: 40}),
    ]  # fmt: skip


def _note_row(n: CreditNote) -> list[object]:
    at = n.issued_at.astimezone(BEIJING).replace(tzinfo=None, microsecond=0)
    return [n.number, KIND.get(n.kind, n.kind), at, n.order_no, n.channel, n.buyer, _yuan(n.goods_fen),
            _yuan(n.freight_fen), _yuan(n.total_fen), "CNY", n.reason, n.issued_by, n.reverses, n.reversed_by]  # fmt: skip


def _line_row(n: CreditNote, ln) -> list[object]:  # noqa: ANN001 - a NoteLine
    return [n.number, n.order_no, ln.line_no, ln.sku, ln.title, ln.quantity, _yuan(ln.unit_price_fen),
            _yuan(ln.amount_fen)]  # fmt: skip


def _yuan(fen: int) -> Decimal:
    """Exact yuan: Decimal, written by openpyxl as a number."""
    return Decimal(fen) / 100
