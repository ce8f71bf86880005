"""The events the KPIs and the dashboard read, named in one place: timeline rows and pack scans
become `Fact`s. A new kind of event (a parcel pulled back after an intercept, an unknown return)
slots in by one more entry in the tables below; the measures never read raw kinds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class Fact(StrEnum):
    ALLOCATED = "allocated"  # details: warehouses, manual; reason = why by hand
    PACKED = "packed"  # the order's last parcel sealed
    SHIPPED = "shipped"  # the courier's pick-up scan (details: waybill)
    SHIPPED_ELSEWHERE = "shipped_elsewhere"  # from the platform's back-end, outside the hub
    DELIVERED = "delivered"
    REFUND_REQUESTED = "refund_requested"  # from_status tells before or after it left
    REFUND_WITHDRAWN = "refund_withdrawn"
    CANCELLED = "cancelled"
    RETURN_RECEIVED = "return_received"  # a returned parcel checked in (partly or in full)
    CONFIRMED = "confirmed"  # the platform has the waybill
    CONFIRM_REFUSED = "confirm_refused"
    HANDED_OVER = "handed_over"  # in a courier's manifest (details: waybill)
    COURIER_SCAN = "courier_scan"  # a tracking report of a parcel on its way (details: waybill, state)
    WAYBILL_UNKNOWN = "waybill_unknown"  # the courier does not know the waybill
    PARCEL_PROBLEM = "parcel_problem"  # problem, refused by the buyer or stalled at the courier
    CREDIT_NOTE = "credit_note"
    PULLED_BACK = "pulled_back"  # an intercepted parcel taken back out of the outgoing pile
    REFUND = "refund"  # a refund's step (details: refund, step, action: opened, path, paid, released…)
    SCAN_ITEM = "scan_item"  # details: sku, qty (negative for an undo), shipment
    SCAN_PACKED = "scan_packed"  # details: shipment
    SCAN_REFUSED = "scan_refused"


# TRANSITION rows: details["event"] -> fact
TRANSITION_FACTS: dict[str, Fact] = {
    "ALLOCATE": Fact.ALLOCATED, "PACK": Fact.PACKED, "SHIP": Fact.SHIPPED, "SHIP_ELSEWHERE": Fact.SHIPPED_ELSEWHERE,
    "DELIVER": Fact.DELIVERED, "REQUEST_REFUND": Fact.REFUND_REQUESTED, "WITHDRAW_REFUND": Fact.REFUND_WITHDRAWN,
    "CANCEL": Fact.CANCELLED, "RECEIVE_RETURN": Fact.RETURN_RECEIVED,
}  # fmt: skip
# CONFIRM rows: details["step"] -> fact
CONFIRM_FACTS = {"accepted": Fact.CONFIRMED, "already_shipped": Fact.CONFIRMED, "covered": Fact.CONFIRMED,
                 "refused": Fact.CONFIRM_REFUSED}  # fmt: skip
# other kinds of rows -> fact (TRACKING is read by _tracking below)
KIND_FACTS = {"HANDOVER": Fact.HANDED_OVER, "CREDIT_NOTE": Fact.CREDIT_NOTE,
              "RETURN_RECEIVED": Fact.RETURN_RECEIVED}  # fmt: skip
ON_THE_WAY = frozenset({"PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED"})
PROBLEM_ALERTS = frozenset({"problem", "refused", "stalled"})
# the raw kinds a store query must read (everything else on the timeline is ignored)
EVENT_KINDS = ("TRANSITION", "CONFIRM", "TRACKING", "REFUND", *KIND_FACTS)
LEFT = frozenset({Fact.SHIPPED, Fact.HANDED_OVER, Fact.COURIER_SCAN})  # the parcel has left the warehouse
UNSHIPPED = frozenset({"PAID", "ON_HOLD", "ALLOCATED", "PACKED"})


@dataclass(frozen=True)
class HistoryEvent:
    at: datetime
    fact: Fact
    actor: int = 0
    from_status: str | None = None
    reason: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)


def fact_of(kind: str, details: Mapping[str, Any]) -> Fact | None:
    """The fact a timeline row states, or None for rows the measures ignore (notes, updates)."""
    if kind == "TRANSITION":
        return TRANSITION_FACTS.get(str(details.get("event", "")))
    if kind == "CONFIRM":
        return CONFIRM_FACTS.get(str(details.get("step", "")))
    if kind == "TRACKING":
        return _tracking(details)
    if kind == "REFUND":
        return _refund(details)
    return KIND_FACTS.get(kind)


def _refund(details: Mapping[str, Any]) -> Fact | None:
    """REFUND rows: a parcel pulled back, or a step of one refund (rows naming no step, such as
    "goods returned" or "courier intercepted", say nothing the measures read)."""
    if details.get("action") == "pulled_back":
        return Fact.PULLED_BACK
    return Fact.REFUND if details.get("refund") and details.get("step") else None


def _tracking(details: Mapping[str, Any]) -> Fact | None:
    alert = str(details.get("alert", ""))
    if alert == "unknown_waybill":
        return Fact.WAYBILL_UNKNOWN
    if alert in PROBLEM_ALERTS:
        return Fact.PARCEL_PROBLEM
    return Fact.COURIER_SCAN if details.get("state") in ON_THE_WAY else None


def scan_fact(verdict: str) -> Fact | None:
    """A pack scan's verdict as a fact: items (undo included), the seal, a refusal."""
    if verdict in ("item", "undo"):
        return Fact.SCAN_ITEM
    if verdict == "packed":
        return Fact.SCAN_PACKED
    return Fact.SCAN_REFUSED if verdict.startswith("refused") else None
