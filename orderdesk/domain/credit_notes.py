"""Red credit notes (红字凭证): the accounting reversal of a refunded sale, planned in pure Python.

A note credits lines and freight of one order as negative amounts; it can never credit more than
the order was paid, nor lines the order does not have. Notes are never changed: a mistake is undone
by a reversing note (positive amounts) that names the original. Amounts are integer fen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from .errors import DomainError
from .model import RefundState
from .status import OrderStatus as S

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")  # numbers run per calendar year in China
NUMBER = re.compile(r"^CN(\d{4})-(\d{6})$")
CREDIT, REVERSAL = "credit", "reversal"
MAX_FEN = 2_147_483_647  # the columns' integer range (21,474,836.47 yuan)


class CreditRefused(DomainError):
    """A credit note that may not be issued; `code` names why (for the audit row and for tests)."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.code = code


@dataclass(frozen=True)
class OrderLineFacts:
    line_no: int
    sku: str
    title: str
    quantity: int
    paid_fen: int  # what the buyer paid for the whole line


@dataclass(frozen=True)
class OrderForCredit:
    """What a credit note needs to know of its order."""

    order_id: int
    order_no: str
    channel: str
    status: S
    refund_state: RefundState
    cancelled_after_refund: bool  # CANCELLED straight from INTERCEPTED (a refund before shipping)
    total_fen: int  # what the buyer paid, freight included
    freight_fen: int
    buyer: str  # masked name and phone, as printed
    lines: tuple[OrderLineFacts, ...]
    refund_paid_fen: int = 0  # what the order's refund records say was paid back (0: none paid)


@dataclass(frozen=True)
class Credited:
    """What earlier notes of the order credited, net of reversals, as positive numbers."""

    quantities: dict[int, int] = field(default_factory=dict)  # line_no -> units
    amounts: dict[int, int] = field(default_factory=dict)  # line_no -> fen
    freight_fen: int = 0
    total_fen: int = 0


@dataclass(frozen=True)
class LineRequest:
    """Credit `quantity` units of `sku`; `amount_fen` None means the line's paid share."""

    sku: str
    quantity: int
    amount_fen: int | None = None


@dataclass(frozen=True)
class NoteLine:
    line_no: int
    sku: str
    title: str
    quantity: int  # negative on a credit note, positive on a reversal
    unit_price_fen: int  # always positive: what one unit was paid
    amount_fen: int  # negative on a credit note, positive on a reversal


@dataclass(frozen=True)
class NotePlan:
    lines: tuple[NoteLine, ...]
    goods_fen: int
    freight_fen: int

    @property
    def total_fen(self) -> int:
        return self.goods_fen + self.freight_fen


@dataclass(frozen=True)
class CreditNote:
    """A note as issued: what the PDF, the export and `credit-notes show` present."""

    number: str
    kind: str  # credit | reversal
    issued_at: datetime
    issued_by: str
    order_no: str
    channel: str
    buyer: str
    reason: str
    goods_fen: int
    freight_fen: int
    total_fen: int
    lines: tuple[NoteLine, ...]
    reverses: str | None = None
    reversed_by: str | None = None


def note_number(year: int, seq: int) -> str:
    return f"CN{year}-{seq:06d}"


def note_year(at: datetime) -> int:
    """The numbering year: the calendar year in China when the note is issued."""
    return at.astimezone(BEIJING).year


def parse_number(text: str) -> str:
    number = text.strip().upper()
    if not NUMBER.match(number):
        raise CreditRefused("bad_number", f"不是红字凭证编号：{text.strip()[:40]}（应为 CN2026-000123）",
                            f"Not a credit note number: {text.strip()[:40]} (expected CN2026-000123)")  # fmt: skip
    return number


def yuan(fen: int) -> str:
    """-5980 -> '-59.80'."""
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def parse_yuan(text: str) -> int:
    """'59.9' or '¥59.90' -> 5990 fen; more than two decimals, a negative or a huge amount is refused."""
    t = text.strip().lstrip("¥￥").replace(",", "")
    try:
        value = Decimal(t)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value * 100 > MAX_FEN or value != value.quantize(Decimal("0.01")):
        raise CreditRefused("bad_amount", f"金额无效：{text.strip()[:40]}（元，最多两位小数）",
                            f"Invalid amount: {text.strip()[:40]} (yuan, at most two decimals)")  # fmt: skip
    return int(value * 100)


