"""Tables of the dashboard half: which onboarding tours each user has seen or dismissed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class UserTour(Base):
    """A tour a user finished or dismissed: it is not shown to them again."""

    __tablename__ = "user_tours"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    tour: Mapped[str] = mapped_column(String(32), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(12))  # done | dismissed
    at: Mapped[datetime]
