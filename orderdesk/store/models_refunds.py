"""Tables of the after-sale half: refunds and their lines, the warehouse's tasks, and the
per-warehouse notification outbox (a WeCom group-robot webhook).

Kept apart from `models.py` (which imports this module at its end, so `metadata` holds them too).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class RefundRow(Base):
    """One refund of an order: the platform's id and raw state word as delivered, our step, the path
    the warehouse takes, what stock it holds (`hold`: [[sku, warehouse, qty], ...] frozen)."""

    __tablename__ = "refunds"
    __table_args__ = (
        UniqueConstraint("order_id", "refund_ref", name="uq_refunds_order_id_refund_ref"),
        Index("ix_refunds_path_step", "path", "step"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    refund_ref: Mapped[str] = mapped_column(String(64))  # the platform's refund id, or CS-<n> by hand
    source: Mapped[str] = mapped_column(String(12))  # platform | service
    raw_state: Mapped[str] = mapped_column(String(40), default="")
    step: Mapped[str] = mapped_column(String(12))
    path: Mapped[str] = mapped_column(String(12))
    returns_goods: Mapped[bool] = mapped_column(Boolean, default=True)
    goods_fen: Mapped[int] = mapped_column(Integer, default=0)
    freight_fen: Mapped[int] = mapped_column(Integer, default=0)
    hold: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]  # set by the returns check-in
    credit_note: Mapped[str | None] = mapped_column(String(16))


class RefundLineRow(Base):
    """One order line (and how many of it) a refund covers."""

    __tablename__ = "refund_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(ForeignKey("refunds.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)


class WarehouseTask(Base):
    """A job for a warehouse's people: pull a parcel back, ask the courier to intercept one.
    state: open → done (by a scan) | cancelled (the refund was withdrawn or rejected)."""

    __tablename__ = "warehouse_tasks"
    __table_args__ = (Index("ix_warehouse_tasks_warehouse_id_state", "warehouse_id", "state"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    kind: Mapped[str] = mapped_column(String(24))  # pull_back | courier_intercept
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    refund_id: Mapped[int | None] = mapped_column(ForeignKey("refunds.id"))
    shipment_id: Mapped[int | None] = mapped_column(Integer)
    waybill_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    state: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
    done_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class WarehouseWebhook(Base):
    """Where a warehouse's task notices go: a WeCom group-robot webhook URL."""

    __tablename__ = "warehouse_webhooks"
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"), primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]


class NotifyOutbox(Base):
    """A notice waiting to be sent: written in the transaction that made the task, sent by a
    background drain with retries. state: waiting → done | failed (gave up)."""

    __tablename__ = "notify_outbox"
    __table_args__ = (Index("ix_notify_outbox_state_due_at", "state", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default="waiting")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime]
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
