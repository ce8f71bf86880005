"""Tables of the shipping-out half: the ship-confirm outbox and the platforms' courier codes.

Kept apart from `models.py` (which imports this module at its end, so `metadata` holds them too).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class ShipConfirmation(Base):
    """One parcel to be confirmed to its platform (the outbox row). Written in the transaction that
    makes the parcel ready to leave; a drain claims it, sends it, and records the outcome.

    state: waiting (due at `due_at`) → sending (claimed until `claim_until`) → done | refused.
    """

    __tablename__ = "ship_confirmations"
    __table_args__ = (Index("ix_ship_confirmations_state_due_at", "state", "due_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(12), default="waiting")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime]
    created_at: Mapped[datetime]
    claimed_by: Mapped[str] = mapped_column(String(128), default="")
    claim_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]  # the last attempt's start
    done_at: Mapped[datetime | None]
    waybill_no: Mapped[str] = mapped_column(String(40), default="")  # as last sent
    platform_code: Mapped[str] = mapped_column(String(32), default="")  # the platform's courier code sent
    outcome: Mapped[str] = mapped_column(String(24), default="")  # accepted | already_shipped | refused
    reason_code: Mapped[str] = mapped_column(String(24), default="")  # why it waits or was refused
    last_error: Mapped[str] = mapped_column(Text, default="")
    alert_open: Mapped[bool] = mapped_column(Boolean, default=False)  # a refusal someone must act on


class PlatformCourier(Base):
    """A platform's courier company list, as its company-list API gave it (a cache, reloadable)."""

    __tablename__ = "platform_couriers"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    loaded_at: Mapped[datetime]


class CourierMapping(Base):
    """Our courier (Kdniao code, as on waybills) → one platform's own company code. Editable."""

    __tablename__ = "courier_mappings"
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    courier_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    platform_code: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
