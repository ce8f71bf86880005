"""The returns tables (退货入库): one row per returned parcel checked in (or recorded as an unknown
parcel), its counted items (append-only) and every scan at a returns desk (append-only).

Kept apart from models.py to keep that module readable; they share its metadata.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class ReturnRow(Base):
    """A returned parcel: DONE (checked in against `order_id`) or UNKNOWN (it matched no order; its
    items wait on the shelf until a person matches it, which makes it DONE)."""

    __tablename__ = "returns"
    __table_args__ = (
        Index("ix_returns_state_warehouse_id", "state", "warehouse_id"),
        Index("ix_returns_at", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(ForeignKey("warehouses.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    parcel_code: Mapped[str] = mapped_column(String(128), default="", index=True)  # the waybill on the parcel
    state: Mapped[str] = mapped_column(String(12))  # DONE, UNKNOWN
    outcome: Mapped[str] = mapped_column(String(16), default="")  # RETURNED, PARTLY_RETURNED ("" while unknown)
    no_refund_request: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    station: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    matched_at: Mapped[datetime | None]
    matched_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class ReturnLineRow(Base):
    """Append-only: units of one SKU counted into a returned parcel, with their condition."""

    __tablename__ = "return_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("returns.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    condition: Mapped[str] = mapped_column(String(12))  # resellable, damaged, missing
    reason: Mapped[str] = mapped_column(Text, default="")


class ReturnScan(Base):
    """Append-only: every line scanned at a returns desk with its verdict (opened, item, done,
    refused:<why>…): who, what, when and why, refusals included."""

    __tablename__ = "return_scans"
    __table_args__ = (Index("ix_return_scans_station_at", "station", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    station: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    return_id: Mapped[int | None] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(128))
    sku: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    verdict: Mapped[str] = mapped_column(String(32))
    why: Mapped[str] = mapped_column(Text, default="")
