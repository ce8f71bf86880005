"""The business's measures, computed from event histories in pure Python (see domain.md).

ODA = orders delivered right ÷ orders delivered. An order counts as delivered when it left the
warehouse (the courier's pick-up, a handover or a tracking scan), in the period that happened; it
was delivered wrong when any check below fails, and every wrong delivery is listed with its reason.
Pay-to-ship runs from payment to the courier's pick-up, pay-to-confirm to the platform's
acceptance of the waybill. Times are hours; buckets are Beijing calendar days, ISO weeks or months.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from .couriers import courier as courier_by_code
from .credit_notes import BEIJING
from .errors import DomainError
from .kpi_events import LEFT, UNSHIPPED, Fact, HistoryEvent
from .refunds import OPEN, RefundStep

# A refund whose last step is one of these makes its order a refunded one (UNKNOWN: still open,
# its platform word not understood; withdrawn, rejected or closed unpaid do not count).
REFUNDED_STEPS = frozenset({*(s.value for s in OPEN), RefundStep.PAID.value, RefundStep.UNKNOWN.value})


class Wrong(StrEnum):
    WAREHOUSE = "wrong_warehouse"
    CONTENTS = "wrong_contents"
    WAYBILL = "invalid_waybill"
    TWICE = "shipped_twice"
    REFUNDED = "refunded_shipped"

    def label(self, lang: str = "zh") -> str:
        zh, en = _WRONG[self]
        return en if lang.startswith("en") else zh


_WRONG = {
    Wrong.WAREHOUSE: ("非规则指定仓库发货且无原因", "left from a warehouse other than the rules' choice, without a reason"),
    Wrong.CONTENTS: ("扫描内容与订单不符", "scanned contents differ from the order"),
    Wrong.WAYBILL: ("运单号无效", "invalid waybill"),
    Wrong.TWICE: ("重复发货", "shipped twice"),
    Wrong.REFUNDED: ("已退款仍发货", "refunded but shipped anyway"),
}  # fmt: skip


class Bucket(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    ALL = "all"


@dataclass(frozen=True)
class Parcel:
    shipment_id: int
    warehouse: str
    waybill: str = ""
    courier: str = ""


@dataclass(frozen=True)
class OrderHistory:
    """One order's facts in time order, with what it asked for and the parcels it left in."""

    order_id: int
    order_no: str
    channel: str
    warehouse: str
    paid_at: datetime | None
    ordered: Mapping[str, int]  # sku -> quantity, gifts included
    parcels: Sequence[Parcel]
    events: Sequence[HistoryEvent]


@dataclass(frozen=True)
class StationScan:
    """One pack scan (refusals included, with or without an order) for throughput and refusals."""

    at: datetime
    station: str
    packer: str
    fact: Fact
    warehouse: str = ""
    channel: str = ""


@dataclass(frozen=True)
class WrongDelivery:
    order_no: str
    at: datetime
    kind: Wrong
    detail: str = ""


