"""Refunds as records of their own, planned in pure Python.

A refund names its order, the lines and quantities refunded, the amount, the platform's own state
word kept exactly as delivered, and our reading of it (`RefundStep`). Where the order stands when
the refund arrives chooses its path (`RefundPath`): an unpacked order is intercepted and its stock
frozen; a packed parcel not yet handed over is pulled back from the outgoing pile; a parcel with
the courier is awaited as a return. A platform state we do not know is never guessed: the refund
keeps the raw word, its step is UNKNOWN, and a person is alerted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError
from .model import Channel
from .status import OrderStatus as S


class RefundStep(StrEnum):
    """Our reading of where a refund stands."""

    REQUESTED = "REQUESTED"  # the buyer asked; nothing agreed yet
    AGREED = "AGREED"  # the seller (or platform) agreed; money or goods on their way
    RETURNING = "RETURNING"  # the buyer sent the goods back
    PAID = "PAID"  # the money went back to the buyer
    REJECTED = "REJECTED"  # the seller or the platform refused it
    WITHDRAWN = "WITHDRAWN"  # the buyer withdrew it
    CLOSED = "CLOSED"  # closed without a refund (or, after PAID, finished)
    UNKNOWN = "UNKNOWN"  # a platform state word we do not know: kept, shown, alerted

    @property
    def zh(self) -> str:
        return _STEP_ZH[self]

    @property
    def en(self) -> str:
        return _STEP_EN[self]

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


_STEP_ZH = {
    RefundStep.REQUESTED: "买家申请", RefundStep.AGREED: "已同意", RefundStep.RETURNING: "买家已退货",
    RefundStep.PAID: "已退款", RefundStep.REJECTED: "已拒绝", RefundStep.WITHDRAWN: "买家已撤销",
    RefundStep.CLOSED: "已关闭", RefundStep.UNKNOWN: "未知状态",
}  # fmt: skip
_STEP_EN = {
    RefundStep.REQUESTED: "Requested", RefundStep.AGREED: "Agreed", RefundStep.RETURNING: "Goods on the way back",
    RefundStep.PAID: "Refund paid", RefundStep.REJECTED: "Rejected", RefundStep.WITHDRAWN: "Withdrawn",
    RefundStep.CLOSED: "Closed", RefundStep.UNKNOWN: "Unknown state",
}  # fmt: skip

OPEN = frozenset({RefundStep.REQUESTED, RefundStep.AGREED, RefundStep.RETURNING})
RELEASING = frozenset({RefundStep.REJECTED, RefundStep.WITHDRAWN, RefundStep.CLOSED})


class RefundPath(StrEnum):
    """What the warehouse does about a refund, chosen by where the order was when it arrived."""

    INTERCEPT = "INTERCEPT"  # not packed: stop it at the bench, freeze its stock
    PULL_BACK = "PULL_BACK"  # packed, not handed over: pull the parcel out of the outgoing pile
    AWAIT_RETURN = "AWAIT_RETURN"  # with the courier or delivered: wait for the parcel to come back
    NONE = "NONE"  # nothing to do in the warehouse (cancelled, already returned)


def choose_path(status: S, handed_over: bool) -> RefundPath:
    """The path for a refund arriving while the order is `status` (handed_over: in a manifest)."""
    if status in (S.PAID, S.ON_HOLD, S.ALLOCATED):
        return RefundPath.INTERCEPT
    if status is S.PACKED:
        return RefundPath.AWAIT_RETURN if handed_over else RefundPath.PULL_BACK
    if status in (S.SHIPPED, S.DELIVERED, S.REFUND_REQUESTED):
        return RefundPath.AWAIT_RETURN
    return RefundPath.NONE


# The platforms' raw refund state words (reference/channels.md) → our step. A word missing here is
# UNKNOWN: never guessed.
TAOBAO_STATES: Mapping[str, RefundStep] = {
    "WAIT_SELLER_AGREE": RefundStep.REQUESTED,
    "WAIT_BUYER_RETURN_GOODS": RefundStep.AGREED,
    "WAIT_SELLER_CONFIRM_GOODS": RefundStep.RETURNING,
    "SELLER_REFUSE_BUYER": RefundStep.REJECTED,
    "CLOSED": RefundStep.CLOSED,
    "SUCCESS": RefundStep.PAID,
}
PDD_STATES: Mapping[str, RefundStep] = {  # after_sales_status
    "2": RefundStep.REQUESTED, "3": RefundStep.REQUESTED, "4": RefundStep.AGREED, "5": RefundStep.AGREED,
    "6": RefundStep.REJECTED, "7": RefundStep.AGREED, "8": RefundStep.REQUESTED, "9": RefundStep.REJECTED,
    "10": RefundStep.PAID, "11": RefundStep.WITHDRAWN, "12": RefundStep.CLOSED, "13": RefundStep.CLOSED,
    "31": RefundStep.REQUESTED,
}  # fmt: skip
DOUYIN_STATES: Mapping[str, RefundStep] = {  # after_sale_status
    "6": RefundStep.REQUESTED, "7": RefundStep.AGREED, "11": RefundStep.RETURNING, "27": RefundStep.REJECTED,
    "12": RefundStep.PAID, "28": RefundStep.CLOSED, "29": RefundStep.REJECTED, "51": RefundStep.WITHDRAWN,
    "53": RefundStep.PAID,
}  # fmt: skip
MINIPROGRAM_STATES: Mapping[str, RefundStep] = {
    "requested": RefundStep.REQUESTED, "refunding": RefundStep.AGREED, "refunded": RefundStep.PAID,
    "rejected": RefundStep.REJECTED, "withdrawn": RefundStep.WITHDRAWN, "closed": RefundStep.CLOSED,
}  # fmt: skip
NO_REFUND = {Channel.TAOBAO: {"NO_REFUND", ""}, Channel.PDD: {"0", ""}, Channel.DOUYIN: {"0", ""},
             Channel.MINIPROGRAM: {"none", ""}}  # fmt: skip
_TABLES = {Channel.TAOBAO: TAOBAO_STATES, Channel.PDD: PDD_STATES, Channel.DOUYIN: DOUYIN_STATES,
           Channel.MINIPROGRAM: MINIPROGRAM_STATES}  # fmt: skip


def map_platform_state(channel: Channel, raw: str) -> RefundStep:
    """Our step for a platform's raw state word; UNKNOWN for a word not in its table."""
    return _TABLES[channel].get(raw.strip(), RefundStep.UNKNOWN)


