"""Customer tags: their definitions (built-in thresholds, business rules), who carries them, and each
profile's order figures as of the last recompute. Registered on the same metadata as models.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class CustomerTagDef(Base):
    """A tag: a built-in one with editable thresholds, or one the business wrote as a condition."""

    __tablename__ = "customer_tag_defs"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))  # builtin, rule
    condition: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class CustomerTag(Base):
    """A profile carries a tag (as of the last recompute)."""

    __tablename__ = "customer_tags"
    __table_args__ = (Index("ix_customer_tags_code", "code"),)
    profile_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    computed_at: Mapped[datetime]


class CustomerStats(Base):
    """A profile's orders added up at the last `tags recompute` (what a tag preview reads instead of
    re-aggregating every order); the recent spend counts orders paid since `recent_since`."""

    __tablename__ = "customer_stats"
    profile_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    orders: Mapped[int] = mapped_column(Integer)
    spend_fen: Mapped[int] = mapped_column(BigInteger)
    recent_spend_fen: Mapped[int] = mapped_column(BigInteger)
    refunds: Mapped[int] = mapped_column(Integer)
    first_at: Mapped[datetime | None]
    last_at: Mapped[datetime | None]
    channel_count: Mapped[int] = mapped_column(Integer)
    recent_since: Mapped[datetime]
    computed_at: Mapped[datetime]
