"""The dock's reads and writes: manifests, what a scanned code names, parcels handed over, scans.

A scan is one or two small indexed lookups and one insert in one short transaction; the unique
shipment of `handover_parcels` decides which of two docks got a parcel first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from ..domain.handover import ManifestFacts, ParcelFacts
from .models import HandoverManifest, HandoverParcel, HandoverScan, Order, Shipment, User, Warehouse


@dataclass(frozen=True)
class ManifestRow:
    id: int
    courier_code: str
    warehouse_code: str
    warehouse_name: str
    status: str
    opened_at: datetime
    opened_by: str
    closed_at: datetime | None
    closed_by: str
    parcels: int


@dataclass(frozen=True)
class HandedParcel:
    waybill_no: str
    order_no: str
    at: datetime
    user: str


@dataclass(frozen=True)
class ScanRow:
    at: datetime
    code: str
    verdict: str
    order_no: str
    user: str


class HandoverRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- manifests ------------------------------------------------------------------------------------

    def warehouse(self, text: str) -> tuple[int, str, str] | None:
        """(id, code, name) of a warehouse by its code or its name."""
        row = self.session.execute(select(Warehouse.id, Warehouse.code, Warehouse.name)
                                   .where(or_(Warehouse.code == text, Warehouse.name == text))
                                   .order_by((Warehouse.code == text).desc()).limit(1)).first()  # fmt: skip
        return (row.id, row.code, row.name) if row else None

    def add_manifest(self, courier_code: str, warehouse_id: int, user_id: int, now: datetime) -> int:
        row = HandoverManifest(courier_code=courier_code, warehouse_id=warehouse_id, status="OPEN", opened_at=now,
                               opened_by=user_id)  # fmt: skip
        self.session.add(row)
        self.session.flush()
        return row.id

    def open_manifest_of(self, courier_code: str, warehouse_id: int) -> int | None:
        """The newest manifest still open for this courier at this warehouse (a restarted PC resumes it)."""
        return self.session.scalar(select(HandoverManifest.id).where(
            HandoverManifest.courier_code == courier_code, HandoverManifest.warehouse_id == warehouse_id,
            HandoverManifest.status == "OPEN").order_by(HandoverManifest.id.desc()).limit(1))  # fmt: skip

    def manifest(self, manifest_id: int, lock: bool = False) -> ManifestFacts | None:
        stmt = (select(HandoverManifest.id, HandoverManifest.courier_code, Warehouse.code, Warehouse.name,
                       HandoverManifest.status)
                .join(Warehouse, Warehouse.id == HandoverManifest.warehouse_id)
                .where(HandoverManifest.id == manifest_id))  # fmt: skip
        if lock and self._pg:
            stmt = stmt.with_for_update(of=HandoverManifest)
        row = self.session.execute(stmt).first()
        return ManifestFacts(row[0], row[1], row[2], row[3], row[4] == "CLOSED") if row else None

    def close(self, manifest_id: int, user_id: int, now: datetime) -> bool:
        done = self.session.execute(update(HandoverManifest).where(HandoverManifest.id == manifest_id,
                                                                   HandoverManifest.status == "OPEN")
                                    .values(status="CLOSED", closed_at=now, closed_by=user_id))  # fmt: skip
        return done.rowcount == 1

    # -- what a code names ----------------------------------------------------------------------------

    def parcels_by_code(self, code: str) -> list[ParcelFacts]:
        """The shipment with this waybill, else every shipment of the order with this number."""
        found = self._facts(Shipment.waybill_no == code)
        if found:
            return found
        order_id = self.session.scalar(select(Order.id).where(or_(Order.order_no == code,
                                                                  Order.platform_order_id == code)).limit(1))  # fmt: skip
        return self._facts(Shipment.order_id == order_id) if order_id is not None else []

    def order_exists(self, code: str) -> tuple[int, str, str] | None:
        """(id, order number, status) of an order with no parcel at all (not allocated yet)."""
        row = self.session.execute(select(Order.id, Order.order_no, Order.status)
                                   .where(or_(Order.order_no == code, Order.platform_order_id == code)).limit(1)).first()  # fmt: skip
        return (row[0], row[1], row[2]) if row else None

    def _facts(self, where) -> list[ParcelFacts]:  # noqa: ANN001 - a SQL condition
        rows = self.session.execute(
            select(Shipment.id, Order.id, Order.order_no, Order.status, Shipment.status, Warehouse.code, Warehouse.name,
                   Shipment.courier_code, Shipment.waybill_no, HandoverParcel.manifest_id)
            .join(Order, Order.id == Shipment.order_id).join(Warehouse, Warehouse.id == Shipment.warehouse_id)
            .outerjoin(HandoverParcel, HandoverParcel.shipment_id == Shipment.id)
            .where(where).order_by(Shipment.seq))  # fmt: skip
        return [ParcelFacts(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", r[8] or "", r[9]) for r in rows]

    # -- handing over ---------------------------------------------------------------------------------

    def hand_over(self, manifest_id: int, p: ParcelFacts, user_id: int, now: datetime) -> int | None:
        """Insert-or-nothing on the unique shipment: None when it went in, else the manifest that
        already has it (a concurrent insert at another dock waits for that one to commit first)."""
        insert = pg_insert if self._pg else sqlite_insert
        added = self.session.scalar(insert(HandoverParcel).values(
            manifest_id=manifest_id, shipment_id=p.shipment_id, order_id=p.order_id, waybill_no=p.waybill_no,
            at=now, user_id=user_id).on_conflict_do_nothing(index_elements=["shipment_id"])
            .returning(HandoverParcel.id))  # fmt: skip
        if added is not None:  # (RETURNING, not rowcount: an ORM insert on psycopg reports no rowcount)
            return None
        return self.session.scalar(select(HandoverParcel.manifest_id).where(HandoverParcel.shipment_id == p.shipment_id))

    def count(self, manifest_id: int) -> int:
        return self.session.scalar(select(func.count()).select_from(HandoverParcel)
                                   .where(HandoverParcel.manifest_id == manifest_id)) or 0  # fmt: skip

    def add_scan(self, manifest_id: int, at: datetime, user_id: int, code: str, verdict: str,
                 order_id: int | None = None, shipment_id: int | None = None) -> None:  # fmt: skip
        self.session.add(HandoverScan(manifest_id=manifest_id, at=at, user_id=user_id, code=code[:128],
                                      verdict=verdict[:32], order_id=order_id, shipment_id=shipment_id))  # fmt: skip
        self.session.flush()

    # -- reads ----------------------------------------------------------------------------------------

    def manifests(self, limit: int = 100, warehouse_code: str = "", only_open: bool = False,
                  manifest_id: int | None = None) -> list[ManifestRow]:  # fmt: skip
        opener, closer = aliased(User), aliased(User)
        count = (select(func.count()).where(HandoverParcel.manifest_id == HandoverManifest.id)
                 .correlate(HandoverManifest).scalar_subquery())  # fmt: skip
        stmt = (select(HandoverManifest.id, HandoverManifest.courier_code, Warehouse.code, Warehouse.name,
                       HandoverManifest.status, HandoverManifest.opened_at, opener.username,
                       HandoverManifest.closed_at, closer.username, count)
                .join(Warehouse, Warehouse.id == HandoverManifest.warehouse_id)
                .join(opener, opener.id == HandoverManifest.opened_by)
                .outerjoin(closer, closer.id == HandoverManifest.closed_by))  # fmt: skip
        if warehouse_code:
            stmt = stmt.where(Warehouse.code == warehouse_code)
        if only_open:
            stmt = stmt.where(HandoverManifest.status == "OPEN")
        if manifest_id is not None:
            stmt = stmt.where(HandoverManifest.id == manifest_id)
        rows = self.session.execute(stmt.order_by(HandoverManifest.id.desc()).limit(limit))
        return [ManifestRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9] or 0) for r in rows]

    def handed(self, manifest_id: int) -> list[HandedParcel]:
        """The manifest's parcels in the order they were scanned."""
        rows = self.session.execute(
            select(HandoverParcel.waybill_no, Order.order_no, HandoverParcel.at, User.username)
            .join(Order, Order.id == HandoverParcel.order_id).join(User, User.id == HandoverParcel.user_id)
            .where(HandoverParcel.manifest_id == manifest_id).order_by(HandoverParcel.id))  # fmt: skip
        return [HandedParcel(*r) for r in rows]

    def scans(self, manifest_id: int, refused_only: bool = False) -> list[ScanRow]:
        stmt = (select(HandoverScan.at, HandoverScan.code, HandoverScan.verdict, Order.order_no, User.username)
                .outerjoin(Order, Order.id == HandoverScan.order_id).join(User, User.id == HandoverScan.user_id)
                .where(HandoverScan.manifest_id == manifest_id))  # fmt: skip
        if refused_only:
            stmt = stmt.where(HandoverScan.verdict.like("refused%"))
        return [ScanRow(r[0], r[1], r[2], r[3] or "", r[4]) for r in self.session.execute(stmt.order_by(HandoverScan.id))]

    @property
    def _pg(self) -> bool:
        return self.session.get_bind().dialect.name == "postgresql"
