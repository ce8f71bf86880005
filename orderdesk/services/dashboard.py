"""The dashboard as use cases: one snapshot of today (queues, orders per hour, packing, alerts) and
what is behind one alert; each reads a few indexed counts in one short transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from ..domain.access import Permission
from .actors import now_utc, require_actor
from .unit_of_work import UowFactory
from .waves import StationHour

UNPACKED_HOURS = 4.0  # "paid but not packed after N hours"
ALERTS = ("unpacked", "ship_by_overdue", "ship_by_due", "sync_failing", "confirm_refused", "low_stock",
          "problem_parcels", "intercepts_not_pulled_back", "unknown_returns")  # fmt: skip
ORDER_ALERTS = frozenset({"unpacked", "ship_by_overdue", "ship_by_due", "confirm_refused", "problem_parcels",
                          "intercepts_not_pulled_back"})  # items are order numbers: the click-through opens one


@dataclass(frozen=True)
class DashboardSnapshot:
    at: datetime
    to_ship: list[tuple[str, str, int]]  # (warehouse, channel, orders)
    today_by_hour: list[int]  # orders paid in each local hour of today (24)
    last_week_by_hour: list[int]  # the same weekday a week ago
    stations: list[StationHour]
    alerts: dict[str, int] = field(default_factory=dict)

    def to_ship_by(self, index: int) -> list[tuple[str, int]]:
        """Totals per warehouse (index 0) or per channel (index 1), largest first."""
        totals: Counter[str] = Counter()
        for row in self.to_ship:
            totals[row[index]] += row[2]
        return totals.most_common()


def dashboard_snapshot(make_uow: UowFactory, actor: str, now: datetime | None = None,
                       unpacked_hours: float = UNPACKED_HOURS, tz: tzinfo | None = None) -> DashboardSnapshot:  # fmt: skip
    """Today in local time (or `tz`): what is left to ship, orders per hour against last week,
    packing per station and hour, and every alert's count."""
    now = now or now_utc()
    local = now.astimezone(tz)
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        to_ship = uow.dashboard.to_ship(day + timedelta(days=1))
        today = _per_hour(uow.dashboard.paid_times(day, day + timedelta(days=1)), local.tzinfo)
        week_ago = day - timedelta(days=7)
        last_week = _per_hour(uow.dashboard.paid_times(week_ago, week_ago + timedelta(days=1)), local.tzinfo)
        stations = [StationHour(s, h, p, r) for s, h, p, r in uow.packing.throughput(day)]
        alerts = uow.dashboard.alert_counts(now, unpacked_hours)
    return DashboardSnapshot(now, sorted(to_ship), today, last_week, stations, alerts)


def _per_hour(times: list[datetime], tz: tzinfo | None) -> list[int]:
    counts = [0] * 24
    for at in times:
        counts[at.astimezone(tz).hour] += 1
    return counts


def alert_items(make_uow: UowFactory, actor: str, alert: str, now: datetime | None = None,
                unpacked_hours: float = UNPACKED_HOURS) -> list[str]:  # fmt: skip
    """The orders (or channels, or SKUs) behind one alert, for the click-through."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.dashboard.alert_items(alert, now or now_utc(), unpacked_hours)


def tours_seen(make_uow: UowFactory, actor: str) -> set[str]:
    with make_uow() as uow:
        who = require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.dashboard.tours_seen(who.id)


def mark_tour(make_uow: UowFactory, actor: str, tour: str, outcome: str) -> None:
    """Remember that the user finished or dismissed a tour: it is not offered again."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.VIEW_ORDERS)
        uow.dashboard.mark_tour(who.id, tour, outcome, now_utc())
        uow.commit()
