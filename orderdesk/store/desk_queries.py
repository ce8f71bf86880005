"""The desk's reads: orders by what a buyer reads out, each reading one indexed lookup, and then every
order of the customers found (across channels, shops and merged profiles), newest first.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, bindparam, func, literal_column, or_, select, union_all
from sqlalchemy.orm import Session

from ..domain.desk import DeskQuery, Lookup, name_matches
from ..services.desk_models import DeskHit
from .models import Customer, Order, OrderEventRow, OrderRef, Shipment, Shop, User, Warehouse
from .tracking_models import ParcelTracking, TrackingEventRow

O, C = Order.__table__, Customer.__table__
TAIL_ROWS = 2000  # orders sharing a phone tail looked at for the name (about 100 per tail at 1M orders)


_PHONE, _MASKED, _TAIL, _TEXT = bindparam("phone"), bindparam("masked"), bindparam("tail"), bindparam("text")
_NUMBERS = bindparam("numbers", expanding=True)


@functools.lru_cache(maxsize=256)
def _find_statement(lookups: tuple[Lookup, ...], limit: int) -> Select | None:
    parts = [part for i, lookup in enumerate(lookups) for part in _parts(lookup, i, limit)]
    if not parts:
        return None
    merged = union_all(*parts).subquery()
    return select(merged.c.id, merged.c.idx, merged.c.name)


def _parts(lookup: Lookup, idx: int, limit: int) -> list[Select]:
    """The lookups of one reading, each an indexed range newest first, `limit` rows at most."""
    if lookup is Lookup.PHONE:
        return [_part(idx, O.c.receiver_phone == _PHONE, limit), _part(idx, O.c.customer_id.in_(_buyers(idx)), limit)]
    if lookup is Lookup.MASKED_PHONE:
        return [_part(idx, O.c.receiver_phone == _MASKED, limit)]
    if lookup is Lookup.TAIL_NAME:
        return [_part(idx, O.c.phone_tail == _TAIL, TAIL_ROWS)]
    if lookup is Lookup.ORDER_NO:
        return [_part(idx, O.c.order_no.in_(_NUMBERS), limit), _part(idx, O.c.platform_order_id.in_(_NUMBERS), limit)]
    if lookup is Lookup.WAYBILL:
        return [_ref_part(idx, select(Shipment.order_id).where(Shipment.waybill_no.in_(_NUMBERS)), limit)]
    if lookup is Lookup.RETURN_WAYBILL:
        return [_ref_part(idx, select(OrderRef.order_id).where(OrderRef.ref.in_(_NUMBERS)), limit)]
    if lookup is Lookup.NICKNAME:
        return [_part(idx, O.c.buyer_ref == _TEXT, limit), _part(idx, O.c.customer_id.in_(_buyers(idx)), limit)]
    if lookup is Lookup.NAME:
        return [_part(idx, O.c.receiver_name == _TEXT, limit), _part(idx, O.c.customer_id.in_(_buyers(idx)), limit)]
    return []


def _buyers(idx: int):  # noqa: ANN202
    return bindparam(f"c{idx}", expanding=True)


_CUSTOMERS = {
    Lookup.PHONE: select(C.c.id).where(C.c.phone == _PHONE).limit(50),
    Lookup.NICKNAME: select(C.c.id).where(C.c.buyer_ref == _TEXT).limit(50),
    Lookup.NAME: select(C.c.id).where(C.c.name == _TEXT).limit(50),
}


def _part(idx: int, cond, limit: int) -> Select:  # noqa: ANN001
    inner = (select(O.c.id, literal_column(str(idx)).label("idx"), O.c.receiver_name.label("name")).where(cond)
             .order_by(O.c.paid_at.desc(), O.c.id.desc()).limit(limit).subquery())  # fmt: skip
    return select(inner.c.id, inner.c.idx, inner.c.name)


def _ref_part(idx: int, ids: Select, limit: int) -> Select:
    inner = ids.limit(limit).subquery()
    return select(inner.c[0].label("id"), literal_column(str(idx)).label("idx"), literal_column("''").label("name"))


_IDS = bindparam("ids", expanding=True)
_HITS = (
    select(O.c.id, O.c.order_no, O.c.channel, Shop.name.label("shop_name"), O.c.status, O.c.paid_at,
           O.c.total_fen, O.c.receiver_name, O.c.receiver_phone, O.c.province, O.c.city, O.c.customer_id,
           func.coalesce(C.c.profile_id, C.c.id).label("profile_id"), C.c.buyer_ref)
    .join(Shop, Shop.id == O.c.shop_id).join(C, C.c.id == O.c.customer_id)
    .where(O.c.id.in_(_IDS)).order_by(O.c.paid_at.desc(), O.c.id.desc())
)  # fmt: skip


_OID, _NO = bindparam("oid"), bindparam("no")
_HEAD_COLS = (O.c.id, O.c.order_no, O.c.channel, O.c.status, O.c.paid_at, O.c.hold_reason,
              Shop.name.label("shop_name"), Warehouse.code.label("warehouse_code"))  # fmt: skip
_STORY_HEAD = (select(*_HEAD_COLS).join(Shop, Shop.id == O.c.shop_id)
               .outerjoin(Warehouse, Warehouse.id == O.c.warehouse_id).where(O.c.order_no == _NO))  # fmt: skip
_STORY_HEAD_BY_PLATFORM = (select(*_HEAD_COLS).join(Shop, Shop.id == O.c.shop_id)
                           .outerjoin(Warehouse, Warehouse.id == O.c.warehouse_id)
                           .where(O.c.platform_order_id == _NO).order_by(O.c.id).limit(1))  # fmt: skip
_E, _S, _PT, _EV = OrderEventRow.__table__, Shipment.__table__, ParcelTracking.__table__, TrackingEventRow.__table__
_STORY_EVENTS = (select(_E.c.at, User.username, _E.c.kind, _E.c.from_status, _E.c.to_status, _E.c.reason, _E.c.details)
                 .join(User, User.id == _E.c.user_id).where(_E.c.order_id == _OID).order_by(_E.c.at, _E.c.id))  # fmt: skip
_STORY_PARCELS = (select(_S.c.id, _S.c.seq, _S.c.status, _S.c.courier_code, _S.c.waybill_no,
                         Warehouse.code.label("warehouse_code"), Warehouse.name.label("warehouse_name"),
                         _PT.c.state.label("tracking"))
                  .join(Warehouse, Warehouse.id == _S.c.warehouse_id).outerjoin(_PT, _PT.c.shipment_id == _S.c.id)
                  .where(_S.c.order_id == _OID).order_by(_S.c.seq))  # fmt: skip
_STORY_SCANS = (select(_EV.c.shipment_id, _EV.c.at, _EV.c.station, _EV.c.state)
                .join(_S, _S.c.id == _EV.c.shipment_id).where(_S.c.order_id == _OID).order_by(_EV.c.at, _EV.c.id))  # fmt: skip


_HEADS = select(func.coalesce(C.c.profile_id, C.c.id)).where(C.c.id.in_(select(O.c.customer_id).where(O.c.id.in_(_IDS))))
_MEMBERS = union_all(select(C.c.id).where(C.c.id.in_(_HEADS)), select(C.c.id).where(C.c.profile_id.in_(_HEADS)))


@functools.lru_cache(maxsize=16)
def _newest_of_customers(limit: int) -> Select:
    return select(O.c.id).where(O.c.customer_id.in_(_IDS)).order_by(O.c.paid_at.desc(), O.c.id.desc()).limit(limit)


class DeskQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- finding -----------------------------------------------------------------------------------

    def find(self, q: DeskQuery, limit: int) -> dict[int, Lookup]:
        """Order ids the text finds directly, with the first reading that found each: one statement,
        a UNION ALL of one indexed, limited lookup per reading (built once per shape, then reused)."""
        stmt = _find_statement(q.lookups, limit)
        if stmt is None:
            return {}
        params = {"phone": q.phone, "masked": q.masked, "tail": q.tail, "text": q.text, "numbers": list(q.numbers)}
        # The customers first, as plain ids: PostgreSQL plans `customer_id IN (<list>)` on its index,
        # where an IN (subquery) under ORDER BY paid_at LIMIT may walk every order by date.
        buyers = [self._scalars_of(_CUSTOMERS[lookup], params) if lookup in _CUSTOMERS else [] for lookup in q.lookups]
        params |= {f"c{i}": ids for i, ids in enumerate(buyers)}
        found: dict[int, Lookup] = {}
        for oid, idx, name in self.session.execute(stmt, params):
            lookup = q.lookups[idx]
            if lookup is Lookup.TAIL_NAME and not name_matches(q.name, name or ""):
                continue
            prev = found.get(oid)
            if prev is None or q.lookups.index(prev) > idx:
                found[oid] = lookup
        return found

    def _newest(self, cond, limit: int) -> list[int]:  # noqa: ANN001
        return self._scalars(select(O.c.id).where(cond).order_by(O.c.paid_at.desc(), O.c.id.desc()).limit(limit))

    def _scalars(self, stmt: Select) -> list[int]:
        return [int(v) for v in self.session.scalars(stmt)]

    # -- the customers behind orders ------------------------------------------------------------------

    def customers_of_orders(self, order_ids: Iterable[int]) -> set[int]:
        """The customer ids of `order_ids`, widened to every identity of their profiles."""
        ids = list(order_ids)
        if not ids:
            return set()
        return set(self._scalars(self._members(ids)))

    def _members(self, order_ids: list[int]) -> Select:
        heads = select(func.coalesce(C.c.profile_id, C.c.id)).where(
            C.c.id.in_(select(O.c.customer_id).where(O.c.id.in_(order_ids))))
        return select(C.c.id).where(or_(C.c.id.in_(heads), C.c.profile_id.in_(heads)))

    def profile_members(self, heads: Sequence[int]) -> set[int]:
        if not heads:
            return set()
        stmt = select(C.c.id).where(or_(C.c.id.in_(heads), C.c.profile_id.in_(heads)))
        return set(self._scalars(stmt))

    def orders_of_customers(self, customer_ids: Iterable[int], limit: int) -> list[int]:
        """The newest `limit` orders of these customers."""
        ids = list(customer_ids)
        if not ids:
            return []
        return self._newest(O.c.customer_id.in_(ids), limit)

    def orders_of_same_customers(self, order_ids: Iterable[int], limit: int) -> list[int]:
        """One statement: the newest `limit` orders of the customers (profiles) of `order_ids`."""
        ids = list(order_ids)
        if not ids:
            return []
        members = self._scalars_of(_MEMBERS, {"ids": ids})
        return self._scalars_of(_newest_of_customers(limit), {"ids": members}) if members else []

    def _scalars_of(self, stmt: Select, params: dict) -> list[int]:
        return [int(v) for v in self.session.scalars(stmt, params)]

    def hits(self, found: dict[int, Lookup]) -> list[DeskHit]:
        """The result rows of `found`, newest paid first."""
        if not found:
            return []
        rows = self.session.execute(_HITS, {"ids": list(found)})
        return [DeskHit(**r._mapping, found_by=found[r.id].value) for r in rows]

    # -- the story ---------------------------------------------------------------------------------

    def story_data(self, order_no: str) -> tuple[Any, list[Any], list[Any], list[Any]] | None:
        """What a story needs, in four cached statements: the order (with shop and warehouse), its
        events (with who), its parcels (with their courier state), and their scans."""
        head = self.session.execute(_STORY_HEAD, {"no": order_no.strip()}).first()
        if head is None:
            head = self.session.execute(_STORY_HEAD_BY_PLATFORM, {"no": order_no.strip()}).first()
        if head is None:
            return None
        events = self.session.execute(_STORY_EVENTS, {"oid": head.id}).all()
        parcels = self.session.execute(_STORY_PARCELS, {"oid": head.id}).all()
        scans = self.session.execute(_STORY_SCANS, {"oid": head.id}).all()
        return head, events, parcels, scans

    def add_ref(self, order_id: int, kind: str, ref: str, now) -> None:  # noqa: ANN001
        """Another number the order is known by (a return's waybill); kept once."""
        exists = self.session.scalar(select(OrderRef.id).where(OrderRef.ref == ref, OrderRef.kind == kind,
                                                               OrderRef.order_id == order_id))  # fmt: skip
        if exists is None:
            self.session.add(OrderRef(order_id=order_id, kind=kind, ref=ref, created_at=now))
            self.session.flush()
