"""The pack bench's reads and writes: what a scanned code names, parcels, claims, scans, waves.

Each station scan is one or two of these small indexed statements inside one short transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..domain.packing import Parcel, ParcelItem
from .models import (
    Order,
    OrderLineRow,
    PackClaim,
    PackScan,
    Product,
    ProductBarcode,
    Shipment,
    ShipmentLine,
    User,
    Warehouse,
    Wave,
    WaveOrder,
)


@dataclass(frozen=True)
class OrderRef:
    id: int
    order_no: str
    status: str
    version: int


@dataclass(frozen=True)
class ClaimRecord:
    order_id: int
    order_no: str
    shipment_id: int
    station: str
    expires_at: datetime
    waybill_no: str
    claimed_at: datetime


class PackingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- what a code names -----------------------------------------------------------------------------

    def order_by_code(self, code: str) -> OrderRef | None:
        """An order by its hub number, platform number, a parcel's waybill or a wave slot (W…-007)."""
        row = self.session.execute(
            select(Order.id, Order.order_no, Order.status, Order.version)
            .where(or_(Order.order_no == code, Order.platform_order_id == code)).limit(1)).first()  # fmt: skip
        if row is None:
            row = self.session.execute(
                select(Order.id, Order.order_no, Order.status, Order.version)
                .join(Shipment, Shipment.order_id == Order.id).where(Shipment.waybill_no == code).limit(1)).first()  # fmt: skip
        if row is None and "-" in code:
            wave, _, slot = code.rpartition("-")
            if slot.isdigit():
                row = self.session.execute(
                    select(Order.id, Order.order_no, Order.status, Order.version)
                    .join(WaveOrder, WaveOrder.order_id == Order.id).join(Wave, Wave.id == WaveOrder.wave_id)
                    .where(Wave.code == wave, WaveOrder.slot == int(slot)).limit(1)).first()  # fmt: skip
        return OrderRef(*row) if row else None

    def sku_of_barcode(self, code: str) -> str | None:
        sku = self.session.scalar(select(Product.sku).join(ProductBarcode, ProductBarcode.product_id == Product.id)
                                  .where(ProductBarcode.barcode == code).limit(1))  # fmt: skip
        return sku or self.session.scalar(select(Product.sku).where(Product.sku == code))

    def waybill_owner(self, waybill: str) -> str | None:
        """The order whose parcel already carries this waybill (or a claim holds it), if any."""
        found = self.session.scalar(select(Order.order_no).join(Shipment, Shipment.order_id == Order.id)
                                    .where(Shipment.waybill_no == waybill).limit(1))  # fmt: skip
        return found or self.session.scalar(select(Order.order_no).join(PackClaim, PackClaim.order_id == Order.id)
                                            .where(PackClaim.waybill_no == waybill).limit(1))  # fmt: skip

    # -- parcels ---------------------------------------------------------------------------------------

    def parcel(self, order_id: int, warehouse_code: str) -> tuple[int, str, str, Parcel] | None:
        """(shipment id, its status, its waybill, the parcel) of the order's shipment from this
        warehouse not yet packed, or None when it has none here."""
        ship = self.session.execute(
            select(Shipment.id, Shipment.status, Shipment.waybill_no, Order.order_no, Order.buyer_note)
            .join(Order, Order.id == Shipment.order_id).join(Warehouse, Warehouse.id == Shipment.warehouse_id)
            .where(Shipment.order_id == order_id, Warehouse.code == warehouse_code)
            .order_by((Shipment.status == "PACKED").asc(), Shipment.seq).limit(1)).first()  # fmt: skip
        if ship is None:
            return None
        lines = self.session.execute(
            select(OrderLineRow.sku, OrderLineRow.title, ShipmentLine.quantity, OrderLineRow.is_gift)
            .join(OrderLineRow, OrderLineRow.id == ShipmentLine.order_line_id)
            .where(ShipmentLine.shipment_id == ship.id).order_by(ShipmentLine.id))  # fmt: skip
        items = tuple(ParcelItem(sku, title, qty, bool(gift)) for sku, title, qty, gift in lines)
        return ship.id, ship.status, ship.waybill_no or "", Parcel(ship.order_no, items, ship.buyer_note)

    def parcel_couriers(self, shipment_id: int) -> tuple[str, str]:
        """(the parcel's own courier, "" until a label gave it one; its warehouse's usual courier)."""
        row = self.session.execute(select(Shipment.courier_code, Warehouse.courier_code)
                                   .join(Warehouse, Warehouse.id == Shipment.warehouse_id)
                                   .where(Shipment.id == shipment_id)).first()  # fmt: skip
        return (row[0] or "", row[1] or "") if row else ("", "")

    def unpacked_shipments(self, order_id: int) -> int:
        return self.session.scalar(select(func.count()).select_from(Shipment)
                                   .where(Shipment.order_id == order_id, Shipment.status != "PACKED")) or 0  # fmt: skip

    def mark_packed(self, shipment_id: int, waybill: str, courier_code: str) -> None:
        values: dict[str, object] = {"status": "PACKED"}
        if waybill:
            values |= {"waybill_no": waybill, "courier_code": courier_code}
        self.session.execute(update(Shipment).where(Shipment.id == shipment_id).values(**values))

    # -- claims ----------------------------------------------------------------------------------------

    def claim(self, order_id: int, shipment_id: int, station: str, user_id: int, now: datetime,
              ttl: timedelta) -> str | None:  # fmt: skip
        """Take the order for this station; the other station's name if it holds a live claim.

        Insert-or-nothing first, so two stations claiming a new order at once cannot both insert;
        the loser then reads the winner's row under a lock."""
        insert = pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        added = self.session.execute(insert(PackClaim).values(
            order_id=order_id, station=station, user_id=user_id, shipment_id=shipment_id, claimed_at=now,
            expires_at=now + ttl, waybill_no="").on_conflict_do_nothing(index_elements=["order_id"]))  # fmt: skip
        if added.rowcount == 1:
            return None
        held = self.session.get(PackClaim, order_id, with_for_update=True, populate_existing=True)
        if held is not None and held.station != station and held.expires_at > now:
            return held.station
        if held is None:
            return self.claim(order_id, shipment_id, station, user_id, now, ttl)  # released in between
        else:
            if held.station != station:
                held.waybill_no = ""
            held.station, held.user_id, held.shipment_id = station, user_id, shipment_id
            held.claimed_at, held.expires_at = now, now + ttl
        self.session.flush()
        return None

    def claim_of(self, station: str) -> ClaimRecord | None:
        row = self.session.execute(
            select(PackClaim, Order.order_no).join(Order, Order.id == PackClaim.order_id)
            .where(PackClaim.station == station).order_by(PackClaim.claimed_at.desc()).limit(1)).first()  # fmt: skip
        if row is None:
            return None
        c = row.PackClaim
        return ClaimRecord(c.order_id, row.order_no, c.shipment_id, c.station, c.expires_at, c.waybill_no, c.claimed_at)

    def holder(self, order_id: int) -> PackClaim | None:
        return self.session.get(PackClaim, order_id)

    def set_claim_waybill(self, order_id: int, waybill: str) -> None:
        self.session.execute(update(PackClaim).where(PackClaim.order_id == order_id).values(waybill_no=waybill))

    def renew(self, order_id: int, station: str, now: datetime, ttl: timedelta) -> bool:
        result = self.session.execute(update(PackClaim).where(PackClaim.order_id == order_id,
                                                              PackClaim.station == station)
                                      .values(expires_at=now + ttl))  # fmt: skip
        return result.rowcount == 1

    def release(self, order_id: int) -> None:
        self.session.execute(delete(PackClaim).where(PackClaim.order_id == order_id))

    # -- scans -----------------------------------------------------------------------------------------

    def add_scan(self, at: datetime, station: str, user_id: int, code: str, verdict: str, order_id: int | None = None,
                 shipment_id: int | None = None, sku: str = "", quantity: int = 0) -> None:  # fmt: skip
        self.session.add(PackScan(at=at, station=station, user_id=user_id, order_id=order_id, shipment_id=shipment_id,
                                  code=code[:128], sku=sku, quantity=quantity, verdict=verdict[:24]))  # fmt: skip
        self.session.flush()

    def scanned(self, shipment_id: int, since: datetime) -> Counter[str]:
        """Items counted into this parcel since the claim began (undo rows are negative)."""
        rows = self.session.execute(
            select(PackScan.sku, func.sum(PackScan.quantity))
            .where(PackScan.shipment_id == shipment_id, PackScan.at >= since, PackScan.verdict.in_(("item", "undo")))
            .group_by(PackScan.sku))  # fmt: skip
        return Counter({sku: int(n) for sku, n in rows if n})

    def last_item(self, shipment_id: int, since: datetime) -> tuple[str, int] | None:
        """The last item scan not yet undone (scan ids, newest first, cancelled by undo rows)."""
        rows = self.session.execute(
            select(PackScan.sku, PackScan.quantity, PackScan.verdict)
            .where(PackScan.shipment_id == shipment_id, PackScan.at >= since, PackScan.verdict.in_(("item", "undo")))
            .order_by(PackScan.id.desc())).all()  # fmt: skip
        pending_undos = 0
        for sku, qty, verdict in rows:
            if verdict == "undo":
                pending_undos += 1
            elif pending_undos:
                pending_undos -= 1
            else:
                return sku, qty
        return None

    def throughput(self, since: datetime) -> list[tuple[str, str, int, int]]:
        """(station, local hour 'YYYY-MM-DD HH', parcels packed, scans refused) since a moment."""
        rows = self.session.execute(select(PackScan.station, PackScan.at, PackScan.verdict)
                                    .where(PackScan.at >= since, or_(PackScan.verdict == "packed",
                                                                     PackScan.verdict.like("refused%"))))  # fmt: skip
        counts: dict[tuple[str, str], list[int]] = {}
        for station, at, verdict in rows:
            key = (station, at.astimezone().strftime("%Y-%m-%d %H"))
            pair = counts.setdefault(key, [0, 0])
            pair[0 if verdict == "packed" else 1] += 1
        return sorted((s, h, p, r) for (s, h), (p, r) in counts.items())

    # -- waves -----------------------------------------------------------------------------------------

    def wave_candidates(self, warehouse_code: str, limit: int, channel: str = "", courier: str = "",
                        single_item_first: bool = True) -> tuple[int, list[int]]:  # fmt: skip
        """(warehouse id, order ids) of allocated, un-packed orders of the warehouse in no wave yet."""
        wh = self.session.scalar(select(Warehouse.id).where(Warehouse.code == warehouse_code))
        if wh is None:
            return 0, []
        items = (select(func.sum(ShipmentLine.quantity)).where(ShipmentLine.shipment_id == Shipment.id)
                 .correlate(Shipment).scalar_subquery())  # fmt: skip
        in_wave = select(WaveOrder.order_id).where(WaveOrder.order_id == Order.id).exists()
        stmt = (select(Order.id).join(Shipment, Shipment.order_id == Order.id)
                .where(Order.status == "ALLOCATED", Shipment.warehouse_id == wh, Shipment.status != "PACKED", ~in_wave))  # fmt: skip
        if channel:
            stmt = stmt.where(Order.channel == channel)
        if courier:
            stmt = stmt.where(or_(Shipment.courier_code == courier,
                                  (Shipment.courier_code == "") & (select(Warehouse.courier_code)
                                                                   .where(Warehouse.id == wh).scalar_subquery() == courier)))  # fmt: skip
        order = [(items > 1).asc()] if single_item_first else []
        stmt = stmt.order_by(*order, Order.paid_at, Order.id).limit(limit)
        return wh, list(dict.fromkeys(self.session.scalars(stmt)))

    def count_waves(self, prefix: str) -> int:
        return self.session.scalar(select(func.count()).select_from(Wave).where(Wave.code.like(f"{prefix}%"))) or 0

    def add_wave(self, code: str, warehouse_id: int, order_ids: Sequence[int], user_id: int, now: datetime) -> int:
        wave = Wave(code=code, warehouse_id=warehouse_id, created_at=now, created_by=user_id)
        self.session.add(wave)
        self.session.flush()
        self.session.add_all(WaveOrder(wave_id=wave.id, order_id=oid, slot=i) for i, oid in enumerate(order_ids, 1))
        self.session.flush()
        return wave.id

    def order_nos(self, order_ids: Sequence[int]) -> list[str]:
        """Order numbers in the order of the ids given."""
        found = dict(self.session.execute(select(Order.id, Order.order_no).where(Order.id.in_(list(order_ids)))).all())
        return [found[i] for i in order_ids if i in found]

    def user_name(self, user_id: int) -> str:
        return self.session.scalar(select(User.username).where(User.id == user_id)) or ""
