"""Tracking through (a fake) Kdniao over real HTTP: the courier's pick-up scan ships the order at the
courier's time, delivery delivers it, problem parcels and stalled ones raise alerts, and replies or
pushes that cannot be trusted change nothing and are kept with their reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from orderdesk.channels.fakes.kdniao_server import FakeKdniaoServer
from orderdesk.channels.kdniao import kdniao_client
from orderdesk.domain.timeline import describe_event
from orderdesk.services.orders import order_detail
from orderdesk.services.tracking import track_once
from orderdesk.services.tracking_setup import parcel_scans, setup_tracking, tracking_alerts, tracking_summaries

from tests.helpers.parcels import packed_orders, packed_split_order
from tests.helpers.tracking import SimClock, rounds_until

H = timedelta(hours=1)


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
def kdniao(store, secrets_in_tmp, clock):  # noqa: ANN001
    with FakeKdniaoServer(clock=clock.now) as kd:
        setup_tracking(store.make_uow, "system", kd.ebusiness_id, kd.api_key, base_url=kd.url, daily_quota=2000)
        yield kd


def _detail(store, order_no):  # noqa: ANN001, ANN202
    return order_detail(store.make_uow, "system", order_no)


def _transition_at(detail, event: str):  # noqa: ANN001, ANN202
    return next(e.at for e in detail.events if e.kind == "TRANSITION" and e.details.get("event") == event)


def test_pick_up_ships_and_delivery_delivers_at_the_couriers_times(store, kdniao, clock):  # noqa: ANN001
    parcels = packed_orders(store.make_uow, 3)
    t0 = clock.now()
    for p in parcels:
        kdniao.play(*p.waybills[0], "delivered", start=t0)
    first = parcels[0].order_no
    rounds_until(store.make_uow, clock, lambda: _detail(store, first).row.status == "SHIPPED")
    shipped = _detail(store, first)
    assert _transition_at(shipped, "SHIP") == t0 + 2 * H  # the pick-up scan's time, not when we asked
    rounds_until(store.make_uow, clock, lambda: all(_detail(store, p.order_no).row.status == "DELIVERED" for p in parcels))
    for p in parcels:
        d = _detail(store, p.order_no)
        assert _transition_at(d, "SHIP") == t0 + 2 * H
        assert _transition_at(d, "DELIVER") == t0 + 44 * H
        lines = [describe_event(e.kind, e.from_status, e.to_status, e.reason, e.details, "zh") for e in d.events]
        assert any("快递揽收" in line and "已揽收" in line for line in lines), lines
        assert any("派件中" in line for line in lines), lines  # an in-transit state on the timeline
        assert any("买家签收" in line and "签收人" in line for line in lines), lines
    [(parcel, scans)] = parcel_scans(store.make_uow, "system", first)
    assert [s.at - t0 for s in scans] == [2 * H, 8 * H, 20 * H, 40 * H, 44 * H]  # every scan kept once
    assert parcel.track.state.value == "DELIVERED" and not parcel.open
    summary = tracking_summaries(store.make_uow, "system", [_detail(store, first).row.id])
    assert "已签收" in next(iter(summary.values())).text("zh")


def test_a_split_order_ships_with_its_first_parcel_and_is_delivered_with_its_last(store, kdniao, clock):  # noqa: ANN001
    split = packed_split_order(store.make_uow)
    (early, early_courier), (late, late_courier) = split.waybills
    t0 = clock.now()
    kdniao.play(early, early_courier, "delivered", start=t0)
    kdniao.play(late, late_courier, "delivered", start=t0 + 10 * H)
    rounds_until(store.make_uow, clock, lambda: _detail(store, split.order_no).row.status == "SHIPPED")
    assert _transition_at(_detail(store, split.order_no), "SHIP") == t0 + 2 * H
    rounds_until(store.make_uow, clock, lambda: _detail(store, split.order_no).row.status == "DELIVERED")
    d = _detail(store, split.order_no)
    assert _transition_at(d, "DELIVER") == t0 + 54 * H  # the second parcel's delivery, not the first's


@pytest.mark.parametrize(("story", "alert", "words"), [
    ("problem", "problem", "问题件"), ("refused", "refused", "拒收"), ("returned", "returned", "退回"),
])  # fmt: skip
def test_problem_parcels_raise_an_alert_on_the_order(store, kdniao, clock, story, alert, words):  # noqa: ANN001
    [p] = packed_orders(store.make_uow, 1)
    kdniao.play(*p.waybills[0], story, start=clock.now())
    rounds_until(store.make_uow, clock, lambda: any(a.kind.value == alert for a in tracking_alerts(store.make_uow, "system")))
    [found] = [a for a in tracking_alerts(store.make_uow, "system") if a.kind.value == alert]
    assert found.order_no == p.order_no and found.waybill == p.waybills[0][0]
    d = _detail(store, p.order_no)
    assert d.row.status == "SHIPPED"  # picked up, never delivered
    lines = [describe_event(e.kind, e.from_status, e.to_status, e.reason, e.details, "zh") for e in d.events]
    assert any(words in line for line in lines), lines


def test_a_parcel_without_a_new_scan_for_48_hours_is_stalled_once(store, kdniao, clock):  # noqa: ANN001
    [p] = packed_orders(store.make_uow, 1)
    t0 = clock.now()
    kdniao.play(*p.waybills[0], "stalled", start=t0)
    stalled = lambda: [a for a in tracking_alerts(store.make_uow, "system") if a.kind.value == "stalled"]  # noqa: E731
    rounds_until(store.make_uow, clock, lambda: bool(stalled()), step=timedelta(hours=2))
    assert clock.now() - (t0 + 8 * H) >= timedelta(hours=48)  # the last scan was at +8 h
    for _ in range(5):
        track_once(store.make_uow, kdniao_client, now=clock.now)
        clock.advance(hours=6)
    assert len(stalled()) == 1
    lines = [describe_event(e.kind, e.from_status, e.to_status, e.reason, e.details, "en")
             for e in _detail(store, p.order_no).events]  # fmt: skip
    assert any("48 hours" in line for line in lines), lines


def test_a_reply_for_another_waybill_changes_nothing_and_is_kept(store, kdniao, clock):  # noqa: ANN001
    [p] = packed_orders(store.make_uow, 1)
    kdniao.play(*p.waybills[0], "delivered", start=clock.now() - 50 * H)  # all scans already there
    kdniao.inject("other_waybill", times=1)
    kdniao.inject("malformed", times=1)
    kinds = lambda: {a.kind.value: a for a in tracking_alerts(store.make_uow, "system")}  # noqa: E731
    rounds_until(store.make_uow, clock, lambda: {"unknown_waybill", "bad_reply"} <= kinds().keys())
    d = _detail(store, p.order_no)
    assert d.row.status == "PACKED"
    assert not [e for e in d.events if e.kind == "TRACKING"]
    kinds = kinds()
    assert p.waybills[0][0] + "9" in kinds["unknown_waybill"].reason
    [(parcel, scans)] = parcel_scans(store.make_uow, "system", p.order_no)
    assert scans == [] and parcel.last_error  # the reason is on the parcel too
    rounds_until(store.make_uow, clock, lambda: _detail(store, p.order_no).row.status == "DELIVERED")