@dataclass
class KpiRow:
    """The measures of one bucket (and warehouse/channel when asked to split by them)."""

    bucket: str
    delivered: int = 0
    wrong: list[WrongDelivery] = field(default_factory=list)
    pay_to_ship_h: list[float] = field(default_factory=list)
    pay_to_confirm_h: list[float] = field(default_factory=list)
    packed_orders: int = 0
    packer_hours: set[tuple[str, datetime]] = field(default_factory=set)
    parcels_packed: int = 0
    refused_scans: int = 0
    intercepts: int = 0
    intercepts_caught: int = 0
    paid_orders: int = 0
    refunded_orders: int = 0
    return_to_credit_h: list[float] = field(default_factory=list)

    @property
    def oda(self) -> float | None:
        return None if not self.delivered else (self.delivered - len({w.order_no for w in self.wrong})) / self.delivered

    def summary(self) -> dict[str, object]:
        return {
            "bucket": self.bucket, "delivered": self.delivered,
            "delivered_right": self.delivered - len({w.order_no for w in self.wrong}), "oda": _r(self.oda, 4),
            "wrong": [{"order": w.order_no, "kind": w.kind.value, "reason_zh": w.kind.label("zh"),
                       "reason_en": w.kind.label("en"), "detail": w.detail, "at": w.at.isoformat()} for w in self.wrong],
            "pay_to_ship_median_h": _r(percentile(self.pay_to_ship_h, 50)),
            "pay_to_ship_p90_h": _r(percentile(self.pay_to_ship_h, 90)),
            "pay_to_confirm_median_h": _r(percentile(self.pay_to_confirm_h, 50)),
            "pay_to_confirm_p90_h": _r(percentile(self.pay_to_confirm_h, 90)),
            "packed_orders": self.packed_orders, "packer_hours": len(self.packer_hours),
            "orders_per_packer_hour": _r(_div(self.packed_orders, len(self.packer_hours))),
            "parcels_packed": self.parcels_packed, "refused_scans": self.refused_scans,
            "refused_per_100_parcels": _r(_div(100 * self.refused_scans, self.parcels_packed)),
            "intercepts": self.intercepts, "intercepts_caught": self.intercepts_caught,
            "paid_orders": self.paid_orders, "refunded_orders": self.refunded_orders,
            "refund_rate": _r(_div(self.refunded_orders, self.paid_orders), 4),
            "return_to_credit_median_h": _r(percentile(self.return_to_credit_h, 50)),
        }  # fmt: skip


@dataclass(frozen=True)
class KpiQuery:
    start: datetime
    end: datetime
    by: Bucket = Bucket.ALL
    split_warehouse: bool = False
    split_channel: bool = False
    split_packer: bool = False

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise DomainError("结束时间早于开始时间", "--to is before --from")
        if self.end - self.start > timedelta(days=400):
            raise DomainError("时间范围不能超过 400 天", "The period may not be longer than 400 days")

    def within(self, at: datetime | None) -> bool:
        return at is not None and self.start <= at < self.end


