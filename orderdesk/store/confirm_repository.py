"""The ship-confirm outbox and the courier code tables, in SQL.

Enqueueing is one INSERT … SELECT (the pack transaction's only added statement). Claiming is a
conditional UPDATE tagged with a fresh token, so two drains (two stations) never both take a row:
the second's UPDATE re-checks the state under the row lock (PostgreSQL) or the write lock (SQLite).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Integer, String, and_, bindparam, case, delete, exists, func, insert, literal, or_, select, text, update
from sqlalchemy.orm import Session, aliased

from ..domain.ship_confirm import ConfirmState as CS
from ..domain.ship_confirm import ParcelLine, ParcelToConfirm
from .models import ChannelAccount, Order, OrderLineRow, Shipment, ShipmentLine, Warehouse
from .models_shipping import CourierMapping, PlatformCourier, ShipConfirmation

C = ShipConfirmation


@dataclass(frozen=True)
class OutboxSummary:
    channel: str
    waiting: int
    sending: int
    failing: int  # waiting after at least one failed or refused-for-now try
    refused: int  # refusals whose alert is still open
    done: int
    oldest_open: datetime | None  # created_at of the oldest not yet done


@dataclass(frozen=True)
class ConfirmRow:
    id: int
    order_no: str
    channel: str
    state: str
    attempts: int
    waybill: str
    reason_code: str
    last_error: str
    created_at: datetime
    done_at: datetime | None
    outcome: str


class ConfirmRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- enqueue -------------------------------------------------------------------------------------

    def enqueue_packed(self, shipment_id: int, now: datetime) -> None:
        """One row for a parcel just packed, when its warehouse confirms at pack: one statement,
        built once (building and caching an INSERT … SELECT costs more than running it)."""
        self.session.execute(_ENQUEUE_PACKED, {"sid": shipment_id, "now": now})

    def enqueue(self, order_id: int, shipment_ids: list[int] | None, now: datetime) -> int:
        """Rows for an order's parcels that have none yet (all, or those given); how many were added."""
        cond = [Shipment.order_id == order_id, ~exists().where(C.shipment_id == Shipment.id)]
        if shipment_ids is not None:
            cond.append(Shipment.id.in_(shipment_ids))
        src = _source(now).where(*cond)
        return len(self.session.execute(insert(C).from_select(_COLUMNS, src).returning(C.id)).all())

    # -- claim and finish ----------------------------------------------------------------------------

    def claim(self, owner: str, now: datetime, ttl: timedelta, limit: int, channel: str | None = None) -> list[int]:
        """Take up to `limit` due rows (waiting and due, or sending with a lapsed claim)."""
        due = or_(and_(C.state == CS.WAITING.value, C.due_at <= now),
                  and_(C.state == CS.SENDING.value, C.claim_until < now))  # fmt: skip
        cond = [due] + ([C.channel == channel] if channel else [])
        ids = list(self.session.scalars(select(C.id).where(*cond).order_by(C.due_at, C.id).limit(limit)))
        if not ids:
            return []
        token = f"{owner}#{uuid.uuid4().hex[:12]}"
        self.session.execute(update(C).where(C.id.in_(ids), due).values(
            state=CS.SENDING.value, claimed_by=token, claim_until=now + ttl, sent_at=now, attempts=C.attempts + 1))
        return list(self.session.scalars(select(C.id).where(C.claimed_by == token).order_by(C.id)))

    def parcels(self, ids: list[int]) -> list[ParcelToConfirm]:
        """What each claimed row needs for its send, read in one go."""
        if not ids:
            return []
        sibling = aliased(Shipment)
        siblings = select(func.count()).select_from(sibling).where(sibling.order_id == C.order_id).scalar_subquery()
        rows = self.session.execute(
            select(C.id, C.order_id, Order.order_no, C.channel, Order.platform_order_id, Order.shop_id,
                   Shipment.waybill_no, Shipment.courier_code, Warehouse.courier_code, siblings, C.attempts,
                   C.reason_code, C.shipment_id)
            .join(Shipment, Shipment.id == C.shipment_id).join(Order, Order.id == C.order_id)
            .join(Warehouse, Warehouse.id == Shipment.warehouse_id).where(C.id.in_(ids)).order_by(C.id)).all()  # fmt: skip
        lines = self._lines([r[12] for r in rows])
        return [ParcelToConfirm(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7] or r[8] or "",
                                tuple(lines.get(r[12], ())), r[9], r[10], r[11]) for r in rows]  # fmt: skip

    def _lines(self, shipment_ids: list[int]) -> dict[int, list[ParcelLine]]:
        out: dict[int, list[ParcelLine]] = {}
        q = (select(ShipmentLine.shipment_id, OrderLineRow.platform_line_id, ShipmentLine.quantity)
             .join(OrderLineRow, OrderLineRow.id == ShipmentLine.order_line_id)
             .where(ShipmentLine.shipment_id.in_(shipment_ids), OrderLineRow.is_gift.is_(False))
             .order_by(OrderLineRow.line_no))  # our own gift lines are no platform's lines  # fmt: skip
        for sid, line_id, qty in self.session.execute(q):
            out.setdefault(sid, []).append(ParcelLine(line_id or "", qty))
        return out

    def order_confirmed_elsewhere(self, confirmation_id: int, order_id: int) -> bool:
        """Another parcel of the order is already confirmed (platforms taking one waybill per order)."""
        return self.session.scalar(select(func.count()).where(
            C.order_id == order_id, C.id != confirmation_id, C.state == CS.DONE.value)) > 0  # fmt: skip

    def finish(self, answers: list[dict[str, object]]) -> None:
        """Record tries' results in one executemany. Each answer: id, state, outcome, reason, error,
        due_at, done_at, alert, waybill, code, uncount (1 when nothing was sent). A row already done
        stays done; a row another drain took over meanwhile is closed by the platform's answer."""
        if answers:
            self.session.connection().execute(_FINISH, answers)

    def reopen(self, confirmation_id: int, now: datetime) -> bool:
        """A refused confirmation back to waiting (after a fix, e.g. a corrected mapping)."""
        done = self.session.execute(update(C).where(C.id == confirmation_id, C.state == CS.REFUSED.value).values(
            state=CS.WAITING.value, due_at=now, alert_open=False, reason_code="", done_at=None))  # fmt: skip
        return bool(done.rowcount)

    def due_now(self, channel: str, reason: str, now: datetime) -> int:
        """Waiting rows of a channel held back for `reason` are due at once (the cause was fixed)."""
        return self.session.execute(update(C).where(C.channel == channel, C.state == CS.WAITING.value,
                                                    C.reason_code == reason).values(due_at=now)).rowcount or 0  # fmt: skip

    def close_alert(self, confirmation_id: int) -> bool:
        return bool(self.session.execute(update(C).where(C.id == confirmation_id).values(alert_open=False)).rowcount)

    # -- reading -------------------------------------------------------------------------------------

    def summary(self) -> list[OutboxSummary]:
        open_ = C.state.in_([CS.WAITING.value, CS.SENDING.value])
        q = select(C.channel, func.sum(case((C.state == CS.WAITING.value, 1), else_=0)),
                   func.sum(case((C.state == CS.SENDING.value, 1), else_=0)),
                   func.sum(case((and_(open_, C.reason_code != ""), 1), else_=0)),
                   func.sum(case((C.alert_open, 1), else_=0)), func.sum(case((C.state == CS.DONE.value, 1), else_=0)),
                   func.min(case((open_, C.created_at)))).group_by(C.channel).order_by(C.channel)  # fmt: skip
        return [OutboxSummary(ch, int(w or 0), int(s or 0), int(f or 0), int(r or 0), int(d or 0), o)
                for ch, w, s, f, r, d, o in self.session.execute(q)]  # fmt: skip

    def rows(self, *, order_id: int | None = None, alerts_only: bool = False, open_only: bool = False,
             limit: int = 500) -> list[ConfirmRow]:  # fmt: skip
        cond = []
        if order_id is not None:
            cond.append(C.order_id == order_id)
        if alerts_only:
            cond.append(C.alert_open.is_(True))
        if open_only:
            cond.append(C.state.in_([CS.WAITING.value, CS.SENDING.value]))
        q = (select(C.id, Order.order_no, C.channel, C.state, C.attempts, func.coalesce(Shipment.waybill_no, C.waybill_no),
                    C.reason_code, C.last_error, C.created_at, C.done_at, C.outcome)
             .join(Order, Order.id == C.order_id).join(Shipment, Shipment.id == C.shipment_id)
             .where(*cond).order_by(C.created_at, C.id).limit(limit))  # fmt: skip
        return [ConfirmRow(*r) for r in self.session.execute(q)]

    def set_confirm_moment(self, warehouse: str, moment: str) -> bool:
        """When a warehouse's parcels are confirmed: "pack" or "handover"."""
        return bool(self.session.execute(update(Warehouse).where(Warehouse.code == warehouse)
                                         .values(confirm_at=moment)).rowcount)  # fmt: skip

    def confirm_moments(self) -> list[tuple[str, str, str]]:
        """(code, name, moment) of every warehouse."""
        q = select(Warehouse.code, Warehouse.name, Warehouse.confirm_at).order_by(Warehouse.code)
        return [(c, n, m) for c, n, m in self.session.execute(q)]

    def enqueue_packed_at(self, warehouse: str, now: datetime) -> int:
        """Rows for the warehouse's parcels already packed (their order not shipped yet) that have
        none: what switching it to confirm at pack leaves behind otherwise. How many were added."""
        cond = [Shipment.warehouse_id == select(Warehouse.id).where(Warehouse.code == warehouse).scalar_subquery(),
                Shipment.status == "PACKED", Order.status == "PACKED", ~exists().where(C.shipment_id == Shipment.id)]  # fmt: skip
        src = _source(now).where(*cond)
        return len(self.session.execute(insert(C).from_select(_COLUMNS, src).returning(C.id)).all())

    def account_for_shop(self, shop_id: int) -> str | None:
        """The enabled API connection of a shop (its channel account's name), if it has one."""
        return self.session.scalar(select(ChannelAccount.name).where(
            ChannelAccount.shop_id == shop_id, ChannelAccount.enabled.is_(True)).order_by(ChannelAccount.id).limit(1))

    # -- courier codes -------------------------------------------------------------------------------

    def save_companies(self, channel: str, companies: list[tuple[str, str]], now: datetime) -> None:
        """Replace the cached company list of a platform."""
        self.session.execute(delete(PlatformCourier).where(PlatformCourier.channel == channel))
        seen = {code: name for code, name in companies}
        self.session.add_all(PlatformCourier(channel=channel, code=c, name=n[:64], loaded_at=now) for c, n in seen.items())

    def companies(self, channel: str) -> dict[str, str]:
        q = select(PlatformCourier.code, PlatformCourier.name).where(PlatformCourier.channel == channel)
        return {code: name for code, name in self.session.execute(q)}

    def mappings(self, channel: str | None = None) -> dict[tuple[str, str], str]:
        """(channel, our courier) → platform code."""
        q = select(CourierMapping.channel, CourierMapping.courier_code, CourierMapping.platform_code)
        if channel:
            q = q.where(CourierMapping.channel == channel)
        return {(ch, ours): code for ch, ours, code in self.session.execute(q)}

    def set_mapping(self, channel: str, courier_code: str, platform_code: str, user_id: int, now: datetime) -> None:
        row = self.session.get(CourierMapping, (channel, courier_code))
        if row is None:
            self.session.add(CourierMapping(channel=channel, courier_code=courier_code, platform_code=platform_code,
                                            updated_at=now, user_id=user_id))  # fmt: skip
        else:
            row.platform_code, row.updated_at, row.user_id = platform_code, now, user_id
        self.session.flush()


