"""Timeline entries: what happened to an order, who did it and why. Written once, never changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    CREATED = "CREATED"  # taken in from a channel or an import
    TRANSITION = "TRANSITION"  # a lifecycle step
    CHANNEL_UPDATE = "CHANNEL_UPDATE"  # the platform changed fields (address, notes, …)
    NOTE = "NOTE"  # a person's remark
    TRACKING = "TRACKING"  # the courier reported a parcel's new state (at the courier's time)
    CONFIRM = "CONFIRM"  # ship-confirm to the platform: sent, accepted, refused, waiting
    HANDOVER = "HANDOVER"  # the parcel was handed to its courier in a manifest (交接); status unchanged
    CREDIT_NOTE = "CREDIT_NOTE"  # a red credit note (or its reversal) issued for the order
    REFUND = "REFUND"  # a refund's step: opened, moved on, stock held or let go, parcel pulled back, alert
    RETURN_RECEIVED = "RETURN_RECEIVED"  # a returned parcel checked in: its items and their conditions


@dataclass(frozen=True)
class OrderEventRecord:
    order_id: int
    at: datetime
    user_id: int
    kind: EventKind
    from_status: str | None = None
    to_status: str | None = None
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)
