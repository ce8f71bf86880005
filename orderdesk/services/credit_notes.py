"""Red credit notes (红字凭证): issue one for a refund, reverse a mistaken one, read them back.

`issue_credit_note` runs inside the caller's transaction, so a refund path issues its note in the
same unit of work that completes the refund; `issue_by_hand` is finance's own use case for a refund
completed outside the hub. Numbers come from a per-year counter row locked by the issuing
transaction: gap-free even with several stations issuing at once, and a rolled-back note gives its
number back. A refused note changes nothing and leaves an audit row saying who, what and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain.access import Permission
from ..domain.credit_notes import (
    CREDIT, REVERSAL, CreditNote, CreditRefused, LineRequest, NotePlan, OrderForCredit, note_number, note_year,
    issuer_label, parse_number, plan_credit, plan_full, plan_reversal, yuan,
)  # fmt: skip
from ..domain.errors import DomainError, OrderNotFound
from ..domain.events import EventKind, OrderEventRecord
from ..exports.workbook import write_workbook
from .actors import Actor, audit, now_utc, require_actor
from .ports import AuditEntry
from .unit_of_work import UnitOfWork, UowFactory

REFUSED = "credit_note.refused"


def issue_credit_note(uow: UnitOfWork, actor: Actor | str, order_no: str, lines: Sequence[LineRequest],
                      freight_fen: int = 0, reason: str = "", *, full: bool = False,
                      now: datetime | None = None) -> CreditNote:  # fmt: skip
    """Issue a note in the caller's transaction (the caller commits). A user name is held to
    `issue_credit_notes`; an Actor is a use case that checked its own permission (a refund path).
    `full` credits everything not yet credited; `now` is the issue time (tests cross a year)."""
    who = actor if isinstance(actor, Actor) else require_actor(uow, actor, Permission.ISSUE_CREDIT_NOTES)
    at = now or now_utc()
    asked = {"lines": [[r.sku, r.quantity, r.amount_fen] for r in lines], "freight_fen": freight_fen, "full": full}
    with _refusals_recorded(uow, who, ("order", order_no.strip()[:80]), reason, asked, at):
        order = uow.credit_notes.order_for_credit(order_no)
        if order is None:
            raise OrderNotFound(order_no.strip())
        credited = uow.credit_notes.credited(order.order_id)
        if full:
            lines, freight_fen = plan_full(order, credited)
        plan = plan_credit(order, credited, list(lines), freight_fen, reason)
    return _write(uow, who, order, plan, CREDIT, reason.strip(), at, None)


def issue_by_hand(make_uow: UowFactory, actor: str, order_no: str, lines: Sequence[LineRequest],
                  freight_fen: int = 0, reason: str = "", full: bool = False) -> CreditNote:  # fmt: skip
    """Finance issues a note for a refund completed outside the hub: one transaction."""
    with make_uow(write=True) as uow:
        note = issue_credit_note(uow, actor, order_no, lines, freight_fen, reason, full=full)
        uow.commit()
        return note


def reverse_credit_note(make_uow: UowFactory, actor: str, number: str, reason: str) -> CreditNote:
    """Undo a mistaken note with a reversing note (the mirror amounts) that names it; one transaction."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.ISSUE_CREDIT_NOTES)
        at = now_utc()
        with _refusals_recorded(uow, who, ("credit_note", number.strip()[:40]), reason, {"reverse": True}, at):
            wanted = parse_number(number)
            original = _find(uow, wanted)
            order = uow.credit_notes.order_for_credit(original[1].order_no)  # lock the order, then read again
            original = _find(uow, wanted)
            if not reason.strip():
                raise CreditRefused("no_reason", "请填写冲销原因", "A reason is required")
            plan = plan_reversal(original[1])
        assert order is not None  # a note always has its order
        note = _write(uow, who, order, plan, REVERSAL, reason.strip(), at, original)
        uow.commit()
        return note


