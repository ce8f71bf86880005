"""Credit notes (红字凭证): the gap-free counter, the notes and their lines, and what an order has
left to credit. Notes are only ever inserted; the tables refuse anything else (migration 0014)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, exists, func, insert, or_, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from ..domain.credit_notes import (
    CreditNote, Credited, NoteLine, NotePlan, OrderForCredit, OrderLineFacts, issuer_label, mask_name,
)  # fmt: skip
from ..domain.model import RefundState, mask_phone
from ..domain.status import OrderStatus
from .models import Order, OrderEventRow, OrderLineRow, User
from .models_credit import CreditNoteCounter, CreditNoteLineRow, CreditNoteRow
from .models_refunds import RefundRow

O, L, E = Order.__table__, OrderLineRow.__table__, OrderEventRow.__table__
N, NL, C = CreditNoteRow.__table__, CreditNoteLineRow.__table__, CreditNoteCounter.__table__
RF = RefundRow.__table__


class CreditNoteRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def order_for_credit(self, order_no: str) -> OrderForCredit | None:
        """The order and its lines; its row stays locked (PostgreSQL) until the transaction ends, so two
        notes for one order cannot both take what is left."""
        number = order_no.strip()
        stmt = select(O).where(or_(O.c.order_no == number, O.c.platform_order_id == number)).order_by(O.c.id).limit(1)
        if self._pg():
            stmt = stmt.with_for_update()
        o = self.session.execute(stmt).first()
        if o is None:
            return None
        lines = self.session.execute(select(L).where(L.c.order_id == o.id).order_by(L.c.line_no)).all()
        refunded_cancel = self.session.scalar(select(exists().where(
            E.c.order_id == o.id, E.c.from_status == OrderStatus.INTERCEPTED.value,
            E.c.to_status == OrderStatus.CANCELLED.value)))  # fmt: skip
        buyer = " ".join(filter(None, (mask_name(o.receiver_name), mask_phone(o.receiver_phone))))
        paid = self.session.scalar(select(func.coalesce(func.sum(RF.c.goods_fen + RF.c.freight_fen), 0))
                                   .where(RF.c.order_id == o.id, RF.c.paid_at.is_not(None)))  # fmt: skip
        return OrderForCredit(o.id, o.order_no, o.channel, OrderStatus(o.status), RefundState(o.refund_state),
                              bool(refunded_cancel), o.total_fen, o.freight_fen, buyer,
                              tuple(OrderLineFacts(ln.line_no, ln.sku, ln.title, ln.quantity, ln.paid_fen)
                                    for ln in lines), int(paid or 0))  # fmt: skip

    def credited(self, order_id: int) -> Credited:
        """What the order's notes credited so far, net of reversals, as positive numbers."""
        per_line = self.session.execute(
            select(NL.c.line_no, func.sum(NL.c.quantity), func.sum(NL.c.amount_fen))
            .join(N, N.c.id == NL.c.note_id).where(N.c.order_id == order_id).group_by(NL.c.line_no)).all()  # fmt: skip
        freight, total = self.session.execute(select(func.coalesce(func.sum(N.c.freight_fen), 0),
                                                     func.coalesce(func.sum(N.c.total_fen), 0))
                                              .where(N.c.order_id == order_id)).one()  # fmt: skip
        return Credited({r[0]: -int(r[1]) for r in per_line}, {r[0]: -int(r[2]) for r in per_line},
                        -int(freight), -int(total))  # fmt: skip

    def next_seq(self, year: int) -> int:
        """The year's next number. The counter row is locked until commit, so a concurrent issuer waits,
        and a rollback gives the number back: no gaps, no duplicates."""
        bump = update(C).where(C.c.year == year).values(last_seq=C.c.last_seq + 1).returning(C.c.last_seq)
        seq = self.session.execute(bump).scalar()
        if seq is not None:
            return int(seq)
        dialect_insert = pg_insert if self._pg() else sqlite_insert
        first = (dialect_insert(C).values(year=year, last_seq=1).on_conflict_do_nothing(index_elements=["year"])
                 .returning(C.c.last_seq))  # fmt: skip
        if self.session.execute(first).scalar() is not None:
            return 1
        return int(self.session.execute(bump).scalar_one())  # another issuer created the year's row meanwhile

    def add(self, number: str, year: int, seq: int, kind: str, order: OrderForCredit, plan: NotePlan,
            user_id: int, reason: str, at: datetime, reverses_id: int | None) -> int:  # fmt: skip
        note_id = self.session.execute(insert(N).values(
            number=number, year=year, seq=seq, kind=kind, order_id=order.order_id, order_no=order.order_no,
            channel=order.channel, buyer=order.buyer, issued_at=at, user_id=user_id, reason=reason,
            goods_fen=plan.goods_fen, freight_fen=plan.freight_fen, total_fen=plan.total_fen,
            reverses_id=reverses_id).returning(N.c.id)).scalar_one()  # fmt: skip
        if plan.lines:
            self.session.execute(insert(NL), [
                {"note_id": note_id, "line_no": ln.line_no, "sku": ln.sku, "title": ln.title, "quantity": ln.quantity,
                 "unit_price_fen": ln.unit_price_fen, "amount_fen": ln.amount_fen} for ln in plan.lines])  # fmt: skip
        return int(note_id)

    def find(self, number: str) -> tuple[int, CreditNote] | None:
        notes = self._notes(N.c.number == number)
        return notes[0] if notes else None

    def between(self, since: datetime | None, until: datetime | None) -> list[CreditNote]:
        conds = [c for c in (N.c.issued_at >= since if since else None, N.c.issued_at < until if until else None)
                 if c is not None]  # fmt: skip
        return [note for _id, note in self._notes(and_(true(), *conds))]

    def _notes(self, where) -> list[tuple[int, CreditNote]]:  # noqa: ANN001 - a SQL condition
        orig, later = aliased(CreditNoteRow), aliased(CreditNoteRow)
        rows = self.session.execute(
            select(N, User.username, User.display_name, orig.number.label("reverses"), later.number.label("reversed_by"))
            .join(User, User.id == N.c.user_id)
            .outerjoin(orig, orig.id == N.c.reverses_id)
            .outerjoin(later, later.reverses_id == N.c.id)
            .where(where).order_by(N.c.year, N.c.seq)).all()  # fmt: skip
        lines = self._lines([r.id for r in rows])
        return [(r.id, CreditNote(r.number, r.kind, r.issued_at, issuer_label(r.username, r.display_name), r.order_no,
                                  r.channel, r.buyer, r.reason, r.goods_fen, r.freight_fen, r.total_fen,
                                  tuple(lines.get(r.id, ())), r.reverses, r.reversed_by)) for r in rows]  # fmt: skip

    def _lines(self, note_ids: Sequence[int]) -> dict[int, list[NoteLine]]:
        out: dict[int, list[NoteLine]] = {}
        for i in range(0, len(note_ids), 900):
            stmt = select(NL).where(NL.c.note_id.in_(note_ids[i : i + 900])).order_by(NL.c.note_id, NL.c.id)
            for r in self.session.execute(stmt):
                out.setdefault(r.note_id, []).append(
                    NoteLine(r.line_no, r.sku, r.title, r.quantity, r.unit_price_fen, r.amount_fen))
        return out

    def _pg(self) -> bool:
        return self.session.get_bind().dialect.name == "postgresql"
