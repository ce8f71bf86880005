"""The service desk's one search box, on SQLite and PostgreSQL: every way a buyer identifies
themselves finds every order of theirs across channels and shops, newest first."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from orderdesk.domain.model import Channel
from orderdesk.services.desk import add_note, record_order_ref, search
from orderdesk.services.intake import intake_orders

from tests.helpers.builders import T0, channel_order
from tests.helpers.cli_inproc import run_cli
from tests.helpers.parcels import packed_split_order


def _order(pid: str, channel: Channel, days: int, **kw):  # noqa: ANN202
    o = channel_order(pid, channel=channel, **{k: v for k, v in kw.items() if k in ("phone", "name")})
    return replace(o, paid_at=T0 + timedelta(days=days), modified_at=T0 + timedelta(days=days),
                   buyer_ref=kw.get("buyer_ref", o.buyer_ref))  # fmt: skip


@pytest.fixture
def shop(store):  # noqa: ANN001, ANN201
    """张伟 buys on Taobao and the mini-program with his clear phone, on Pinduoduo and Douyin with a
    masked one; 李娜 shares his phone's last 4 digits on Taobao."""
    intake_orders(store.make_uow, [
        _order("3001001", Channel.TAOBAO, 0, phone="13812345678", buyer_ref="tb_zhangwei88"),
        _order("WX77001", Channel.MINIPROGRAM, 3, phone="13812345678", buyer_ref="oWx-zw"),
        _order("231120-000000001", Channel.PDD, 1, phone="138****5678", name="张*"),
        _order("4900000000000000001", Channel.DOUYIN, 2, phone="138****5678", name="张伟", buyer_ref="dy_open_zw"),
        _order("3001002", Channel.TAOBAO, 4, phone="13912345678", name="李娜", buyer_ref="tb_lina"),
    ], actor="system", allocate=False)  # fmt: skip
    return store


def _nos(result) -> list[str]:  # noqa: ANN001
    return [h.order_no for h in result.hits]


def _by(result) -> dict[str, str]:  # noqa: ANN001
    return {h.order_no: h.found_by for h in result.hits}


def test_a_full_phone_finds_every_channel_newest_first_and_masked_ones_as_likely(shop):
    r = search(shop.make_uow, "system", "138 1234 5678")
    assert r.state == "found"
    assert _nos(r) == ["MPWX77001", "DY4900000000000000001", "PDD231120-000000001", "TB3001001"]
    by = _by(r)
    assert by["TB3001001"] == by["MPWX77001"] == "phone"
    assert by["PDD231120-000000001"] == by["DY4900000000000000001"] == "masked_phone"
    assert [h.to_json()["certain"] for h in r.hits] == [True, False, False, True]
    assert "TB3001002" not in _nos(r)  # another buyer: same tail, other phone


def test_last_four_digits_and_name_find_masked_platform_orders(shop):
    r = search(shop.make_uow, "system", "5678 张伟")
    assert set(_nos(r)) >= {"TB3001001", "PDD231120-000000001", "DY4900000000000000001", "MPWX77001"}
    assert _by(r)["PDD231120-000000001"] == "tail_name"  # 张* matches 张伟
    assert "TB3001002" not in _nos(r)
    assert _nos(search(shop.make_uow, "system", "李娜5678")) == ["TB3001002"]


def test_a_masked_phone_as_the_platform_shows_it(shop):
    r = search(shop.make_uow, "system", "138****5678")
    assert set(_nos(r)) == {"PDD231120-000000001", "DY4900000000000000001"}


def test_order_numbers_with_and_without_our_prefix_bring_the_customers_other_orders(shop):
    for text in ("TB3001001", "3001001", "tb3001001"):
        r = search(shop.make_uow, "system", text)
        assert _by(r)["TB3001001"] == "order_no", text
        assert _by(r)["MPWX77001"] == "same_customer"  # the same phone on another channel
    bare_pdd = search(shop.make_uow, "system", "231120-000000001")
    assert _by(bare_pdd)["PDD231120-000000001"] == "order_no"
    assert _nos(search(shop.make_uow, "system", "4900000000000000001"))[-1] == "DY4900000000000000001"


def test_nickname_and_name(shop):
    assert _by(search(shop.make_uow, "system", "tb_zhangwei88"))["TB3001001"] == "nickname"
    assert _by(search(shop.make_uow, "system", "dy_open_zw"))["DY4900000000000000001"] == "nickname"
    assert _by(search(shop.make_uow, "system", "李娜")) == {"TB3001002": "name"}


def test_too_short_asks_for_more_and_nothing_found_says_what_to_try(shop):
    assert search(shop.make_uow, "system", "5678").state == "too_short"
    assert "姓名" in search(shop.make_uow, "system", "5678").message
    assert search(shop.make_uow, "system", "张").state == "too_short"
    none = search(shop.make_uow, "system", "13700000000")
    assert none.state == "not_found" and "后四位加姓名" in none.message
    english = search(shop.make_uow, "system", "0000 王五", lang="en")
    assert english.state == "not_found" and "ends in 0000 for 王五" in english.message


