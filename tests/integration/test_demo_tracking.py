"""In the demo, orders packed at start are picked up and delivered by the demo's fake Kdniao within a
few minutes, through the same tracking rounds the app's sync thread runs (its demo pace)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from orderdesk.channels.kdniao import kdniao_client
from orderdesk.demo.seed import seed_demo
from orderdesk.demo.tracking import DemoTracking, pack_demo_parcels
from orderdesk.services.orders import order_detail
from orderdesk.services.tracking import track_once

from tests.helpers.tracking import SimClock


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_demo_parcels_are_shipped_and_delivered_within_minutes(store, secrets_in_tmp):  # noqa: ANN001
    clock = SimClock()
    tracking = DemoTracking(clock=clock.now).start()
    try:
        seed_demo(store.make_uow, 60, with_rules=True)
        tracking.register(store.make_uow)
        packed = pack_demo_parcels(store.make_uow, 4)
        assert len(packed) == 4
        start, statuses = clock.now(), {}
        while clock.now() - start < timedelta(minutes=6):
            track_once(store.make_uow, kdniao_client, now=clock.now, scale=tracking.scale)
            statuses = {n: order_detail(store.make_uow, "system", n).row.status for n in packed}
            if set(statuses.values()) == {"DELIVERED"}:
                break
            clock.advance(seconds=tracking.every.total_seconds())
        assert set(statuses.values()) == {"DELIVERED"}, statuses
        assert clock.now() - start >= timedelta(minutes=2)  # the journey is watched, not skipped
    finally:
        tracking.stop()
