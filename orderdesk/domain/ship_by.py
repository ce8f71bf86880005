"""Ship-by deadlines: the time a platform promised the buyer the parcel leaves, and how close it is.

Taobao and Pinduoduo fine a shop that ships late, so every order carries its deadline: the
platform's own field where it sends one, else the channel's default (hours after payment).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import DomainError
from .model import Channel, ChannelOrder
from .status import OrderStatus

DEFAULT_SHIP_HOURS = 48  # Taobao's and Pinduoduo's usual promise; also the mini-program's default
DUE_SOON_HOURS = 6  # "due soon" unless the setting says otherwise
MAX_SHIP_HOURS = 24 * 60  # a default longer than 60 days is a typo
PROBLEM_KEY = "ship_by_problem"  # extras key: why the platform's own deadline was not used

# Statuses in which the platform may still wait for the parcel: not shipped, not cancelled.
_AWAITING_CONFIRMATION = frozenset({OrderStatus.PAID, OrderStatus.ON_HOLD, OrderStatus.ALLOCATED, OrderStatus.PACKED})


def awaits_ship_confirmation(status: OrderStatus | str, confirmed: bool = False) -> bool:
    """True while the platform has not been told the order shipped: the deadline still matters.

    Args:
        status: the order's status; shipped, delivered, cancelled or refunded orders are done.
        confirmed: the platform accepted every parcel of the order (each one's ship-confirm is
            done), even if the courier has not picked it up yet: the platform's clock stopped.
    """
    return not confirmed and OrderStatus(status) in _AWAITING_CONFIRMATION


def awaiting_confirmation_statuses() -> tuple[str, ...]:
    """The statuses as plain values, for the read side's SQL (which also leaves out orders whose
    every parcel the platform accepted, as `awaits_ship_confirmation(status, confirmed=True)`)."""
    return tuple(sorted(s.value for s in _AWAITING_CONFIRMATION))


class ShipBySource(StrEnum):
    PLATFORM = "platform"  # the platform's own field (last_ship_time, exp_ship_time, a file column …)
    DEFAULT = "default"  # paid + the channel's default hours


class Urgency(StrEnum):
    NONE = "none"  # shipped, or far from its deadline
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ShipByDefaults:
    """Hours after payment per channel, used when a platform sends no (readable) deadline."""

    hours: dict[Channel, int]

    def for_channel(self, channel: Channel) -> int:
        return self.hours.get(channel, DEFAULT_SHIP_HOURS)


def check_default_hours(hours: int) -> int:
    if not 1 <= hours <= MAX_SHIP_HOURS:
        raise DomainError(f"发货时限必须在 1 到 {MAX_SHIP_HOURS} 小时之间：{hours}",
                          f"ship-by hours must be between 1 and {MAX_SHIP_HOURS}: {hours}")  # fmt: skip
    return hours


def with_deadline(order: ChannelOrder, defaults: ShipByDefaults) -> ChannelOrder:
    """The order with its ship-by set: the platform's when given, else paid + the default hours."""
    if order.ship_by is not None:
        return order if order.ship_by_source else replace(order, ship_by_source=ShipBySource.PLATFORM.value)
    paid = order.paid_at or order.modified_at
    deadline = paid + timedelta(hours=defaults.for_channel(order.channel))
    return replace(order, ship_by=deadline, ship_by_source=ShipBySource.DEFAULT.value)


def platform_deadline(key: str, value: object, parse: Callable[[object], datetime],
                      paid_at: datetime | None) -> tuple[datetime | None, dict[str, str]]:  # fmt: skip
    """The platform's ship-by field read with `parse`: (deadline, {}) when usable; (None, a note for
    extras) when it is garbage or before payment. Never a BadReply: the order is kept and intake
    falls back to the channel's default. A missing field is (None, {})."""
    if value is None or value in ("", 0, "0"):
        return None, {}
    try:
        deadline = parse(value)
    except (ValueError, TypeError, OverflowError, OSError):
        deadline = None
    if deadline is not None and (paid_at is None or deadline >= paid_at):
        return deadline, {}
    shown = str(value)[:40]
    note = (f"平台的发货截止时间 {key}={shown} 无法使用，已按渠道默认时限计算 / "
            f"the platform's ship-by {key}={shown} is unusable; the channel's default was used")  # fmt: skip
    return None, {PROBLEM_KEY: note}


def minutes_left(ship_by: datetime, now: datetime) -> int:
    """Whole minutes until the deadline; negative once it has passed (rounded toward the past)."""
    return int((ship_by - now).total_seconds() // 60)


def urgency(ship_by: datetime | None, status: OrderStatus | str, now: datetime,
            due_soon: timedelta = timedelta(hours=DUE_SOON_HOURS), confirmed: bool = False) -> Urgency:  # fmt: skip
    """Overdue or due within `due_soon` (inclusive), for orders the platform still waits for."""
    if ship_by is None or not awaits_ship_confirmation(status, confirmed):
        return Urgency.NONE
    if ship_by < now:
        return Urgency.OVERDUE
    return Urgency.DUE_SOON if ship_by - now <= due_soon else Urgency.NONE


def time_left_text(minutes: int, lang: str = "zh") -> str:
    """剩 5 小时 / 5 h left, 已超时 2 小时 / 2 h overdue; minutes under an hour, days over two."""
    amount = _amount(abs(minutes), lang)
    if lang.startswith("en"):
        return f"{amount} overdue" if minutes < 0 else f"{amount} left"
    return f"已超时 {amount}" if minutes < 0 else f"剩 {amount}"


def _amount(minutes: int, lang: str) -> str:
    en = lang.startswith("en")
    if minutes < 60:
        return f"{minutes} min" if en else f"{minutes} 分钟"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h" if en else f"{hours} 小时"
    days, rest = divmod(hours, 24)
    if en:
        return f"{days} d {rest} h" if rest else f"{days} d"
    return f"{days} 天 {rest} 小时" if rest else f"{days} 天"


_DURATION = re.compile(r"\s*(\d{1,6})\s*([mhd])\s*", re.IGNORECASE)
_UNIT = {"m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    """90m, 6h, 2d → a timedelta; a clear error for anything else (no bare numbers: 6 what?)."""
    m = _DURATION.fullmatch(text or "")
    if not m or int(m.group(1)) == 0:
        raise DomainError(f"时长「{text}」无法识别：请写成 90m、6h 或 2d（分钟、小时、天）",
                          f"'{text}' is not a duration: write 90m, 6h or 2d (minutes, hours, days)")  # fmt: skip
    span = timedelta(**{_UNIT[m.group(2).lower()]: int(m.group(1))})
    if span > timedelta(days=365):
        raise DomainError(f"时长「{text}」超过一年", f"'{text}' is longer than a year")
    return span
