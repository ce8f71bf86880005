"""Plain rows of the customer service desk: search results and an order's story (what the desk
shows and `orderdesk lookup --json` prints)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..domain.desk import Lookup
from ..domain.model import Channel
from ..domain.status import OrderStatus
from ..domain.story import Story


@dataclass(frozen=True)
class DeskHit:
    """One order in the results: who, where, when, and how it was found."""

    id: int
    order_no: str
    channel: str
    shop_name: str
    status: str
    paid_at: datetime | None
    total_fen: int
    receiver_name: str
    receiver_phone: str  # masked unless revealed
    province: str | None
    city: str
    customer_id: int
    profile_id: int
    buyer_ref: str
    found_by: str  # a Lookup value

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "order_no": self.order_no, "channel": self.channel, "channel_name": Channel(self.channel).label(lang),
            "shop": self.shop_name, "status": self.status, "status_name": _status_label(self.status, lang),
            "paid_at": self.paid_at.isoformat() if self.paid_at else None, "total": f"{self.total_fen / 100:.2f}",
            "receiver_name": self.receiver_name, "receiver_phone": self.receiver_phone,
            "province": self.province, "city": self.city, "customer": self.profile_id,
            "found_by": self.found_by, "found_by_name": Lookup(self.found_by).label(lang),
            "certain": Lookup(self.found_by).certain,
        }  # fmt: skip


@dataclass(frozen=True)
class OrderStory:
    """One order's story, ready to show: words, timeline, parcels and the buyer's message."""

    order_no: str
    status: str
    channel: str
    shop_name: str
    story: Story
    parcels: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        s = self.story
        return {
            "order_no": self.order_no, "status": self.status, "channel": self.channel, "shop": self.shop_name,
            "status_text": s.status_text, "buyer_text": s.buyer_text, "parcels_text": list(s.parcels),
            "parcels": self.parcels,
            "timeline": [{"at": t.at.isoformat(), "when": t.when, "who": t.who, "kind": t.kind, "text": t.text}
                         for t in s.timeline],
        }  # fmt: skip


@dataclass(frozen=True)
class DeskResult:
    """What one search shows: a request for more, a not-found with a hint, or the orders found."""

    query: str
    state: str  # "too_short", "not_found", "found"
    message: str = ""
    hits: list[DeskHit] = field(default_factory=list)
    story: OrderStory | None = None  # the newest order's story, shown first
    truncated: bool = False
    customer: Any = None  # the newest order's CustomerProfile (services.customers), shown above the results

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"query": self.query, "state": self.state, "message": self.message,
                "orders": [h.to_json(lang) for h in self.hits], "truncated": self.truncated,
                "customer": self.customer.to_json() if self.customer else None,
                "story": self.story.to_json() if self.story else None}  # fmt: skip


def _status_label(value: str, lang: str) -> str:
    try:
        return OrderStatus(value).label(lang)
    except ValueError:
        return value
