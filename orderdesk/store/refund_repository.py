"""Refunds, their lines, the warehouse's tasks and the notification outbox: table access inside the
caller's transaction. The task inbox is a union of small per-kind queries (`INBOX_QUERIES`), so one
more kind of task is one more method."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from ..domain.refunds import (
    OPEN, OrderLineRef, Parcel, RefundLine, RefundRecord, RefundStep, TaskItem, TaskKind,
)  # fmt: skip
from .models import HandoverParcel, Order, OrderLineRow, Shipment, ShipmentLine, Warehouse
from .models_refunds import NotifyOutbox, RefundLineRow, RefundRow, WarehouseTask, WarehouseWebhook
from .models_returns import ReturnRow

R, RL, T = RefundRow.__table__, RefundLineRow.__table__, WarehouseTask.__table__
O, L = Order.__table__, OrderLineRow.__table__
NB, WH = NotifyOutbox.__table__, WarehouseWebhook.__table__


class RefundRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- orders as refunds see them ----------------------------------------------------------------

    def order_lines(self, order_id: int) -> list[OrderLineRef]:
        rows = self.session.execute(select(L.c.id, L.c.line_no, L.c.sku, L.c.platform_line_id, L.c.quantity,
                                           L.c.paid_fen).where(L.c.order_id == order_id).order_by(L.c.line_no))
        return [OrderLineRef(*r) for r in rows]

    def order_no_of(self, order_id: int) -> str:
        return self.session.scalar(select(O.c.order_no).where(O.c.id == order_id)) or ""

    def order_no_by_waybill(self, waybill: str) -> str | None:
        return self.session.scalar(select(O.c.order_no).join(Shipment, Shipment.order_id == O.c.id)
                                   .where(Shipment.waybill_no == waybill.strip()).limit(1))  # fmt: skip

    def order_channel(self, order_id: int) -> str:
        return self.session.scalar(select(O.c.channel).where(O.c.id == order_id)) or ""

    def parcels(self, order_id: int) -> list[Parcel]:
        ships = self.session.execute(
            select(Shipment.id, Shipment.warehouse_id, Warehouse.code, Shipment.status, Shipment.waybill_no,
                   HandoverParcel.id.label("handed"))
            .join(Warehouse, Warehouse.id == Shipment.warehouse_id)
            .outerjoin(HandoverParcel, HandoverParcel.shipment_id == Shipment.id)
            .where(Shipment.order_id == order_id).order_by(Shipment.seq)).all()  # fmt: skip
        out = []
        for s in ships:
            lines = self.session.execute(
                select(ShipmentLine.order_line_id, OrderLineRow.sku, ShipmentLine.quantity)
                .join(OrderLineRow, OrderLineRow.id == ShipmentLine.order_line_id)
                .where(ShipmentLine.shipment_id == s.id).order_by(ShipmentLine.id)).all()  # fmt: skip
            out.append(Parcel(s.id, s.warehouse_id, s.code, s.status, s.waybill_no or "", s.handed is not None,
                              tuple((a, b, c) for a, b, c in lines)))  # fmt: skip
        return out

    def unpack(self, shipment_id: int) -> None:
        """A pulled-back parcel is opened: its shipment is to be packed again."""
        self.session.execute(update(Shipment).where(Shipment.id == shipment_id).values(status="ALLOCATED"))

    # -- refunds -------------------------------------------------------------------------------------

    def of_order(self, order_id: int) -> list[RefundRecord]:
        rows = self.session.execute(select(R).where(R.c.order_id == order_id).order_by(R.c.id)).all()
        return [self._record(r) for r in rows]

    def find(self, order_id: int, ref: str) -> RefundRecord | None:
        r = self.session.execute(select(R).where(R.c.order_id == order_id, R.c.refund_ref == ref)).first()
        return self._record(r) if r else None

    def count_of(self, order_id: int) -> int:
        return self.session.scalar(select(func.count()).select_from(R).where(R.c.order_id == order_id)) or 0

    def add(self, order_id: int, ref: str, source: str, raw: str, step: RefundStep, returns_goods: bool,
            goods_fen: int, freight_fen: int, lines: Sequence[RefundLine], reason: str, now: datetime) -> int:  # fmt: skip
        rid = self.session.execute(insert(R).values(
            order_id=order_id, refund_ref=ref, source=source, raw_state=raw[:40], step=step.value, path="",
            returns_goods=returns_goods, goods_fen=goods_fen, freight_fen=freight_fen, hold=[], reason=reason,
            created_at=now, updated_at=now).returning(R.c.id)).scalar_one()  # fmt: skip
        if lines:
            self.session.execute(insert(RL), [
                {"refund_id": rid, "order_line_id": ln.line_id, "line_no": ln.line_no, "sku": ln.sku,
                 "quantity": ln.quantity, "amount_fen": ln.amount_fen} for ln in lines])  # fmt: skip
        return rid

    def update(self, refund_id: int, now: datetime, **values: object) -> None:
        self.session.execute(update(R).where(R.c.id == refund_id).values(updated_at=now, **values))

    def listing(self, order_id: int | None = None, limit: int = 200) -> list[tuple[str, RefundRecord]]:
        stmt = select(O.c.order_no, R).join(O, O.c.id == R.c.order_id).order_by(R.c.id.desc()).limit(limit)
        if order_id is not None:
            stmt = stmt.where(R.c.order_id == order_id)
        return [(r.order_no, self._record(r)) for r in self.session.execute(stmt)]

    def awaiting_return(self, order_id: int) -> list[RefundRecord]:
        """The order's refunds whose goods are still expected back (for the returns check-in)."""
        return [r for r in self.of_order(order_id) if _expects_goods(r)]

    def _record(self, r: object) -> RefundRecord:
        lines = self.session.execute(select(RL.c.order_line_id, RL.c.line_no, RL.c.sku, RL.c.quantity, RL.c.amount_fen)
                                     .where(RL.c.refund_id == r.id).order_by(RL.c.id))  # type: ignore[attr-defined]
        return RefundRecord(
            r.id, r.order_id, r.refund_ref, r.source, r.raw_state, RefundStep(r.step), r.path,  # type: ignore[attr-defined]
            bool(r.returns_goods), r.goods_fen, r.freight_fen, tuple(tuple(h) for h in (r.hold or [])),  # type: ignore[attr-defined]
            tuple(RefundLine(*ln) for ln in lines), r.paid_at, r.returned_at, r.credit_note)  # type: ignore[attr-defined]  # fmt: skip

    # -- warehouse tasks -----------------------------------------------------------------------------

    def add_task(self, warehouse_id: int, kind: TaskKind, order_id: int, refund_id: int | None,
                 shipment_id: int | None, waybill: str, now: datetime) -> bool:  # fmt: skip
        """A new open task, unless the same one is already open (False then)."""
        same = self.session.scalar(select(T.c.id).where(T.c.kind == kind.value, T.c.order_id == order_id,
                                                        T.c.shipment_id == shipment_id, T.c.state == "open"))  # fmt: skip
        if same is not None:
            return False
        self.session.execute(insert(T).values(warehouse_id=warehouse_id, kind=kind.value, order_id=order_id,
                                              refund_id=refund_id, shipment_id=shipment_id, waybill_no=waybill or "",
                                              state="open", created_at=now))  # fmt: skip
        return True

    def cancel_tasks(self, refund_id: int, now: datetime) -> int:
        return self.session.execute(update(T).where(T.c.refund_id == refund_id, T.c.state == "open")
                                    .values(state="cancelled", done_at=now)).rowcount  # fmt: skip

    def open_task(self, warehouse_id: int, kind: TaskKind, code: str) -> tuple[int, int, int | None, str] | None:
        """(task id, order id, shipment id, waybill) of the open task of this kind found by waybill or order no."""
        number = code.strip()
        row = self.session.execute(
            select(T.c.id, T.c.order_id, T.c.shipment_id, T.c.waybill_no).join(O, O.c.id == T.c.order_id)
            .where(T.c.warehouse_id == warehouse_id, T.c.kind == kind.value, T.c.state == "open",
                   or_(T.c.waybill_no == number, O.c.order_no == number, O.c.platform_order_id == number))
            .order_by(T.c.id).limit(1)).first()  # fmt: skip
        return (row[0], row[1], row[2], row[3]) if row else None

    def finish_order_tasks(self, order_id: int, kind: TaskKind, user_id: int, now: datetime) -> int:
        """Every open task of this kind on the order is done (e.g. its parcel came back): how many."""
        stmt = (update(T).where(T.c.order_id == order_id, T.c.kind == kind.value, T.c.state == "open")
                .values(state="done", done_at=now, done_by=user_id))  # fmt: skip
        return self.session.execute(stmt).rowcount

    def finish_task(self, task_id: int, user_id: int, now: datetime) -> bool:
        return self.session.execute(update(T).where(T.c.id == task_id, T.c.state == "open")
                                    .values(state="done", done_at=now, done_by=user_id)).rowcount == 1  # fmt: skip

    def warehouse(self, text: str) -> tuple[int, str] | None:
        t = text.strip()
        row = self.session.execute(select(Warehouse.id, Warehouse.code)
                                   .where(or_(Warehouse.code == t, Warehouse.name == t))).first()  # fmt: skip
        return (row[0], row[1]) if row else None

    # -- the inbox: one small query per kind ---------------------------------------------------------

    def inbox(self, warehouse_id: int) -> list[TaskItem]:
        return [item for query in INBOX_QUERIES for item in query(self, warehouse_id)]

    def inbox_count(self, warehouse_id: int | None = None) -> int:
        if warehouse_id is not None:
            return len(self.inbox(warehouse_id))
        ids = self.session.scalars(select(Warehouse.id).where(Warehouse.active.is_(True))).all()
        return sum(len(self.inbox(i)) for i in ids)

    def _tasks(self, warehouse_id: int, kind: TaskKind) -> list[TaskItem]:
        rows = self.session.execute(
            select(O.c.order_no, T.c.waybill_no, T.c.created_at, R.c.refund_ref)
            .join(O, O.c.id == T.c.order_id).outerjoin(R, R.c.id == T.c.refund_id)
            .where(T.c.warehouse_id == warehouse_id, T.c.kind == kind.value, T.c.state == "open")
            .order_by(T.c.created_at, T.c.id))  # fmt: skip
        return [TaskItem(kind, r.order_no, r.waybill_no, r.created_at, refund=r.refund_ref or "") for r in rows]

    def pull_backs(self, warehouse_id: int) -> list[TaskItem]:
        return self._tasks(warehouse_id, TaskKind.PULL_BACK)

    def courier_intercepts(self, warehouse_id: int) -> list[TaskItem]:
        return self._tasks(warehouse_id, TaskKind.COURIER_INTERCEPT)

    def returns_expected(self, warehouse_id: int) -> list[TaskItem]:
        rows = self.session.execute(
            select(O.c.order_no, R.c.refund_ref, R.c.created_at, R.c.step, func.min(Shipment.waybill_no).label("waybill"))
            .join(O, O.c.id == R.c.order_id).join(Shipment, Shipment.order_id == O.c.id)
            .where(Shipment.warehouse_id == warehouse_id, R.c.path == "AWAIT_RETURN", R.c.returns_goods.is_(True),
                   R.c.returned_at.is_(None), R.c.step.in_([s.value for s in OPEN | {RefundStep.PAID}]))
            .group_by(O.c.order_no, R.c.refund_ref, R.c.created_at, R.c.step, R.c.id)
            .order_by(R.c.created_at, R.c.id))  # fmt: skip
        return [TaskItem(TaskKind.RETURN_EXPECTED, r.order_no, r.waybill or "", r.created_at, r.step, r.refund_ref)
                for r in rows]  # fmt: skip

    def refund_alerts(self, warehouse_id: int) -> list[TaskItem]:
        rows = self.session.execute(
            select(O.c.order_no, R.c.refund_ref, R.c.updated_at, R.c.raw_state)
            .join(O, O.c.id == R.c.order_id)
            .where(O.c.warehouse_id == warehouse_id, R.c.step == RefundStep.UNKNOWN.value)
            .order_by(R.c.updated_at, R.c.id))  # fmt: skip
        return [TaskItem(TaskKind.REFUND_ALERT, r.order_no, "", r.updated_at, r.raw_state, r.refund_ref) for r in rows]

    def unknown_parcels(self, warehouse_id: int) -> list[TaskItem]:
        """Returned parcels that matched no order (the returns desk's UNKNOWN records), oldest first;
        done when a person matches one to its order. The detail names the record (#id) and its note."""
        rows = self.session.execute(
            select(ReturnRow.id, ReturnRow.parcel_code, ReturnRow.at, ReturnRow.note)
            .where(ReturnRow.warehouse_id == warehouse_id, ReturnRow.state == "UNKNOWN")
            .order_by(ReturnRow.at, ReturnRow.id))  # fmt: skip
        return [TaskItem(TaskKind.UNKNOWN_PARCEL, "", r.parcel_code or "", r.at, f"#{r.id} {r.note}".strip())
                for r in rows]  # fmt: skip

    # -- notices -------------------------------------------------------------------------------------

    def set_webhook(self, warehouse_id: int, url: str, enabled: bool, now: datetime) -> None:
        if self.session.get(WarehouseWebhook, warehouse_id) is None:
            self.session.execute(insert(WH).values(warehouse_id=warehouse_id, url=url, enabled=enabled, updated_at=now))
        else:
            self.session.execute(update(WH).where(WH.c.warehouse_id == warehouse_id)
                                 .values(url=url, enabled=enabled, updated_at=now))  # fmt: skip

    def webhook(self, warehouse_id: int) -> str | None:
        row = self.session.execute(select(WH.c.url, WH.c.enabled).where(WH.c.warehouse_id == warehouse_id)).first()
        return row.url if row and row.enabled and row.url else None

    def enqueue_notice(self, warehouse_id: int, text: str, now: datetime) -> bool:
        """Queue a notice when the warehouse has a webhook; nothing otherwise."""
        if self.webhook(warehouse_id) is None:
            return False
        self.session.execute(insert(NB).values(warehouse_id=warehouse_id, text=text, state="waiting", attempts=0,
                                               due_at=now, created_at=now, last_error=""))  # fmt: skip
        return True

    def due_notices(self, now: datetime, limit: int = 20) -> list[tuple[int, str, str, int]]:
        """(id, url, text, attempts) of notices due now, oldest first."""
        rows = self.session.execute(
            select(NB.c.id, WH.c.url, NB.c.text, NB.c.attempts).join(WH, WH.c.warehouse_id == NB.c.warehouse_id)
            .where(NB.c.state == "waiting", NB.c.due_at <= now).order_by(NB.c.due_at, NB.c.id).limit(limit))  # fmt: skip
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    def claim_notice(self, notice_id: int, attempts: int, until: datetime) -> bool:
        """Take a notice for one attempt (the due time moves on, so a second drain skips it)."""
        return self.session.execute(update(NB).where(NB.c.id == notice_id, NB.c.attempts == attempts,
                                                     NB.c.state == "waiting")
                                    .values(attempts=attempts + 1, due_at=until)).rowcount == 1  # fmt: skip

    def notice_outcome(self, notice_id: int, state: str, error: str, now: datetime, due: datetime | None) -> None:
        values: dict[str, object] = {"state": state, "last_error": error[:500]}
        if state == "done":
            values["sent_at"] = now
        if due is not None:
            values["due_at"] = due
        self.session.execute(update(NB).where(NB.c.id == notice_id).values(**values))

    def notices(self, limit: int = 100) -> list[tuple[int, int, str, str, int, str]]:
        rows = self.session.execute(select(NB.c.id, NB.c.warehouse_id, NB.c.state, NB.c.text, NB.c.attempts,
                                           NB.c.last_error).order_by(NB.c.id.desc()).limit(limit))  # fmt: skip
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _expects_goods(r: RefundRecord) -> bool:
    return (r.path == "AWAIT_RETURN" and r.returns_goods and r.returned_at is None
            and (r.step in OPEN or r.step is RefundStep.PAID))  # fmt: skip


INBOX_QUERIES = [
    RefundRepository.pull_backs,
    RefundRepository.courier_intercepts,
    RefundRepository.returns_expected,
    RefundRepository.refund_alerts,
    RefundRepository.unknown_parcels,
]
