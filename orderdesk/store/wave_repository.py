"""Reads over waves: which waves of a warehouse still have orders to pack, and what is in a wave.

An order of a wave is *packed* when its parcel(s) from the wave's warehouse are all PACKED, and
*waiting* while the order is still ALLOCATED with a parcel there not yet packed. An order taken out
meanwhile (refund, cancellation, reallocated elsewhere) is neither.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from .models import Order, Shipment, Warehouse, Wave, WaveOrder


def _here(packed: bool):  # noqa: ANN202 - an EXISTS clause correlated to Wave and WaveOrder
    cond = Shipment.status == "PACKED" if packed else Shipment.status != "PACKED"
    return (select(Shipment.id)
            .where(Shipment.order_id == WaveOrder.order_id, Shipment.warehouse_id == Wave.warehouse_id, cond)
            .exists())  # fmt: skip


def _waiting():  # noqa: ANN202
    return and_(Order.status == "ALLOCATED", _here(packed=False))


def _packed():  # noqa: ANN202
    return and_(_here(packed=True), ~_here(packed=False))


class WaveRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_waves(self, warehouse_code: str) -> list[tuple[str, datetime, int, int, int]]:
        """(code, created at, orders, packed, waiting) of the warehouse's waves with orders still
        waiting, oldest first."""
        waiting = func.sum(case((_waiting(), 1), else_=0))
        packed = func.sum(case((_packed(), 1), else_=0))
        stmt = (select(Wave.code, Wave.created_at, func.count(WaveOrder.order_id), packed, waiting)
                .select_from(Wave).join(Warehouse, Warehouse.id == Wave.warehouse_id)
                .join(WaveOrder, WaveOrder.wave_id == Wave.id).join(Order, Order.id == WaveOrder.order_id)
                .where(Warehouse.code == warehouse_code)
                .group_by(Wave.id, Wave.code, Wave.created_at).having(waiting > 0)
                .order_by(Wave.created_at, Wave.id))  # fmt: skip
        return [(c, at, int(n), int(p or 0), int(w or 0)) for c, at, n, p, w in self.session.execute(stmt)]

    def waiting(self, warehouse_code: str, limit: int) -> list[tuple[str, int, str]]:
        """(wave code, slot, order no) of the warehouse's orders waiting to be packed, oldest wave
        first, then by slot."""
        stmt = (select(Wave.code, WaveOrder.slot, Order.order_no)
                .select_from(Wave).join(Warehouse, Warehouse.id == Wave.warehouse_id)
                .join(WaveOrder, WaveOrder.wave_id == Wave.id).join(Order, Order.id == WaveOrder.order_id)
                .where(Warehouse.code == warehouse_code, _waiting())
                .order_by(Wave.created_at, Wave.id, WaveOrder.slot).limit(limit))  # fmt: skip
        return [(c, s, n) for c, s, n in self.session.execute(stmt)]

    def warehouse_of(self, code: str) -> tuple[str, str] | None:
        """(code, name) of a wave's warehouse, None when there is no such wave."""
        row = self.session.execute(select(Warehouse.code, Warehouse.name).join(Wave, Wave.warehouse_id == Warehouse.id)
                                   .where(Wave.code == code)).first()  # fmt: skip
        return (row[0], row[1]) if row else None

    def slots(self, code: str) -> list[tuple[int, str, str, bool, bool]]:
        """(slot, order no, order status, packed here, waiting) of every order of the wave, by slot."""
        stmt = (select(WaveOrder.slot, Order.order_no, Order.status, _packed(), _waiting())
                .select_from(Wave).join(WaveOrder, WaveOrder.wave_id == Wave.id)
                .join(Order, Order.id == WaveOrder.order_id).where(Wave.code == code)
                .order_by(WaveOrder.slot))  # fmt: skip
        return [(s, n, st, bool(p), bool(w)) for s, n, st, p, w in self.session.execute(stmt)]
