"""A simulated clock shared by the fake Kdniao and the tracking rounds, and a round runner."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from orderdesk.channels.kdniao import kdniao_client
from orderdesk.services.tracking import TrackReport, track_once


class SimClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.t = (start or datetime.now(UTC)).replace(microsecond=0)

    def now(self) -> datetime:
        return self.t

    def advance(self, **delta: float) -> datetime:
        self.t += timedelta(**delta)
        return self.t


def rounds_until(make_uow, clock: SimClock, done: Callable[[], bool], step: timedelta = timedelta(minutes=30),
                 limit: timedelta = timedelta(days=5)) -> list[TrackReport]:  # noqa: ANN001
    """Run tracking rounds, `step` apart on the simulated clock, until `done()` (or fail at `limit`)."""
    reports, end = [], clock.now() + limit
    while not done():
        assert clock.now() < end, f"not done after {limit}: {reports[-3:]}"
        reports.append(track_once(make_uow, kdniao_client, now=clock.now))
        clock.advance(seconds=step.total_seconds())
    return reports
