"""The read side of the KPIs and the reconciliation: a period of orders with their histories, the
stations' scans, and the period's sales and credit notes, as plain rows from set-based statements."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..domain.kpi import OrderHistory, Parcel, StationScan
from ..domain.kpi_events import EVENT_KINDS, HistoryEvent, fact_of, scan_fact
from ..domain.reconciliation import NoteRow, SaleRow
from .models import Order, OrderEventRow, OrderLineRow, PackScan, Shipment, Shop, User, Warehouse
from .models_credit import CreditNoteRow

O, L, E, S = Order.__table__, OrderLineRow.__table__, OrderEventRow.__table__, Shipment.__table__
P, W, N = PackScan.__table__, Warehouse.__table__, CreditNoteRow.__table__
# the pack scans an order's history reads (items, undos, the seal); refusals are counted per station
ORDER_SCAN_VERDICTS = ("item", "undo", "packed")


class ReportRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- KPIs ------------------------------------------------------------------------------------

    def histories(self, start: datetime, end: datetime, warehouse: str | None,
                  channel: str | None) -> list[OrderHistory]:  # fmt: skip
        """Orders paid in the period or with a timeline step in it, each with its whole history:
        one set-based statement per table over the period's orders, plain rows grouped by order."""
        ids = _filtered(_period_orders(start, end), warehouse, channel)
        run = self.session.execute
        events: dict[int, list[HistoryEvent]] = defaultdict(list)
        for oid, at, user_id, kind, from_status, reason, details in run(
            select(E.c.order_id, E.c.at, E.c.user_id, E.c.kind, E.c.from_status, E.c.reason, E.c.details)
            .where(E.c.order_id.in_(ids), E.c.kind.in_(EVENT_KINDS)).order_by(E.c.order_id, E.c.id)
        ):  # fmt: skip
            fact = fact_of(kind, details or {})
            if fact is not None:
                events[oid].append(HistoryEvent(at, fact, user_id, from_status, reason or "", details or {}))
        for oid, at, user_id, verdict, sku, qty, shipment in run(
            select(P.c.order_id, P.c.at, P.c.user_id, P.c.verdict, P.c.sku, P.c.quantity, P.c.shipment_id)
            .where(P.c.order_id.in_(ids), P.c.verdict.in_(ORDER_SCAN_VERDICTS)).order_by(P.c.order_id, P.c.id)
        ):  # fmt: skip
            fact = scan_fact(verdict)
            if fact is not None and fact.name != "SCAN_REFUSED":
                events[oid].append(HistoryEvent(at, fact, user_id, None, "", {"sku": sku, "qty": qty, "shipment": shipment}))
        ordered: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for oid, sku, qty in run(select(L.c.order_id, L.c.sku, L.c.quantity).where(L.c.order_id.in_(ids))
                                 .order_by(L.c.order_id, L.c.id)):  # fmt: skip
            ordered[oid][sku] += qty
        parcels: dict[int, list[Parcel]] = defaultdict(list)
        for oid, sid, code, waybill, courier in run(
            select(S.c.order_id, S.c.id, W.c.code, S.c.waybill_no, S.c.courier_code)
            .join(W, W.c.id == S.c.warehouse_id).where(S.c.order_id.in_(ids)).order_by(S.c.order_id, S.c.id)
        ):  # fmt: skip
            parcels[oid].append(Parcel(sid, code, waybill or "", courier or ""))
        orders = run(select(O.c.id, O.c.order_no, O.c.channel, O.c.paid_at, W.c.code)
                     .outerjoin(W, W.c.id == O.c.warehouse_id).where(O.c.id.in_(ids)).order_by(O.c.id))  # fmt: skip
        return [OrderHistory(oid, no, ch, code or "", paid, dict(ordered.get(oid, {})), tuple(parcels.get(oid, ())),
                             sorted(events.get(oid, ()), key=_at)) for oid, no, ch, paid, code in orders]  # fmt: skip

    def station_scans(self, start: datetime, end: datetime, warehouse: str | None,
                      channel: str | None) -> list[StationScan]:  # fmt: skip
        """Seals and refusals at the stations in the period, with the packer and the order's warehouse."""
        stmt = (
            select(P.c.at, P.c.station, User.username, P.c.verdict, W.c.code, O.c.channel)
            .join(User, User.id == P.c.user_id)
            .outerjoin(O, O.c.id == P.c.order_id).outerjoin(W, W.c.id == O.c.warehouse_id)
            .where(P.c.at >= start, P.c.at < end, or_(P.c.verdict == "packed", P.c.verdict.like("refused%")))
        )  # fmt: skip
        if warehouse:
            stmt = stmt.where(W.c.code == warehouse)
        if channel:
            stmt = stmt.where(O.c.channel == channel)
        return [StationScan(r.at, r.station, r.username, scan_fact(r.verdict), r.code or "", r.channel or "")
                for r in self.session.execute(stmt)]  # type: ignore[arg-type]

    def packer_names(self) -> dict[int, str]:
        return {r.id: r.username for r in self.session.execute(select(User.id, User.username))}

    # -- reconciliation ------------------------------------------------------------------------

    def sales(self, start: datetime, end: datetime, channel: str | None) -> list[SaleRow]:
        goods = select(func.coalesce(func.sum(L.c.paid_fen), 0)).where(L.c.order_id == O.c.id).scalar_subquery()
        stmt = (
            select(O.c.order_no, O.c.channel, Shop.name, O.c.paid_at, O.c.status, goods, O.c.freight_fen)
            .join(Shop, Shop.id == O.c.shop_id)
            .where(O.c.paid_at >= start, O.c.paid_at < end).order_by(O.c.paid_at, O.c.id)
        )  # fmt: skip
        if channel:
            stmt = stmt.where(O.c.channel == channel)
        return [SaleRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6] or 0)) for r in self.session.execute(stmt)]

    def notes(self, start: datetime, end: datetime, channel: str | None) -> list[NoteRow]:
        stmt = select(N.c.number, N.c.order_no, N.c.channel, N.c.issued_at, N.c.kind, N.c.goods_fen, N.c.freight_fen,
                      N.c.total_fen).where(N.c.issued_at >= start, N.c.issued_at < end).order_by(N.c.issued_at, N.c.id)
        if channel:
            stmt = stmt.where(N.c.channel == channel)
        return [NoteRow(*r) for r in self.session.execute(stmt)]


def _period_orders(start: datetime, end: datetime):  # noqa: ANN202 - a Select of order ids
    """Orders paid in the period or with a timeline step in it (each once)."""
    stepped = select(E.c.order_id).where(E.c.at >= start, E.c.at < end, E.c.kind.in_(EVENT_KINDS))
    paid = select(O.c.id).where(O.c.paid_at >= start, O.c.paid_at < end)
    ids = stepped.union(paid).subquery()
    return select(O.c.id).where(O.c.id.in_(select(ids.c[0])))


def _at(e: HistoryEvent) -> datetime:
    return e.at


def _filtered(stmt, warehouse: str | None, channel: str | None):  # noqa: ANN001, ANN202 - a Select
    if warehouse:
        stmt = stmt.where(O.c.warehouse_id.in_(select(W.c.id).where(W.c.code == warehouse)))
    if channel:
        stmt = stmt.where(O.c.channel == channel)
    return stmt
