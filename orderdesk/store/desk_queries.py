"""The desk's reads: orders by what a buyer reads out, each reading one indexed lookup, and then every
order of the customers found (across channels, shops and merged profiles), newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ..domain.desk import DeskQuery, Lookup, name_matches
from ..services.desk_models import DeskHit, ScanLine
from .models import Customer, Order, OrderRef, Shipment, Shop
from .tracking_models import ParcelTracking, TrackingEventRow

O, C = Order.__table__, Customer.__table__
TAIL_ROWS = 2000  # orders sharing a phone tail looked at for the name (about 100 per tail at 1M orders)


class DeskQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- finding -----------------------------------------------------------------------------------

    def find(self, q: DeskQuery, limit: int) -> dict[int, Lookup]:
        """Order ids the text finds directly, with the first reading that found each."""
        found: dict[int, Lookup] = {}
        for lookup in q.lookups:
            for oid in self._ids(lookup, q, limit):
                found.setdefault(oid, lookup)
        return found

    def _ids(self, lookup: Lookup, q: DeskQuery, limit: int) -> list[int]:
        if lookup is Lookup.PHONE:
            return self._newest(O.c.receiver_phone == q.phone, limit) + self._of_customers(
                select(C.c.id).where(C.c.phone == q.phone), limit)
        if lookup is Lookup.MASKED_PHONE:
            return self._newest(O.c.receiver_phone == q.masked, limit)
        if lookup is Lookup.TAIL_NAME:
            return self._tail_name(q.tail, q.name, limit)
        if lookup is Lookup.ORDER_NO:
            return self._newest(or_(O.c.order_no.in_(q.numbers), O.c.platform_order_id.in_(q.numbers)), limit)
        if lookup is Lookup.WAYBILL:
            return self._scalars(select(Shipment.order_id).where(Shipment.waybill_no.in_(q.numbers)).limit(limit))
        if lookup is Lookup.RETURN_WAYBILL:
            return self._scalars(select(OrderRef.order_id).where(OrderRef.ref.in_(q.numbers)).limit(limit))
        if lookup is Lookup.NICKNAME:
            return self._newest(O.c.buyer_ref == q.text, limit) + self._of_customers(
                select(C.c.id).where(C.c.buyer_ref == q.text).limit(50), limit)
        if lookup is Lookup.NAME:
            return self._newest(O.c.receiver_name == q.text, limit) + self._of_customers(
                select(C.c.id).where(C.c.name == q.text).limit(50), limit)
        return []

    def _tail_name(self, tail: str, name: str, limit: int) -> list[int]:
        rows = self.session.execute(
            select(O.c.id, O.c.receiver_name).where(O.c.phone_tail == tail)
            .order_by(O.c.paid_at.desc(), O.c.id.desc()).limit(TAIL_ROWS)
        )  # fmt: skip
        return [r.id for r in rows if name_matches(name, r.receiver_name)][:limit]

    def _newest(self, cond, limit: int) -> list[int]:  # noqa: ANN001
        return self._scalars(select(O.c.id).where(cond).order_by(O.c.paid_at.desc(), O.c.id.desc()).limit(limit))

    def _of_customers(self, customers: Select, limit: int) -> list[int]:
        return self._newest(O.c.customer_id.in_(customers.scalar_subquery()), limit)

    def _scalars(self, stmt: Select) -> list[int]:
        return [int(v) for v in self.session.scalars(stmt)]

    # -- the customers behind orders ------------------------------------------------------------------

    def customers_of_orders(self, order_ids: Iterable[int]) -> set[int]:
        """The customer ids of `order_ids`, widened to every identity of their profiles."""
        ids = list(order_ids)
        if not ids:
            return set()
        heads = select(func.coalesce(C.c.profile_id, C.c.id)).where(
            C.c.id.in_(select(O.c.customer_id).where(O.c.id.in_(ids))))
        return self.profile_members(self._scalars(heads))

    def profile_members(self, heads: Sequence[int]) -> set[int]:
        if not heads:
            return set()
        stmt = select(C.c.id).where(or_(C.c.id.in_(heads), C.c.profile_id.in_(heads)))
        return set(self._scalars(stmt))

    def orders_of_customers(self, customer_ids: Iterable[int], limit: int) -> list[int]:
        """The newest `limit` orders of these customers (one indexed range per customer, merged)."""
        ids = list(customer_ids)
        if not ids:
            return []
        return self._newest(O.c.customer_id.in_(ids), limit)

    def hits(self, found: dict[int, Lookup]) -> list[DeskHit]:
        """The result rows of `found`, newest paid first."""
        if not found:
            return []
        stmt = (
            select(O.c.id, O.c.order_no, O.c.channel, Shop.name.label("shop_name"), O.c.status, O.c.paid_at,
                   O.c.total_fen, O.c.receiver_name, O.c.receiver_phone, O.c.province, O.c.city, O.c.customer_id,
                   func.coalesce(C.c.profile_id, C.c.id).label("profile_id"), C.c.buyer_ref)
            .join(Shop, Shop.id == O.c.shop_id).join(C, C.c.id == O.c.customer_id)
            .where(O.c.id.in_(list(found)))
            .order_by(O.c.paid_at.desc(), O.c.id.desc())
        )  # fmt: skip
        return [DeskHit(**r._mapping, found_by=found[r.id].value) for r in self.session.execute(stmt)]

    # -- the story ---------------------------------------------------------------------------------

    def scans_of_order(self, order_id: int) -> dict[int, tuple[str, str, list[ScanLine]]]:
        """Each tracked parcel's (courier state, waybill, scans oldest first), by parcel seq."""
        PT, EV, S = ParcelTracking.__table__, TrackingEventRow.__table__, Shipment.__table__
        heads = self.session.execute(select(S.c.id, S.c.seq, PT.c.state, PT.c.waybill_no)
                                     .join(PT, PT.c.shipment_id == S.c.id).where(S.c.order_id == order_id))  # fmt: skip
        out: dict[int, tuple[str, str, list[ScanLine]]] = {}
        by_shipment: dict[int, int] = {}
        for h in heads:
            out[h.seq] = (h.state, h.waybill_no, [])
            by_shipment[h.id] = h.seq
        if by_shipment:
            rows = self.session.execute(select(EV.c.shipment_id, EV.c.at, EV.c.station, EV.c.state)
                                        .where(EV.c.shipment_id.in_(list(by_shipment)))
                                        .order_by(EV.c.at, EV.c.id))  # fmt: skip
            for r in rows:
                out[by_shipment[r.shipment_id]][2].append(ScanLine(r.at, r.station, r.state or ""))
        return out

    def add_ref(self, order_id: int, kind: str, ref: str, now) -> None:  # noqa: ANN001
        """Another number the order is known by (a return's waybill); kept once."""
        exists = self.session.scalar(select(OrderRef.id).where(OrderRef.ref == ref, OrderRef.kind == kind,
                                                               OrderRef.order_id == order_id))  # fmt: skip
        if exists is None:
            self.session.add(OrderRef(order_id=order_id, kind=kind, ref=ref, created_at=now))
            self.session.flush()
