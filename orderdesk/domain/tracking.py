"""Parcel tracking as pure rules: the courier's states, merging a courier trace into what we know,
the alerts it raises, and the order step (SHIP / DELIVER) the parcels of an order add up to.

The courier's own times are the truth: a pick-up scan at 14:02 ships the order at 14:02, however
late we learn about it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import DomainError
from .lifecycle import OrderEvent
from .status import OrderStatus

STALL_AFTER = timedelta(hours=48)


class CourierState(StrEnum):
    NO_INFO = "NO_INFO"
    PICKED_UP = "PICKED_UP"
    IN_TRANSIT = "IN_TRANSIT"
    OUT_FOR_DELIVERY = "OUT_FOR_DELIVERY"
    DELIVERED = "DELIVERED"
    PROBLEM = "PROBLEM"
    REFUSED = "REFUSED"
    RETURNING = "RETURNING"
    RETURNED = "RETURNED"

    def label(self, lang: str = "zh") -> str:
        zh, en = _LABELS[self]
        return en if lang.startswith("en") else zh


_LABELS = {
    CourierState.NO_INFO: ("待揽收", "Awaiting pick-up"),
    CourierState.PICKED_UP: ("已揽收", "Picked up"),
    CourierState.IN_TRANSIT: ("运输中", "In transit"),
    CourierState.OUT_FOR_DELIVERY: ("派件中", "Out for delivery"),
    CourierState.DELIVERED: ("已签收", "Delivered"),
    CourierState.PROBLEM: ("问题件", "Problem parcel"),
    CourierState.REFUSED: ("拒收", "Refused"),
    CourierState.RETURNING: ("退回中", "Returning to sender"),
    CourierState.RETURNED: ("已退回寄件人", "Returned to sender"),
}
FINAL = frozenset({CourierState.DELIVERED, CourierState.RETURNED})
MOVING = frozenset({CourierState.PICKED_UP, CourierState.IN_TRANSIT, CourierState.OUT_FOR_DELIVERY})


class AlertKind(StrEnum):
    PROBLEM = "problem"
    REFUSED = "refused"
    RETURNED = "returned"
    STALLED = "stalled"
    UNKNOWN_WAYBILL = "unknown_waybill"
    BAD_PUSH = "bad_push"
    BAD_REPLY = "bad_reply"

    def label(self, lang: str = "zh") -> str:
        zh, en = _ALERT_LABELS[self]
        return en if lang.startswith("en") else zh


_ALERT_LABELS = {
    AlertKind.PROBLEM: ("问题件", "Problem parcel"),
    AlertKind.REFUSED: ("买家拒收", "Refused by the buyer"),
    AlertKind.RETURNED: ("退回寄件人", "Returned to sender"),
    AlertKind.STALLED: ("超过48小时无新轨迹", "No new scan for 48 hours"),
    AlertKind.UNKNOWN_WAYBILL: ("未知运单号", "Unknown waybill"),
    AlertKind.BAD_PUSH: ("推送被拒绝", "Push refused"),
    AlertKind.BAD_REPLY: ("快递鸟回复无法读取", "Unreadable Kdniao reply"),
}
_STATE_ALERT = {
    CourierState.PROBLEM: AlertKind.PROBLEM,
    CourierState.REFUSED: AlertKind.REFUSED,
    CourierState.RETURNING: AlertKind.RETURNED,
    CourierState.RETURNED: AlertKind.RETURNED,
}


class TrackingRefusal(DomainError):
    """A courier reply or push we will not apply; `code` says why (bad_sign, malformed, unknown_waybill…)."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.code = code


@dataclass(frozen=True)
class TraceEvent:
    """One courier scan, at the courier's time (aware UTC)."""

    at: datetime
    station: str
    state: CourierState | None = None  # the scan's own state when the courier says it
    location: str = ""

    @property
    def digest(self) -> str:
        """Identity of a scan across repeated queries and pushes."""
        return hashlib.md5(f"{self.at.isoformat()}|{self.station}".encode()).hexdigest()


@dataclass(frozen=True)
class CourierTrace:
    """What the courier says about one waybill right now."""

    waybill: str
    courier_code: str
    state: CourierState
    detail_code: str = ""
    events: tuple[TraceEvent, ...] = ()


@dataclass(frozen=True)
class ParcelTrack:
    """What we know of one parcel's journey."""

    shipment_id: int
    order_id: int
    waybill: str
    state: CourierState = CourierState.NO_INFO
    last_scan_at: datetime | None = None
    picked_up_at: datetime | None = None
    delivered_at: datetime | None = None


@dataclass(frozen=True)
class TraceUpdate:
    """A trace merged into a parcel: the new scans, the parcel after, the alerts to raise."""

    track: ParcelTrack
    new_events: tuple[TraceEvent, ...]
    state_changed: bool
    alerts: tuple[AlertKind, ...] = field(default=())


def merge_trace(track: ParcelTrack, trace: CourierTrace, known: set[str]) -> TraceUpdate:
    """Fold a courier trace into a parcel; `known` holds the digests of scans already kept."""
    events = sorted(trace.events, key=lambda e: e.at)
    fresh = tuple(e for e in events if e.digest not in known)
    state = trace.state if not (trace.state is CourierState.NO_INFO and events) else CourierState.PICKED_UP
    last_scan = max([e.at for e in events] + ([track.last_scan_at] if track.last_scan_at else []), default=None)
    picked = track.picked_up_at or (_pick_up_time(events) if state is not CourierState.NO_INFO else None)
    delivered = track.delivered_at
    if state is CourierState.DELIVERED and delivered is None:
        delivered = _time_of(events, CourierState.DELIVERED) or last_scan
    after = ParcelTrack(track.shipment_id, track.order_id, track.waybill, state, last_scan, picked, delivered)
    changed = state is not track.state
    alerts = (_STATE_ALERT[state],) if changed and state in _STATE_ALERT else ()
    return TraceUpdate(after, fresh, changed, alerts)


def _pick_up_time(events: Sequence[TraceEvent]) -> datetime | None:
    """The first pick-up scan, else the first scan of all (couriers do not always label it)."""
    return _time_of(events, CourierState.PICKED_UP) or (events[0].at if events else None)


def _time_of(events: Sequence[TraceEvent], state: CourierState) -> datetime | None:
    return next((e.at for e in events if e.state is state), None)


def order_step(status: OrderStatus, parcels: Sequence[ParcelTrack],
               parcel_count: int) -> tuple[OrderEvent, datetime] | None:  # fmt: skip
    """The order's next step from its parcels: shipped at its first pick-up, delivered when every
    one of its `parcel_count` parcels is delivered (at the last delivery)."""
    picked = [p.picked_up_at for p in parcels if p.picked_up_at]
    if status is OrderStatus.PACKED and picked:
        return OrderEvent.SHIP, min(picked)
    delivered = [p.delivered_at for p in parcels if p.delivered_at and p.state is CourierState.DELIVERED]
    if status is OrderStatus.SHIPPED and parcel_count and len(delivered) == parcel_count:
        return OrderEvent.DELIVER, max(delivered)
    return None


def is_stalled(state: CourierState, last_activity: datetime, now: datetime, after: timedelta = STALL_AFTER) -> bool:
    """A parcel that can still move but has had no new scan (or none since packing) for too long."""
    return state not in FINAL and now - last_activity >= after