def refund_on_record(order: OrderForCredit) -> bool:
    """Whether money actually went back on the order; without that no credit note is issued.

    A refund paid on one of the order's refund records, the platform saying REFUNDED, goods checked
    back in, or an order cancelled straight from an intercept. A refund only requested (an
    intercepted order, an after-sale still open) has nothing refunded yet, so it gets no note.
    """
    if order.refund_paid_fen > 0 or order.refund_state is RefundState.REFUNDED:
        return True
    return order.status is S.RETURNED or order.cancelled_after_refund


def plan_credit(order: OrderForCredit, credited: Credited, requests: list[LineRequest], freight_fen: int,
                reason: str) -> NotePlan:  # fmt: skip
    """The note's lines and amounts (negative), or CreditRefused saying why it may not be issued."""
    _check_basics(order, requests, freight_fen, reason)
    lines = [ln for r in requests for ln in _credit_lines(order, credited, r)]
    _check_line_amounts(order, credited, lines)
    freight_left = order.freight_fen - credited.freight_fen
    if freight_fen > freight_left:
        raise CreditRefused("over_freight", f"运费退款 {yuan(freight_fen)} 元超过未冲红的运费 {yuan(freight_left)} 元",
                            f"Freight {yuan(freight_fen)} exceeds the freight not yet credited ({yuan(freight_left)})")
    plan = NotePlan(tuple(_negate(ln) for ln in lines), -sum(ln.amount_fen for ln in lines), -freight_fen)
    left = order.total_fen - credited.total_fen
    if -plan.total_fen > left:
        raise CreditRefused("over_total", f"冲红合计 {yuan(-plan.total_fen)} 元超过订单实付未冲红部分 {yuan(left)} 元",
                            f"Total {yuan(-plan.total_fen)} exceeds what is left un-credited of the payment ({yuan(left)})")
    return plan


def plan_full(order: OrderForCredit, credited: Credited) -> tuple[list[LineRequest], int]:
    """Everything not yet credited: each line's remaining units and the remaining freight."""
    left: dict[str, int] = {}
    for ln in order.lines:
        rest = ln.quantity - credited.quantities.get(ln.line_no, 0)
        if rest > 0:
            left[ln.sku] = left.get(ln.sku, 0) + rest
    return [LineRequest(sku, q) for sku, q in left.items()], order.freight_fen - credited.freight_fen


def plan_reversal(original: CreditNote) -> NotePlan:
    """The mirror of a credit note; a reversal itself, or a note already reversed, is refused."""
    if original.kind == REVERSAL:
        raise CreditRefused("reverse_reversal", f"{original.number} 是冲销凭证，不能再冲销；请重新开具红字凭证",
                            f"{original.number} is a reversing note and cannot be reversed; issue a new credit note")
    if original.reversed_by:
        raise CreditRefused("already_reversed", f"{original.number} 已被 {original.reversed_by} 冲销",
                            f"{original.number} was already reversed by {original.reversed_by}")
    lines = tuple(NoteLine(ln.line_no, ln.sku, ln.title, -ln.quantity, ln.unit_price_fen, -ln.amount_fen)
                  for ln in original.lines)  # fmt: skip
    return NotePlan(lines, -original.goods_fen, -original.freight_fen)


def _check_basics(order: OrderForCredit, requests: list[LineRequest], freight_fen: int, reason: str) -> None:
    if not reason.strip():
        raise CreditRefused("no_reason", "请填写冲红原因", "A reason is required")
    if not refund_on_record(order):
        raise CreditRefused("not_refunded", f"订单 {order.order_no} 没有退款记录，不能开具红字凭证",
                            f"Order {order.order_no} has nothing refunded; no credit note can be issued")
    if not requests and freight_fen <= 0:
        raise CreditRefused("nothing", "红字凭证没有商品行也没有运费", "The credit note has no lines and no freight")
    if freight_fen < 0 or any(r.quantity < 0 or (r.amount_fen or 0) < 0 or (r.quantity == 0 and not r.amount_fen)
                              for r in requests):
        raise CreditRefused("bad_quantity", "数量必须大于 0（仅退金额时数量为 0 并写明金额），金额不能为负数",
                            "Quantities must be above 0 (0 with an amount for a refund of money only); amounts not negative")
    skus = [r.sku for r in requests]
    if len(set(skus)) != len(skus):
        raise CreditRefused("repeated_line", "同一商品请只写一行", "Name each SKU once")


