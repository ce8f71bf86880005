"""A simulated week of tracking against the fake Kdniao on a shared simulated clock: ten parcels
packed every day, rounds every 30 minutes. The fake counts the instant queries of each Beijing day:
no day goes over the account's quota, and every parcel the courier delivered is DELIVERED here
within a day of it."""

from __future__ import annotations

import random
from datetime import timedelta

from orderdesk.channels.fakes.kdniao_server import STORIES, FakeKdniaoServer
from orderdesk.channels.kdniao import kdniao_client
from orderdesk.domain.tracking_plan import day_key
from orderdesk.services.orders import order_detail
from orderdesk.services.tracking import track_once
from orderdesk.services.tracking_setup import parcel_scans, setup_tracking, tracking_overview

from tests.helpers.parcels import packed_orders
from tests.helpers.tracking import SimClock

QUOTA, PER_DAY, DAYS = 80, 10, 7
STEP = timedelta(minutes=30)


def test_a_week_of_tracking_keeps_to_the_daily_quota(store, secrets_in_tmp):  # noqa: ANN001
    clock, rng = SimClock(), random.Random(13)
    delivered_at: dict[str, object] = {}  # order no -> when the courier delivered it
    with FakeKdniaoServer(clock=clock.now) as kd:
        setup_tracking(store.make_uow, "system", kd.ebusiness_id, kd.api_key, base_url=kd.url, daily_quota=QUOTA)
        start = clock.now()
        for day in range(DAYS):
            for p in packed_orders(store.make_uow, PER_DAY, first_seq=800_000 + day * 100, seed=day):
                story, speed = rng.choice(["delivered"] * 8 + ["problem", "returned"]), rng.uniform(0.6, 1.4)
                begin = clock.now() + timedelta(hours=rng.uniform(0, 6))
                for waybill, courier in p.waybills:  # a split order's parcels travel alike
                    kd.play(waybill, courier, story, start=begin, speed=speed)
                if story == "delivered":
                    delivered_at[p.order_no] = (begin + STORIES[story][-1].after / speed).replace(microsecond=0)
            while clock.now() < start + timedelta(days=day + 1):
                track_once(store.make_uow, kdniao_client, now=clock.now)
                clock.advance(seconds=STEP.total_seconds())
        while clock.now() < start + timedelta(days=DAYS + 2):  # let the last parcels arrive
            track_once(store.make_uow, kdniao_client, now=clock.now)
            clock.advance(seconds=STEP.total_seconds())
    per_day = dict(sorted(kd.queries_per_day.items()))
    assert max(per_day.values()) <= QUOTA, per_day
    assert sum(per_day.values()) > QUOTA * 3  # the quota was actually used, not idled away
    delays, end = [], clock.now()
    for order_no, when in delivered_at.items():
        if when > end - timedelta(hours=24):
            continue  # delivered too late in the run to ask for it
        d = order_detail(store.make_uow, "system", order_no)
        assert d.row.status == "DELIVERED", (order_no, d.row.status)
        seen = next(e for e in d.events if e.details.get("event") == "DELIVER")
        assert seen.at == when  # the courier's time
        delays.append(_detected(store, order_no) - when)
    assert len(delays) >= PER_DAY * (DAYS - 1) * 0.6 and max(delays) <= timedelta(hours=24), max(delays)
    overview = tracking_overview(store.make_uow, "system", clock.now())
    assert overview.alerts.get("problem", 0) + overview.alerts.get("returned", 0) >= 1
    print(f"\nqueries per day {list(per_day.values())} (quota {QUOTA}); parcels {PER_DAY * DAYS}; "
          f"delivery seen after p50 {sorted(delays)[len(delays) // 2]}, max {max(delays)}; "
          f"today {day_key(clock.now())}")  # fmt: skip


def _detected(store, order_no: str):  # noqa: ANN001, ANN202
    """When we learnt of the delivery: the poll that saw it was the (last delivered) parcel's last."""
    return max(parcel.last_polled_at for parcel, _ in parcel_scans(store.make_uow, "system", order_no))
