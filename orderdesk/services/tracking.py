"""Tracking as use cases, one transaction each: plan a round (spending the quota up front), apply one
courier reply, apply one push, flag stalled parcels. `track_once` strings them together; the
network calls happen between transactions, never inside one.

A reply or push that cannot be applied (malformed, another waybill, a bad signature) changes no
parcel and no order; its reason is kept as a tracking alert.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..domain.access import Permission
from ..domain.events import EventKind, OrderEventRecord
from ..domain.lifecycle import transition
from ..domain.status import OrderStatus
from ..domain.tracking import FINAL, STALL_AFTER, AlertKind, CourierTrace, TrackingRefusal, merge_trace, order_step
from ..domain.tracking_plan import PollPolicy, day_key, plan_polls
from .actors import Actor, SYSTEM_USER, now_utc, require_actor
from .tracking_ports import ClientFactory, PollJob, PushReader, TrackRecord
from .tracking_setup import StoreFactory, default_secret_store, tracking_access
from .unit_of_work import UnitOfWork, UowFactory

Clock = Callable[[], datetime]
REPLAN_TOLERANCE = timedelta(minutes=1)  # a next-poll time that moved less is not rewritten …
REPLAN_SHARE = 0.02  # … nor one that moved less than 2 % of the time still to wait (stretched plans drift)


@dataclass
class TrackReport:
    """What one round did, for the CLI, the status bar and the tests."""

    started: int = 0  # parcels newly followed
    queried: int = 0
    failed: int = 0
    subscribed: int = 0
    budget: int = 0
    used_today: int = 0
    quota: int = 0
    stretch: float = 1.0
    shipped: list[str] = field(default_factory=list)
    delivered: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return dict(vars(self))


@dataclass(frozen=True)
class Round:
    jobs: list[PollJob]
    subscribe: list[PollJob]
    callback_url: str


def plan_round(make_uow: UowFactory, now: datetime, report: TrackReport, scale: float = 1.0) -> Round:
    """Follow newly packed parcels, re-plan every open one, and take (and count) today's due queries."""
    with make_uow(write=True) as uow:
        account = uow.tracking.account()
        report.started = uow.tracking.start_new(now)
        day = day_key(now)
        used, _ = uow.tracking.usage(day)
        inputs, stored = uow.tracking.plan_inputs()
        policy = PollPolicy(account.daily_quota if account else 0, bool(account and account.callback_url), scale)
        plan = plan_polls(inputs, now, policy, used)
        uow.tracking.set_next_polls({sid: t for sid, t in plan.next_poll.items() if _moved(stored.get(sid), t, now)})
        uow.tracking.mark_polled(plan.due, now)
        uow.tracking.spend(day, len(plan.due), len(plan.to_subscribe))
        jobs, subscribe = uow.tracking.jobs(plan.due), uow.tracking.jobs(plan.to_subscribe)
        uow.commit()
    report.budget, report.used_today, report.quota, report.stretch = plan.budget, used + len(jobs), policy.daily_quota, plan.stretch
    return Round(jobs, subscribe, account.callback_url if account else "")


def _moved(stored: datetime | None, planned: datetime, now: datetime) -> bool:
    """Worth writing: new, or moved by more than a minute and 2 % of the wait. The stored time is
    for people (`track show`); every round plans from scratch, so a small drift changes nothing."""
    if stored is None:
        return True
    return abs(stored - planned) > max(REPLAN_TOLERANCE, abs(planned - now) * REPLAN_SHARE)