def credit_notes(make_uow: UowFactory, actor: str, since: datetime | None = None,
                 until: datetime | None = None) -> list[CreditNote]:  # fmt: skip
    """Notes issued in [since, until), in number order."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.EXPORT_FINANCE)
        return uow.credit_notes.between(since, until)


def credit_note(make_uow: UowFactory, actor: str, number: str) -> CreditNote:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.EXPORT_FINANCE)
        return _find(uow, parse_number(number))[1]


def credit_note_pdf(make_uow: UowFactory, actor: str, number: str) -> bytes:
    """The note as a PDF (A4, the bundled CJK font); each rendering is audited."""
    from ..labels.credit_note import render_credit_note  # noqa: PLC0415 - reportlab only when needed

    note = credit_note(make_uow, actor, number)
    pdf = render_credit_note(note)
    with make_uow(write=True) as uow:
        audit(uow, require_actor(uow, actor), "credit_note.pdf", "credit_note", note.number)
        uow.commit()
    return pdf


def note_json(note: CreditNote) -> dict[str, Any]:
    """A note for `--json`: amounts as yuan strings with two decimals (exact), and in fen."""
    return {"number": note.number, "kind": note.kind, "issued_at": note.issued_at.isoformat(),
            "issued_by": note.issued_by, "order_no": note.order_no, "channel": note.channel, "buyer": note.buyer,
            "reason": note.reason, "goods": yuan(note.goods_fen), "freight": yuan(note.freight_fen),
            "total": yuan(note.total_fen), "total_fen": note.total_fen, "currency": "CNY",
            "reverses": note.reverses, "reversed_by": note.reversed_by,
            "lines": [{"line_no": ln.line_no, "sku": ln.sku, "title": ln.title, "quantity": ln.quantity,
                       "unit_price": yuan(ln.unit_price_fen), "amount": yuan(ln.amount_fen)} for ln in note.lines]}  # fmt: skip


def _find(uow: UnitOfWork, number: str) -> tuple[int, CreditNote]:
    found = uow.credit_notes.find(number)
    if found is None:
        raise CreditRefused("unknown_note", f"找不到红字凭证 {number}", f"Credit note {number} not found")
    return found


def _write(uow: UnitOfWork, who: Actor, order: OrderForCredit, plan: NotePlan, kind: str, reason: str,
           at: datetime, original: tuple[int, CreditNote] | None) -> CreditNote:  # fmt: skip
    """Number, note, lines, the order's timeline entry and the audit row, all in the caller's transaction."""
    year = note_year(at)
    number = note_number(year, uow.credit_notes.next_seq(year))
    uow.credit_notes.add(number, year, int(number[-6:]), kind, order, plan, who.id, reason, at,
                         original[0] if original else None)  # fmt: skip
    reverses = original[1].number if original else None
    details = {"number": number, "total": yuan(plan.total_fen), "reverses": reverses}
    uow.orders.append_events([OrderEventRecord(order.order_id, at, who.id, EventKind.CREDIT_NOTE, reason=reason,
                                               details=details)])  # fmt: skip
    audit(uow, who, "credit_note.issued", "credit_note", number, order=order.order_no, kind=kind,
          total_fen=plan.total_fen, reverses=reverses)  # fmt: skip
    return CreditNote(number, kind, at, issuer_label(who.username, who.display_name), order.order_no, order.channel, order.buyer,
                      reason, plan.goods_fen, plan.freight_fen, plan.total_fen, plan.lines, reverses)  # fmt: skip


class _refusals_recorded:  # noqa: N801 - used as a `with` block
    """A refused note (business rule, unknown order or note) leaves an audit row that outlives the
    rollback: who, which order or note, what was asked, why."""

    def __init__(self, uow: UnitOfWork, who: Actor, obj: tuple[str, str], reason: str, asked: dict[str, Any],
                 at: datetime) -> None:  # fmt: skip
        self.uow, self.who, self.obj, self.facts, self.at = uow, who, obj, asked | {"reason": reason.strip()}, at

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if isinstance(exc, DomainError):
            code = getattr(exc, "code", "not_found")
            self.uow.keep_refusal(AuditEntry(self.at, self.who.id, REFUSED, *self.obj,
                                             self.facts | {"code": code, "why": exc.reason("en")}))  # fmt: skip


def export_credit_notes(make_uow: UowFactory, actor: str, since: datetime | None, until: datetime | None,
                        path: Path) -> dict[str, int]:  # fmt: skip
    """Finance's workbook: one row per note and a sheet of lines; the export itself is audited."""
    from .credit_note_export import note_sheets  # noqa: PLC0415 - openpyxl only when exporting

    notes = credit_notes(make_uow, actor, since, until)
    counts = write_workbook(path, note_sheets(notes))
    with make_uow(write=True) as uow:
        audit(uow, require_actor(uow, actor, Permission.EXPORT_FINANCE), "export", "credit_notes", str(path)[:80],
              rows=len(notes), since=since.isoformat() if since else None, until=until.isoformat() if until else None)
        uow.commit()
    return counts
