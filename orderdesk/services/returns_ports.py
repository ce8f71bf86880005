"""What the returns check-in needs from storage (the store's ReturnsRepository implements it), and
the plain rows it hands to lists: returned parcels and unknown parcels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from ..domain.returns import ExpectedLine, ReturnOutcome, describe_lines


@dataclass(frozen=True)
class ParcelSeen:
    """A returned parcel already recorded under a code: when, by whom, against which order."""

    return_id: int
    state: str  # DONE, UNKNOWN
    order_no: str | None
    at: datetime
    username: str


@dataclass(frozen=True)
class ReturnRecord:
    """One returned parcel as lists show it; `lines` are dicts of sku, quantity, condition, reason."""

    id: int
    state: str  # DONE, UNKNOWN
    order_no: str | None
    order_status: str | None
    warehouse: str
    parcel_code: str
    outcome: str
    no_refund_request: bool
    note: str
    station: str
    at: datetime
    username: str
    matched_at: datetime | None
    lines: tuple[dict[str, Any], ...]

    def outcome_label(self, lang: str = "zh") -> str:
        if not self.outcome:
            return "Unknown parcel" if lang.startswith("en") else "未知包裹"
        return ReturnOutcome(self.outcome).label(lang)

    def items_text(self, lang: str = "zh") -> str:
        return describe_lines(list(self.lines), lang)

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "order": self.order_no, "order_status": self.order_status,
                "warehouse": self.warehouse, "parcel_code": self.parcel_code or None,
                "outcome": self.outcome or None, "outcome_text": self.outcome_label(lang),
                "no_refund_request": self.no_refund_request, "note": self.note, "station": self.station,
                "at": self.at.isoformat(), "user": self.username,
                "matched_at": self.matched_at.isoformat() if self.matched_at else None,
                "lines": [dict(li) for li in self.lines]}  # fmt: skip


class ReturnsRepository(Protocol):
    def warehouse_id(self, code: str) -> int | None: ...
    def by_parcel_code(self, code: str) -> ParcelSeen | None: ...
    def is_waybill(self, code: str) -> bool: ...
    def parcel_left(self, order_id: int) -> bool: ...
    def expected(self, order_id: int) -> list[ExpectedLine]: ...
    def add_return(self, values: dict[str, Any], lines: list[dict[str, Any]]) -> int: ...
    def unknown(self, return_id: int, lock: bool = False) -> ReturnRecord | None: ...
    def match(self, return_id: int, order_id: int, outcome: str, no_refund_request: bool, user_id: int,
              at: datetime) -> bool: ...  # fmt: skip
    def add_scan(self, at: datetime, station: str, user_id: int, code: str, verdict: str, order_id: int | None = None,
                 return_id: int | None = None, sku: str = "", quantity: int = 0, why: str = "") -> None: ...  # fmt: skip
    def records(self, warehouse: str | None = None, since: datetime | None = None, until: datetime | None = None,
                state: str | None = None, limit: int = 500) -> list[ReturnRecord]: ...  # fmt: skip
