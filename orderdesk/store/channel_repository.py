"""Channel connections and their sync state (cursor, lease, last success and error)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from .models import ChannelAccount, Shop, SyncState

STATE = SyncState.__table__


@dataclass(frozen=True)
class ChannelRecord:
    id: int
    name: str
    platform: str
    shop_code: str
    app_key: str
    base_url: str
    sign_method: str
    enabled: bool
    cursor: datetime
    lease_owner: str
    lease_until: datetime | None
    last_success_at: datetime | None
    last_error: str
    error_since: datetime | None
    orders_pulled: int


class ChannelRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, name: str, platform: str, shop_id: int, app_key: str, base_url: str, sign_method: str,
            since: datetime, now: datetime) -> int:  # fmt: skip
        account = ChannelAccount(name=name, platform=platform, shop_id=shop_id, app_key=app_key, base_url=base_url,
                                 sign_method=sign_method, since=since, enabled=True, created_at=now)  # fmt: skip
        self.session.add(account)
        self.session.flush()
        self.session.add(SyncState(channel_id=account.id, cursor=since, lease_owner="", last_error="",
                                   orders_pulled=0))  # fmt: skip
        self.session.flush()
        return account.id

    def all(self) -> list[ChannelRecord]:
        return self._query(None)

    def by_name(self, name: str) -> ChannelRecord | None:
        found = self._query(name)
        return found[0] if found else None

    def _query(self, name: str | None) -> list[ChannelRecord]:
        stmt = (
            select(ChannelAccount, Shop.code, SyncState)
            .join(Shop, Shop.id == ChannelAccount.shop_id)
            .join(SyncState, SyncState.channel_id == ChannelAccount.id)
            .order_by(ChannelAccount.name)
        )
        if name is not None:
            stmt = stmt.where(ChannelAccount.name == name)
        return [
            ChannelRecord(a.id, a.name, a.platform, code, a.app_key, a.base_url, a.sign_method, a.enabled, s.cursor,
                          s.lease_owner, s.lease_until, s.last_success_at, s.last_error, s.error_since,
                          s.orders_pulled)
            for a, code, s in self.session.execute(stmt)
        ]  # fmt: skip

    def acquire_lease(self, channel_id: int, owner: str, now: datetime, ttl: timedelta) -> bool:
        """Take (or renew) the channel for `owner` unless another live station holds it."""
        result = self.session.execute(
            update(STATE)
            .where(STATE.c.channel_id == channel_id,
                   or_(STATE.c.lease_owner == "", STATE.c.lease_owner == owner, STATE.c.lease_until.is_(None),
                       STATE.c.lease_until < now))
            .values(lease_owner=owner, lease_until=now + ttl)
        )  # fmt: skip
        return result.rowcount == 1

    def release_lease(self, channel_id: int, owner: str) -> None:
        self.session.execute(update(STATE).where(STATE.c.channel_id == channel_id, STATE.c.lease_owner == owner)
                             .values(lease_owner="", lease_until=None))  # fmt: skip

    def advance(self, channel_id: int, cursor: datetime, pulled: int) -> None:
        """Move the cursor forward only, and count the orders taken in."""
        row = self.session.get(SyncState, channel_id)
        if row is None:
            return
        if cursor > row.cursor:
            row.cursor = cursor
        row.orders_pulled = (row.orders_pulled or 0) + pulled
        self.session.flush()

    def record_success(self, channel_id: int, now: datetime) -> None:
        self.session.execute(update(STATE).where(STATE.c.channel_id == channel_id)
                             .values(last_success_at=now, last_error="", error_since=None))  # fmt: skip

    def record_error(self, channel_id: int, message: str, now: datetime) -> None:
        row = self.session.get(SyncState, channel_id)
        if row is not None:
            row.last_error = message
            row.error_since = row.error_since or now
            self.session.flush()
