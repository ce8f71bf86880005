"""Reading orders for the allocation planner and writing its plans: shipments, gift lines, holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..domain.allocation import LineForAllocation
from ..services.ports import ShipmentRecord
from .bulk import bulk_insert, bulk_update
from .models import Order, OrderLineRow, Product, Shipment, ShipmentLine, Shop, StockLevel, Warehouse

O, L = Order.__table__, OrderLineRow.__table__
SHIP, SHIP_LINES = Shipment.__table__, ShipmentLine.__table__
IN_CHUNK = 2000  # bound parameters per statement: SQLite allows 32,766
GIFT_PREFIX = "gift:"


@dataclass(frozen=True)
class CandidateOrder:
    id: int
    order_no: str
    version: int
    status: str
    province: str | None
    city: str
    district: str
    channel: str
    shop: str
    total_fen: int
    buyer_note: str
    tags: list[str]
    lines: tuple[LineForAllocation, ...]
    weight_g: int
    warehouse: str | None = None  # where it is allocated now
    line_ids: dict[int, int] | None = None  # line_no -> order_lines.id


class AllocationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def pending_order_nos(self, statuses: Sequence[str], limit: int | None = None) -> list[str]:
        """Orders in these statuses, oldest first; never one whose label has a waybill number
        (its parcel is already promised to a courier from its warehouse)."""
        labelled = select(SHIP.c.id).where(SHIP.c.order_id == O.c.id, SHIP.c.waybill_no.is_not(None)).exists()
        stmt = select(O.c.order_no).where(O.c.status.in_(statuses), ~labelled).order_by(O.c.paid_at, O.c.id)
        if limit:
            stmt = stmt.limit(limit)
        return list(self.session.scalars(stmt))

    def latest_order_nos(self, limit: int, since: datetime | None = None,
                         statuses: Sequence[str] | None = None) -> list[str]:  # fmt: skip
        """The newest orders by payment time (for a rule preview), optionally only in `statuses`."""
        stmt = select(O.c.order_no).order_by(O.c.paid_at.desc(), O.c.id.desc()).limit(limit)
        if statuses:
            stmt = stmt.where(O.c.status.in_(list(statuses)))
        if since is not None:
            stmt = stmt.where(O.c.paid_at >= since)
        return list(self.session.scalars(stmt))

    def stock_for_preview(self, skus: Sequence[str]) -> dict[tuple[str, str], int]:
        """On hand less frozen: what a fresh allocation of these orders could use."""
        out: dict[tuple[str, str], int] = {}
        for i in range(0, len(skus), IN_CHUNK):
            rows = self.session.execute(
                select(Product.sku, Warehouse.code, StockLevel.on_hand, StockLevel.frozen)
                .join(Product, Product.id == StockLevel.product_id)
                .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
                .where(Product.sku.in_(list(skus)[i : i + IN_CHUNK]), Warehouse.active.is_(True))
            )  # fmt: skip
            out.update({(r.sku, r.code): r.on_hand - r.frozen for r in rows})
        return out

    def candidates(self, order_nos: Sequence[str]) -> list[CandidateOrder]:
        out: list[CandidateOrder] = []
        for i in range(0, len(order_nos), IN_CHUNK):
            out += self._load(order_nos[i : i + IN_CHUNK])
        return out

    def _load(self, order_nos: Sequence[str]) -> list[CandidateOrder]:
        heads = self.session.execute(
            select(O.c.id, O.c.order_no, O.c.version, O.c.status, O.c.province, O.c.city, O.c.district,
                   O.c.channel, Shop.code.label("shop"), O.c.total_fen, O.c.buyer_note, O.c.tags,
                   Warehouse.code.label("warehouse"))
            .join(Shop, Shop.id == O.c.shop_id)
            .outerjoin(Warehouse, Warehouse.id == O.c.warehouse_id)
            .where(O.c.order_no.in_(order_nos))
        ).all()  # fmt: skip
        ids = [h.id for h in heads]
        lines: dict[int, list[LineForAllocation]] = defaultdict(list)
        weight: dict[int, int] = defaultdict(int)
        ids_of: dict[int, dict[int, int]] = defaultdict(dict)
        rows = self.session.execute(
            select(L.c.id, L.c.order_id, L.c.line_no, L.c.sku, L.c.quantity, L.c.title, L.c.is_gift, L.c.platform_line_id,
                   Product.category, Product.name, Product.weight_g)
            .outerjoin(Product, Product.sku == L.c.sku)
            .where(L.c.order_id.in_(ids))
            .order_by(L.c.order_id, L.c.line_no)
        )  # fmt: skip
        for r in rows:
            gift_rule = None
            if r.is_gift and r.platform_line_id.startswith(GIFT_PREFIX):
                gift_rule = int(r.platform_line_id.removeprefix(GIFT_PREFIX) or 0) or None
            lines[r.order_id].append(LineForAllocation(r.line_no, r.sku, r.quantity, r.category or "",
                                                       r.name or r.title, r.is_gift, gift_rule))  # fmt: skip
            weight[r.order_id] += (r.weight_g or 0) * r.quantity
            ids_of[r.order_id][r.line_no] = r.id
        return [
            CandidateOrder(h.id, h.order_no, h.version, h.status, h.province, h.city, h.district, h.channel, h.shop,
                           h.total_fen, h.buyer_note, list(h.tags or []), tuple(lines[h.id]), weight[h.id],
                           h.warehouse, ids_of[h.id])
            for h in heads
        ]  # fmt: skip

    def add_gift_lines(self, gifts: Sequence[tuple[int, int, str, str, int]]) -> dict[tuple[int, int], int]:
        """(order_id, line_no, sku, title, quantity, rule) rows -> {(order_id, line_no): line id}."""
        if not gifts:
            return {}
        bulk_insert(self.session, L, [
            {"order_id": oid, "line_no": no, "sku": sku, "title": title, "quantity": qty, "unit_price_fen": 0,
             "paid_fen": 0, "platform_line_id": f"{GIFT_PREFIX}{rule}", "is_gift": True}
            for oid, no, sku, title, qty, rule in gifts  # type: ignore[misc]
        ])  # fmt: skip
        return self.line_ids({oid for oid, *_ in gifts})

    def line_ids(self, order_ids: set[int]) -> dict[tuple[int, int], int]:
        out: dict[tuple[int, int], int] = {}
        ids = list(order_ids)
        for i in range(0, len(ids), IN_CHUNK):
            rows = self.session.execute(select(L.c.id, L.c.order_id, L.c.line_no).where(L.c.order_id.in_(ids[i : i + IN_CHUNK])))
            out.update({(r.order_id, r.line_no): r.id for r in rows})
        return out

    def add_shipments(self, shipments: Sequence[ShipmentRecord], now: datetime) -> None:
        if not shipments:
            return
        wh = {code: wid for wid, code in self.session.execute(select(Warehouse.id, Warehouse.code))}
        bulk_insert(self.session, SHIP, [
            {"order_id": s.order_id, "seq": s.seq, "warehouse_id": wh[s.warehouse], "status": "ALLOCATED",
             "created_at": now} for s in shipments
        ])  # fmt: skip
        order_ids = list({s.order_id for s in shipments})
        ids = {}
        for i in range(0, len(order_ids), IN_CHUNK):
            rows = self.session.execute(select(SHIP.c.id, SHIP.c.order_id, SHIP.c.seq).where(SHIP.c.order_id.in_(order_ids[i : i + IN_CHUNK])))
            ids.update({(r.order_id, r.seq): r.id for r in rows})
        bulk_insert(self.session, SHIP_LINES, [
            {"shipment_id": ids[(s.order_id, s.seq)], "order_line_id": line_id, "quantity": qty}
            for s in shipments for line_id, _sku, qty in s.lines
        ])  # fmt: skip

    def shipments_of(self, order_ids: Sequence[int]) -> list[ShipmentRecord]:
        rows = self.session.execute(
            select(SHIP.c.order_id, SHIP.c.seq, Warehouse.code, SHIP_LINES.c.order_line_id, L.c.sku,
                   SHIP_LINES.c.quantity)
            .join(Warehouse, Warehouse.id == SHIP.c.warehouse_id)
            .join(SHIP_LINES, SHIP_LINES.c.shipment_id == SHIP.c.id)
            .join(L, L.c.id == SHIP_LINES.c.order_line_id)
            .where(SHIP.c.order_id.in_(list(order_ids)))
            .order_by(SHIP.c.order_id, SHIP.c.seq, SHIP_LINES.c.id)
        )  # fmt: skip
        grouped: dict[tuple[int, int, str], list[tuple[int, str, int]]] = defaultdict(list)
        for r in rows:
            grouped[(r.order_id, r.seq, r.code)].append((r.order_line_id, r.sku, r.quantity))
        return [ShipmentRecord(oid, seq, code, tuple(lines)) for (oid, seq, code), lines in grouped.items()]

    def labelled(self, order_ids: Sequence[int]) -> set[int]:
        """Those of these orders with a waybill number on a parcel."""
        return set(self.session.scalars(select(SHIP.c.order_id).where(
            SHIP.c.order_id.in_(list(order_ids)), SHIP.c.waybill_no.is_not(None))))  # fmt: skip

    def drop_shipments(self, order_ids: Sequence[int]) -> None:
        ship_ids = select(SHIP.c.id).where(SHIP.c.order_id.in_(list(order_ids)))
        self.session.execute(delete(SHIP_LINES).where(SHIP_LINES.c.shipment_id.in_(ship_ids)))
        self.session.execute(delete(SHIP).where(SHIP.c.order_id.in_(list(order_ids))))

    def set_outcome(self, outcomes: Sequence[dict[str, object]], now: datetime) -> int:
        """Each outcome: id, version (expected), status, warehouse, hold_reason, tags. Returns rows changed;
        fewer than given means another station changed some of them in between."""
        if not outcomes:
            return 0
        wh = {code: wid for wid, code in self.session.execute(select(Warehouse.id, Warehouse.code))}
        rows = [
            {"status": o["status"], "warehouse_id": wh.get(o["warehouse"]) if o["warehouse"] else None,
             "hold_reason": o["hold_reason"], "tags": o["tags"], "updated_at": now, "id": o["id"],
             "version": o["version"]}
            for o in outcomes
        ]  # fmt: skip
        changed = bulk_update(self.session, O, ["status", "warehouse_id", "hold_reason", "tags", "updated_at"],
                              ["id", "version"], rows, extra_set="version = version + 1")  # fmt: skip
        if changed >= 0:
            return changed
        ids = [o["id"] for o in outcomes]
        return int(self.session.scalar(select(func.count()).where(O.c.id.in_(ids), O.c.updated_at == now)) or 0)
