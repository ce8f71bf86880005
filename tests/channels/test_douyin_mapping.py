"""抖店 shop order → ChannelOrder mapping and envelope reading, without a server: table-driven status
and after-sale maps, fen amounts, masked/encrypted receiver, sku-order lines, per-order problems."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest

from orderdesk.channels.base import (
    AuthError,
    BadReply,
    ChannelError,
    PlatformError,
    RateLimited,
    RequestRejected,
)
from orderdesk.channels.douyin import (
    SEARCH_LIST,
    line_refund_state,
    orders_in,
    parse_shop_order,
    read_reply,
)
from orderdesk.channels.fakes.douyin_server import sample_order
from orderdesk.domain.model import Channel, RefundState, TradeState

UPDATED = datetime(2024, 5, 1, 1, 31, tzinfo=UTC)
OID = "6920000000000000123"  # 19 digits: beyond a float's exact range


def order(**changes: Any) -> dict[str, Any]:
    base = sample_order(OID, updated=UPDATED, lines=(("SKU-A", 2, 2990), ("SKU-B", 1, 1000)), post_amount=600)
    for key, value in changes.items():
        if value is ...:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def names_douyin(err: ChannelError) -> bool:
    return "抖音" in err.reason("zh") and "Douyin" in err.reason("en")


def body(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


# --- status and refund tables ---


@pytest.mark.parametrize(
    ("status", "paid", "expected"),
    [
        (1, False, TradeState.UNPAID),
        (105, True, TradeState.PAID),
        (2, True, TradeState.PAID),
        (101, True, TradeState.PAID),
        (3, True, TradeState.SHIPPED),
        (5, True, TradeState.COMPLETED),
        (4, True, TradeState.CLOSED),
        (4, False, TradeState.UNPAID),  # cancelled before payment: never taken in
    ],
)
def test_order_status_table(status: int, paid: bool, expected: TradeState) -> None:
    record = order(order_status=status) if paid else order(order_status=status, pay_time=...)
    got = parse_shop_order(record)
    assert got.trade_state is expected
    assert got.extras["platform_status"] == str(status)
    assert (got.paid_at is not None) is paid


def test_a_status_given_as_a_string_of_digits_is_read() -> None:
    assert parse_shop_order(order(order_status="3")).trade_state is TradeState.SHIPPED


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        (None, RefundState.NONE),
        ({"after_sale_status": 0, "after_sale_type": 0, "refund_status": 0}, RefundState.NONE),
        ({"after_sale_status": 6, "after_sale_type": 2, "refund_status": 1}, RefundState.REQUESTED),
        ({"after_sale_status": 7, "after_sale_type": 0}, RefundState.REQUESTED),
        ({"after_sale_status": 11, "after_sale_type": 0}, RefundState.REQUESTED),
        ({"after_sale_status": 6, "after_sale_type": 3}, RefundState.REQUESTED),  # exchange asked
        ({"after_sale_status": 12, "after_sale_type": 1, "refund_status": 3}, RefundState.REFUNDED),
        ({"after_sale_status": 12, "after_sale_type": 2}, RefundState.REFUNDED),
        ({"after_sale_status": 53, "after_sale_type": 0}, RefundState.REFUNDED),
        ({"after_sale_status": 12, "after_sale_type": 3}, RefundState.NONE),  # exchange done
        ({"after_sale_status": 27, "after_sale_type": 0}, RefundState.NONE),  # rejected
        ({"after_sale_status": 28, "after_sale_type": 0, "refund_status": 4}, RefundState.NONE),
        ({"after_sale_status": 51, "after_sale_type": 2}, RefundState.NONE),  # cancelled
        ({"after_sale_status": 29, "after_sale_type": 0}, RefundState.NONE),
        ({"refund_status": 3}, RefundState.REFUNDED),
        ({"refund_status": 1}, RefundState.REQUESTED),
        ({"after_sale_status": 999}, RefundState.REQUESTED),  # unknown: a person looks
    ],
)
def test_after_sale_table(info: dict[str, int] | None, expected: RefundState) -> None:
    assert line_refund_state(info) is expected


def with_after_sale(record: dict[str, Any], *infos: dict[str, int]) -> dict[str, Any]:
    for sku, info in zip(record["sku_order_list"], infos, strict=True):
        sku["after_sale_info"] = info
    return record


NONE = {"after_sale_status": 0, "after_sale_type": 0, "refund_status": 0}
DONE = {"after_sale_status": 12, "after_sale_type": 2, "refund_status": 3}
OPEN = {"after_sale_status": 6, "after_sale_type": 2, "refund_status": 1}


@pytest.mark.parametrize(
    ("infos", "status", "expected"),
    [
        ((NONE, NONE), 2, RefundState.NONE),
        ((OPEN, NONE), 2, RefundState.REQUESTED),
        ((DONE, DONE), 2, RefundState.REFUNDED),
        ((DONE, NONE), 2, RefundState.REQUESTED),  # partly refunded: a person looks
        ((NONE, NONE), 4, RefundState.REFUNDED),  # paid, then cancelled
    ],
)
def test_order_refund_state_from_its_lines(
    infos: tuple[dict[str, int], ...], status: int, expected: RefundState
) -> None:
    got = parse_shop_order(with_after_sale(order(order_status=status), *infos))
    assert got.refund_state is expected


def test_partly_refunded_lines_are_named_in_extras() -> None:
    got = parse_shop_order(with_after_sale(order(), DONE, NONE))
    assert got.extras["refunded_lines"] == got.lines[0].platform_line_id


# --- fields ---


def test_a_full_order_maps_every_field() -> None:
    record = order(buyer_words="请尽快发货", seller_words="送小样", seller_remark_stars=5,
                   promotion_amount=300, doudian_open_id="fake-open-id", exp_ship_time=1714613460)  # fmt: skip
    got = parse_shop_order(record, "DY-SHOP")
    assert (got.channel, got.shop_code, got.platform_order_id) == (Channel.DOUYIN, "DY-SHOP", OID)
    assert got.order_no == f"DY{OID}"
    assert got.modified_at == UPDATED and got.paid_at is not None
    assert (got.total_fen, got.freight_fen, got.discount_fen) == (2990 * 2 + 1000 + 600, 600, 300)
    assert (got.buyer_note, got.seller_note, got.buyer_ref) == ("请尽快发货", "送小样", "fake-open-id")
    assert [(ln.sku, ln.quantity, ln.unit_price_fen, ln.paid_fen) for ln in got.lines] == [
        ("SKU-A", 2, 2990, 5980),
        ("SKU-B", 1, 1000, 1000),
    ]
    assert got.lines[0].title == "示例商品 SKU-A（颜色:红）"
    assert [ln.platform_line_id for ln in got.lines] == [OID[:-2] + "01", OID[:-2] + "02"]
    assert got.extras["seller_flag"] == "5" and got.extras["ship_by"] == "2024-05-02 09:31:00"
    assert got.extras["shop_id"] == "12345"


def test_the_receiver_is_kept_masked_and_the_ciphertexts_are_kept() -> None:
    record = order()
    record["post_addr"]["province"]["name"] = record["mask_post_addr"]["province"]["name"] = "江苏"
    got = parse_shop_order(record, "")
    r = got.receiver
    assert (r.name, r.phone) == ("张*", "138****1234")
    assert (r.province, r.province_raw, r.city, r.district, r.street) == ("江苏省", "江苏", "南京市", "玄武区", "**街道")
    assert r.detail == "**路**号"
    assert got.extras["encrypt_post_receiver"].startswith("#fakeenc#name#")
    assert got.extras["encrypt_post_tel"].startswith("$fakeenc$tel$")
    assert got.extras["encrypt_detail"].startswith("#fakeenc#addr#")


def test_only_ciphertext_is_kept_as_delivered() -> None:
    record = order(mask_post_receiver=..., mask_post_tel=..., mask_post_addr=...)
    r = parse_shop_order(record).receiver
    assert r.name.startswith("#fakeenc#name#") and r.phone.startswith("$fakeenc$tel$")
    assert r.detail.startswith("#fakeenc#addr#") and r.province == "江苏省"


def test_clear_fields_win_when_the_app_gets_them() -> None:
    record = order(post_receiver="王五", post_tel="13900001111")
    record["post_addr"]["detail"] = "中山路 1 号"
    r = parse_shop_order(record).receiver
    assert (r.name, r.phone, r.detail) == ("王五", "13900001111", "中山路 1 号")


def test_an_unknown_province_is_kept_raw_for_review() -> None:
    record = order()
    record["post_addr"]["province"]["name"] = "火星"
    record["mask_post_addr"]["province"]["name"] = "火星"
    r = parse_shop_order(record).receiver
    assert (r.province, r.province_raw) == (None, "火星")


@pytest.mark.parametrize(
    ("sku_fields", "expected"),
    [
        ({"code": "M-1", "out_sku_id": "O-1"}, "M-1"),
        ({"code": "", "out_sku_id": "O-1"}, "O-1"),
        ({"code": "", "out_sku_id": "", "sku_id": 1700000000001}, "1700000000001"),
    ],
)
def test_the_merchant_code_is_the_sku(sku_fields: dict[str, Any], expected: str) -> None:
    record = order()
    record["sku_order_list"][0].update(sku_fields)
    assert parse_shop_order(record).lines[0].sku == expected


def test_ids_stay_exact_strings() -> None:
    record = json.loads(body(order(order_id=int(OID))))
    assert parse_shop_order(record).platform_order_id == OID


# --- problems ---


@pytest.mark.parametrize(
    ("changes", "words", "has_id"),
    [
        ({"order_id": ...}, "order_id", False),
        ({"order_id": 6.92e18}, "order_id", False),
        ({"order_status": 77}, "unknown order status 77", True),
        ({"order_status": ...}, "order_status", True),
        ({"update_time": ...}, "update_time", True),
        ({"update_time": "yesterday"}, "update_time", True),
        ({"pay_amount": ...}, "pay_amount", True),
        ({"pay_amount": "29.90"}, "pay_amount", True),  # yuan where fen belong
        ({"pay_amount": -1}, "pay_amount", True),
        ({"sku_order_list": []}, "no sku orders", True),
        ({"sku_order_list": {"a": 1}}, "sku_order_list", True),
    ],
)
def test_a_broken_record_is_a_bad_reply_naming_douyin_and_the_order(
    changes: dict[str, Any], words: str, has_id: bool
) -> None:
    with pytest.raises(BadReply) as info:
        parse_shop_order(order(**changes))
    assert words in info.value.en and names_douyin(info.value)
    assert info.value.platform_order_id == (OID if has_id else "")


@pytest.mark.parametrize(
    ("sku_changes", "words"),
    [
        ({"code": "", "out_sku_id": "", "sku_id": None}, "no SKU code"),
        ({"item_num": 0}, "item_num"),
        ({"item_num": 1.5}, "item_num"),
        ({"origin_amount": None}, "origin_amount"),
        ({"pay_amount": 12.5}, "pay_amount"),
    ],
)
def test_a_broken_line_is_a_bad_reply(sku_changes: dict[str, Any], words: str) -> None:
    record = order()
    record["sku_order_list"][1].update(sku_changes)
    with pytest.raises(BadReply) as info:
        parse_shop_order(record)
    assert words in info.value.en and "sku order 2" in info.value.en and info.value.platform_order_id == OID


def test_not_an_object() -> None:
    with pytest.raises(BadReply):
        parse_shop_order(["x"])


# --- envelopes ---


def test_new_and_old_style_success_envelopes() -> None:
    data = {"total": 1, "shop_order_list": [order()]}
    new = read_reply(SEARCH_LIST, 200, body({"code": 10000, "msg": "success", "data": data, "log_id": "x"}))
    old = read_reply(SEARCH_LIST, 200, body({"err_no": 0, "message": "success", "data": data}))
    assert orders_in(new) == orders_in(old) == data["shop_order_list"]
    assert read_reply("order.logisticsAdd", 200, body({"code": 10000, "msg": "success", "data": None})) == {}
    assert orders_in({"total": 0}) == []


@pytest.mark.parametrize(
    ("envelope", "kind", "words"),
    [
        ({"code": 30001, "msg": "签名校验失败", "sub_code": "isv.sign-invalid"}, AuthError, "signature"),
        ({"code": 30002, "msg": "access_token 已过期", "sub_code": "isv.access-token-expired"}, AuthError, "access_token"),
        ({"code": 30001, "msg": "时间戳无效", "sub_code": "isv.timestamp-invalid"}, AuthError, "clock"),
        ({"code": 30005, "msg": "?"}, AuthError, "authorisation"),
        ({"code": 50003, "msg": "调用频率超限", "sub_code": "isv.app-call-limited"}, RateLimited, "call limit"),
        ({"code": 20000, "msg": "服务不可用", "sub_code": "isp.service-error"}, PlatformError, "platform failed"),
        ({"code": 40002, "msg": "非法的参数", "sub_code": "isv.parameter-invalid"}, RequestRejected, "refused"),
        ({"err_no": 4, "message": "access_token 不存在"}, AuthError, "access_token"),
        ({"err_no": 99, "message": "系统繁忙"}, PlatformError, "error"),
    ],
)
def test_error_envelopes(envelope: dict[str, Any], kind: type[ChannelError], words: str) -> None:
    with pytest.raises(ChannelError) as info:
        read_reply(SEARCH_LIST, 200, body({**envelope, "log_id": "log-1"}))
    assert type(info.value) is kind and words in info.value.en and names_douyin(info.value)
    assert info.value.request_id == "log-1"


@pytest.mark.parametrize(
    ("status", "raw", "kind"),
    [
        (500, b"<html>", PlatformError),
        (502, b"", PlatformError),
        (429, b"", RateLimited),
        (404, b"not found", RequestRejected),
        (200, b'{"code": 10000, "data": {"total": 3, "shop_order_list": [{"order_id": 69', BadReply),
        (200, b"[1, 2]", BadReply),
        (200, b'{"hello": 1}', BadReply),
        (200, b'{"code": 10000, "data": [1]}', BadReply),
        (200, "非 UTF-8".encode("gbk"), BadReply),
    ],
)
def test_transport_and_shape_failures(status: int, raw: bytes, kind: type[ChannelError]) -> None:
    with pytest.raises(ChannelError) as info:
        read_reply(SEARCH_LIST, status, raw)
    assert type(info.value) is kind and names_douyin(info.value)


def test_json_floats_never_become_binary_floats() -> None:
    data = read_reply(SEARCH_LIST, 200, b'{"code": 10000, "data": {"x": 0.1}}')
    assert str(data["x"]) == "0.1" and not isinstance(data["x"], float)
    assert copy.deepcopy(data) == data
