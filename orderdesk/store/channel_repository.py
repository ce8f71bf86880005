"""Channel connections and their sync state (cursor, lease, last success and error)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from .models import ChannelAccount, Shop, SyncProblem, SyncState

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
    failed_runs: int = 0
    last_run_at: datetime | None = None
    open_problems: int = 0  # bad orders delivered and not yet delivered good


@dataclass(frozen=True)
class ProblemRecord:
    order_ref: str
    reason: str
    first_seen: datetime
    last_seen: datetime
    times: int


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
        open_problems = (select(func.count()).where(SyncProblem.channel_id == ChannelAccount.id)
                         .correlate(ChannelAccount).scalar_subquery())  # fmt: skip
        stmt = (
            select(ChannelAccount, Shop.code, SyncState, open_problems)
            .join(Shop, Shop.id == ChannelAccount.shop_id)
            .join(SyncState, SyncState.channel_id == ChannelAccount.id)
            .order_by(ChannelAccount.name)
        )
        if name is not None:
            stmt = stmt.where(ChannelAccount.name == name)
        return [
            ChannelRecord(a.id, a.name, a.platform, code, a.app_key, a.base_url, a.sign_method, a.enabled, s.cursor,
                          s.lease_owner, s.lease_until, s.last_success_at, s.last_error, s.error_since,
                          s.orders_pulled, s.failed_runs, s.last_run_at, problems or 0)
            for a, code, s, problems in self.session.execute(stmt)
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

    def take_over_lease(self, channel_id: int, holder: str, owner: str, now: datetime, ttl: timedelta) -> bool:
        """Take the channel from `holder` (a process known to be dead), unless someone else got there first."""
        result = self.session.execute(
            update(STATE).where(STATE.c.channel_id == channel_id, STATE.c.lease_owner == holder)
            .values(lease_owner=owner, lease_until=now + ttl)
        )  # fmt: skip
        return result.rowcount == 1

    def release_lease(self, channel_id: int, owner: str) -> None:
        self.session.execute(update(STATE).where(STATE.c.channel_id == channel_id, STATE.c.lease_owner == owner)
                             .values(lease_owner="", lease_until=None))  # fmt: skip

    def advance(self, channel_id: int, cursor: datetime | None, pulled: int) -> None:
        """Move the cursor forward only, and count the orders taken in."""
        row = self.session.get(SyncState, channel_id)
        if row is None:
            return
        if cursor is not None and cursor > row.cursor:
            row.cursor = cursor
        row.orders_pulled = (row.orders_pulled or 0) + pulled
        self.session.flush()

    def note_problems(self, channel_id: int, problems: Sequence[tuple[str, str]], now: datetime) -> None:
        """Record bad orders as (order_ref, reason); a re-read one updates its row instead of adding."""
        if not problems:
            return
        latest = dict(problems)
        known = {p.order_ref: p for p in self.session.scalars(
            select(SyncProblem).where(SyncProblem.channel_id == channel_id, SyncProblem.order_ref.in_(latest)))}
        for ref, reason in latest.items():
            row = known.get(ref)
            if row is None:
                self.session.add(SyncProblem(channel_id=channel_id, order_ref=ref, reason=reason, first_seen=now,
                                             last_seen=now, times=1))  # fmt: skip
            else:
                row.reason, row.last_seen, row.times = reason, now, row.times + 1
        self.session.flush()

    def clear_problems(self, channel_id: int, order_refs: Sequence[str]) -> None:
        """A good copy of these orders arrived: their earlier problems are over."""
        for start in range(0, len(order_refs), 500):
            self.session.execute(delete(SyncProblem).where(SyncProblem.channel_id == channel_id,
                                                           SyncProblem.order_ref.in_(order_refs[start:start + 500])))

    def problems(self, channel_id: int, limit: int = 200) -> list[ProblemRecord]:
        rows = self.session.scalars(select(SyncProblem).where(SyncProblem.channel_id == channel_id)
                                    .order_by(SyncProblem.last_seen.desc()).limit(limit))  # fmt: skip
        return [ProblemRecord(p.order_ref, p.reason, p.first_seen, p.last_seen, p.times) for p in rows]

    def record_success(self, channel_id: int, now: datetime) -> None:
        self.session.execute(update(STATE).where(STATE.c.channel_id == channel_id)
                             .values(last_success_at=now, last_run_at=now, last_error="", error_since=None,
                                     failed_runs=0))  # fmt: skip

    def record_error(self, channel_id: int, message: str, now: datetime) -> None:
        row = self.session.get(SyncState, channel_id)
        if row is not None:
            row.last_error = message
            row.error_since = row.error_since or now
            row.last_run_at = now
            row.failed_runs = (row.failed_runs or 0) + 1
            self.session.flush()
