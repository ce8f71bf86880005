"""The credit-note tables (红字凭证): notes and their lines (append-only) and the per-year counter.

Kept apart from models.py to keep that module readable; they share its metadata.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class CreditNoteCounter(Base):
    """The last number given per year; its row is locked by the issuing transaction, so numbers are
    gap-free: a note rolled back gives its number back with the counter."""

    __tablename__ = "credit_note_counters"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer)


class CreditNoteRow(Base):
    """Append-only: a red credit note, or the reversal of one (`reverses_id`). Amounts are fen,
    negative on a credit note, positive on a reversal."""

    __tablename__ = "credit_notes"
    __table_args__ = (
        UniqueConstraint("year", "seq", name="uq_credit_notes_year_seq"),
        Index("ix_credit_notes_issued_at", "issued_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    order_no: Mapped[str] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(16))
    buyer: Mapped[str] = mapped_column(String(120), default="")  # masked, as printed
    issued_at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    goods_fen: Mapped[int] = mapped_column(Integer)
    freight_fen: Mapped[int] = mapped_column(Integer)
    total_fen: Mapped[int] = mapped_column(Integer)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("credit_notes.id"), unique=True)


class CreditNoteLineRow(Base):
    """Append-only: one credited order line (quantity and amount negative on a credit note)."""

    __tablename__ = "credit_note_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("credit_notes.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(255), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)