def percentile(values: Sequence[float], p: float) -> float | None:
    """The nearest-rank percentile (p in 0..100) of the values, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def bucket_of(at: datetime, by: Bucket) -> str:
    if by is Bucket.ALL:
        return "all"
    day = at.astimezone(BEIJING).date()
    if by is Bucket.DAY:
        return day.isoformat()
    if by is Bucket.WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()[:7]


def wrong_deliveries(h: OrderHistory) -> list[WrongDelivery]:
    """Every way this order was delivered wrong (none for a right one, or one that never left)."""
    left = _left_at(h)
    if left is None:
        return []
    found = [(kind, detail) for check in _CHECKS for kind, detail in check(h)]
    return [WrongDelivery(h.order_no, left, kind, detail) for kind, detail in found]


def _wrong_warehouse(h: OrderHistory) -> Iterable[tuple[Wrong, str]]:
    chosen: set[str] = set()
    for e in h.events:
        if e.fact is Fact.ALLOCATED:
            chosen = set(e.details.get("warehouses") or ())
            if e.details.get("manual") and e.reason.strip():
                return  # chosen by a person, with the reason on record
    for p in h.parcels:
        if chosen and p.warehouse not in chosen:
            yield Wrong.WAREHOUSE, f"{p.warehouse} ∉ {','.join(sorted(chosen))}"


def _wrong_contents(h: OrderHistory) -> Iterable[tuple[Wrong, str]]:
    scans = [e for e in h.events if e.fact is Fact.SCAN_ITEM]
    if not any(e.fact is Fact.SCAN_PACKED for e in h.events):
        return  # not packed at a station (shipped from the platform's back-end)
    got: Counter[str] = Counter()
    for e in scans:
        got[str(e.details.get("sku", ""))] += int(e.details.get("qty", 0))
    diff = {sku: got.get(sku, 0) - want for sku, want in h.ordered.items() if got.get(sku, 0) != want}
    diff |= {sku: n for sku, n in got.items() if sku not in h.ordered and n}
    if diff:
        yield Wrong.CONTENTS, " ".join(f"{sku}{n:+d}" for sku, n in sorted(diff.items()))


def _invalid_waybill(h: OrderHistory) -> Iterable[tuple[Wrong, str]]:
    for p in h.parcels:
        if not p.waybill:
            yield Wrong.WAYBILL, f"#{p.shipment_id}: -"
        elif p.courier and not _fits(p.courier, p.waybill):
            yield Wrong.WAYBILL, f"{p.courier} {p.waybill}"
    for e in h.events:
        if e.fact is Fact.WAYBILL_UNKNOWN:
            yield Wrong.WAYBILL, str(e.details.get("waybill", ""))


def _fits(code: str, waybill: str) -> bool:
    try:
        return courier_by_code(code).fits(waybill)
    except (DomainError, KeyError):
        return True  # a courier we do not know the shapes of: no verdict on its numbers


def _shipped_twice(h: OrderHistory) -> Iterable[tuple[Wrong, str]]:
    seals = Counter(e.details.get("shipment") for e in h.events if e.fact is Fact.SCAN_PACKED)
    twice = sorted(str(s) for s, n in seals.items() if n > 1)
    waybills = {str(e.details["waybill"]) for e in h.events if e.fact in LEFT and e.details.get("waybill")}
    if twice:
        yield Wrong.TWICE, "packed twice: #" + ",#".join(twice)
    elif len(waybills) > max(1, len(h.parcels)):
        yield Wrong.TWICE, ",".join(sorted(waybills))


def _refunded_shipped(h: OrderHistory) -> Iterable[tuple[Wrong, str]]:
    """A refund (or a cancellation) stopped the order before its parcel left, and it left anyway.
    A refund that came after the handover stops nothing in the warehouse: the courier has it."""
    stopped_at: datetime | None = None
    left = False
    for e in h.events:
        refund_before_leaving = e.fact is Fact.REFUND_REQUESTED and (e.from_status or "") in UNSHIPPED and not left
        if refund_before_leaving or e.fact is Fact.CANCELLED:
            stopped_at = stopped_at or e.at
        elif e.fact is Fact.REFUND_WITHDRAWN:
            stopped_at = None
        elif e.fact in LEFT and stopped_at is not None:
            yield Wrong.REFUNDED, f"{e.fact.value} {e.details.get('waybill', '')}".strip()
            return
        left |= e.fact in LEFT


_CHECKS = (_wrong_warehouse, _wrong_contents, _invalid_waybill, _shipped_twice, _refunded_shipped)


def _left_at(h: OrderHistory) -> datetime | None:
    return next((e.at for e in h.events if e.fact in LEFT), None)


def _first(h: OrderHistory, fact: Fact, after: datetime | None = None) -> HistoryEvent | None:
    return next((e for e in h.events if e.fact is fact and (after is None or e.at >= after)), None)


class KpiBook:
    """Rows keyed by bucket (and warehouse, channel, packer when split)."""

    def __init__(self, q: KpiQuery) -> None:
        self.q = q
        self.rows: dict[tuple[str, str, str, str], KpiRow] = {}

    def row(self, at: datetime, warehouse: str = "", channel: str = "", packer: str = "") -> KpiRow | None:
        if not self.q.within(at):
            return None
        key = (bucket_of(at, self.q.by), warehouse if self.q.split_warehouse else "",
               channel if self.q.split_channel else "", packer if self.q.split_packer else "")  # fmt: skip
        return self.rows.setdefault(key, KpiRow(key[0]))


def compute_kpis(q: KpiQuery, histories: Iterable[OrderHistory], scans: Iterable[StationScan],
                 packers: Mapping[int, str] | None = None) -> KpiBook:  # fmt: skip
    """All measures over the orders' histories and the stations' scans, in the query's period;
    `packers` names the users who packed (by id) for the per-packer split."""
    book = KpiBook(q)
    names = packers or {}
    for h in histories:
        _order_measures(book, h, names)
    for s in scans:
        row = book.row(s.at, s.warehouse, s.channel, s.packer)
        if row is None:
            continue
        row.packer_hours.add((s.packer, s.at.replace(minute=0, second=0, microsecond=0)))
        row.parcels_packed += s.fact is Fact.SCAN_PACKED
        row.refused_scans += s.fact is Fact.SCAN_REFUSED
    return book


def _order_measures(book: KpiBook, h: OrderHistory, names: Mapping[int, str]) -> None:  # noqa: C901 - one measure per block
    def row(at: datetime | None, packer: str = "") -> KpiRow | None:
        return book.row(at, h.warehouse, h.channel, packer) if at is not None else None

    left = _left_at(h)
    if (r := row(left)) is not None:
        r.delivered += 1
        r.wrong += wrong_deliveries(h)
    shipped = _first(h, Fact.SHIPPED)
    if shipped and h.paid_at and (r := row(shipped.at)) is not None:
        r.pay_to_ship_h.append(_hours(shipped.at - h.paid_at))
    confirmed = _first(h, Fact.CONFIRMED)
    if confirmed and h.paid_at and (r := row(confirmed.at)) is not None:
        r.pay_to_confirm_h.append(_hours(confirmed.at - h.paid_at))
    packed = _first(h, Fact.PACKED)
    if packed and (r := row(packed.at, names.get(packed.actor, str(packed.actor)))) is not None:
        r.packed_orders += 1
    _intercepts(h, row)
    if (r := row(h.paid_at)) is not None:
        r.paid_orders += 1
        r.refunded_orders += _refunded(h)
    back = _first(h, Fact.RETURN_RECEIVED)
    note = _first(h, Fact.CREDIT_NOTE, back.at) if back else None
    if back and note and (r := row(note.at)) is not None:
        r.return_to_credit_h.append(_hours(note.at - back.at))


def _intercepts(h: OrderHistory, row) -> None:  # noqa: ANN001 - the row finder above
    """A refund while a warehouse worked on the order (allocated or packed, not yet handed over):
    caught when the parcel never left afterwards (a pull-back scan is the usual catch). A refund on
    a parcel already handed over is no intercept: it is awaited as a return."""
    for e in h.events:
        if e.fact is Fact.REFUND_REQUESTED and e.from_status in ("ALLOCATED", "PACKED"):
            if any(x.fact in LEFT and x.at <= e.at for x in h.events):
                return
            r = row(e.at)
            if r is not None:
                r.intercepts += 1
                r.intercepts_caught += not any(x.fact in LEFT and x.at >= e.at for x in h.events)
            return


def _refunded(h: OrderHistory) -> bool:
    """Did the order get a refund: one still open or paid, read from the refunds' own steps; an
    order with no refund records (older histories) by its open refund request."""
    last: dict[str, str] = {}
    for e in h.events:
        if e.fact is Fact.REFUND:
            ref, step = str(e.details.get("refund")), str(e.details.get("step"))
            if last.get(ref) != RefundStep.PAID.value:  # closed after paid is finished, still refunded
                last[ref] = step
    if last:
        return any(step in REFUNDED_STEPS for step in last.values())
    state = False
    for e in h.events:
        if e.fact is Fact.REFUND_REQUESTED:
            state = True
        elif e.fact is Fact.REFUND_WITHDRAWN:
            state = False
    return state


def _hours(d: timedelta) -> float:
    return d.total_seconds() / 3600


def _div(a: float, b: float) -> float | None:
    return a / b if b else None


def _r(v: float | None, digits: int = 2) -> float | None:
    return None if v is None else round(v, digits)
