"""Each channel's ship-by, from its fake gateway's record shape through intake into the database:
the platform's field when readable, else the channel's default, and a bad field never loses the order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.channels import douyin, miniprogram, pinduoduo, taobao
from orderdesk.channels.fakes.douyin_server import sample_order as douyin_order
from orderdesk.channels.fakes.miniprogram_server import sample_order as mp_order
from orderdesk.channels.fakes.pdd_server import sample_order as pdd_order
from orderdesk.channels.fakes.top_server import sample_trade
from orderdesk.domain.model import Channel
from orderdesk.domain.ship_by import PROBLEM_KEY
from orderdesk.services.intake import intake_orders
from orderdesk.services.order_import import import_files
from orderdesk.services.orders import order_detail
from orderdesk.services.ship_by import set_ship_by_default
from tests.helpers.export_files import pdd_csv, pdd_row, taobao_csvs

T = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 Beijing
PAID = T - timedelta(minutes=4)  # the fakes' pay time


def _stored(store, order):  # noqa: ANN001, ANN202
    intake_orders(store.make_uow, [order], actor="system")
    return order_detail(store.make_uow, "system", order.order_no)


def test_pdd_last_ship_time_is_the_deadline(store):
    raw = pdd_order("261201-000000001", updated=T, order_status=1, last_ship_time="2026-12-02 18:30:00")
    d = _stored(store, pinduoduo.parse_order(raw))
    assert d.row.ship_by == datetime(2026, 12, 2, 10, 30, tzinfo=UTC)
    assert d.row.ship_by_source == "platform"


def test_douyin_exp_ship_time_is_the_deadline(store):
    raw = douyin_order("6920000000000000001", updated=T, exp_ship_time=int((T + timedelta(hours=24)).timestamp()))
    d = _stored(store, douyin.parse_shop_order(raw))
    assert d.row.ship_by == T + timedelta(hours=24) and d.row.ship_by_source == "platform"


def test_the_fakes_send_a_48_hour_promise(store):
    for order in (pinduoduo.parse_order(pdd_order("261201-000000002", updated=T, order_status=1)),
                  douyin.parse_shop_order(douyin_order("6920000000000000002", updated=T))):  # fmt: skip
        d = _stored(store, order)
        assert d.row.ship_by == PAID + timedelta(hours=48) and d.row.ship_by_source == "platform"


def test_taobao_is_paid_plus_48_hours_unless_the_listing_says_otherwise(store):
    plain = _stored(store, taobao.parse_trade(sample_trade("3000000001", modified=T)))
    assert plain.row.ship_by == PAID + timedelta(hours=48) and plain.row.ship_by_source == "default"
    trade = sample_trade("3000000002", modified=T)
    trade["orders"]["order"][0]["consign_due_time"] = "2_7"  # 付款后 7 天内发货 (a pre-sale listing)
    listed = _stored(store, taobao.parse_trade(trade))
    assert listed.row.ship_by == PAID + timedelta(days=7) and listed.row.ship_by_source == "platform"


def test_mini_program_uses_the_setting(store):
    first = _stored(store, miniprogram.parse_order(mp_order("WX0001", updated=T)))
    assert first.row.ship_by == first.row.paid_at + timedelta(hours=48)
    set_ship_by_default(store.make_uow, "system", Channel.MINIPROGRAM, 24)
    second = _stored(store, miniprogram.parse_order(mp_order("WX0002", updated=T)))
    assert second.row.ship_by == second.row.paid_at + timedelta(hours=24)


@pytest.mark.parametrize("garbage", ["明天", "2026-13-45 99:00:00", "1999-01-01 00:00:00", {"t": 1}, True])
def test_a_garbage_pdd_deadline_falls_back_and_keeps_the_order(store, garbage):
    raw = pdd_order("261201-000000003", updated=T, order_status=1, last_ship_time=garbage)
    d = _stored(store, pinduoduo.parse_order(raw))
    assert d.row.status == "PAID"  # kept, not dropped to the bad-orders list
    assert d.row.ship_by == PAID + timedelta(hours=48) and d.row.ship_by_source == "default"
    assert "last_ship_time" in d.extras[PROBLEM_KEY] and "默认" in d.extras[PROBLEM_KEY]


@pytest.mark.parametrize("garbage", ["soon", -5, 1.5])
def test_a_garbage_douyin_deadline_falls_back_and_keeps_the_order(store, garbage):
    d = _stored(store, douyin.parse_shop_order(douyin_order("6920000000000000003", updated=T, exp_ship_time=garbage)))
    assert d.row.ship_by == PAID + timedelta(hours=48) and d.row.ship_by_source == "default"
    assert "exp_ship_time" in d.extras[PROBLEM_KEY]


def test_a_missing_deadline_is_the_default_without_a_complaint(store):
    raw = pdd_order("261201-000000004", updated=T, order_status=1)
    del raw["last_ship_time"]
    d = _stored(store, pinduoduo.parse_order(raw))
    assert d.row.ship_by == PAID + timedelta(hours=48) and PROBLEM_KEY not in d.extras


def test_a_garbage_taobao_listing_deadline_falls_back(store):
    trade = sample_trade("3000000003", modified=T)
    trade["orders"]["order"][0]["consign_due_time"] = "9_x"
    d = _stored(store, taobao.parse_trade(trade))
    assert d.row.ship_by == PAID + timedelta(hours=48) and "consign_due_time" in d.extras[PROBLEM_KEY]


def test_a_later_copy_moves_the_deadline(store):
    first = pdd_order("261201-000000005", updated=T, order_status=1)
    _stored(store, pinduoduo.parse_order(first))
    extended = pdd_order("261201-000000005", updated=T + timedelta(minutes=5), order_status=1,
                         last_ship_time="2026-12-05 10:00:00", remark="平台延长发货时间")  # fmt: skip
    d = _stored(store, pinduoduo.parse_order(extended))
    assert d.row.ship_by == datetime(2026, 12, 5, 2, 0, tzinfo=UTC)


# -- export files: the file's 承诺发货时间 when it has one, else the channel's default ----------------

BEIJING_PAID = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # helpers' PAID, 2026-11-20 10:00 Beijing


def test_an_export_file_s_promised_ship_time_is_the_deadline(store, tmp_path):
    rows = [pdd_row("261120-1", 承诺发货时间="2026-11-21 22:00:00"), pdd_row("261120-2", 承诺发货时间="下周"),
            pdd_row("261120-3")]  # fmt: skip
    path = pdd_csv(tmp_path / "pdd.csv", *rows)
    import_files(store.make_uow, "system", [path])
    good, bad, none = (order_detail(store.make_uow, "system", f"PDD261120-{n}") for n in (1, 2, 3))
    assert good.row.ship_by == datetime(2026, 11, 21, 14, 0, tzinfo=UTC) and good.row.ship_by_source == "platform"
    assert bad.row.ship_by == BEIJING_PAID + timedelta(hours=48) and "下周" in bad.extras[PROBLEM_KEY]
    assert none.row.ship_by == BEIJING_PAID + timedelta(hours=48) and PROBLEM_KEY not in none.extras


def test_a_taobao_report_has_no_deadline_column_so_the_channel_default_applies(store, tmp_path):
    set_ship_by_default(store.make_uow, "system", Channel.TAOBAO, 72)
    import_files(store.make_uow, "system", taobao_csvs(tmp_path, "4000000001"))
    d = order_detail(store.make_uow, "system", "TB4000000001")
    assert d.row.ship_by == d.row.paid_at + timedelta(hours=72) and d.row.ship_by_source == "default"
