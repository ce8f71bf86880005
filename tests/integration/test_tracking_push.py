"""Push instead of polling: with a callback URL each parcel is subscribed once, Kdniao's signed
pushes (over real HTTP into the receiver) move the orders, and a push with a bad signature or for a
waybill we do not have is refused, changes nothing, and is kept with its reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from orderdesk.channels.fakes.kdniao_server import FakeKdniaoServer
from orderdesk.channels.kdniao import kdniao_client
from orderdesk.channels.kdniao_codec import data_sign, format_time, read_push
from orderdesk.channels.kdniao_receiver import PushReceiver
from orderdesk.services.orders import order_detail
from orderdesk.services.tracking import receive_push, track_once
from orderdesk.services.tracking_setup import setup_tracking, tracking_alerts

from tests.helpers.parcels import packed_orders
from tests.helpers.tracking import SimClock

H = timedelta(hours=1)


@pytest.fixture
def pushed(store, secrets_in_tmp):  # noqa: ANN001
    """(fake Kdniao, receiver, clock, packed parcels) with push configured and every parcel subscribed."""
    clock = SimClock()
    receiver = PushReceiver(lambda f: receive_push(store.make_uow, f, read_push, clock.now()), "1700001").start()
    with FakeKdniaoServer(clock=clock.now) as kd:
        setup_tracking(store.make_uow, "system", kd.ebusiness_id, kd.api_key, base_url=kd.url, daily_quota=100,
                       callback_url=receiver.url)  # fmt: skip
        parcels = packed_orders(store.make_uow, 2)
        for p in parcels:
            kd.play(*p.waybills[0], "delivered", start=clock.now())
        first = track_once(store.make_uow, kdniao_client, now=clock.now)
        assert first.subscribed == 2 and first.queried == 0
        yield kd, receiver, clock, parcels
    receiver.stop()


def _status(store, order_no):  # noqa: ANN001, ANN202
    return order_detail(store.make_uow, "system", order_no).row.status


def test_pushes_move_orders_and_each_parcel_is_subscribed_once(store, pushed):  # noqa: ANN001
    kd, _, clock, parcels = pushed
    t0 = clock.now()
    for hours in (3, 10, 45):
        clock.t = t0 + hours * H
        assert all(a["Success"] for a in kd.push())
        report = track_once(store.make_uow, kdniao_client, now=clock.now)
        assert report.subscribed == 0  # never twice
    assert sorted(kd.subscriptions) == sorted(p.waybills[0][0] for p in parcels)
    assert kd.queries_per_day.total() == 0  # the push did the work
    for p in parcels:
        d = order_detail(store.make_uow, "system", p.order_no)
        assert d.row.status == "DELIVERED"
        assert next(e.at for e in d.events if e.details.get("event") == "SHIP") == t0 + 2 * H


def test_a_push_with_a_bad_signature_is_refused_changes_nothing_and_is_kept(store, pushed):  # noqa: ANN001
    kd, _, clock, parcels = pushed
    clock.advance(hours=50)
    answers = kd.push(sign_key="not-the-key")
    assert answers and not any(a["Success"] for a in answers)
    assert "签名" in answers[0]["Reason"]
    assert all(_status(store, p.order_no) == "PACKED" for p in parcels)
    [alert] = tracking_alerts(store.make_uow, "system")
    assert alert.kind.value == "bad_push" and "DataSign" in alert.reason and alert.details["code"] == "bad_sign"
    assert parcels[0].waybills[0][0] in alert.details["excerpt"]  # what was refused is kept


def test_a_push_for_an_unknown_waybill_changes_nothing_and_is_kept(store, pushed):  # noqa: ANN001
    kd, receiver, clock, parcels = pushed
    item = {"LogisticCode": "73129999999999", "ShipperCode": "ZTO", "State": "3", "StateEx": "301",
            "Traces": [{"AcceptTime": format_time(datetime.now(UTC)), "AcceptStation": "已签收", "Action": "301"}]}
    raw = f'{{"EBusinessID": "{kd.ebusiness_id}", "Count": "1", "Data": [{_json(item)}]}}'
    reply = httpx.post(receiver.url, data={"RequestData": raw, "DataSign": data_sign(raw, kd.api_key),
                                           "RequestType": "101"}).json()  # fmt: skip
    assert reply["Success"] is True  # the push was genuine; its unknown parcel is set aside
    [alert] = tracking_alerts(store.make_uow, "system")
    assert alert.kind.value == "unknown_waybill" and "73129999999999" in alert.reason
    assert all(_status(store, p.order_no) == "PACKED" for p in parcels)
    garbage = httpx.post(receiver.url, data={"RequestData": "{not json", "DataSign": data_sign("{not json", kd.api_key)}).json()
    assert garbage["Success"] is False and "JSON" in garbage["Reason"]


def _json(obj: object) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False)
