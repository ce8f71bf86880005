"""The read side: pages of orders and one order in full, as plain rows.

Lists page by keyset (paid_at, id) rather than OFFSET, so page 5,000 of a million orders costs
the same as page 1.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Boolean, ColumnElement, Select, and_, exists, func, or_, select, type_coerce, union
from sqlalchemy.orm import Session

from ..domain.ship_by import awaiting_confirmation_statuses
from ..domain.ship_confirm import ConfirmState
from ..services.read_models import EventRow, LineRow, OrderDetail, OrderFilter, OrderRow, ParcelRow, ShipByAlert
from .models import (Customer, Order, OrderEventRow, OrderLineRow, Product, ProductBarcode, Shipment, ShipmentLine,
                     Shop, User, Warehouse)  # fmt: skip
from .models_shipping import ShipConfirmation

O = Order.__table__
L = OrderLineRow.__table__
PageKey = tuple[datetime, int]


class OrderQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def page(self, flt: OrderFilter, limit: int = 200, after: PageKey | None = None) -> list[OrderRow]:
        """Newest paid first; `after` is the (paid_at, id) of the last row already shown."""
        items = (
            select(func.coalesce(func.sum(L.c.quantity), 0))
            .where(L.c.order_id == O.c.id)
            .scalar_subquery()
        )
        stmt = (
            select(
                O.c.id, O.c.order_no, O.c.channel, Shop.name.label("shop_name"), O.c.status, O.c.paid_at,
                O.c.receiver_name, O.c.receiver_phone, O.c.province, O.c.city, O.c.total_fen,
                Warehouse.code.label("warehouse_code"), items.label("item_count"), O.c.hold_reason,
                O.c.ship_by, O.c.ship_by_source, type_coerce(platform_confirmed(), Boolean).label("ship_confirmed"),
            )
            .join(Shop, Shop.id == O.c.shop_id)
            .outerjoin(Warehouse, Warehouse.id == O.c.warehouse_id)
            .limit(limit)
        )  # fmt: skip
        if flt.sort == "ship_by":
            stmt = stmt.where(O.c.ship_by.is_not(None)).order_by(O.c.ship_by.asc(), O.c.id.asc())
            if after is not None:
                stmt = stmt.where(_after_deadline(after))
        else:
            stmt = stmt.order_by(O.c.paid_at.desc(), O.c.id.desc())
            if after is not None:
                stmt = stmt.where(_before(after))
        phone = _phone_only(flt)
        if phone:
            # Only a phone: take each index's newest `limit` matches, instead of every order of a
            # buyer with hundreds, then page over those.
            stmt = stmt.where(O.c.id.in_(self._newest_ids_by_phone(phone, limit, after)))
        else:
            stmt = stmt.where(*self._conditions(flt))
        return [OrderRow(**r._mapping) for r in self.session.execute(stmt)]

    def _newest_ids_by_phone(self, phone: str, limit: int, after: PageKey | None) -> Select[tuple[int]]:
        """One statement: the newest `limit` ids from each index that can hold the phone, merged."""
        buyers = select(Customer.id).where(Customer.phone == phone).scalar_subquery()
        sources = [O.c.receiver_phone == phone, O.c.order_no == phone, O.c.platform_order_id == phone,
                   O.c.customer_id.in_(buyers)]  # fmt: skip
        parts = []
        for cond in sources:
            part = select(O.c.id, O.c.paid_at).where(cond).order_by(O.c.paid_at.desc(), O.c.id.desc()).limit(limit)
            if after is not None:
                part = part.where(_before(after))
            parts.append(select(part.subquery()))
        merged = union(*parts).subquery()
        return select(merged.c.id).order_by(merged.c.paid_at.desc(), merged.c.id.desc()).limit(limit)

    def count(self, flt: OrderFilter) -> int:
        stmt = select(func.count()).select_from(O).where(*self._conditions(flt))
        return int(self.session.scalar(stmt) or 0)

    def ship_by_alert(self, now: datetime, within: timedelta) -> ShipByAlert:
        """How many unconfirmed orders are overdue, and how many more are due within `within`."""
        waiting = awaiting_confirmation()
        late = func.count().filter(O.c.ship_by < now)
        soon = func.count().filter(O.c.ship_by >= now)
        stmt = select(late, soon).where(waiting, O.c.ship_by <= now + within)
        overdue, due_soon = self.session.execute(stmt).one()
        return ShipByAlert(due_soon=int(due_soon or 0), overdue=int(overdue or 0), within=within)

    def counts_by_status(self) -> dict[str, int]:
        rows = self.session.execute(select(O.c.status, func.count()).group_by(O.c.status))
        return {r[0]: int(r[1]) for r in rows}

    def detail(self, order_no: str) -> OrderDetail | None:
        order_id = self.find_id(order_no)
        if order_id is None:
            return None
        base = self.session.execute(select(O).where(O.c.id == order_id)).one()
        rows = self.session.execute(
            select(Shop.name, Warehouse.code)
            .select_from(O)
            .join(Shop, Shop.id == O.c.shop_id)
            .outerjoin(Warehouse, Warehouse.id == O.c.warehouse_id)
            .where(O.c.id == order_id)
        ).one()
        lines = self._lines(order_id)
        row = OrderRow(
            id=base.id, order_no=base.order_no, channel=base.channel, shop_name=rows[0],
            status=base.status, paid_at=base.paid_at, receiver_name=base.receiver_name,
            receiver_phone=base.receiver_phone, province=base.province, city=base.city,
            total_fen=base.total_fen, warehouse_code=rows[1],
            item_count=sum(ln.quantity for ln in lines), hold_reason=base.hold_reason,
            ship_by=base.ship_by, ship_by_source=base.ship_by_source,
            ship_confirmed=bool(self.session.scalar(select(platform_confirmed()).select_from(O).where(O.c.id == order_id))),
        )  # fmt: skip
        return OrderDetail(
            row=row, platform_order_id=base.platform_order_id, trade_state=base.trade_state,
            refund_state=base.refund_state, province_raw=base.province_raw, district=base.district,
            street=base.street, address_detail=base.address_detail, buyer_note=base.buyer_note,
            seller_note=base.seller_note, freight_fen=base.freight_fen, discount_fen=base.discount_fen,
            extras=dict(base.extras or {}), lines=lines, events=self.timeline(order_id),
            shipments=self.shipments(order_id), tags=list(base.tags or []), parcels=self.parcels(order_id),
        )  # fmt: skip

    def _lines(self, order_id: int) -> list[LineRow]:
        """The order's lines with their product's category and barcodes (None / () for an unknown SKU)."""
        P, B = Product.__table__, ProductBarcode.__table__
        rows = self.session.execute(
            select(L, P.c.category, P.c.id.label("product_id")).outerjoin(P, P.c.sku == L.c.sku)
            .where(L.c.order_id == order_id).order_by(L.c.line_no)
        ).all()  # fmt: skip
        codes: dict[int, list[str]] = {}
        ids = [r.product_id for r in rows if r.product_id is not None]
        for b in self.session.execute(select(B.c.product_id, B.c.barcode).where(B.c.product_id.in_(ids))
                                      .order_by(B.c.id)):  # fmt: skip
            codes.setdefault(b.product_id, []).append(b.barcode)
        return [LineRow(r.line_no, r.sku, r.title, r.quantity, r.unit_price_fen, r.paid_fen, r.is_gift,
                        r.category, tuple(codes.get(r.product_id, ()))) for r in rows]  # fmt: skip

    def parcels(self, order_id: int) -> list[ParcelRow]:
        """The order's parcels: warehouse, courier, waybill (once given) and contents."""
        S = Shipment.__table__
        heads = self.session.execute(
            select(S.c.seq, S.c.status, S.c.courier_code, S.c.waybill_no, Warehouse.code, Warehouse.name)
            .join(Warehouse, Warehouse.id == S.c.warehouse_id).where(S.c.order_id == order_id).order_by(S.c.seq)
        ).all()  # fmt: skip
        contents = self._contents(order_id)
        return [ParcelRow(h.seq, h.code, h.name, h.courier_code or "", h.waybill_no or "", h.status,
                          contents.get(h.seq, ("", []))[1]) for h in heads]  # fmt: skip

    def shipments(self, order_id: int) -> list[tuple[str, list[tuple[str, int]]]]:
        return list(self._contents(order_id).values())

    def _contents(self, order_id: int) -> dict[int, tuple[str, list[tuple[str, int]]]]:
        """Parcel seq -> (warehouse code, [(sku, quantity)])."""
        S, SL = Shipment.__table__, ShipmentLine.__table__
        rows = self.session.execute(
            select(S.c.seq, Warehouse.code, L.c.sku, SL.c.quantity)
            .join(Warehouse, Warehouse.id == S.c.warehouse_id)
            .join(SL, SL.c.shipment_id == S.c.id)
            .join(L, L.c.id == SL.c.order_line_id)
            .where(S.c.order_id == order_id)
            .order_by(S.c.seq, SL.c.id)
        )  # fmt: skip
        out: dict[int, tuple[str, list[tuple[str, int]]]] = {}
        for r in rows:
            out.setdefault(r.seq, (r.code, []))[1].append((r.sku, r.quantity))
        return out

    def timeline(self, order_id: int) -> list[EventRow]:
        E = OrderEventRow.__table__
        stmt = (
            select(E, User.username)
            .join(User, User.id == E.c.user_id)
            .where(E.c.order_id == order_id)
            .order_by(E.c.at, E.c.id)
        )
        return [
            EventRow(r.at, r.username, r.kind, r.from_status, r.to_status, r.reason, dict(r.details or {}))
            for r in self.session.execute(stmt)
        ]

    def find_id(self, number: str) -> int | None:
        """An order by the hub's number or by the platform's own number."""
        number = number.strip()
        found = self.session.scalar(select(O.c.id).where(O.c.order_no == number))
        if found is None:
            found = self.session.scalar(select(O.c.id).where(O.c.platform_order_id == number).limit(1))
        return found

    def _conditions(self, flt: OrderFilter) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if flt.status:
            conds.append(O.c.status == flt.status)
        if flt.channel:
            conds.append(O.c.channel == flt.channel)
        if flt.warehouse_code:
            conds.append(O.c.warehouse_id == select(Warehouse.id).where(Warehouse.code == flt.warehouse_code).scalar_subquery())
        if flt.phone and flt.phone.strip():
            conds.append(O.c.id.in_(union(*self._by_phone(flt.phone.strip()))))
        conds += _deadline_conditions(flt)
        if flt.search and flt.search.strip():
            s = flt.search.strip()
            by_number = [select(O.c.id).where(O.c.order_no == s), select(O.c.id).where(O.c.platform_order_id == s)]
            conds.append(O.c.id.in_(union(*by_number, *self._by_phone(s))))
        return conds

    @staticmethod
    def _by_phone(phone: str) -> list[Select[tuple[int]]]:
        """One indexed lookup per place a phone is kept; a single OR would scan the table."""
        buyers = select(Customer.id).where(Customer.phone == phone)
        return [select(O.c.id).where(O.c.receiver_phone == phone), select(O.c.id).where(O.c.customer_id.in_(buyers))]


