"""Reading the order-level fields (the head) and the item fields (a line) of one row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ...domain.model import OrderLine, Receiver, RefundState, TradeState
from ...domain.provinces import normalise_province
from ...domain.ship_by import platform_deadline
from .address import split_address
from .rows import Row
from .statuses import refund_in_status, refund_state, trade_state
from .fields import FIELD
from .values import CellError, amount_fen, count, moment, order_id

_MONEY = ("total", "goods_amount", "freight", "discount", "platform_discount")


@dataclass
class Head:
    """An order's own fields as one row gives them; amounts in fen."""

    order_id: str
    trade: TradeState
    refund: RefundState
    times: dict[str, datetime]
    receiver: Receiver
    money: dict[str, int]
    buyer_ref: str = ""
    buyer_note: str = ""
    seller_note: str = ""
    extras: dict[str, str] = field(default_factory=dict)
    ship_by: datetime | None = None  # the file's 承诺发货时间, when it has a readable one

    @property
    def paid_at(self) -> datetime | None:
        t = self.times
        return t.get("paid_at") or t.get("confirmed_at") or t.get("created_at")

    @property
    def modified_at(self) -> datetime | None:
        """The latest time the export shows: a newer export of a changed order has a later one."""
        return max(self.times.values(), default=None)


def read_id(row: Row) -> str:
    return row.parsed("order_id", order_id, "") if row.required("order_id") else ""


def read_head(row: Row, oid: str) -> Head:
    status = row.text("status")
    trade = row.parsed("status", trade_state, TradeState.PAID) if row.required("status") else TradeState.PAID
    refund = _refund(row, status)
    times = {k: t for k in row.columns.times if (t := row.parsed(k, moment, None)) is not None}
    if not times and trade not in (TradeState.UNPAID, TradeState.CLOSED):  # those are skipped, not imported
        row.fail("paid_at", "没有任何时间（付款时间等都为空）", "no time at all (paid time and the others are empty)")
    money = {k: row.parsed(k, amount_fen, 0) for k in _MONEY}
    extras = {k: v for k in ("courier", "tracking_no") if (v := row.text(k))}
    if status:
        extras["platform_status"] = status
    head = Head(oid, trade, refund, times, _receiver(row, extras), money, row.text("buyer_ref"),
                row.text("buyer_note"), row.text("seller_note"), extras)  # fmt: skip
    head.ship_by, note = _ship_by(row, head.paid_at)
    head.extras.update(note)
    return head


def _ship_by(row: Row, paid_at: datetime | None) -> tuple[datetime | None, dict[str, str]]:
    """The file's promised ship-by; an unreadable one keeps the row (the channel's default applies)
    and says so on the order, unlike a bad money or time cell, which rejects it."""
    cell = row.text("ship_by")
    if not cell:
        return None, {}

    def parse(text: object) -> datetime:
        try:
            found = moment(str(text))
        except CellError as exc:
            raise ValueError(exc.en) from None
        if found is None:
            raise ValueError("empty")
        return found

    return platform_deadline(FIELD["ship_by"].zh, cell, parse, paid_at)


def _refund(row: Row, status: str) -> RefundState:
    """The after-sale column where the export has one, else what the status text says (PDD's
    status reads 未发货，退款成功)."""
    if row.has("refund_status"):
        return row.parsed("refund_status", refund_state, RefundState.NONE)
    return refund_in_status(status)


def _receiver(row: Row, extras: dict[str, str]) -> Receiver:
    name = row.required("receiver_name")
    mobile, landline = row.text("phone"), row.text("phone_alt")
    if mobile and landline and landline != mobile:
        extras["receiver_landline"] = landline
    phone = mobile or landline
    if row.has("address"):
        a = split_address(row.text("address_changed") or row.required("address"))
        if a.zip_code:
            extras["receiver_zip"] = a.zip_code
        return Receiver(name, phone, a.province, a.province_raw, a.city, a.district, "", a.detail)
    raw = row.required("province")
    return Receiver(name, phone, normalise_province(raw), raw, row.text("city"), row.text("district"),
                    row.text("street"), row.text("detail"))  # fmt: skip


def read_line(row: Row, money: dict[str, int] | None = None) -> tuple[OrderLine, RefundState]:
    """One item. `money`: the row's amounts when they are this item's (PDD, Douyin: one row per
    item), not the order's (Taobao's item report has a unit price only)."""
    qty = row.parsed("quantity", count, 1)
    goods = money["goods_amount"] if money else 0
    unit = row.parsed("unit_price", amount_fen, 0) if row.has("unit_price") else goods // max(qty, 1)
    paid = (money["total"] if money and row.text("total") else 0) or goods or unit * qty
    title, spec = row.text("title"), row.text("spec")
    sku = row.text("sku") or row.text("product_code") or row.text("item_id")
    status = row.text("status")
    refund = _refund(row, status)
    line = OrderLine(sku, f"{title}（{spec}）" if spec and spec not in title else title, qty, unit, paid,
                     row.text("line_id"))  # fmt: skip
    return line, refund


def summary_line(row: Row, head: Head) -> OrderLine:
    """The order report's stand-in for its items: 宝贝标题 × 宝贝总数量, SKU unknown ("")."""
    qty = row.parsed("item_count", count, 1) if row.text("item_count") else 1
    goods = head.money["goods_amount"] or max(head.money["total"] - head.money["freight"], 0)
    return OrderLine("", row.text("item_titles"), max(qty, 1), goods // max(qty, 1), goods)