def _credit_lines(order: OrderForCredit, credited: Credited, r: LineRequest) -> list[NoteLine]:
    """Spread a request over the order's lines of that SKU, in line order (positive numbers)."""
    mine = [ln for ln in order.lines if ln.sku == r.sku]
    if not mine:
        raise CreditRefused("unknown_line", f"订单 {order.order_no} 没有商品 {r.sku}",
                            f"Order {order.order_no} has no line for {r.sku}")
    if r.quantity == 0:
        return [_money_only(order, credited, mine, r.amount_fen or 0)]
    want, out = r.quantity, []
    for ln in mine:
        take = min(want, ln.quantity - credited.quantities.get(ln.line_no, 0))
        if take > 0:
            out.append(_share(ln, credited, take))
            want -= take
    if want > 0:
        left = r.quantity - want
        raise CreditRefused("too_many", f"商品 {r.sku} 最多还能冲红 {left} 件，不能冲红 {r.quantity} 件",
                            f"Only {left} of {r.sku} are left to credit, not {r.quantity}")
    if r.amount_fen is not None:
        out = _with_amount(out, r.amount_fen)
    return out


def _share(ln: OrderLineFacts, credited: Credited, qty: int) -> NoteLine:
    """`qty` units of a line at their paid share; the last units take what is left, to the fen."""
    left_qty = ln.quantity - credited.quantities.get(ln.line_no, 0)
    left_fen = ln.paid_fen - credited.amounts.get(ln.line_no, 0)
    amount = left_fen if qty == left_qty else min(left_fen, round(ln.paid_fen * qty / ln.quantity))
    return NoteLine(ln.line_no, ln.sku, ln.title, qty, round(ln.paid_fen / ln.quantity), max(amount, 0))


def _money_only(order: OrderForCredit, credited: Credited, mine: list[OrderLineFacts], amount: int) -> NoteLine:
    """A refund of money only (the buyer keeps the goods): no units, on the first line with that much left."""
    for ln in mine:
        if ln.paid_fen - credited.amounts.get(ln.line_no, 0) >= amount:
            return NoteLine(ln.line_no, ln.sku, ln.title, 0, round(ln.paid_fen / ln.quantity), amount)
    left = max(ln.paid_fen - credited.amounts.get(ln.line_no, 0) for ln in mine)
    raise CreditRefused("over_paid", f"商品 {mine[0].sku} 冲红 {yuan(amount)} 元，超过实付未冲红的 {yuan(left)} 元",
                        f"{mine[0].sku}: {yuan(amount)} is more than was paid and not yet credited ({yuan(left)})")


def _with_amount(lines: list[NoteLine], amount_fen: int) -> list[NoteLine]:
    """A request's own amount, put on its lines in proportion to their quantities."""
    total_qty, out, left = sum(ln.quantity for ln in lines), [], amount_fen
    for i, ln in enumerate(lines):
        part = left if i == len(lines) - 1 else round(amount_fen * ln.quantity / total_qty)
        out.append(NoteLine(ln.line_no, ln.sku, ln.title, ln.quantity, round(part / ln.quantity), part))
        left -= part
    return out


def _check_line_amounts(order: OrderForCredit, credited: Credited, lines: list[NoteLine]) -> None:
    per_line: dict[int, int] = {}
    for ln in lines:
        per_line[ln.line_no] = per_line.get(ln.line_no, 0) + ln.amount_fen
    paid = {ln.line_no: ln for ln in order.lines}
    for line_no, amount in per_line.items():
        left = paid[line_no].paid_fen - credited.amounts.get(line_no, 0)
        if amount > left:
            sku = paid[line_no].sku
            raise CreditRefused("over_paid", f"商品 {sku} 冲红 {yuan(amount)} 元，超过实付未冲红的 {yuan(left)} 元",
                                f"{sku}: {yuan(amount)} is more than was paid and not yet credited ({yuan(left)})")


def _negate(ln: NoteLine) -> NoteLine:
    return NoteLine(ln.line_no, ln.sku, ln.title, -ln.quantity, ln.unit_price_fen, -ln.amount_fen)


def mask_name(name: str) -> str:
    """张伟 -> 张*; a name already masked or empty is kept as given."""
    n = name.strip()
    return n if not n or "*" in n else n[0] + "*" * (len(n) - 1)


def issuer_label(username: str, display_name: str) -> str:
    """Who issued a note, as printed: "财务小王 (finance)", or the user name alone."""
    return username if not display_name or display_name == username else f"{display_name} ({username})"