def is_no_refund(channel: Channel, raw: str) -> bool:
    return raw.strip() in NO_REFUND[channel]


@dataclass(frozen=True)
class PlatformRefund:
    """A refund as a platform delivered it with its order: the id, the raw state word, the lines
    (platform line id or SKU, quantity; empty = the whole order) and the amount when given."""

    refund_id: str
    raw_state: str
    lines: tuple[tuple[str, int], ...] = ()
    amount_fen: int | None = None
    returns_goods: bool | None = None  # None: the platform did not say


@dataclass(frozen=True)
class OrderLineRef:
    line_id: int
    line_no: int
    sku: str
    platform_line_id: str
    quantity: int
    paid_fen: int


@dataclass(frozen=True)
class RefundLine:
    line_id: int
    line_no: int
    sku: str
    quantity: int
    amount_fen: int


class RefundRefused(DomainError):
    """A refund the hub will not record; `code` names why (audit row, tests)."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.code = code


def refund_lines(order_no: str, lines: Sequence[OrderLineRef],
                 asked: Sequence[tuple[str, int]]) -> tuple[RefundLine, ...]:  # fmt: skip
    """The order lines a refund covers: `asked` names lines by SKU or platform line id with a
    quantity; empty asks for every line in full. A line the order never had, a quantity of 0 or
    less, or more than was ordered is refused."""
    if not lines:
        raise RefundRefused("no_lines", f"订单 {order_no} 没有商品行", f"Order {order_no} has no lines")
    if not asked:
        return tuple(RefundLine(ln.line_id, ln.line_no, ln.sku, ln.quantity, ln.paid_fen) for ln in lines)
    out: list[RefundLine] = []
    for key, qty in _merged(asked):
        mine = [ln for ln in lines if key in (ln.sku, ln.platform_line_id)]
        if not mine:
            raise RefundRefused("unknown_line", f"订单 {order_no} 没有商品 {key}", f"Order {order_no} has no line {key}")
        if qty <= 0:
            raise RefundRefused("bad_quantity", f"{key} 的退款数量必须大于 0", f"The quantity of {key} must be above 0")
        ordered = sum(ln.quantity for ln in mine)
        if qty > ordered:
            raise RefundRefused("too_many", f"{key} 只订了 {ordered} 件，不能退 {qty} 件",
                                f"Only {ordered} of {key} were ordered, not {qty}")  # fmt: skip
        for ln in mine:
            take = min(qty, ln.quantity)
            if take > 0:
                amount = ln.paid_fen if take == ln.quantity else round(ln.paid_fen * take / ln.quantity)
                out.append(RefundLine(ln.line_id, ln.line_no, ln.sku, take, amount))
                qty -= take
    return tuple(out)


def _merged(asked: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    total: dict[str, int] = {}
    for key, qty in asked:
        total[key.strip()] = total.get(key.strip(), 0) + qty
    return list(total.items())


def parse_line_arg(text: str) -> tuple[str, int]:
    """`SKU:QTY` (or just `SKU`, meaning 1) from the command line."""
    sku, _, qty = text.strip().rpartition(":") if ":" in text else (text.strip(), "", "1")
    try:
        n = int(qty)
    except ValueError:
        n = 0
    if not sku or n <= 0:
        raise RefundRefused("bad_line", f"退款行应为 SKU:数量，而不是 {text.strip()[:40]}",
                            f"A refund line is SKU:QTY, not {text.strip()[:40]}")  # fmt: skip
    return sku, n


def unknown_state_message(channel: Channel, raw: str) -> tuple[str, str]:
    return (f"{channel.zh}退款状态未知：{raw[:40]}（已原样保留，请人工核对）",
            f"Unknown {channel.en} refund state: {raw[:40]} (kept as delivered; check by hand)")


@dataclass(frozen=True)
class RefundRecord:
    """A refund as the hub holds it."""

    id: int
    order_id: int
    ref: str
    source: str
    raw_state: str
    step: RefundStep
    path: str  # a RefundPath value once the refund opened its path, "" before (e.g. first seen UNKNOWN)
    returns_goods: bool
    goods_fen: int
    freight_fen: int
    hold: tuple[tuple[str, str, int], ...]  # (sku, warehouse, qty) frozen for it
    lines: tuple[RefundLine, ...]
    paid_at: object | None = None
    returned_at: object | None = None
    credit_note: str | None = None


@dataclass(frozen=True)
class Parcel:
    """One shipment of an order, as a refund path sees it."""

    shipment_id: int
    warehouse_id: int
    warehouse: str
    status: str  # ALLOCATED | PACKED
    waybill: str
    handed_over: bool
    lines: tuple[tuple[int, str, int], ...]  # (order_line_id, sku, qty)


class TaskKind(StrEnum):
    """What a warehouse inbox row asks a person to do."""

    PULL_BACK = "pull_back"
    COURIER_INTERCEPT = "courier_intercept"
    RETURN_EXPECTED = "return_expected"
    REFUND_ALERT = "refund_alert"
    UNKNOWN_PARCEL = "unknown_parcel"

    def label(self, lang: str = "zh") -> str:
        zh, en = _TASK_LABELS[self]
        return en if lang.startswith("en") else zh


_TASK_LABELS = {
    TaskKind.PULL_BACK: ("拦截取回", "Pull back"), TaskKind.COURIER_INTERCEPT: ("快递拦截", "Courier intercept"),
    TaskKind.RETURN_EXPECTED: ("待退货", "Return expected"), TaskKind.REFUND_ALERT: ("退款状态异常", "Refund alert"),
    TaskKind.UNKNOWN_PARCEL: ("无主包裹", "Unknown parcel"),
}  # fmt: skip


@dataclass(frozen=True)
class TaskItem:
    """One row of a warehouse's task inbox."""

    kind: TaskKind
    order_no: str
    waybill: str
    since: object  # datetime: when the task (or the refund) arrived
    detail: str = ""
    refund: str = ""
