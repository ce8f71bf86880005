"""Writes to orders, their lines and their timeline, in batches sized for intake at peak."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, or_, select, update
from sqlalchemy.orm import Session

from ..domain.events import OrderEventRecord
from ..domain.intake import StoredOrderState
from ..services.ports import ChannelUpdate, ColumnLimits, NewOrder, StoredOrder
from ..domain.desk import phone_tail
from ..domain.model import ChannelOrder, OrderLine, RefundState, TradeState
from ..domain.status import OrderStatus
from .bulk import bulk_insert
from .limits import column_limits
from .models import Order, OrderEventRow, OrderLineRow

ORDERS = Order.__table__
LINES = OrderLineRow.__table__
EVENTS = OrderEventRow.__table__
IN_CHUNK = 900  # stays under SQLite's bound-parameter limit with room to spare


class OrderRepository:
    """The order aggregate's table access; every method runs inside the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def stored_states(self, order_nos: Sequence[str]) -> dict[str, StoredOrder]:
        out: dict[str, StoredOrder] = {}
        cols = (
            ORDERS.c.id, ORDERS.c.order_no, ORDERS.c.version, ORDERS.c.status, ORDERS.c.resume_status,
            ORDERS.c.channel_modified_at, ORDERS.c.trade_state, ORDERS.c.refund_state,
        )  # fmt: skip
        for i in range(0, len(order_nos), IN_CHUNK):
            chunk = order_nos[i : i + IN_CHUNK]
            for r in self.session.execute(select(*cols).where(ORDERS.c.order_no.in_(chunk))):
                out[r.order_no] = StoredOrder(r.id, r.order_no, r.version, _state_of(r))
        return out

    def get_for_update(self, order_no: str) -> StoredOrder | None:
        """Load one order's state, locking its row on PostgreSQL until the transaction ends."""
        number = order_no.strip()
        stmt = select(ORDERS).where(or_(ORDERS.c.order_no == number, ORDERS.c.platform_order_id == number))
        stmt = stmt.order_by(ORDERS.c.id).limit(1)
        if self.session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update()
        r = self.session.execute(stmt).first()
        return StoredOrder(r.id, r.order_no, r.version, _state_of(r)) if r else None

    def insert_orders(self, rows: Sequence[NewOrder], now: datetime) -> dict[str, int]:
        if not rows:
            return {}
        values = [_order_values(r.order, r.status, r.resume_status, now) | _new_only(r, now) for r in rows]
        # Plain executemany, then read the ids back by the unique order number: on SQLite a sorted
        # RETURNING falls back to one statement per row, several times slower.
        bulk_insert(self.session, ORDERS, values)
        return self.ids_of([r.order.order_no for r in rows])

    def ids_of(self, order_nos: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(0, len(order_nos), IN_CHUNK):
            chunk = order_nos[i : i + IN_CHUNK]
            rows = self.session.execute(select(ORDERS.c.id, ORDERS.c.order_no).where(ORDERS.c.order_no.in_(chunk)))
            out.update({r.order_no: r.id for r in rows})
        return out

    def insert_lines(self, lines: Iterable[tuple[int, Sequence[OrderLine]]]) -> None:
        values = [
            {
                "order_id": order_id,
                "line_no": n,
                "sku": ln.sku,
                "title": ln.title,
                "quantity": ln.quantity,
                "unit_price_fen": ln.unit_price_fen,
                "paid_fen": ln.paid_fen,
                "platform_line_id": ln.platform_line_id,
                "is_gift": ln.is_gift,
            }
            for order_id, order_lines in lines
            for n, ln in enumerate(order_lines, start=1)
        ]
        bulk_insert(self.session, LINES, values)

    def apply_channel_updates(self, updates: Sequence[ChannelUpdate], now: datetime) -> None:
        if not updates:
            return
        stmt = (
            update(ORDERS)
            .where(ORDERS.c.id == bindparam("b_id"))
            .values({k: bindparam(k) for k in _UPDATABLE})
            .values(version=ORDERS.c.version + 1)
        )
        params = []
        for u in updates:
            full = _order_values(u.order, u.status, u.resume_status, now)
            params.append({"b_id": u.order_id} | {k: full[k] for k in _UPDATABLE})
        self.session.connection().execute(stmt, params)
        relined = [(u.order_id, u.order.lines) for u in updates if u.replace_lines]
        if relined:
            ids = [order_id for order_id, _ in relined]
            self.session.execute(delete(LINES).where(LINES.c.order_id.in_(ids)))
            self.insert_lines(relined)

    def set_status(self, order_id: int, expected_version: int, status: OrderStatus,
                   resume: OrderStatus | None, now: datetime) -> bool:
        """Move one order, only if nobody changed it since it was read (optimistic check)."""
        result = self.session.execute(
            update(ORDERS)
            .where(ORDERS.c.id == order_id, ORDERS.c.version == expected_version)
            .values(status=status.value, resume_status=resume.value if resume else None,
                    updated_at=now, version=expected_version + 1)
        )  # fmt: skip
        return result.rowcount == 1

    def value_limits(self) -> ColumnLimits:
        """What the columns hold, for checking values before a batch is written."""
        return column_limits()

    def append_events(self, events: Sequence[OrderEventRecord]) -> None:
        if not events:
            return
        bulk_insert(
            self.session,
            EVENTS,
            [
                {
                    "order_id": e.order_id,
                    "at": e.at,
                    "user_id": e.user_id,
                    "kind": e.kind.value,
                    "from_status": e.from_status,
                    "to_status": e.to_status,
                    "reason": e.reason,
                    "details": e.details,
                }
                for e in events
            ],
        )


_UPDATABLE = (
    "status", "resume_status", "trade_state", "refund_state", "channel_modified_at", "updated_at",
    "receiver_name", "receiver_phone", "phone_tail", "buyer_ref", "province", "province_raw", "city", "district", "street",
    "address_detail", "buyer_note", "seller_note", "total_fen", "freight_fen", "discount_fen", "extras",
    "ship_by", "ship_by_source",
)  # fmt: skip


def _state_of(r: object) -> StoredOrderState:
    resume = getattr(r, "resume_status")
    return StoredOrderState(
        status=OrderStatus(getattr(r, "status")),
        resume_status=OrderStatus(resume) if resume else None,
        channel_modified_at=getattr(r, "channel_modified_at"),
        trade_state=TradeState(getattr(r, "trade_state")),
        refund_state=RefundState(getattr(r, "refund_state")),
    )


def _new_only(r: NewOrder, now: datetime) -> dict[str, object]:
    o = r.order
    return {
        "order_no": o.order_no,
        "channel": o.channel.value,
        "platform_order_id": o.platform_order_id,
        "shop_id": r.shop_id,
        "customer_id": r.customer_id,
        "paid_at": o.paid_at,
        "created_at": now,
        "version": 1,
    }


def _order_values(o: ChannelOrder, status: OrderStatus, resume: OrderStatus | None,
                  now: datetime) -> dict[str, object]:  # fmt: skip
    rc = o.receiver
    return {
        "status": status.value,
        "resume_status": resume.value if resume else None,
        "trade_state": o.trade_state.value,
        "refund_state": o.refund_state.value,
        "channel_modified_at": o.modified_at,
        "updated_at": now,
        "receiver_name": rc.name,
        "receiver_phone": rc.phone,
        "phone_tail": phone_tail(rc.phone),
        "buyer_ref": o.buyer_ref,
        "province": rc.province,
        "province_raw": rc.province_raw,
        "city": rc.city,
        "district": rc.district,
        "street": rc.street,
        "address_detail": rc.detail,
        "buyer_note": o.buyer_note,
        "seller_note": o.seller_note,
        "total_fen": o.total_fen,
        "freight_fen": o.freight_fen,
        "discount_fen": o.discount_fen,
        "extras": dict(o.extras),
        "ship_by": o.ship_by,
        "ship_by_source": o.ship_by_source,
    }