_COLUMNS = [C.shipment_id, C.order_id, C.channel, C.state, C.attempts, C.due_at, C.created_at, C.claimed_by,
            C.waybill_no, C.platform_code, C.outcome, C.reason_code, C.last_error, C.alert_open]  # fmt: skip


def _source(now: datetime):  # noqa: ANN202 - a Select
    """A new waiting row per selected parcel, in _COLUMNS order (INSERT … SELECT sets no defaults)."""
    blank = literal("")
    return (select(Shipment.id, Shipment.order_id, Order.channel, literal(CS.WAITING.value), literal(0),
                   literal(now, C.due_at.type), literal(now, C.created_at.type), blank, blank, blank, blank, blank,
                   blank, literal(False)).join(Order, Order.id == Shipment.order_id))  # fmt: skip


_ENQUEUE_PACKED = text(
    "INSERT INTO ship_confirmations (shipment_id, order_id, channel, state, attempts, due_at, created_at, claimed_by,"
    " waybill_no, platform_code, outcome, reason_code, last_error, alert_open)"
    " SELECT s.id, s.order_id, o.channel, 'waiting', 0, :now, :now, '', '', '', '', '', '', :no"
    " FROM shipments s JOIN orders o ON o.id = s.order_id JOIN warehouses w ON w.id = s.warehouse_id"
    " WHERE s.id = :sid AND w.confirm_at = 'pack'"
).bindparams(bindparam("now", type_=C.due_at.type), bindparam("no", value=False, type_=C.alert_open.type))


_T = C.__table__
_FINISH = (update(_T).where(_T.c.id == bindparam("cid"), _T.c.state != CS.DONE.value).values(
    state=bindparam("st"), outcome=bindparam("oc"), reason_code=bindparam("rc"), last_error=bindparam("err"),
    claimed_by="", claim_until=None, due_at=func.coalesce(bindparam("due", type_=C.due_at.type), _T.c.due_at),
    done_at=bindparam("done", type_=C.done_at.type), alert_open=bindparam("alert", type_=C.alert_open.type),
    waybill_no=func.coalesce(bindparam("wb", type_=String()), _T.c.waybill_no),
    platform_code=func.coalesce(bindparam("pc", type_=String()), _T.c.platform_code),
    attempts=_T.c.attempts - bindparam("uncount", type_=Integer())))  # fmt: skip
