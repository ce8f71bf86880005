"""Ship-confirm rules: the states of a parcel's confirmation, why one waits or is refused, and
how long to wait before the next try. Pure: the drain (services) and the GUI read these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class ConfirmState(StrEnum):
    WAITING = "waiting"  # due at its due time (new, or a retry after a failure)
    SENDING = "sending"  # claimed by one drain until its claim runs out (then claimable again)
    DONE = "done"  # the platform has the waybill (accepted now, or "already shipped" with it)
    REFUSED = "refused"  # the platform refused for good: someone must act (intercept the parcel)


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    ALREADY_SHIPPED = "already_shipped"  # a repeat (after a timeout or a crash) answered "shipped"
    COVERED = "covered"  # the platform takes one waybill per order and another parcel gave it
    RETRY = "retry"
    WAIT = "wait"  # something of ours is missing (mapping, waybill, connection): try again later
    REFUSED = "refused"


# reason code → (zh, en); the permanent refusals first, then what makes a confirmation wait
REASONS: dict[str, tuple[str, str]] = {
    "refunded": ("买家已退款", "the buyer was refunded"),
    "closed": ("订单已关闭或取消", "the order is closed or cancelled"),
    "bad_courier": ("平台不认识该快递公司编码", "the platform does not know the courier code"),
    "not_to_ship": ("订单不是待发货状态", "the order is not waiting to be shipped"),
    "not_found": ("平台上找不到该订单", "the platform does not know the order"),
    "shipped_other": ("订单已用其他运单号发货", "the order was already shipped with another waybill"),
    "rejected": ("平台拒绝了发货", "the platform refused the shipment"),
    "no_mapping": ("缺少快递公司编码映射", "no courier code mapping"),
    "no_waybill": ("包裹还没有运单号", "the parcel has no waybill number yet"),
    "no_courier": ("包裹没有快递公司", "the parcel has no courier"),
    "no_account": ("该店铺没有接口连接", "the shop has no API connection"),
    "failing": ("平台暂时失败，将自动重试", "the platform failed for now; will retry"),
}
PERMANENT = frozenset({"refunded", "closed", "bad_courier", "not_to_ship", "not_found", "shipped_other", "rejected"})
WAIT_FOR = {"no_mapping": timedelta(minutes=1), "no_waybill": timedelta(seconds=30),
            "no_courier": timedelta(minutes=5), "no_account": timedelta(minutes=10)}  # fmt: skip


# When a warehouse's parcels are confirmed to the platforms: the moment code → (zh, en)
CONFIRM_MOMENTS: dict[str, tuple[str, str]] = {
    "pack": ("打包后立即确认发货", "when packed"),
    "handover": ("快递交接时确认发货", "at courier handover"),
}
MOMENT_ALIASES = {"packed": "pack", "pack": "pack", "handover": "handover"}


def moment_text(code: str, lang: str = "zh") -> str:
    zh, en = CONFIRM_MOMENTS.get(code, (code, code))
    return en if lang.startswith("en") else zh


def reason_text(code: str, lang: str = "zh") -> str:
    zh, en = REASONS.get(code, (code, code))
    return en if lang.startswith("en") else zh


def alert_text(code: str, lang: str = "zh") -> str:
    """The alert a refusal raises: the parcel is packed, the platform will not take it."""
    if lang.startswith("en"):
        return f"Parcel packed but the platform refused the shipment: {reason_text(code, 'en')} — intercept the parcel"
    return f"包裹已打包但平台拒绝发货：{reason_text(code)} — 请拦截包裹"


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter: the n-th failure waits about base·2ⁿ⁻¹ (at most `cap`)."""

    base: float = 5.0
    cap: float = 600.0
    jitter: float = 0.5

    def delay(self, failures: int, rand: float, at_least: float = 0.0) -> timedelta:
        full = min(self.cap, self.base * 2 ** max(0, failures - 1))
        wait = full * (1 - self.jitter) + full * self.jitter * rand
        return timedelta(seconds=max(wait, min(at_least, self.cap)))


@dataclass(frozen=True)
class ParcelLine:
    """A line in the parcel as the platform names it (Taobao oid, Douyin sku order id)."""

    platform_line_id: str
    quantity: int


@dataclass(frozen=True)
class ParcelToConfirm:
    """Everything one send needs, read when the confirmation is claimed."""

    confirmation_id: int
    order_id: int
    order_no: str
    channel: str
    platform_order_id: str
    shop_id: int
    waybill: str
    courier_code: str  # ours (Kdniao code)
    lines: tuple[ParcelLine, ...]
    parcels_in_order: int  # > 1: a split order
    attempts: int
    last_reason: str

    @property
    def split(self) -> bool:
        return self.parcels_in_order > 1


@dataclass(frozen=True)
class SendResult:
    """What one try came to; `reason` is a REASONS code, `message` the platform's words."""

    outcome: Outcome
    reason: str = ""
    message_zh: str = ""
    message_en: str = ""
    platform_code: str = ""
    retry_after: float = 0.0
