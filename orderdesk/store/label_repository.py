"""What labels need from the database: parcels with their orders, waybill numbers, bins, templates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from .models import (
    LabelTemplateRow,
    Order,
    OrderLineRow,
    Product,
    Shipment,
    ShipmentLine,
    Shop,
    StockLevel,
    Warehouse,
    WaybillRange,
)


@dataclass(frozen=True)
class ParcelLine:
    sku: str
    title: str
    quantity: int
    is_gift: bool
    bin: str


@dataclass(frozen=True)
class ParcelRecord:
    """One shipment of an order with everything a label, slip or pick list prints."""

    shipment_id: int
    seq: int
    parcels_in_order: int
    order_no: str
    status: str
    channel: str
    shop_name: str
    paid_at: datetime | None
    receiver_name: str
    receiver_phone: str
    province: str
    city: str
    district: str
    street: str
    address_detail: str
    buyer_note: str
    seller_note: str
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    warehouse_address: str
    warehouse_phone: str
    warehouse_courier: str
    courier_code: str
    waybill_no: str | None
    label_prints: int
    lines: tuple[ParcelLine, ...]


@dataclass(frozen=True)
class RangeRecord:
    id: int
    courier_code: str
    warehouse_code: str
    prefix: str
    digits: int
    next_seq: int
    last_seq: int

    @property
    def left(self) -> int:
        return self.last_seq - self.next_seq + 1


class LabelRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def parcels(self, order_nos: Sequence[str]) -> list[ParcelRecord]:
        """The shipments of these orders (by hub or platform number), in the order asked for."""
        wanted = [n.strip() for n in order_nos if n.strip()]
        rows = self.session.execute(
            select(Shipment, Order, Shop.name.label("shop_name"), Warehouse)
            .join(Order, Order.id == Shipment.order_id)
            .join(Shop, Shop.id == Order.shop_id)
            .join(Warehouse, Warehouse.id == Shipment.warehouse_id)
            .where(or_(Order.order_no.in_(wanted), Order.platform_order_id.in_(wanted)))
            .order_by(Shipment.order_id, Shipment.seq)
        ).all()  # fmt: skip
        lines = self._lines([r.Shipment.id for r in rows])
        counts: dict[int, int] = defaultdict(int)
        for r in rows:
            counts[r.Order.id] += 1
        rank = {n: i for i, n in enumerate(wanted)}
        out = [_parcel(r.Shipment, r.Order, r.shop_name, r.Warehouse, counts[r.Order.id], lines[r.Shipment.id])
               for r in rows]  # fmt: skip
        return sorted(out, key=lambda p: (rank.get(p.order_no, len(rank)), p.seq))

    def awaiting(self, warehouse_code: str | None, limit: int) -> list[str]:
        """Allocated orders with a parcel whose label was never printed, oldest payment first."""
        stmt = (select(Order.order_no).join(Shipment, Shipment.order_id == Order.id)
                .where(Order.status == "ALLOCATED", Shipment.label_prints == 0)
                .group_by(Order.id, Order.order_no, Order.paid_at).order_by(Order.paid_at, Order.id).limit(limit))  # fmt: skip
        if warehouse_code:
            stmt = stmt.join(Warehouse, Warehouse.id == Shipment.warehouse_id).where(Warehouse.code == warehouse_code)
        return list(self.session.scalars(stmt))

    def _lines(self, shipment_ids: list[int]) -> dict[int, tuple[ParcelLine, ...]]:
        if not shipment_ids:
            return {}
        rows = self.session.execute(
            select(ShipmentLine.shipment_id, OrderLineRow.sku, OrderLineRow.title, ShipmentLine.quantity,
                   OrderLineRow.is_gift, StockLevel.bin)
            .join(OrderLineRow, OrderLineRow.id == ShipmentLine.order_line_id)
            .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
            .outerjoin(Product, Product.sku == OrderLineRow.sku)
            .outerjoin(StockLevel, (StockLevel.product_id == Product.id)
                       & (StockLevel.warehouse_id == Shipment.warehouse_id))
            .where(ShipmentLine.shipment_id.in_(shipment_ids))
            .order_by(ShipmentLine.id)
        )  # fmt: skip
        out: dict[int, list[ParcelLine]] = defaultdict(list)
        for sid, sku, title, qty, gift, bin_code in rows:
            out[sid].append(ParcelLine(sku, title, qty, bool(gift), bin_code or ""))
        return {sid: tuple(v) for sid, v in out.items()}

    # -- waybill numbers --------------------------------------------------------------------------------

    def claim_waybill(self, warehouse_id: int, courier_code: str) -> str | None:
        """The next unused number of the warehouse's oldest open block for this courier, or None.

        One UPDATE … RETURNING: two stations asking at once get different numbers on both databases.
        """
        open_ranges = (select(WaybillRange.id).where(WaybillRange.warehouse_id == warehouse_id,
                                                     WaybillRange.courier_code == courier_code,
                                                     WaybillRange.next_seq <= WaybillRange.last_seq)
                       .order_by(WaybillRange.id).limit(1).scalar_subquery())  # fmt: skip
        row = self.session.execute(
            update(WaybillRange).where(WaybillRange.id == open_ranges, WaybillRange.next_seq <= WaybillRange.last_seq)
            .values(next_seq=WaybillRange.next_seq + 1)
            .returning(WaybillRange.prefix, WaybillRange.digits, WaybillRange.next_seq)
        ).first()  # fmt: skip
        if row is None:
            return None
        prefix, digits, after = row
        return f"{prefix}{after - 1:0{digits}d}"

    def set_waybill(self, shipment_id: int, courier_code: str, waybill_no: str) -> None:
        self.session.execute(update(Shipment).where(Shipment.id == shipment_id)
                             .values(courier_code=courier_code, waybill_no=waybill_no))  # fmt: skip

    def mark_printed(self, shipment_ids: Sequence[int], now: datetime) -> None:
        self.session.execute(update(Shipment).where(Shipment.id.in_(list(shipment_ids)))
                             .values(label_prints=Shipment.label_prints + 1, label_printed_at=now))  # fmt: skip

    def add_range(self, courier_code: str, warehouse_id: int, prefix: str, digits: int, first: int, last: int,
                  now: datetime) -> int:  # fmt: skip
        row = WaybillRange(courier_code=courier_code, warehouse_id=warehouse_id, prefix=prefix, digits=digits,
                           next_seq=first, last_seq=last, created_at=now)  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row.id

    def overlapping_range(self, courier_code: str, prefix: str, first: int, last: int) -> bool:
        found = self.session.scalar(select(WaybillRange.id).where(
            WaybillRange.courier_code == courier_code, WaybillRange.prefix == prefix,
            WaybillRange.next_seq <= last, WaybillRange.last_seq >= first).limit(1))  # fmt: skip
        return found is not None

    def ranges(self) -> list[RangeRecord]:
        rows = self.session.execute(select(WaybillRange, Warehouse.code).join(Warehouse)
                                    .order_by(Warehouse.code, WaybillRange.courier_code, WaybillRange.id))  # fmt: skip
        return [RangeRecord(r.id, r.courier_code, code, r.prefix, r.digits, r.next_seq, r.last_seq)
                for r, code in rows]  # fmt: skip

    # -- templates --------------------------------------------------------------------------------------

    def templates(self) -> list[tuple[str, str, str, list[str]]]:
        rows = self.session.scalars(select(LabelTemplateRow).order_by(LabelTemplateRow.courier_code,
                                                                      LabelTemplateRow.channel))  # fmt: skip
        return [(t.courier_code, t.channel, t.size, list(t.fields)) for t in rows]

    def save_template(self, courier_code: str, channel: str, size: str, fields: list[str], now: datetime) -> None:
        row = self.session.scalar(select(LabelTemplateRow).where(LabelTemplateRow.courier_code == courier_code,
                                                                 LabelTemplateRow.channel == channel))  # fmt: skip
        if row is None:
            self.session.add(LabelTemplateRow(courier_code=courier_code, channel=channel, size=size, fields=fields,
                                              updated_at=now))  # fmt: skip
        else:
            row.size, row.fields, row.updated_at = size, fields, now
        self.session.flush()


def _parcel(s: Shipment, o: Order, shop_name: str, w: Warehouse, count: int,
            lines: tuple[ParcelLine, ...]) -> ParcelRecord:  # fmt: skip
    return ParcelRecord(
        s.id, s.seq, count, o.order_no, o.status, o.channel, shop_name, o.paid_at, o.receiver_name,
        o.receiver_phone, o.province or o.province_raw, o.city, o.district, o.street, o.address_detail,
        o.buyer_note, o.seller_note, w.id, w.code, w.name, _full_address(w), w.phone, w.courier_code, s.courier_code,
        s.waybill_no, s.label_prints, lines,
    )  # fmt: skip


def _full_address(w: Warehouse) -> str:
    """The sender address as a courier needs it: province and city first, unless already there."""
    place = "".join(p for p in dict.fromkeys((w.province or "", w.city)) if p and p not in w.address)
    return f"{place} {w.address}".strip()
