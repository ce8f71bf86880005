"""The pure side of tracking: Kdniao's DataSign, reading replies, the order's step from its parcels,
and the poll planner's quota arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.channels.kdniao_codec import data_sign, query_payload, read_push, read_query_reply, request_form
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.status import OrderStatus
from orderdesk.domain.tracking import CourierState as C
from orderdesk.domain.tracking import ParcelTrack, TrackingRefusal, order_step
from orderdesk.domain.tracking_plan import PlanInput, PollPolicy, budget_now, plan_polls

NOW = datetime(2026, 11, 25, 4, 0, tzinfo=UTC)  # 12:00 in Beijing: half the quota day is gone


def test_data_sign_is_base64_of_the_lowercase_md5_hex():
    form = request_form("1700001", "test-key", "1002", query_payload("YT1234567890123", "YTO"))
    assert form["RequestData"] == '{"OrderCode":"","ShipperCode":"YTO","LogisticCode":"YT1234567890123","CustomerName":""}'
    assert form["DataSign"] == "OGZjODNjOGFiOWU1YmVhOTlkMjEyMTlkODlkMTA5MWU="  # pinned, computed once with hashlib
    assert data_sign(form["RequestData"], "other-key") != form["DataSign"]


def test_a_reply_is_read_with_beijing_times_and_states():
    reply = {"Success": True, "LogisticCode": "YT1", "ShipperCode": "YTO", "State": "2", "StateEx": "202",
             "Traces": [{"AcceptTime": "2026-11-25 09:30:00", "AcceptStation": "揽收", "Action": "1"}]}
    trace = read_query_reply(reply, "YT1")
    assert trace.state is C.OUT_FOR_DELIVERY
    assert trace.events[0].at == datetime(2026, 11, 25, 1, 30, tzinfo=UTC) and trace.events[0].state is C.PICKED_UP


@pytest.mark.parametrize("reply", [{"Success": True}, {"Success": True, "LogisticCode": "YT1", "State": "9"},
                                   {"Success": True, "LogisticCode": "YT1", "State": "2",
                                    "Traces": [{"AcceptTime": "yesterday"}]}, []])  # fmt: skip
def test_malformed_replies_are_refused_with_a_reason(reply):
    with pytest.raises(TrackingRefusal) as err:
        read_query_reply(reply, "YT1")
    assert err.value.code == "malformed" and "快递鸟" in err.value.zh


def test_a_push_signed_with_another_key_is_refused():
    raw = '{"EBusinessID": "1700001", "Data": []}'
    with pytest.raises(TrackingRefusal) as err:
        read_push({"RequestData": raw, "DataSign": data_sign(raw, "wrong")}, "1700001", "right")
    assert err.value.code == "bad_sign"
    assert read_push({"RequestData": raw, "DataSign": data_sign(raw, "right")}, "1700001", "right") == []


def _parcel(sid: int, picked: datetime | None = None, delivered: datetime | None = None) -> ParcelTrack:
    state = C.DELIVERED if delivered else C.IN_TRANSIT if picked else C.NO_INFO
    return ParcelTrack(sid, 1, f"W{sid}", state, picked_up_at=picked, delivered_at=delivered)


def test_a_split_order_ships_at_its_first_pick_up_and_is_delivered_at_its_last_delivery():
    a, b = NOW, NOW + timedelta(hours=3)
    assert order_step(OrderStatus.PACKED, [_parcel(1), _parcel(2, picked=b)], 2) == (OrderEvent.SHIP, b)
    assert order_step(OrderStatus.SHIPPED, [_parcel(1, a, a + timedelta(days=1)), _parcel(2, b)], 2) is None
    both = [_parcel(1, a, a + timedelta(days=1)), _parcel(2, b, b + timedelta(days=2))]
    assert order_step(OrderStatus.SHIPPED, both, 2) == (OrderEvent.DELIVER, b + timedelta(days=2))
    assert order_step(OrderStatus.SHIPPED, both, 3) is None  # a third parcel has no waybill yet


def test_the_budget_is_spread_over_the_beijing_day():
    assert budget_now(480, 0, NOW) == 240 + 20  # half the day's share plus an hour's worth
    assert budget_now(480, 260, NOW) == 0
    assert budget_now(480, 0, NOW.replace(hour=15, minute=59)) == 480  # 23:59 in Beijing: never more


def test_the_planner_skips_final_parcels_polls_young_ones_more_and_stretches_to_the_quota():
    young = PlanInput(1, C.IN_TRANSIT, NOW - timedelta(hours=5), NOW - timedelta(hours=3), NOW - timedelta(hours=3))
    old = PlanInput(2, C.IN_TRANSIT, NOW - timedelta(days=4), NOW - timedelta(days=4), NOW - timedelta(hours=3))
    done = PlanInput(3, C.DELIVERED, NOW - timedelta(days=2), NOW - timedelta(days=2), NOW - timedelta(hours=9))
    plan = plan_polls([young, old, done], NOW, PollPolicy(500), 0)
    assert 3 not in plan.next_poll and plan.stretch == 1.0
    assert plan.next_poll[1] - young.last_polled_at < plan.next_poll[2] - old.last_polled_at
    assert plan.due == [1]
    crowd = [PlanInput(i, C.IN_TRANSIT, NOW - timedelta(hours=5), NOW - timedelta(hours=4), NOW - timedelta(hours=3))
             for i in range(1000)]  # fmt: skip
    tight = plan_polls(crowd, NOW, PollPolicy(100), used_today=0)
    assert tight.stretch > 100 and len(tight.due) == 0  # 12,000 wished polls a day squeezed into 100
    assert len(plan_polls(crowd, NOW, PollPolicy(100, scale=1 / 1000), used_today=0).due) == budget_now(100, 0, NOW)
