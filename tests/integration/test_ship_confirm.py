"""Ship-confirm end to end: packed parcels reach every platform (its fake gateway, signatures
checked) exactly once, through failures, refusals and split orders, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from orderdesk.channels.fakes.top_server import Fault as TopFault
from orderdesk.channels.fakes.pdd_server import Fault as PddFault
from orderdesk.demo.channels import DemoChannels
from orderdesk.domain.model import Channel
from orderdesk.services.courier_codes import courier_mappings, outbox_overview, set_courier_mapping
from tests.helpers.shipping import drain, open_shop, pack, place, sync_all, timeline


@pytest.fixture
def demo(monkeypatch, tmp_path):  # noqa: ANN001
    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    monkeypatch.setenv("ORDERDESK_CONFIRM_RETRY_SECONDS", "0")  # retries due at once: the test drives rounds
    with DemoChannels(seed=3) as channels:
        yield channels


def _server(demo: DemoChannels, channel: Channel):  # noqa: ANN202
    return demo.gateways[channel].server


def _pid(order_no: str) -> str:
    return order_no.removeprefix("TB").removeprefix("PDD").removeprefix("DY").removeprefix("MP")


@pytest.mark.parametrize("channel", list(Channel))
def test_every_channel_confirms_a_packed_parcel_once(store, demo, channel):  # noqa: ANN001
    names = open_shop(store, demo)
    orders = place(demo, channel, 3, 7000)
    sync_all(store, names)
    for order_no in orders:
        pack(store, order_no)
    report = drain(store).run_once()
    assert report.claimed == 3 and report.counts == {"accepted": 3}, report.counts
    server = _server(demo, channel)
    assert {_pid(o): 1 for o in orders} == {k: v for k, v in server.book.accepted.items()}
    assert server.bad_signatures == 0
    for order_no in orders:
        said = timeline(store, order_no)
        assert any("已发送至平台" in t for t in said) and any("平台已确认发货" in t for t in said), said
    assert drain(store).run_once().claimed == 0  # nothing left, nothing sent again
    assert sum(server.book.calls.values()) == 3


@pytest.mark.parametrize("channel", [Channel.TAOBAO, Channel.PDD])
def test_a_platform_failing_ten_times_then_recovering_gets_each_confirmation_once(store, demo, channel):  # noqa: ANN001
    names = open_shop(store, demo)
    orders = place(demo, channel, 4, 7100)
    sync_all(store, names)
    for order_no in orders:
        pack(store, order_no)
    server = _server(demo, channel)
    fault = TopFault.HTTP_500 if channel is Channel.TAOBAO else PddFault.PLATFORM_ERROR
    server.inject(fault, times=10)
    d, rounds = drain(store), 0
    while sum(server.book.accepted.values()) < 4 and rounds < 30:
        d.run_once()
        rounds += 1
    assert dict(server.book.accepted) == {_pid(o): 1 for o in orders}
    d.run_once()
    assert dict(server.book.accepted) == {_pid(o): 1 for o in orders}  # and no call after acceptance
    assert dict(server.book.calls) == {_pid(o): 1 for o in orders}  # the ten failures never reached it
    api = "taobao.logistics.offline.send" if channel is Channel.TAOBAO else "pdd.logistics.online.send"
    assert len([r for r in server.requests if r.api == api]) == 14 and rounds > 1


def test_a_timeout_that_did_ship_is_closed_by_the_platforms_already_shipped(store, demo, monkeypatch):  # noqa: ANN001
    monkeypatch.setenv("ORDERDESK_CHANNEL_TIMEOUT", "0.3")
    names = open_shop(store, demo)
    [order_no] = place(demo, Channel.TAOBAO, 1, 7200)
    sync_all(store, names)
    pack(store, order_no)
    top = _server(demo, Channel.TAOBAO)
    top.inject(TopFault.DELAY, seconds=0.8)  # the platform ships it, but answers after we gave up
    first = drain(store).run_once()
    assert first.counts == {"retry": 1}
    import time
    time.sleep(1.0)
    second = drain(store).run_once()
    assert second.counts == {"already_shipped": 1}
    assert dict(top.book.accepted) == {_pid(order_no): 1} and top.book.calls[_pid(order_no)] == 2
    assert any("已用此运单发货" in t for t in timeline(store, order_no))


@pytest.mark.parametrize("channel", [Channel.TAOBAO, Channel.DOUYIN])
def test_a_split_order_confirms_each_parcel_with_its_own_lines(store, demo, channel):  # noqa: ANN001
    names = open_shop(store, demo)
    [order_no] = place(demo, channel, 1, 7300, split=True)
    sync_all(store, names)
    assert pack(store, order_no) == 2
    report = drain(store).run_once()
    assert report.counts == {"accepted": 2}, report.counts
    server = _server(demo, channel)
    sent = server.shipments
    assert len(sent) == 2 and len({s.get("out_sid") or s.get("logistics_code") for s in sent}) == 2
    if channel is Channel.TAOBAO:
        assert sorted(s["sub_tid"] for s in sent) == sorted(o["oid"] for o in server.trade(_pid(order_no))["orders"]["order"])
        assert server.trade(_pid(order_no))["status"] == "WAIT_BUYER_CONFIRM_GOODS"
    else:
        assert sorted(x for s in sent for x in s["lines"]) == sorted(
            s["order_id"] for s in server.order(_pid(order_no))["sku_order_list"])
        assert server.order(_pid(order_no))["order_status"] == 3


def test_a_split_order_on_a_one_waybill_platform_is_confirmed_once(store, demo):  # noqa: ANN001
    names = open_shop(store, demo)
    [order_no] = place(demo, Channel.PDD, 1, 7400, split=True)
    sync_all(store, names)
    assert pack(store, order_no) == 2
    d = drain(store)
    counts = {}
    for _ in range(3):
        for k, v in d.run_once().counts.items():
            counts[k] = counts.get(k, 0) + v
    assert counts.get("accepted") == 1 and counts.get("covered") == 1, counts
    assert _server(demo, Channel.PDD).book.calls[_pid(order_no)] == 1


def test_a_refund_meanwhile_is_refused_for_good_with_an_alert(store, demo):  # noqa: ANN001
    names = open_shop(store, demo)
    [order_no] = place(demo, Channel.TAOBAO, 1, 7500)
    sync_all(store, names)
    pack(store, order_no)
    top = _server(demo, Channel.TAOBAO)
    trade = top.trade(_pid(order_no))
    for line in trade["orders"]["order"]:
        line["refund_status"] = "WAIT_SELLER_AGREE"
    top.update_trade(_pid(order_no), orders=trade["orders"])
    report = drain(store).run_once()
    assert report.counts == {"refused": 1}
    assert report.refusals[0][1] == "包裹已打包但平台拒绝发货：买家已退款 — 请拦截包裹"
    said = timeline(store, order_no)
    assert any("包裹已打包但平台拒绝发货：买家已退款 — 请拦截包裹" in t for t in said), said
    summary, alerts = outbox_overview(store.make_uow, "system")
    assert [a.order_no for a in alerts] == [order_no] and alerts[0].reason_code == "refunded"
    assert drain(store).run_once().claimed == 0 and top.book.calls[_pid(order_no)] == 1  # stopped


def test_a_missing_courier_mapping_waits_before_anything_is_sent(store, demo):  # noqa: ANN001
    names = open_shop(store, demo, load=(Channel.TAOBAO,))  # Douyin's list not loaded: nothing mapped
    [order_no] = place(demo, Channel.DOUYIN, 1, 7600)
    sync_all(store, names)
    pack(store, order_no)
    report = drain(store).run_once()
    assert report.counts == {"wait": 1}
    dy = _server(demo, Channel.DOUYIN)
    assert sum(dy.book.calls.values()) == 0
    assert any("缺少快递公司" in t for t in timeline(store, order_no))
    summary, _ = outbox_overview(store.make_uow, "system")
    assert [(s.channel, s.waiting, s.failing) for s in summary] == [("douyin", 1, 1)]
    row = next(r for r in courier_mappings(store.make_uow, "system", "douyin") if r.courier_code == "YTO")
    assert row.platform_code == "" and not row.list_loaded
    set_courier_mapping(store.make_uow, "system", "douyin", "YTO", "yuantong")  # the basin leaves Shenzhen by YTO
    assert drain(store).run_once().counts == {"accepted": 1}
    assert dy.shipments[0]["company_code"] == "yuantong"


def test_a_handover_warehouse_confirms_at_handover_not_at_pack(store, demo):  # noqa: ANN001
    from orderdesk.services.courier_codes import set_confirm_moment
    from orderdesk.services.ship_confirm import enqueue_confirmations_for_handover

    names = open_shop(store, demo)
    set_confirm_moment(store.make_uow, "system", "SZ-SHENZHEN", "handover")  # the basin's warehouse
    [order_no] = place(demo, Channel.TAOBAO, 1, 7700)
    sync_all(store, names)
    pack(store, order_no)
    assert drain(store).run_once().claimed == 0  # packed, but not yet handed to the courier
    with store.make_uow(write=True) as uow:
        order_id = uow.orders.get_for_update(order_no).id
        assert enqueue_confirmations_for_handover(uow, order_id) == 1
        assert enqueue_confirmations_for_handover(uow, order_id) == 0  # a second scan adds nothing
        uow.commit()
    assert drain(store).run_once().counts == {"accepted": 1}
    assert dict(_server(demo, Channel.TAOBAO).book.accepted) == {_pid(order_no): 1}
