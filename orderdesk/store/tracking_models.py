"""The tracking tables: the courier account, each parcel's journey, every courier scan, alerts and
the day's query count. Registered on the same metadata as models.py (which imports this module)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class TrackingAccount(Base):
    """The shop's Kdniao account (one per provider); its API key lives in the secret store."""

    __tablename__ = "tracking_accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(16), unique=True)
    ebusiness_id: Mapped[str] = mapped_column(String(64))
    base_url: Mapped[str] = mapped_column(String(255), default="")
    daily_quota: Mapped[int] = mapped_column(Integer, default=500)
    callback_url: Mapped[str] = mapped_column(String(255), default="")
    updated_at: Mapped[datetime]


class ParcelTracking(Base):
    """One parcel's journey as the courier reports it, and when we next ask."""

    __tablename__ = "parcel_tracking"
    __table_args__ = (Index("ix_parcel_tracking_open_next_poll_at", "open", "next_poll_at"),)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    waybill_no: Mapped[str] = mapped_column(String(40), index=True)
    courier_code: Mapped[str] = mapped_column(String(16), default="")
    state: Mapped[str] = mapped_column(String(20), default="NO_INFO")
    detail_code: Mapped[str] = mapped_column(String(8), default="")
    since: Mapped[datetime]
    last_scan_at: Mapped[datetime | None]
    last_station: Mapped[str] = mapped_column(Text, default="")
    picked_up_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_polled_at: Mapped[datetime | None]
    next_poll_at: Mapped[datetime | None]
    subscribed_at: Mapped[datetime | None]
    polls: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    open: Mapped[bool] = mapped_column(Boolean, default=True)


class TrackingEventRow(Base):
    """Every courier scan of a parcel, at the courier's time; kept once however often it is re-read."""

    __tablename__ = "tracking_events"
    __table_args__ = (UniqueConstraint("shipment_id", "digest", name="uq_tracking_events_shipment_digest"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    station: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(64), default="")
    state: Mapped[str] = mapped_column(String(20), default="")
    digest: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime]


class TrackingAlert(Base):
    """Something a person should look at: a problem parcel, a stalled one, a refused push or reply."""

    __tablename__ = "tracking_alerts"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    waybill_no: Mapped[str] = mapped_column(String(40), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    raised_at: Mapped[datetime] = mapped_column(index=True)
    resolved_at: Mapped[datetime | None]


class TrackingUsage(Base):
    """Instant queries spent per quota day (Beijing date), shared by every station of the database."""

    __tablename__ = "tracking_usage"
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    queries: Mapped[int] = mapped_column(Integer, default=0)
    subscriptions: Mapped[int] = mapped_column(Integer, default=0)
