"""Orders as they arrive from a channel, in plain dataclasses.

Amounts are integer fen (分): exact, and what the platforms' APIs use. Times are timezone-aware.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime
from enum import StrEnum
from typing import Any


class Channel(StrEnum):
    """A sales platform (渠道). A shop (店铺) is one seller account on one of these."""

    TAOBAO = "taobao"
    PDD = "pdd"
    DOUYIN = "douyin"
    MINIPROGRAM = "miniprogram"

    @property
    def prefix(self) -> str:
        return _PREFIX[self]

    @property
    def zh(self) -> str:
        return _ZH[self]

    @property
    def en(self) -> str:
        return _EN[self]

    def label(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


_PREFIX = {Channel.TAOBAO: "TB", Channel.PDD: "PDD", Channel.DOUYIN: "DY", Channel.MINIPROGRAM: "MP"}
_ZH = {Channel.TAOBAO: "淘宝/天猫", Channel.PDD: "拼多多", Channel.DOUYIN: "抖音小店", Channel.MINIPROGRAM: "小程序"}
_EN = {Channel.TAOBAO: "Taobao/Tmall", Channel.PDD: "Pinduoduo", Channel.DOUYIN: "Douyin", Channel.MINIPROGRAM: "Mini-program"}


class TradeState(StrEnum):
    """What the platform says about the trade, mapped from each platform's own codes."""

    UNPAID = "UNPAID"
    PAID = "PAID"
    SHIPPED = "SHIPPED"
    COMPLETED = "COMPLETED"
    CLOSED = "CLOSED"


class RefundState(StrEnum):
    """What the platform says about a refund on the trade."""

    NONE = "NONE"
    REQUESTED = "REQUESTED"
    REFUNDED = "REFUNDED"


@dataclass(frozen=True)
class Receiver:
    """Where the parcel goes. Phone and name may arrive masked (138****1234, 张*): kept as given."""

    name: str
    phone: str
    province: str | None  # normalised full name, None when unrecognised (flagged for review)
    province_raw: str
    city: str = ""
    district: str = ""
    street: str = ""
    detail: str = ""


@dataclass(frozen=True)
class OrderLine:
    sku: str
    title: str
    quantity: int
    unit_price_fen: int
    paid_fen: int
    platform_line_id: str = ""
    is_gift: bool = False


@dataclass(frozen=True)
class ChannelOrder:
    """One order exactly as a channel (API or export file) delivered it."""

    channel: Channel
    shop_code: str
    platform_order_id: str
    trade_state: TradeState
    refund_state: RefundState
    paid_at: datetime | None
    modified_at: datetime
    receiver: Receiver
    lines: tuple[OrderLine, ...]
    buyer_ref: str = ""
    buyer_note: str = ""
    seller_note: str = ""
    total_fen: int = 0
    freight_fen: int = 0
    discount_fen: int = 0
    extras: dict[str, str] = field(default_factory=dict)  # coupon, invoice title, … as delivered
    ship_by: datetime | None = None  # the platform's promised ship-by time, when it sends one
    ship_by_source: str = ""  # a ship_by.ShipBySource value once intake has settled the deadline
    # The platform's refund records (domain.refunds.PlatformRefund): each with its id and raw state
    # word. When present they, not `refund_state`, drive the order's refund steps.
    refunds: tuple[Any, ...] = ()

    @cached_property
    def order_no(self) -> str:
        return order_no_for(self.channel, self.platform_order_id)


def order_no_for(channel: Channel, platform_order_id: str) -> str:
    """The hub's order number: the platform's own number with a channel prefix.

    Customer service reads out the number the buyer sees, and the prefix keeps the four platforms'
    numbers apart, so no counter has to be shared between stations.
    """
    return f"{channel.prefix}{platform_order_id}"


def mask_phone(phone: str) -> str:
    """138****1234 for an 11-digit mobile; anything already masked or short is returned as is."""
    digits = phone.strip()
    if "*" in digits or len(digits) < 7:
        return digits
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def is_clear_phone(phone: str) -> bool:
    """True when the phone is a real number (searchable), not a masked or virtual one."""
    p = phone.strip()
    return len(p) >= 7 and p.isdigit()


def customer_key(channel: Channel, buyer_ref: str, receiver: Receiver) -> str:
    """Who bought: the phone when the platform gave it in clear, else the platform's buyer id."""
    if is_clear_phone(receiver.phone):
        return f"phone:{receiver.phone.strip()}"
    if buyer_ref:
        return f"buyer:{channel.value}:{buyer_ref}"
    return f"receiver:{channel.value}:{receiver.name}:{receiver.phone}"