def apply_trace(make_uow: UowFactory, trace: CourierTrace, now: datetime, report: TrackReport | None = None) -> None:
    """Apply one courier reply: scans kept, the parcel's state, alerts, and the order's step."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, SYSTEM_USER, Permission.SHIP_ORDERS)
        _apply(uow, who, trace, now, report or TrackReport(), "query")
        uow.commit()


def receive_push(make_uow: UowFactory, fields: Mapping[str, str], read_push: PushReader, now: datetime,
                 store_for: StoreFactory = default_secret_store) -> tuple[bool, str]:  # fmt: skip
    """Apply a Kdniao push in one transaction; a refused one changes nothing and is kept as an alert.

    Returns (accepted, reason): the receiver answers Kdniao with it."""
    access = tracking_access(make_uow, store_for)
    try:
        traces = read_push(fields, access.ebusiness_id, access.api_key)
    except TrackingRefusal as exc:
        _keep_refusal(make_uow, AlertKind.BAD_PUSH, exc, now, excerpt=fields.get("RequestData", "")[:4000])
        return False, exc.reason("zh")
    with make_uow(write=True) as uow:
        who = require_actor(uow, SYSTEM_USER, Permission.SHIP_ORDERS)
        report = TrackReport()
        for trace in traces:
            _apply(uow, who, trace, now, report, "push")
        uow.commit()
    return True, ""


def record_failure(make_uow: UowFactory, job: PollJob, exc: TrackingRefusal, now: datetime) -> None:
    """A query that failed: the reason on the parcel; an unreadable or wrong reply is also an alert."""
    with make_uow(write=True) as uow:
        uow.tracking.set_error(job.shipment_id, _both(exc))
        if exc.code in ("malformed", "unknown_waybill"):
            kind = AlertKind.UNKNOWN_WAYBILL if exc.code == "unknown_waybill" else AlertKind.BAD_REPLY
            uow.tracking.add_alert(kind, _both(exc), now, job.shipment_id, waybill=job.waybill)
        uow.commit()


def flag_stalled(make_uow: UowFactory, now: datetime, report: TrackReport | None = None) -> int:
    """Raise a "stalled" alert (once) for each open parcel with no new scan for 48 hours."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, SYSTEM_USER, Permission.SHIP_ORDERS)
        stale = uow.tracking.stale(now - STALL_AFTER)
        for rec in stale:
            _alert(uow, who, rec, AlertKind.STALLED, now, rec.track.last_scan_at or rec.since)
            if report is not None:
                report.alerts.append(f"{rec.order_no}:{AlertKind.STALLED.value}")
        uow.commit()
        return len(stale)


def track_once(make_uow: UowFactory, client_for: ClientFactory, now: Clock = now_utc, scale: float = 1.0,
               store_for: StoreFactory = default_secret_store) -> TrackReport:  # fmt: skip
    """One round: stalled parcels flagged, due parcels queried within the quota, subscriptions sent."""
    access = tracking_access(make_uow, store_for)
    report = TrackReport()
    flag_stalled(make_uow, now(), report)
    todo = plan_round(make_uow, now(), report, scale)
    if not todo.jobs and not todo.subscribe:
        return report
    client = client_for(access)
    try:
        for job in todo.jobs:
            _query(make_uow, client, job, now, report)
        for job in todo.subscribe:
            _subscribe(make_uow, client, job, todo.callback_url, now, report)
    finally:
        client.close()
    return report


def _query(make_uow: UowFactory, client, job: PollJob, now: Clock, report: TrackReport) -> None:  # noqa: ANN001
    try:
        trace = client.query(job.waybill, job.courier_code, job.phone_tail if job.courier_code == "SF" else "")
        report.queried += 1
        apply_trace(make_uow, trace, now(), report)
    except TrackingRefusal as exc:
        report.failed += 1
        report.errors.append(f"{job.waybill}: {exc.reason('en')}")
        record_failure(make_uow, job, exc, now())


def _subscribe(make_uow: UowFactory, client, job: PollJob, url: str, now: Clock, report: TrackReport) -> None:  # noqa: ANN001
    try:
        client.subscribe(job.waybill, job.courier_code, url, job.phone_tail if job.courier_code == "SF" else "")
    except TrackingRefusal as exc:
        report.errors.append(f"{job.waybill}: {exc.reason('en')}")
        record_failure(make_uow, job, exc, now())
        return
    with make_uow(write=True) as uow:
        uow.tracking.mark_subscribed(job.shipment_id, now())
        uow.commit()
    report.subscribed += 1


# -- inside a transaction ------------------------------------------------------------------------------


