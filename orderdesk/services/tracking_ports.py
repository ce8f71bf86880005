"""What tracking needs from the outside: the courier client, the store's tracking repository, and
the plain records they exchange. The Kdniao adapter and the SQLAlchemy repository implement these."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ..domain.tracking import AlertKind, CourierTrace, ParcelTrack, TraceEvent
from ..domain.tracking_plan import PlanInput


@dataclass(frozen=True)
class AccountRecord:
    ebusiness_id: str
    base_url: str
    daily_quota: int
    callback_url: str
    updated_at: datetime


@dataclass(frozen=True)
class TrackingAccess:
    """The account with its API key, built just before a run; never stored or logged."""

    ebusiness_id: str
    api_key: str
    base_url: str
    daily_quota: int
    callback_url: str

    def __repr__(self) -> str:
        return f"TrackingAccess({self.ebusiness_id!r}, {self.base_url!r})"


@dataclass(frozen=True)
class PollJob:
    shipment_id: int
    waybill: str
    courier_code: str
    phone_tail: str = ""


@dataclass(frozen=True)
class TrackRecord:
    track: ParcelTrack
    order_no: str
    courier_code: str
    detail_code: str
    last_station: str
    since: datetime
    last_polled_at: datetime | None
    next_poll_at: datetime | None
    subscribed_at: datetime | None
    polls: int
    last_error: str
    open: bool


@dataclass(frozen=True)
class AlertRecord:
    id: int
    kind: AlertKind
    order_no: str | None
    waybill: str
    reason: str
    details: dict[str, Any]
    raised_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class ScanRow:
    at: datetime
    station: str
    location: str
    state: str


class TrackingClient(Protocol):
    def query(self, waybill: str, courier_code: str, phone_tail: str = "") -> CourierTrace: ...
    def subscribe(self, waybill: str, courier_code: str, callback_url: str, phone_tail: str = "") -> None: ...
    def close(self) -> None: ...


ClientFactory = Callable[[TrackingAccess], TrackingClient]
# Reads a push's form fields with the account's id and key: the traces, or a TrackingRefusal.
PushReader = Callable[[Mapping[str, str], str, str], list[CourierTrace]]


class TrackingRepository(Protocol):
    def account(self) -> AccountRecord | None: ...
    def save_account(self, ebusiness_id: str, base_url: str, daily_quota: int, callback_url: str,
                     now: datetime) -> None: ...  # fmt: skip
    def usage(self, day: str) -> tuple[int, int]: ...
    def spend(self, day: str, queries: int, subscriptions: int = 0) -> None: ...
    def usage_of(self, day: str) -> int: ...
    def start_new(self, now: datetime) -> int: ...
    def plan_inputs(self) -> tuple[list[PlanInput], dict[int, datetime | None]]: ...
    def set_next_polls(self, next_poll: Mapping[int, datetime]) -> None: ...
    def mark_polled(self, shipment_ids: Sequence[int], now: datetime) -> None: ...
    def mark_subscribed(self, shipment_id: int, now: datetime) -> None: ...
    def jobs(self, shipment_ids: Sequence[int]) -> list[PollJob]: ...
    def track_by_waybill(self, waybill: str) -> TrackRecord | None: ...
    def order_parcels(self, order_id: int) -> tuple[list[ParcelTrack], int]: ...
    def known_digests(self, shipment_id: int) -> set[str]: ...
    def add_events(self, shipment_id: int, events: Iterable[TraceEvent], now: datetime) -> None: ...
    def save_track(self, track: ParcelTrack, detail_code: str, last_station: str, is_open: bool) -> None: ...
    def set_error(self, shipment_id: int, error: str) -> None: ...
    def stale(self, before: datetime) -> list[TrackRecord]: ...
    def add_alert(self, kind: AlertKind, reason: str, now: datetime, shipment_id: int | None = None,
                  order_id: int | None = None, waybill: str = "", **details: Any) -> None: ...  # fmt: skip
    def resolve_alerts(self, shipment_id: int, kind: AlertKind, now: datetime) -> None: ...
    def alerts(self, open_only: bool = True, limit: int = 200) -> list[AlertRecord]: ...
    def alert_counts(self) -> dict[str, int]: ...
    def parcels_of_orders(self, order_ids: Sequence[int]) -> list[TrackRecord]: ...
    def scans(self, shipment_id: int) -> list[ScanRow]: ...
    def open_counts(self) -> dict[str, int]: ...
