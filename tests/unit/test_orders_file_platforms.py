"""Each platform's export becomes the orders a person sees in the back-end: grouped, joined, in fen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from orderdesk.domain.model import Channel, RefundState, TradeState
from orderdesk.imports.orders_file import Part, parse_files
from tests.helpers.export_files import (
    DOUYIN_HEADER,
    PDD_HEADER,
    TAOBAO_ORDER_HEADER,
    douyin_row,
    pdd_row,
    table,
    taobao_csvs,
    taobao_order_row,
    write_csv,
    write_xlsx,
)

BEIJING = timezone(timedelta(hours=8))


def _by_id(result):  # noqa: ANN001, ANN202
    return {p.order.platform_order_id: p for p in result.orders}


def test_pdd_rows_of_one_order_become_one_order_with_a_line_each(tmp_path):
    rows = table(PDD_HEADER, [
        pdd_row("P1", sku="BASIN-FOLD-32-BLU", qty="2", paid="¥1,234.50", 商品规格="蓝色 32cm"),
        pdd_row("P1", sku="STOR-BOX-L-WHT", qty="1", paid="45.7"),
        pdd_row("P2"),
    ])  # fmt: skip
    result = parse_files([write_csv(tmp_path / "pdd.csv", rows)])
    orders = _by_id(result)
    p1 = orders["P1"]
    assert p1.rows == (2, 3) and p1.part is Part.FULL
    assert [(ln.sku, ln.quantity, ln.paid_fen) for ln in p1.order.lines] == [
        ("BASIN-FOLD-32-BLU", 2, 123450), ("STOR-BOX-L-WHT", 1, 4570)]  # fmt: skip
    assert p1.order.lines[0].title == "折叠洗脸盆（蓝色 32cm）"
    assert p1.order.total_fen == 123450 + 4570
    assert isinstance(p1.order.total_fen, int)
    assert len(orders) == 2


def test_masked_receivers_are_kept_as_delivered(tmp_path):
    rows = table(PDD_HEADER, [pdd_row("P3", 收货人="张*", 手机="138****1234")])
    o = _by_id(parse_files([write_csv(tmp_path / "pdd.csv", rows)]))["P3"].order
    assert (o.receiver.name, o.receiver.phone) == ("张*", "138****1234")


@pytest.mark.parametrize(("status", "after_sale", "trade", "refund"), [
    ("待发货", "无售后或售后取消", TradeState.PAID, RefundState.NONE),
    ("已发货，待签收", "无售后或售后取消", TradeState.SHIPPED, RefundState.NONE),
    ("已签收", "", TradeState.COMPLETED, RefundState.NONE),
    ("待发货", "退款中", TradeState.PAID, RefundState.REQUESTED),
    ("未发货，退款成功", "退款成功", TradeState.CLOSED, RefundState.REFUNDED),
])  # fmt: skip
def test_pdd_status_texts(tmp_path, status, after_sale, trade, refund):
    rows = table(PDD_HEADER, [pdd_row("S1", status=status, 售后状态=after_sale)])
    o = _by_id(parse_files([write_csv(tmp_path / "pdd.csv", rows)]))["S1"].order
    assert (o.trade_state, o.refund_state) == (trade, refund)


def test_unpaid_orders_are_skipped_and_counted(tmp_path):
    rows = table(PDD_HEADER, [pdd_row("U1", status="待支付", 支付时间=""), pdd_row("U2")])
    result = parse_files([write_csv(tmp_path / "pdd.csv", rows)])
    assert list(_by_id(result)) == ["U2"] and result.skipped_unpaid == 1 and result.problems == []


def test_modified_time_is_the_latest_time_in_the_rows(tmp_path):
    rows = table(PDD_HEADER, [pdd_row("T1", status="已发货，待签收", 拼单成功时间="2026-11-20 10:01:00",
                                      发货时间="2026/11/21 8:30")])  # fmt: skip
    o = _by_id(parse_files([write_csv(tmp_path / "pdd.csv", rows)]))["T1"].order
    assert o.paid_at == datetime(2026, 11, 20, 10, 0, tzinfo=BEIJING)
    assert o.modified_at == datetime(2026, 11, 21, 8, 30, tzinfo=BEIJING)


def test_douyin_sub_orders_group_by_main_order(tmp_path):
    rows = table(DOUYIN_HEADER, [
        douyin_row("D1", "D1-1", amount="29.90"),
        douyin_row("D1", "D1-2", sku="STOR-BOX-L-WHT", amount="45.90", 售后状态="售后中"),
        douyin_row("D2", "D2-1", province="新疆"),
    ])  # fmt: skip
    orders = _by_id(parse_files([write_xlsx(tmp_path / "douyin.xlsx", rows)]))
    d1 = orders["D1"].order
    assert d1.channel is Channel.DOUYIN
    assert [(ln.platform_line_id, ln.sku) for ln in d1.lines] == [("D1-1", "BASIN-FOLD-32-BLU"), ("D1-2", "STOR-BOX-L-WHT")]
    assert d1.total_fen == 2990 + 4590 and d1.refund_state is RefundState.REQUESTED
    assert (d1.receiver.province, d1.receiver.city, d1.receiver.detail) == ("江苏省", "南京市", "1号")
    assert orders["D2"].order.receiver.province == "新疆维吾尔自治区"


def _taobao_files(tmp_path):  # noqa: ANN001, ANN202
    return taobao_csvs(tmp_path, "T100")


@pytest.mark.parametrize("reverse", [False, True], ids=["orders-first", "items-first"])
def test_taobao_reports_join_on_the_order_number_in_either_order(tmp_path, reverse):
    files = list(_taobao_files(tmp_path))
    result = parse_files(files[::-1] if reverse else files)
    p = _by_id(result)["T100"]
    assert p.part is Part.FULL and result.problems == []
    assert [(ln.sku, ln.quantity, ln.unit_price_fen) for ln in p.order.lines] == [
        ("BASIN-FOLD-32-BLU", 2, 2200), ("STOR-BOX-L-WHT", 1, 4570)]  # fmt: skip
    assert p.order.total_fen == 8970 and p.order.buyer_ref == "tb_buyer"


def test_taobao_address_is_split_and_the_zip_kept_apart(tmp_path):
    orders, _ = _taobao_files(tmp_path)
    r = _by_id(parse_files([orders]))["T100"].order.receiver
    assert (r.province, r.province_raw, r.city, r.district, r.detail) == ("浙江省", "浙江省", "杭州市", "西湖区", "文三路100号")


def test_taobao_order_report_alone_gets_one_summary_line_without_sku(tmp_path):
    orders, _ = _taobao_files(tmp_path)
    p = _by_id(parse_files([orders]))["T100"]
    assert p.part is Part.HEADER
    assert [(ln.sku, ln.title, ln.quantity, ln.paid_fen) for ln in p.order.lines] == [
        ("", "折叠洗脸盆，加厚收纳箱", 3, 8970)]  # fmt: skip


def test_taobao_item_report_alone_gives_lines_only(tmp_path):
    _, items = _taobao_files(tmp_path)
    p = _by_id(parse_files([items]))["T100"]
    assert p.part is Part.LINES and p.rows == (2, 3)
    assert [ln.sku for ln in p.order.lines] == ["BASIN-FOLD-32-BLU", "STOR-BOX-L-WHT"]


def test_taobao_closed_before_payment_is_not_an_order(tmp_path):
    rows = table(TAOBAO_ORDER_HEADER, [taobao_order_row("T200", status="交易关闭", 订单付款时间="")])
    result = parse_files([write_csv(tmp_path / "orders.csv", rows)])
    assert result.orders == [] and result.skipped_unpaid == 1


def test_an_unrecognised_province_is_kept_with_the_address_as_written(tmp_path):
    rows = table(TAOBAO_ORDER_HEADER, [taobao_order_row("T300", address="火星 奥林匹斯山 1号")])
    r = _by_id(parse_files([write_csv(tmp_path / "orders.csv", rows)]))["T300"].order.receiver
    assert r.province is None and r.province_raw == "火星" and "奥林匹斯山" in r.detail
