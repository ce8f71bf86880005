"""Customer tags: their definitions (built-in thresholds, business rules) and who carries them.
Registered on the same metadata as models.py (which imports this module)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
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
