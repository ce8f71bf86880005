"""Parcel tracking rows: which parcels are followed, their journey, the scans, alerts and the day's
query count. Planning reads every open parcel in one statement and writes back in one executemany."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, func, insert, select, type_coerce, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..domain.tracking import AlertKind, CourierState, ParcelTrack, TraceEvent
from ..domain.tracking_plan import PlanInput
from ..services.tracking_ports import AccountRecord, AlertRecord, PollJob, ScanRow, TrackRecord
from .bulk import bulk_insert, bulk_update
from .models import Order, Shipment
from .tracking_models import ParcelTracking, TrackingAccount, TrackingAlert, TrackingEventRow, TrackingUsage

PT, EV, AL = ParcelTracking.__table__, TrackingEventRow.__table__, TrackingAlert.__table__
PROVIDER = "kdniao"
_STATES = {s.value: s for s in CourierState}  # a dict lookup: CourierState(value) costs 10× more


class TrackingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- the account and the day's count ---------------------------------------------------------------

    def account(self) -> AccountRecord | None:
        row = self.session.scalar(select(TrackingAccount).where(TrackingAccount.provider == PROVIDER))
        if row is None:
            return None
        return AccountRecord(row.ebusiness_id, row.base_url, row.daily_quota, row.callback_url, row.updated_at)

    def save_account(self, ebusiness_id: str, base_url: str, daily_quota: int, callback_url: str, now: datetime) -> None:
        values = dict(ebusiness_id=ebusiness_id, base_url=base_url, daily_quota=daily_quota,
                      callback_url=callback_url, updated_at=now)  # fmt: skip
        if self.session.execute(update(TrackingAccount).where(TrackingAccount.provider == PROVIDER)
                                .values(**values)).rowcount == 0:  # fmt: skip
            self.session.execute(insert(TrackingAccount).values(provider=PROVIDER, **values))

    def usage(self, day: str) -> tuple[int, int]:
        """(queries, subscriptions) of the day, the row locked so two stations never overspend."""
        ins = pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        self.session.execute(ins(TrackingUsage).values(day=day, queries=0, subscriptions=0).on_conflict_do_nothing())
        row = self.session.execute(select(TrackingUsage.queries, TrackingUsage.subscriptions)
                                   .where(TrackingUsage.day == day).with_for_update()).one()  # fmt: skip
        return row.queries, row.subscriptions

    def spend(self, day: str, queries: int, subscriptions: int = 0) -> None:
        self.session.execute(update(TrackingUsage).where(TrackingUsage.day == day).values(
            queries=TrackingUsage.queries + queries, subscriptions=TrackingUsage.subscriptions + subscriptions))

    def usage_of(self, day: str) -> int:
        return self.session.scalar(select(TrackingUsage.queries).where(TrackingUsage.day == day)) or 0

    # -- planning --------------------------------------------------------------------------------------

    def start_new(self, now: datetime) -> int:
        """Follow every packed parcel with a waybill that is not followed yet; how many were added."""
        S = Shipment.__table__
        rows = self.session.execute(
            select(S.c.id, S.c.order_id, S.c.waybill_no, S.c.courier_code)
            .outerjoin(PT, PT.c.shipment_id == S.c.id)
            .where(S.c.waybill_no.is_not(None), S.c.status != "ALLOCATED", PT.c.shipment_id.is_(None))).all()  # fmt: skip
        bulk_insert(self.session, PT, [
            {"shipment_id": r.id, "order_id": r.order_id, "waybill_no": r.waybill_no, "courier_code": r.courier_code,
             "state": CourierState.NO_INFO.value, "detail_code": "", "since": now, "last_station": "", "polls": 0,
             "last_error": "", "open": True} for r in rows])  # fmt: skip
        return len(rows)

    def plan_inputs(self) -> tuple[list[PlanInput], dict[int, datetime | None]]:
        """Every open parcel as the planner sees it, and its stored next poll time.

        Only what the plan needs: the subscription as a flag, not its time. On SQLite the times come
        as the stored text and are parsed in C (`fromisoformat`): the generic result processing of
        five datetime columns was most of a 10,000-parcel re-plan."""
        cols = [PT.c.since, PT.c.picked_up_at, PT.c.last_polled_at, PT.c.next_poll_at]
        sqlite = self.session.get_bind().dialect.name == "sqlite"
        times = [type_coerce(c, String) for c in cols] if sqlite else cols
        rows = self.session.execute(select(PT.c.shipment_id, PT.c.state, PT.c.subscribed_at.is_not(None), *times)
                                    .where(PT.c.open.is_(True))).all()  # fmt: skip
        when = _utc_text if sqlite else _utc
        inputs, stored = [], {}
        for sid, state, subscribed, since, picked, polled, next_poll in rows:
            inputs.append(PlanInput(sid, _STATES[state], when(since), when(picked), when(polled), bool(subscribed)))
            stored[sid] = when(next_poll)
        return inputs, stored

    def set_next_polls(self, next_poll: Mapping[int, datetime]) -> None:
        if self.session.get_bind().dialect.name != "sqlite":
            bulk_update(self.session, PT, ["next_poll_at"], ["shipment_id"],
                        [{"next_poll_at": t, "shipment_id": sid} for sid, t in next_poll.items()])  # fmt: skip
        elif next_poll:  # SQLite keeps UTC as text; formatted here once instead of through two processors
            self.session.connection().exec_driver_sql(
                "UPDATE parcel_tracking SET next_poll_at = ? WHERE shipment_id = ?",
                [(_sqlite_text(t), sid) for sid, t in next_poll.items()])  # fmt: skip

    def mark_polled(self, shipment_ids: Sequence[int], now: datetime) -> None:
        if shipment_ids:
            self.session.execute(update(ParcelTracking).where(ParcelTracking.shipment_id.in_(list(shipment_ids)))
                                 .values(last_polled_at=now, polls=ParcelTracking.polls + 1))  # fmt: skip

    def mark_subscribed(self, shipment_id: int, now: datetime) -> None:
        self.session.execute(update(ParcelTracking).where(ParcelTracking.shipment_id == shipment_id)
                             .values(subscribed_at=now))  # fmt: skip

    def jobs(self, shipment_ids: Sequence[int]) -> list[PollJob]:
        """What a query needs per parcel (the phone's last 4 digits for SF)."""
        rows = self.session.execute(select(PT.c.shipment_id, PT.c.waybill_no, PT.c.courier_code, Order.receiver_phone)
                                    .join(Order, Order.id == PT.c.order_id)
                                    .where(PT.c.shipment_id.in_(list(shipment_ids))))  # fmt: skip
        return [PollJob(r.shipment_id, r.waybill_no, r.courier_code, (r.receiver_phone or "")[-4:]) for r in rows]

    # -- applying a trace ------------------------------------------------------------------------------

    def track_by_waybill(self, waybill: str) -> TrackRecord | None:
        row = self.session.execute(select(PT, Order.order_no).join(Order, Order.id == PT.c.order_id)
                                   .where(func.upper(PT.c.waybill_no) == waybill.strip().upper())).first()  # fmt: skip
        return _record(row) if row else None

    def order_parcels(self, order_id: int) -> tuple[list[ParcelTrack], int]:
        """The order's followed parcels, and how many parcels the order has in all."""
        rows = self.session.execute(select(PT, Order.order_no).join(Order, Order.id == PT.c.order_id)
                                    .where(PT.c.order_id == order_id))  # fmt: skip
        count = self.session.scalar(select(func.count()).select_from(Shipment).where(Shipment.order_id == order_id))
        return [_record(r).track for r in rows], int(count or 0)

    def known_digests(self, shipment_id: int) -> set[str]:
        return set(self.session.scalars(select(EV.c.digest).where(EV.c.shipment_id == shipment_id)))

    def add_events(self, shipment_id: int, events: Iterable[TraceEvent], now: datetime) -> None:
        bulk_insert(self.session, EV, [
            {"shipment_id": shipment_id, "at": e.at, "station": e.station, "location": e.location[:64],
             "state": e.state.value if e.state else "", "digest": e.digest, "received_at": now} for e in events])  # fmt: skip

    def save_track(self, track: ParcelTrack, detail_code: str, last_station: str, is_open: bool) -> None:
        self.session.execute(update(ParcelTracking).where(ParcelTracking.shipment_id == track.shipment_id).values(
            state=track.state.value, detail_code=detail_code[:8], last_scan_at=track.last_scan_at,
            last_station=last_station, picked_up_at=track.picked_up_at, delivered_at=track.delivered_at,
            open=is_open, last_error=""))  # fmt: skip

    def set_error(self, shipment_id: int, error: str) -> None:
        self.session.execute(update(ParcelTracking).where(ParcelTracking.shipment_id == shipment_id)
                             .values(last_error=error))  # fmt: skip

    def stale(self, before: datetime) -> list[TrackRecord]:
        """Open parcels with no scan (or none since packing) since `before`, not yet flagged stalled."""
        flagged = select(AL.c.shipment_id).where(AL.c.kind == AlertKind.STALLED.value, AL.c.resolved_at.is_(None),
                                                 AL.c.shipment_id.is_not(None))  # fmt: skip
        rows = self.session.execute(select(PT, Order.order_no).join(Order, Order.id == PT.c.order_id).where(
            PT.c.open.is_(True), func.coalesce(PT.c.last_scan_at, PT.c.since) <= before,
            PT.c.shipment_id.not_in(flagged)))  # fmt: skip
        return [_record(r) for r in rows]

    # -- alerts ----------------------------------------------------------------------------------------

    def add_alert(self, kind: AlertKind, reason: str, now: datetime, shipment_id: int | None = None,
                  order_id: int | None = None, waybill: str = "", **details: Any) -> None:  # fmt: skip
        self.session.execute(insert(TrackingAlert).values(
            kind=kind.value, shipment_id=shipment_id, order_id=order_id, waybill_no=waybill[:40], reason=reason,
            details=details, raised_at=now))  # fmt: skip

    def resolve_alerts(self, shipment_id: int, kind: AlertKind, now: datetime) -> None:
        self.session.execute(update(TrackingAlert).where(
            TrackingAlert.shipment_id == shipment_id, TrackingAlert.kind == kind.value,
            TrackingAlert.resolved_at.is_(None)).values(resolved_at=now))  # fmt: skip

    def alerts(self, open_only: bool = True, limit: int = 200) -> list[AlertRecord]:
        stmt = select(AL, Order.order_no).outerjoin(Order, Order.id == AL.c.order_id)
        if open_only:
            stmt = stmt.where(AL.c.resolved_at.is_(None))
        rows = self.session.execute(stmt.order_by(AL.c.raised_at.desc(), AL.c.id.desc()).limit(limit))
        return [AlertRecord(r.id, AlertKind(r.kind), r.order_no, r.waybill_no, r.reason, dict(r.details or {}),
                            r.raised_at, r.resolved_at) for r in rows]  # fmt: skip

    def alert_counts(self) -> dict[str, int]:
        rows = self.session.execute(select(AL.c.kind, func.count()).where(AL.c.resolved_at.is_(None)).group_by(AL.c.kind))
        return {kind: int(n) for kind, n in rows}

    # -- reads -----------------------------------------------------------------------------------------

    def parcels_of_orders(self, order_ids: Sequence[int]) -> list[TrackRecord]:
        rows = self.session.execute(select(PT, Order.order_no).join(Order, Order.id == PT.c.order_id)
                                    .where(PT.c.order_id.in_(list(order_ids))).order_by(PT.c.shipment_id))  # fmt: skip
        return [_record(r) for r in rows]

    def scans(self, shipment_id: int) -> list[ScanRow]:
        rows = self.session.execute(select(EV.c.at, EV.c.station, EV.c.location, EV.c.state)
                                    .where(EV.c.shipment_id == shipment_id).order_by(EV.c.at, EV.c.id))  # fmt: skip
        return [ScanRow(r.at, r.station, r.location, r.state) for r in rows]

    def open_counts(self) -> dict[str, int]:
        rows = self.session.execute(select(PT.c.state, func.count()).where(PT.c.open.is_(True)).group_by(PT.c.state))
        return {state: int(n) for state, n in rows}


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def _utc_text(value: str | None) -> datetime | None:
    """A time as SQLite keeps it (UTC, no zone: `2026-11-25 12:00:00.000000`), aware."""
    return None if value is None else datetime.fromisoformat(value + "+00:00")  # replace(tzinfo=) is 5× slower


def _sqlite_text(value: datetime) -> str:
    """The text SQLAlchemy's SQLite DATETIME stores for an aware time (kept in UTC, as UTCDateTime does)."""
    return value.astimezone(UTC).isoformat(" ", "microseconds")[:-6]  # without the "+00:00"


def _record(r: Any) -> TrackRecord:
    track = ParcelTrack(r.shipment_id, r.order_id, r.waybill_no, CourierState(r.state), r.last_scan_at,
                        r.picked_up_at, r.delivered_at)  # fmt: skip
    return TrackRecord(track, r.order_no, r.courier_code, r.detail_code, r.last_station, r.since, r.last_polled_at,
                       r.next_poll_at, r.subscribed_at, r.polls, r.last_error, r.open)  # fmt: skip

