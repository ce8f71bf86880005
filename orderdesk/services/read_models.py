"""Plain rows for lists and detail panels; views never hold ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain.ship_by import minutes_left


@dataclass(frozen=True)
class OrderFilter:
    status: str | None = None
    channel: str | None = None
    warehouse_code: str | None = None
    phone: str | None = None
    search: str | None = None  # an order number (ours or the platform's) or a phone number
    due_within: timedelta | None = None  # only unconfirmed orders whose ship-by is at most this far off
    overdue: bool = False  # only unconfirmed orders past their ship-by
    now: datetime | None = None  # the moment `due_within`/`overdue` count from (None: the query's clock)
    sort: str = "paid"  # "paid": newest paid first; "ship_by": earliest deadline first


@dataclass(frozen=True)
class OrderRow:
    id: int
    order_no: str
    channel: str
    shop_name: str
    status: str
    paid_at: datetime | None
    receiver_name: str
    receiver_phone: str
    province: str | None
    city: str
    total_fen: int
    warehouse_code: str | None
    item_count: int
    hold_reason: str = ""
    ship_by: datetime | None = None
    ship_by_source: str = ""
    ship_confirmed: bool = False  # every parcel accepted by the platform: the deadline no longer counts

    def page_key(self, sort: str = "paid") -> tuple[datetime | None, int]:
        """Where the next page starts, for the list's sort order."""
        return (self.ship_by if sort == "ship_by" else self.paid_at), self.id

    def ship_by_json(self, now: datetime) -> dict[str, Any]:
        left = minutes_left(self.ship_by, now) if self.ship_by else None
        return {"ship_by": self.ship_by.isoformat() if self.ship_by else None, "ship_by_left_minutes": left,
                "ship_by_source": self.ship_by_source, "ship_confirmed": self.ship_confirmed}

    def to_json(self) -> dict[str, Any]:
        return {
            "order_no": self.order_no,
            "channel": self.channel,
            "shop": self.shop_name,
            "status": self.status,
            "paid_at": self.paid_at.isoformat() if self.paid_at else None,
            "receiver_name": self.receiver_name,
            "receiver_phone": self.receiver_phone,
            "province": self.province,
            "city": self.city,
            "total": f"{self.total_fen / 100:.2f}",
            "warehouse": self.warehouse_code,
            "items": self.item_count,
            "hold_reason": self.hold_reason,
        } | self.ship_by_json(datetime.now(UTC))


@dataclass(frozen=True)
class ShipByAlert:
    """Unconfirmed orders near or past their ship-by: the alert the status bar and dashboard show."""

    due_soon: int  # not yet late, due within `within`
    overdue: int
    within: timedelta

    @property
    def total(self) -> int:
        return self.due_soon + self.overdue

    def text(self, lang: str = "zh") -> str:
        """N 单即将超时发货 (M 单已超时); empty when there is nothing to say."""
        if not self.total:
            return ""
        if lang.startswith("en"):
            late = f" ({self.overdue} overdue)" if self.overdue else ""
            return f"{self.total} order(s) close to the ship-by deadline{late}"
        late = f"（{self.overdue} 单已超时）" if self.overdue else ""
        return f"{self.total} 单即将超时发货{late}"


@dataclass(frozen=True)
class LineRow:
    line_no: int
    sku: str
    title: str
    quantity: int
    unit_price_fen: int
    paid_fen: int
    is_gift: bool
    category: str | None = None  # None: the SKU is not among the products
    barcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParcelRow:
    """One parcel (shipment) of an order: where it leaves from, with which courier, under which waybill."""

    seq: int
    warehouse_code: str
    warehouse_name: str
    courier_code: str  # "" until a label is printed or a courier chosen
    waybill_no: str  # "" until a label is printed
    status: str
    lines: list[tuple[str, int]]  # (sku, quantity)

    def to_json(self) -> dict[str, Any]:
        return {"parcel": self.seq, "warehouse": self.warehouse_code, "warehouse_name": self.warehouse_name,
                "courier": self.courier_code or None, "waybill": self.waybill_no or None, "status": self.status,
                "lines": [{"sku": sku, "quantity": q} for sku, q in self.lines]}  # fmt: skip


@dataclass(frozen=True)
class EventRow:
    at: datetime
    user: str
    kind: str
    from_status: str | None
    to_status: str | None
    reason: str
    details: dict[str, Any]


@dataclass(frozen=True)
class OrderDetail:
    row: OrderRow
    platform_order_id: str
    trade_state: str
    refund_state: str
    province_raw: str
    district: str
    street: str
    address_detail: str
    buyer_note: str
    seller_note: str
    freight_fen: int
    discount_fen: int
    extras: dict[str, Any]
    lines: list[LineRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    shipments: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)  # (warehouse, [(sku, qty)])
    tags: list[str] = field(default_factory=list)
    parcels: list[ParcelRow] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = self.row.to_json()
        out.update(
            platform_order_id=self.platform_order_id,
            trade_state=self.trade_state,
            refund_state=self.refund_state,
            address={
                "province": self.row.province,
                "province_raw": self.province_raw,
                "city": self.row.city,
                "district": self.district,
                "street": self.street,
                "detail": self.address_detail,
            },
            hold_reason=self.row.hold_reason,
            tags=self.tags,
            shipments=[{"warehouse": wh, "lines": [{"sku": sku, "quantity": q} for sku, q in lines]}
                       for wh, lines in self.shipments],
            parcels=[p.to_json() for p in self.parcels],
            buyer_note=self.buyer_note,
            seller_note=self.seller_note,
            freight=f"{self.freight_fen / 100:.2f}",
            discount=f"{self.discount_fen / 100:.2f}",
            extras=self.extras,
            lines=[
                {
                    "line_no": ln.line_no,
                    "sku": ln.sku,
                    "title": ln.title,
                    "quantity": ln.quantity,
                    "unit_price": f"{ln.unit_price_fen / 100:.2f}",
                    "paid": f"{ln.paid_fen / 100:.2f}",
                    "gift": ln.is_gift,
                    "category": ln.category,
                    "barcodes": list(ln.barcodes),
                }
                for ln in self.lines
            ],
            timeline=[
                {
                    "at": ev.at.isoformat(),
                    "user": ev.user,
                    "kind": ev.kind,
                    "from": ev.from_status,
                    "to": ev.to_status,
                    "reason": ev.reason,
                    "details": ev.details,
                }
                for ev in self.events
            ],
        )
        return out


@dataclass(frozen=True)
class ProductListRow:
    """A product as `products list` shows it: nothing personal, so nothing masked."""

    sku: str
    name: str
    category: str
    unit_price_fen: int
    weight_g: int
    low_stock_threshold: int | None
    active: bool
    barcodes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"sku": self.sku, "name": self.name, "category": self.category,
                "unit_price": f"{self.unit_price_fen / 100:.2f}", "weight_g": self.weight_g,
                "low_stock_threshold": self.low_stock_threshold, "active": self.active,
                "barcodes": list(self.barcodes)}  # fmt: skip
