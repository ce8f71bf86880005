"""Customer profiles and their built-in tags as pure rules: what a profile adds up to, and which of
高价值 / 流失风险 / 频繁退款 it earns under the shop's (editable) thresholds."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any

from .errors import DomainError

HIGH_VALUE, CHURN_RISK, FREQUENT_REFUNDER = "high_value", "churn_risk", "frequent_refunder"
BUILTIN_NAMES = {HIGH_VALUE: ("高价值", "High value"), CHURN_RISK: ("流失风险", "Churn risk"),
                 FREQUENT_REFUNDER: ("频繁退款", "Frequent refunder")}  # fmt: skip
_CODE = re.compile(r"[a-z][a-z0-9_]{1,31}")


@dataclass(frozen=True)
class CustomerFacts:
    """One profile's orders, added up (cancelled orders count for nothing but the order count)."""

    profile_id: int
    orders: int
    spend_fen: int
    recent_spend_fen: int  # within the high-value window
    refunds: int
    first_at: datetime | None
    last_at: datetime | None
    channels: tuple[str, ...] = ()
    channel_count: int = 0

    def as_context(self, now: datetime) -> dict[str, Any]:
        """The values a business tag's condition reads (see CUSTOMER_FIELDS)."""
        idle = (now - self.last_at).days if self.last_at else 100_000
        return {"spend": self.spend_fen / 100, "recent_spend": self.recent_spend_fen / 100, "orders": self.orders,
                "refunds": self.refunds, "days_since_last": idle, "channel_count": max(self.channel_count, len(self.channels))}  # fmt: skip


@dataclass(frozen=True)
class TagThresholds:
    """The built-in tags' thresholds; every one editable (`orderdesk tags set`)."""

    high_value_fen: int = 120_000  # ≥ ¥1,200 …
    high_value_days: int = 90  # … spent in the last 90 days
    churn_days: int = 180  # no order for more than 180 days …
    churn_min_orders: int = 2  # … after at least 2
    refunder_min_refunds: int = 3  # at least 3 refunds …
    refunder_min_rate: float = 0.3  # … on at least 30 % of the orders

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TagThresholds:
        known = {f.name: f.type for f in fields(cls)}
        return replace(cls(), **{k: v for k, v in data.items() if k in known})

    def with_value(self, name: str, raw: str) -> TagThresholds:
        """One threshold set from text: "high_value_fen=150000"-style names, values checked."""
        if name not in {f.name for f in fields(self)}:
            names = ", ".join(f.name for f in fields(self))
            raise DomainError(f"未知的阈值 {name}，可选：{names}", f"Unknown threshold {name}; one of {names}")
        try:
            value: float | int = float(raw) if name == "refunder_min_rate" else int(raw)
        except ValueError:
            raise DomainError(f"阈值 {name} 需要数字：{raw}", f"Threshold {name} needs a number: {raw}") from None
        if value < 0 or (name == "refunder_min_rate" and value > 1):
            raise DomainError(f"阈值 {name} 超出范围：{raw}", f"Threshold {name} is out of range: {raw}")
        return replace(self, **{name: value})


def builtin_tags(f: CustomerFacts, t: TagThresholds, now: datetime) -> set[str]:
    """The built-in tags a profile earns as of `now` (its recent spend counted over t.high_value_days)."""
    tags = set()
    if f.recent_spend_fen >= t.high_value_fen:
        tags.add(HIGH_VALUE)
    if f.last_at is not None and f.orders >= t.churn_min_orders and now - f.last_at > timedelta(days=t.churn_days):
        tags.add(CHURN_RISK)
    if f.orders and f.refunds >= t.refunder_min_refunds and f.refunds / f.orders >= t.refunder_min_rate:
        tags.add(FREQUENT_REFUNDER)
    return tags


def check_tag_code(code: str) -> str:
    """A business tag's code: lower-case letters, digits and _, not a built-in one."""
    c = code.strip()
    if not _CODE.fullmatch(c) or c in BUILTIN_NAMES or c == "builtin":
        raise DomainError(f"标签代码「{c}」无效：小写字母开头，只用小写字母、数字和 _（2–32 个字符），且不能是内置标签",
                          f"Tag code {c!r} is invalid: a lower-case letter, then lower-case letters, digits or _ "
                          "(2–32 characters), and not a built-in tag")  # fmt: skip
    return c
