"""The re-plan reads only what the planner needs, and reads it right, on SQLite and PostgreSQL:
times come back aware and exact to the microsecond, a subscription as a flag, the next poll time
written by a round is the one `track show` reads; a round right after rewrites nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from orderdesk.domain.tracking import CourierState
from orderdesk.services.tracking import TrackReport, plan_round
from orderdesk.services.tracking_setup import parcel_scans
from orderdesk.store.tracking_models import ParcelTracking
from tests.helpers.parcels import packed_orders

NOW = datetime(2026, 11, 25, 4, 0, 0, 123456, tzinfo=UTC)


def test_plan_inputs_carry_exact_times_and_the_subscription_as_a_flag(store):  # noqa: ANN001
    first, second = packed_orders(store.make_uow, 2, first_seq=994_000)
    plan_round(store.make_uow, NOW, TrackReport())
    picked = NOW + timedelta(hours=2, microseconds=654321)
    with store.make_uow(write=True) as uow:  # the courier's pick-up, as a reply would have saved it
        ids = sorted(uow.session.scalars(select(ParcelTracking.shipment_id)))  # type: ignore[attr-defined]
        uow.session.execute(update(ParcelTracking).where(ParcelTracking.shipment_id == ids[0]).values(  # type: ignore[attr-defined]
            state=CourierState.IN_TRANSIT.value, picked_up_at=picked))
        uow.tracking.mark_polled([ids[0]], NOW + timedelta(hours=3))
        uow.tracking.mark_subscribed(ids[1], NOW + timedelta(minutes=5))
        uow.commit()
    with store.make_uow() as uow:
        inputs, stored = uow.tracking.plan_inputs()
    by_id = {p.shipment_id: p for p in inputs}
    moving, quiet = by_id[ids[0]], by_id[ids[1]]
    assert moving.state is CourierState.IN_TRANSIT and moving.picked_up_at == picked
    assert moving.last_polled_at == NOW + timedelta(hours=3) and moving.since == NOW
    assert moving.picked_up_at.utcoffset() == timedelta(0) and not moving.subscribed
    assert quiet.subscribed and quiet.picked_up_at is None and quiet.last_polled_at is None
    assert set(stored) == set(by_id) and all(t is not None and t > NOW for t in stored.values())
    del first, second


def test_the_next_poll_a_round_writes_is_what_track_show_reads_and_a_round_after_rewrites_nothing(store):  # noqa: ANN001
    [p] = packed_orders(store.make_uow, 1, first_seq=995_000)
    plan_round(store.make_uow, NOW, TrackReport())
    with store.make_uow() as uow:
        _, stored = uow.tracking.plan_inputs()
    [(record, _scans)] = parcel_scans(store.make_uow, "system", p.order_no)
    assert record.next_poll_at == stored[record.track.shipment_id]
    assert record.next_poll_at.microsecond == stored[record.track.shipment_id].microsecond
    plan_round(store.make_uow, NOW + timedelta(seconds=30), TrackReport())
    [(again, _)] = parcel_scans(store.make_uow, "system", p.order_no)
    assert again.next_poll_at == record.next_poll_at  # moved by less than the tolerance: not rewritten
