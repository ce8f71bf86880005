"""Pulling a channel's changed orders into the hub: never a lost or doubled order, even if killed.

Each page is one transaction: its orders are taken in and the channel's cursor moves to the page's
checkpoint together. A crash loses at most the page in flight, which the next run reads again
(intake merges re-delivered orders). A lease lets one station sync a channel at a time; a station
that dies releases it by letting it expire, or at once to a process restarted on the same PC
(sync_owner.py tells a dead holder from a live one). Each run re-reads an overlap before the cursor, so an
order modified at a window edge is not missed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from ..domain.access import Permission
from ..domain.errors import DomainError
from .actors import SYSTEM_USER, now_utc, require_actor
from .allocation import allocate_orders, has_rules
from .channels import ChannelAccess, channel_access
from .intake import IntakeReport, intake_batch
from .sync_owner import holder_is_gone
from .unit_of_work import UowFactory

OVERLAP = timedelta(minutes=5)  # a full sweep re-reads this much before the cursor
QUICK_OVERLAP = timedelta(seconds=30)  # the frequent runs between sweeps re-read only this much
MAX_LOOK_BACK = timedelta(days=90)  # the platforms keep changed-order lists for about three months
LEASE = timedelta(seconds=90)
LEASE_ENV = "ORDERDESK_SYNC_LEASE_SECONDS"  # how long a dead station's claim blocks the others


def lease_period() -> timedelta:
    try:
        return timedelta(seconds=float(os.environ.get(LEASE_ENV, "")))
    except ValueError:
        return LEASE


class Adapter(Protocol):
    def fetch_changed(self, start: datetime, end: datetime): ...  # noqa: ANN201 - Iterator[ChannelPage]


AdapterFactory = Callable[[ChannelAccess], Adapter]


@dataclass
class SyncReport:
    channel: str
    pages: int = 0
    intake: IntakeReport = field(default_factory=IntakeReport)
    problems: list[str] = field(default_factory=list)
    skipped: str = ""  # why nothing ran (another station holds the lease)
    error: str = ""

    def to_json(self) -> dict[str, object]:
        r = self.intake
        return {"channel": self.channel, "pages": self.pages, "created": r.created, "updated": r.updated,
                "unchanged": r.unchanged, "stale": r.stale, "skipped_unpaid": r.skipped_unpaid,
                "problems": self.problems, "skipped": self.skipped, "error": self.error}  # fmt: skip


def sync_channel(make_uow: UowFactory, name: str, adapter_for: AdapterFactory, owner: str,
                 now: Callable[[], datetime] = now_utc, actor: str = SYSTEM_USER,
                 overlap: timedelta = OVERLAP) -> SyncReport:  # fmt: skip
    """One run for one channel: lease, pull [cursor - overlap, now], take pages in, release.

    A background loop polling every second passes QUICK_OVERLAP and every minute or so the full
    OVERLAP, so late-stamped orders are still caught without re-reading five minutes each second.
    """
    report = SyncReport(name)
    with make_uow(write=True) as uow:
        require_actor(uow, actor, Permission.INTAKE_ORDERS)
        record = uow.channels.by_name(name)
        if record is None:
            raise DomainError(f"没有名为 {name} 的渠道", f"No channel called {name}")
        if not _claim(uow, record, owner, now()):
            report.skipped = f"lease held by {record.lease_owner}"
            return report
        uow.commit()
    allocate = has_rules(make_uow)
    try:
        adapter = adapter_for(channel_access(make_uow, name))
        end = now()
        start = max(record.cursor - overlap, end - MAX_LOOK_BACK)
        for page in adapter.fetch_changed(start, end):
            part = _take_page(make_uow, record.id, owner, page, actor, report, now)
            if allocate and part.new_order_nos:
                _allocate(make_uow, actor, part.new_order_nos, report)
        _finish(make_uow, record.id, owner, now(), None)
    except DomainError as exc:
        report.error = exc.reason("zh")
        _finish(make_uow, record.id, owner, now(), exc)
    return report


def _claim(uow, record, owner: str, at: datetime) -> bool:  # noqa: ANN001 - a UnitOfWork, a ChannelRecord
    """Take the lease if free, expired or ours; or at once if its holder was a process of this PC now dead."""
    if uow.channels.acquire_lease(record.id, owner, at, lease_period()):
        return True
    return holder_is_gone(record.lease_owner) and uow.channels.take_over_lease(
        record.id, record.lease_owner, owner, at, lease_period())


def _allocate(make_uow: UowFactory, actor: str, order_nos: list[str], report: SyncReport) -> None:
    """New orders go on to allocation; if that fails they stay PAID and the sync goes on."""
    try:
        allocate_orders(make_uow, actor, order_nos)
    except DomainError as exc:
        report.problems.append(exc.reason("zh"))


def _take_page(make_uow: UowFactory, channel_id: int, owner: str, page, actor: str, report: SyncReport,
               now: Callable[[], datetime]) -> IntakeReport:  # noqa: ANN001 - a ChannelPage
    with make_uow(write=True) as uow:
        if not uow.channels.acquire_lease(channel_id, owner, now(), lease_period()):
            raise DomainError("同步租约已被其他工位接管", "Another station took over this channel's sync")
        part = intake_batch(uow, list(page.orders), actor) if page.orders else IntakeReport()
        problems = [p.reason("zh") for p in page.problems]
        uow.channels.clear_problems(channel_id, [o.platform_order_id for o in page.orders])
        uow.channels.note_problems(channel_id, [(_problem_ref(p), p.reason("zh")) for p in page.problems], now())
        uow.channels.advance(channel_id, page.checkpoint, part.created + part.updated)
        uow.commit()
    report.pages += 1
    report.intake.merge(part)
    report.problems += problems
    return part


def _problem_ref(problem) -> str:  # noqa: ANN001 - an OrderProblem
    """The platform order id, or (a record without one) a digest of what was wrong with it."""
    if problem.platform_order_id:
        return problem.platform_order_id[:128]
    return "?" + hashlib.sha256(problem.reason("en").encode()).hexdigest()[:32]


def _finish(make_uow: UowFactory, channel_id: int, owner: str, at: datetime, error: DomainError | None) -> None:
    with make_uow(write=True) as uow:
        if error is None:
            uow.channels.record_success(channel_id, at)
        else:
            uow.channels.record_error(channel_id, error.reason("zh"), at)
        uow.channels.release_lease(channel_id, owner)
        uow.commit()
