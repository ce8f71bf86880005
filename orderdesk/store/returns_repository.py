"""The returns desk's reads and writes: parcels seen before, what an order shipped and has had back,
returned parcels with their lines, unknown parcels, and the desk's scan log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..domain.returns import ExpectedLine
from ..services.returns_ports import ParcelSeen, ReturnRecord
from .models import HandoverParcel, Order, OrderLineRow, Shipment, User, Warehouse
from .models_returns import ReturnLineRow, ReturnRow, ReturnScan

RECEIVED = ("resellable", "damaged")


class ReturnsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def warehouse_id(self, code: str) -> int | None:
        return self.session.scalar(select(Warehouse.id).where(Warehouse.code == code))

    def by_parcel_code(self, code: str) -> ParcelSeen | None:
        row = self.session.execute(
            select(ReturnRow.id, ReturnRow.state, Order.order_no, ReturnRow.at, User.username)
            .outerjoin(Order, Order.id == ReturnRow.order_id).join(User, User.id == ReturnRow.user_id)
            .where(ReturnRow.parcel_code == code).order_by(ReturnRow.id.desc()).limit(1)).first()  # fmt: skip
        return ParcelSeen(*row) if row else None

    def is_waybill(self, code: str) -> bool:
        """Does one of our parcels carry this waybill (the original waybill on a returned parcel)?"""
        return self.session.scalar(select(Shipment.id).where(Shipment.waybill_no == code).limit(1)) is not None

    def parcel_left(self, order_id: int) -> bool:
        """Was one of the order's parcels handed to its courier (in a manifest), so it left the warehouse?"""
        stmt = (select(HandoverParcel.id).join(Shipment, Shipment.id == HandoverParcel.shipment_id)
                .where(Shipment.order_id == order_id).limit(1))  # fmt: skip
        return self.session.scalar(stmt) is not None

    def expected(self, order_id: int) -> list[ExpectedLine]:
        """Per SKU of the order, in line order: units shipped, units waited for (gifts aside), units
        back already. Two small indexed reads, summed here (a scan pays for every statement built)."""
        rows = self.session.execute(select(OrderLineRow.sku, OrderLineRow.title, OrderLineRow.quantity,
                                           OrderLineRow.is_gift)
                                    .where(OrderLineRow.order_id == order_id).order_by(OrderLineRow.line_no)).all()  # fmt: skip
        back: dict[str, int] = {}
        for sku, qty in self.session.execute(
                select(ReturnLineRow.sku, ReturnLineRow.quantity).join(ReturnRow, ReturnRow.id == ReturnLineRow.return_id)
                .where(ReturnRow.order_id == order_id, ReturnRow.state == "DONE",
                       ReturnLineRow.condition.in_(RECEIVED))):  # fmt: skip
            back[sku] = back.get(sku, 0) + qty
        per_sku: dict[str, list] = {}
        for sku, title, qty, gift in rows:
            entry = per_sku.setdefault(sku, [title or "", 0, 0])
            entry[1] += qty
            entry[2] += 0 if gift else qty
        return [ExpectedLine(sku, t, shipped, required, back.get(sku, 0)) for sku, (t, shipped, required) in per_sku.items()]

    def add_return(self, values: dict[str, Any], lines: list[dict[str, Any]]) -> int:
        return_id = self.session.execute(insert(ReturnRow).values(**values).returning(ReturnRow.id)).scalar_one()
        if lines:
            self.session.execute(insert(ReturnLineRow), [{"return_id": return_id, **li} for li in lines])
        return return_id

    def unknown(self, return_id: int, lock: bool = False) -> ReturnRecord | None:
        if lock and self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(select(ReturnRow.id).where(ReturnRow.id == return_id).with_for_update())
        found = self._records(ReturnRow.id == return_id, limit=1)
        return found[0] if found else None

    def match(self, return_id: int, order_id: int, outcome: str, no_refund_request: bool, user_id: int,
              at: datetime) -> bool:  # fmt: skip
        done = self.session.execute(
            update(ReturnRow).where(ReturnRow.id == return_id, ReturnRow.state == "UNKNOWN")
            .values(state="DONE", order_id=order_id, outcome=outcome, no_refund_request=no_refund_request,
                    matched_at=at, matched_by=user_id))  # fmt: skip
        return done.rowcount == 1

    def add_scan(self, at: datetime, station: str, user_id: int, code: str, verdict: str, order_id: int | None = None,
                 return_id: int | None = None, sku: str = "", quantity: int = 0, why: str = "") -> None:  # fmt: skip
        self.session.execute(insert(ReturnScan).values(
            at=at, station=station[:64], user_id=user_id, order_id=order_id, return_id=return_id, code=code[:128],
            sku=sku[:64], quantity=quantity, verdict=verdict[:32], why=why))  # fmt: skip

    def records(self, warehouse: str | None = None, since: datetime | None = None, until: datetime | None = None,
                state: str | None = None, limit: int = 500) -> list[ReturnRecord]:  # fmt: skip
        conditions = []
        if warehouse:
            conditions.append(Warehouse.code == warehouse)
        if since is not None:
            conditions.append(ReturnRow.at >= since)
        if until is not None:
            conditions.append(ReturnRow.at <= until)
        if state:
            conditions.append(ReturnRow.state == state)
        return self._records(*conditions, limit=limit)

    def _records(self, *conditions: Any, limit: int) -> list[ReturnRecord]:
        rows = self.session.execute(
            select(ReturnRow, Order.order_no, Order.status, Warehouse.code, User.username)
            .outerjoin(Order, Order.id == ReturnRow.order_id).join(Warehouse, Warehouse.id == ReturnRow.warehouse_id)
            .join(User, User.id == ReturnRow.user_id).where(*conditions)
            .order_by(ReturnRow.at.desc(), ReturnRow.id.desc()).limit(limit)).all()  # fmt: skip
        ids = [r.ReturnRow.id for r in rows]
        lines: dict[int, list[dict[str, Any]]] = {}
        if ids:
            for li in self.session.scalars(select(ReturnLineRow).where(ReturnLineRow.return_id.in_(ids))
                                           .order_by(ReturnLineRow.id)):  # fmt: skip
                lines.setdefault(li.return_id, []).append(
                    {"sku": li.sku, "quantity": li.quantity, "condition": li.condition, "reason": li.reason})
        return [ReturnRecord(r.ReturnRow.id, r.ReturnRow.state, r.order_no, r.status, r.code, r.ReturnRow.parcel_code,
                             r.ReturnRow.outcome, bool(r.ReturnRow.no_refund_request), r.ReturnRow.note,
                             r.ReturnRow.station, r.ReturnRow.at, r.username, r.ReturnRow.matched_at,
                             tuple(lines.get(r.ReturnRow.id, ()))) for r in rows]  # fmt: skip