def _apply(uow: UnitOfWork, who: Actor, trace: CourierTrace, now: datetime, report: TrackReport, source: str) -> None:
    rec = uow.tracking.track_by_waybill(trace.waybill)
    if rec is None:
        reason = f"未知运单号 {trace.waybill}，未做任何更改 / Unknown waybill {trace.waybill}; nothing was changed"
        uow.tracking.add_alert(AlertKind.UNKNOWN_WAYBILL, reason, now, waybill=trace.waybill, source=source)
        report.alerts.append(f"{trace.waybill}:{AlertKind.UNKNOWN_WAYBILL.value}")
        return
    update = merge_trace(rec.track, trace, uow.tracking.known_digests(rec.track.shipment_id))
    uow.tracking.add_events(rec.track.shipment_id, update.new_events, now)
    last = max(trace.events, key=lambda e: e.at) if trace.events else None
    station = last.station if last else rec.last_station
    uow.tracking.save_track(update.track, trace.detail_code, station, update.track.state not in FINAL)
    if update.new_events:
        uow.tracking.resolve_alerts(rec.track.shipment_id, AlertKind.STALLED, now)
    moved = _step_order(uow, who, rec, station, now, report)
    if update.state_changed and not moved and not update.alerts:
        _timeline(uow, who, rec, update.track.last_scan_at or now, update.track.state.value, station)
    for kind in update.alerts:
        _alert(uow, who, rec, kind, now, update.track.last_scan_at or now, station)
        report.alerts.append(f"{rec.order_no}:{kind.value}")


def _step_order(uow: UnitOfWork, who: Actor, rec: TrackRecord, station: str, now: datetime,
                report: TrackReport) -> bool:  # fmt: skip
    """Move the order as far as its parcels allow (shipped, then delivered); whether it moved."""
    moved = False
    while True:
        stored = uow.orders.get_for_update(rec.order_no)
        parcels, count = uow.tracking.order_parcels(rec.track.order_id)
        step = order_step(OrderStatus(stored.state.status), parcels, count) if stored else None
        if stored is None or step is None:
            return moved
        event, at = step
        move = transition(stored.state.status, event, stored.state.resume_status)
        uow.orders.set_status(stored.id, stored.version, move.to_status, move.resume_status, now)
        uow.orders.append_events([OrderEventRecord(
            stored.id, at, who.id, EventKind.TRANSITION, move.from_status.value, move.to_status.value, reason=station,
            details={"event": event.value, "waybill": rec.track.waybill, "courier": rec.courier_code})])  # fmt: skip
        (report.shipped if move.to_status is OrderStatus.SHIPPED else report.delivered).append(rec.order_no)
        moved = True


def _timeline(uow: UnitOfWork, who: Actor, rec: TrackRecord, at: datetime, state: str, station: str,
              alert: str = "") -> None:  # fmt: skip
    details = {"waybill": rec.track.waybill, "courier": rec.courier_code, "state": state} | ({"alert": alert} if alert else {})
    uow.orders.append_events([OrderEventRecord(rec.track.order_id, at, who.id, EventKind.TRACKING, reason=station,
                                               details=details)])  # fmt: skip


def _alert(uow: UnitOfWork, who: Actor, rec: TrackRecord, kind: AlertKind, now: datetime, at: datetime,
           station: str = "") -> None:  # fmt: skip
    reason = f"{kind.label('zh')}：运单 {rec.track.waybill} / {kind.label('en')}: waybill {rec.track.waybill}"
    uow.tracking.add_alert(kind, reason, now, rec.track.shipment_id, rec.track.order_id, rec.track.waybill,
                           station=station)  # fmt: skip
    _timeline(uow, who, rec, at if kind is not AlertKind.STALLED else now, rec.track.state.value, station, kind.value)


def _keep_refusal(make_uow: UowFactory, kind: AlertKind, exc: TrackingRefusal, now: datetime, **details: object) -> None:
    with make_uow(write=True) as uow:
        uow.tracking.add_alert(kind, _both(exc), now, code=exc.code, **details)
        uow.commit()


def _both(exc: TrackingRefusal) -> str:
    return f"{exc.zh} / {exc.en}"