def platform_confirmed() -> ColumnElement[bool]:
    """The order's every parcel was accepted by its platform (its ship-confirm row is done, an
    "already shipped" or a sibling's waybill included): the platform's ship-by clock has stopped.
    An order without parcels, or with one not yet confirmed (a split order half handed over), is not."""
    S, C = Shipment.__table__, ShipConfirmation.__table__
    done = exists().where(C.c.shipment_id == S.c.id, C.c.state == ConfirmState.DONE.value)
    has_parcel = exists().where(S.c.order_id == O.c.id)
    unconfirmed = exists().where(S.c.order_id == O.c.id, ~done)
    return and_(has_parcel, ~unconfirmed)


def awaiting_confirmation() -> ColumnElement[bool]:
    """SQL for `awaits_ship_confirmation(status, confirmed)`: the platform still waits for the order."""
    return and_(O.c.status.in_(awaiting_confirmation_statuses()), ~platform_confirmed())


def _before(after: PageKey) -> ColumnElement[bool]:
    paid, oid = after
    return or_(O.c.paid_at < paid, and_(O.c.paid_at == paid, O.c.id < oid))


def _after_deadline(after: PageKey) -> ColumnElement[bool]:
    ship_by, oid = after
    return or_(O.c.ship_by > ship_by, and_(O.c.ship_by == ship_by, O.c.id > oid))


def _deadline_conditions(flt: OrderFilter) -> list[ColumnElement[bool]]:
    """Due within N (overdue ones included: they are the most urgent) and overdue, both only for
    orders the platform still waits for; shipped and cancelled orders have no deadline left."""
    if flt.due_within is None and not flt.overdue:
        return []
    now = flt.now or datetime.now(UTC)
    conds = [awaiting_confirmation()]
    if flt.due_within is not None:
        conds.append(O.c.ship_by <= now + flt.due_within)
    if flt.overdue:
        conds.append(O.c.ship_by < now)
    return conds


def _phone_only(flt: OrderFilter) -> str | None:
    """The phone when it is the whole filter (a phone box, or a search that looks like a phone)."""
    if flt.sort != "paid" or flt.due_within is not None or flt.overdue:
        return None
    others = (flt.status, flt.channel, flt.warehouse_code)
    if any(others):
        return None
    if flt.phone and not flt.search:
        return flt.phone.strip() or None
    if flt.search and not flt.phone:
        s = flt.search.strip()
        return s if s.isdigit() and 7 <= len(s) <= 15 else None
    return None
