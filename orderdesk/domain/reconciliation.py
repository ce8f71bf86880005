"""Reconciliation for finance (对账): per channel and period, what buyers paid and what went back.

Sales count in the period they were paid; refunds (credit notes and their reversals) in the period
the note was issued, so a refund in December of a November order lowers December, and November
stays as finance booked it. Goods paid is the sum of the order lines, to the fen; amounts are
integer fen here and turned into yuan only when written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .errors import DomainError


@dataclass(frozen=True)
class SaleRow:
    order_no: str
    channel: str
    shop: str
    paid_at: datetime
    status: str
    goods_fen: int  # the order lines' paid amounts, summed
    freight_fen: int

    @property
    def total_fen(self) -> int:
        return self.goods_fen + self.freight_fen


@dataclass(frozen=True)
class NoteRow:
    number: str
    order_no: str
    channel: str
    issued_at: datetime
    kind: str  # credit | reversal
    goods_fen: int  # negative on a credit note, positive on a reversal
    freight_fen: int
    total_fen: int


@dataclass(frozen=True)
class ChannelTotals:
    channel: str
    orders: int
    goods_fen: int
    freight_fen: int
    refunds_fen: int  # credit notes net of reversals: negative or zero
    notes: int

    @property
    def paid_fen(self) -> int:
        return self.goods_fen + self.freight_fen

    @property
    def net_fen(self) -> int:
        return self.paid_fen + self.refunds_fen


@dataclass(frozen=True)
class Reconciliation:
    start: datetime
    end: datetime
    sales: dict[str, list[SaleRow]]
    notes: dict[str, list[NoteRow]]

    def totals(self, channel: str) -> ChannelTotals:
        sales, notes = self.sales.get(channel, []), self.notes.get(channel, [])
        return ChannelTotals(channel, len(sales), sum(s.goods_fen for s in sales), sum(s.freight_fen for s in sales),
                             sum(n.total_fen for n in notes), len(notes))  # fmt: skip

    @property
    def channels(self) -> list[str]:
        return sorted(set(self.sales) | set(self.notes))

    @property
    def empty(self) -> bool:
        return not any(self.sales.values()) and not any(self.notes.values())


def reconcile(start: datetime, end: datetime, sales: Sequence[SaleRow], notes: Sequence[NoteRow],
              channels: Sequence[str]) -> Reconciliation:  # fmt: skip
    """Group the period's sales and notes by channel; every asked channel gets a sheet, even empty."""
    check_period(start, end)
    by_sale: dict[str, list[SaleRow]] = {c: [] for c in channels}
    by_note: dict[str, list[NoteRow]] = {c: [] for c in channels}
    for s in sales:
        by_sale.setdefault(s.channel, []).append(s)
    for n in notes:
        by_note.setdefault(n.channel, []).append(n)
    return Reconciliation(start, end, by_sale, by_note)


def check_period(start: datetime, end: datetime) -> None:
    if end <= start:
        raise DomainError("结束时间早于开始时间", "--to is before --from")
    if (end - start).days > 400:
        raise DomainError("时间范围不能超过 400 天", "The period may not be longer than 400 days")
