"""The channels' ship-by defaults (hours after payment), read by intake and set by operations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.model import Channel
from ..domain.ship_by import ShipByDefaults
from .models import ShipByDefault

T = ShipByDefault.__table__
_KNOWN = frozenset(c.value for c in Channel)


class ShipByRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def defaults(self) -> ShipByDefaults:
        """Every channel's default; a channel without a row uses the built-in 48 h."""
        rows = self.session.execute(select(T.c.channel, T.c.hours))
        return ShipByDefaults({Channel(r.channel): int(r.hours) for r in rows if r.channel in _KNOWN})

    def set_default(self, channel: Channel, hours: int, now: datetime) -> None:
        row = self.session.get(ShipByDefault, channel.value)
        if row is None:
            self.session.add(ShipByDefault(channel=channel.value, hours=hours, updated_at=now))
        else:
            row.hours, row.updated_at = hours, now
        self.session.flush()