def test_phones_are_masked_except_the_one_typed(shop):
    typed = search(shop.make_uow, "system", "13812345678")
    assert {h.receiver_phone for h in typed.hits} == {"13812345678", "138****5678"}
    by_name = search(shop.make_uow, "system", "李娜")
    assert by_name.hits[0].receiver_phone == "139****5678"


def test_a_waybill_ours_or_a_returns_finds_the_order(store):
    packed = packed_split_order(store.make_uow)
    waybill = packed.waybills[0][0]
    assert _by(search(store.make_uow, "system", waybill))[packed.order_no] == "waybill"
    with store.make_uow(write=True) as uow:
        record_order_ref(uow, uow.queries.find_id(packed.order_no), "return_waybill", "YT9000000000001")
        uow.commit()
    assert _by(search(store.make_uow, "system", "YT9000000000001"))[packed.order_no] == "return_waybill"


def test_the_newest_orders_story_comes_with_the_results_and_a_note_joins_its_timeline(shop):
    add_note(shop.make_uow, "system", "MPWX77001", "买家来电询问发货时间")
    r = search(shop.make_uow, "system", "13812345678")
    assert r.story.order_no == "MPWX77001"
    assert r.story.story.timeline[-1].text == "备注：买家来电询问发货时间"
    assert r.to_json()["story"]["timeline"][-1]["who"] == "system"


def test_cli_lookup_prints_the_desk_and_refuses_what_it_cannot_search(shop):
    url = str(shop.engine.url)
    found = run_cli("--db", url, "lookup", "5678 张伟", "--now", "2026-11-24T12:00+08:00")
    assert found.code == 0 and "MPWX77001" in found.out and "给买家：您好，您的订单 MPWX77001 " in found.out
    short = run_cli("--db", url, "lookup", "5678")
    assert short.code == 1 and short.out == "" and "请加上收货人姓名" in short.err
    none = run_cli("--db", url, "--lang", "en", "lookup", "13700000000", "--json")
    assert none.code == 1 and json.loads(none.out)["state"] == "not_found"
    assert "last 4 digits with the name" in json.loads(none.out)["message"]


def test_the_story_of_a_packed_split_order_picked_up_by_its_courier(store):
    from datetime import UTC, datetime

    from orderdesk.domain.tracking import CourierState, CourierTrace, TraceEvent
    from orderdesk.services.desk import order_story
    from orderdesk.services.tracking import TrackReport, apply_trace, plan_round

    packed = packed_split_order(store.make_uow)
    now = datetime.now(UTC).replace(microsecond=0)
    plan_round(store.make_uow, now, TrackReport())
    (waybill, courier_code), (other, _c) = packed.waybills
    scans = (TraceEvent(now - timedelta(days=1), "快递员已揽收", CourierState.PICKED_UP),
             TraceEvent(now - timedelta(minutes=5), "到达上海转运中心", CourierState.IN_TRANSIT))
    apply_trace(store.make_uow, CourierTrace(waybill, courier_code, CourierState.IN_TRANSIT, events=scans), now)
    story = order_story(store.make_uow, "system", packed.order_no, now=now).story
    assert story.status_text.startswith("已发货，共 2 个包裹：")
    assert f"{waybill}，昨天" in story.status_text and "到达上海转运中心" in story.status_text
    assert f"{other}，等待快递揽收" in story.status_text
    assert "已分 2 个包裹发货" in story.buyer_text and "仓" not in story.buyer_text
    kinds = [t.kind for t in story.timeline]
    assert {"CREATED", "TRANSITION"} <= set(kinds)  # the pick-up is told at the courier's own time


def test_a_storys_statement_count_is_fixed_however_many_events_it_has(shop):
    from sqlalchemy import event  # noqa: PLC0415

    from orderdesk.services.desk import order_story  # noqa: PLC0415

    def statements(order_no: str) -> int:
        seen: list[str] = []
        listener = lambda *a: seen.append(a[2])  # noqa: E731
        event.listen(shop.engine, "before_cursor_execute", listener)
        try:
            order_story(shop.make_uow, "system", order_no)
        finally:
            event.remove(shop.engine, "before_cursor_execute", listener)
        return len([s for s in seen if s.lstrip().upper().startswith("SELECT")])

    few = statements("MPWX77001")
    for k in range(50):
        add_note(shop.make_uow, "system", "MPWX77001", f"第 {k} 次来电")
    assert statements("MPWX77001") == few <= 6  # the user, the order, its events, parcels and scans
    assert statements("231120-000000001") <= few + 1  # a bare platform number: one more lookup
