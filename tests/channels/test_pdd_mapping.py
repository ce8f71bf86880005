"""PDD order → ChannelOrder mapping and reply/envelope reading, without a server: table-driven
status and refund maps, amounts, receiver, lines, extras, per-order problems, error envelopes.
Every record is hand-written (sample_order), no real buyer data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
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
from orderdesk.channels.fakes.pdd_server import sample_order
from orderdesk.channels.pinduoduo import (
    INCREMENT_GET,
    ONLINE_SEND,
    ORDER_STATES,
    REFUND_STATES,
    map_states,
    orders_in,
    parse_order,
    read_reply,
)
from orderdesk.domain.model import Channel, RefundState, TradeState

T = datetime(2024, 5, 1, 1, 30, tzinfo=UTC)  # 2024-05-01 09:30:00 Beijing
SN = "240501-123456789"


def order(**changes: Any) -> dict[str, Any]:
    base = sample_order(SN, updated=T, lines=[("SKU-A", 2, "19.90"), ("SKU-B", 1, "5.50")],
                        postage="6.00", discount="3.30")  # fmt: skip
    for key, value in changes.items():
        if value is ...:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def names_pdd(err: ChannelError) -> bool:
    return "拼多多" in err.reason("zh") and "Pinduoduo" in err.reason("en")


def envelope(**err: Any) -> bytes:
    return json.dumps({"error_response": {"request_id": "r-1", **err}}, ensure_ascii=False).encode()


# --- status and refund tables ---

STATES = [  # (order_status, refund_status, confirm_status) → (trade, refund)
    (1, 1, 1, TradeState.PAID, RefundState.NONE),
    (1, 2, 1, TradeState.PAID, RefundState.REQUESTED),
    (1, 3, 1, TradeState.PAID, RefundState.REQUESTED),
    (1, 4, 1, TradeState.CLOSED, RefundState.REFUNDED),  # refunded before shipping: closed
    (2, 1, 1, TradeState.SHIPPED, RefundState.NONE),
    (2, 2, 1, TradeState.SHIPPED, RefundState.REQUESTED),
    (2, 4, 1, TradeState.SHIPPED, RefundState.REFUNDED),
    (3, 1, 1, TradeState.COMPLETED, RefundState.NONE),
    (3, 3, 1, TradeState.COMPLETED, RefundState.REQUESTED),
    (3, 4, 1, TradeState.COMPLETED, RefundState.REFUNDED),
    (1, 1, 2, TradeState.CLOSED, RefundState.NONE),  # deal cancelled
    ("1", "1", "1", TradeState.PAID, RefundState.NONE),  # codes as strings
]


@pytest.mark.parametrize(("status", "refund", "confirm", "trade_state", "refund_state"), STATES)
def test_status_and_refund_codes_map_to_ours(status: Any, refund: Any, confirm: Any,
                                             trade_state: TradeState, refund_state: RefundState) -> None:  # fmt: skip
    got = parse_order(order(order_status=status, refund_status=refund, confirm_status=confirm))
    assert (got.trade_state, got.refund_state) == (trade_state, refund_state)
    assert got.extras["platform_status"] == str(status) and got.extras["refund_status"] == str(refund)


def test_the_tables_cover_the_reference_codes() -> None:
    assert set(ORDER_STATES) == {"1", "2", "3"} and set(REFUND_STATES) == {"1", "2", "3", "4"}
    assert map_states("1", "") == (TradeState.PAID, RefundState.NONE)  # missing refund_status


@pytest.mark.parametrize(("field", "value", "words"), [
    ("order_status", 0, "order_status=0"),  # 0 = abnormal in pdd.order.status.get
    ("order_status", 9, "order_status=9"),
    ("order_status", ..., "order_status"),
    ("refund_status", 7, "refund_status=7"),
    ("updated_at", ..., "updated_at"),
    ("updated_at", "2024/05/01 09:30", "updated_at"),
    ("pay_amount", ..., "pay_amount"),
    ("pay_amount", "12元", "pay_amount"),
    ("item_list", [], "item_list"),
    ("item_list", ..., "item_list"),
    ("item_list", "SKU-A", "item_list"),
    ("item_list", [{"goods_count": 1, "goods_price": "1.00"}], "SKU"),
    ("item_list", [{"outer_id": "A", "goods_count": 0, "goods_price": "1.00"}], "goods_count"),
    ("item_list", [{"outer_id": "A", "goods_count": 1}], "goods_price"),
    ("item_list", ["A"], "line 1"),
])  # fmt: skip
def test_a_broken_record_is_a_bad_reply_naming_the_order_and_field(field: str, value: Any, words: str) -> None:
    with pytest.raises(BadReply) as info:
        parse_order(order(**{field: value}))
    err = info.value
    assert err.platform_order_id == SN and SN in err.en and words in err.en and names_pdd(err)


@pytest.mark.parametrize("value", [..., "", 2.4050112e10, "SN 1", {"sn": 1}])
def test_a_record_without_a_readable_order_sn_is_a_bad_reply_without_id(value: Any) -> None:
    with pytest.raises(BadReply) as info:
        parse_order(order(order_sn=value))
    assert info.value.platform_order_id == "" and "order_sn" in info.value.en
    with pytest.raises(BadReply):
        parse_order(["not", "an", "order"])


# --- fields ---


def test_amounts_become_fen_exactly() -> None:
    got = parse_order(order())
    assert (got.total_fen, got.freight_fen, got.discount_fen) == (4800, 600, 330)  # 45.30 - 3.30 + 6.00
    floats = parse_order(order(pay_amount=Decimal("0.29"), postage=Decimal("0.1")))  # as json parse_float gives
    assert (floats.total_fen, floats.freight_fen) == (29, 10)
    assert got.extras["goods_amount"] == "45.30"


def test_order_sn_times_notes_and_lines() -> None:
    got = parse_order(order(buyer_memo="请放快递柜", remark="加急", remark_tag=1), shop_code="PDD-1")
    assert got.channel is Channel.PDD and got.shop_code == "PDD-1"
    assert got.platform_order_id == SN and got.order_no == f"PDD{SN}"
    assert got.modified_at == T and got.paid_at == datetime(2024, 5, 1, 1, 26, tzinfo=UTC)
    assert (got.buyer_note, got.seller_note, got.extras["remark_tag"]) == ("请放快递柜", "加急", "1")
    assert [(ln.sku, ln.quantity, ln.unit_price_fen, ln.paid_fen, ln.platform_line_id, ln.is_gift)
            for ln in got.lines] == [("SKU-A", 2, 1990, 3980, "900000001", False),
                                     ("SKU-B", 1, 550, 550, "900000002", False)]  # fmt: skip
    assert got.lines[0].title == "示例商品 SKU-A（默认）"


def test_sku_falls_back_from_outer_id_and_gifts_are_lines_paid_zero() -> None:
    items = [{"outer_goods_id": "G-1", "sku_id": 7, "goods_count": "1", "goods_price": "9.90", "goods_name": "杯子"}]
    gifts = [{"outer_id": "GIFT-1", "goods_count": 1, "goods_name": "赠品贴纸"}]
    got = parse_order(order(item_list=items, gift_list=gifts))
    assert [(ln.sku, ln.title, ln.paid_fen, ln.is_gift) for ln in got.lines] == [
        ("G-1", "杯子", 990, False), ("GIFT-1", "赠品贴纸", 0, True)]  # fmt: skip


def test_the_receiver_is_kept_masked_or_encrypted_as_delivered_and_the_province_normalised() -> None:
    got = parse_order(order(province="广西", city="南宁市", town="青秀区"))
    r = got.receiver
    assert (r.province, r.province_raw, r.city, r.district, r.street) == ("广西壮族自治区", "广西", "南宁市", "青秀区", "")
    assert (r.name, r.phone, r.detail) == ("李*", "139****5678", "文三路**号")  # the masks, for display
    assert got.extras["receiver_name_cipher"] == "~fakeNAME6789~"  # ciphertexts kept for decryption
    assert got.extras["receiver_phone_cipher"] == "~fakePHONE6789~"
    assert got.extras["address_cipher"] == "~fakeFULLADDR6789~"
    bare = parse_order(order(receiver_name_mask=..., receiver_phone_mask=..., receiver_address_mask=...))
    assert (bare.receiver.name, bare.receiver.phone, bare.receiver.detail) == (
        "~fakeNAME6789~", "~fakePHONE6789~", "~fakeADDR6789~")  # fmt: skip
    unknown = parse_order(order(province="火星"))
    assert unknown.receiver.province is None and unknown.receiver.province_raw == "火星"


def test_extras_carry_risk_tags_and_after_sales() -> None:
    got = parse_order(order(risk_control_status=1, after_sales_status=3, refund_status=2, unknown_key="x",
                            order_tag_list=[{"name": "duoduo_wholesale", "value": 1}, {"name": "x", "value": 0}]))  # fmt: skip
    assert got.extras["risk_control"] == "1" and got.extras["after_sales_status"] == "3"
    assert got.extras["order_tags"] == "duoduo_wholesale"
    assert "risk_control" not in parse_order(order()).extras


# --- replies ---


def test_an_increment_reply_lists_full_orders() -> None:
    body = json.dumps({"order_sn_increment_get_response": {"total_count": 1, "has_next": False,
                                                           "order_sn_list": [order()]}}).encode()  # fmt: skip
    payload = read_reply(INCREMENT_GET, 200, body)
    assert [parse_order(o).platform_order_id for o in orders_in(payload)] == [SN]
    empty = read_reply(INCREMENT_GET, 200, b'{"order_sn_increment_get_response": {"total_count": 0}}')
    assert orders_in(empty) == []
    with pytest.raises(BadReply):
        orders_in({"order_sn_list": {"order_sn": SN}})


def test_json_numbers_are_decimals_not_floats() -> None:
    payload = read_reply(ONLINE_SEND, 200, b'{"logistics_online_send_response": {"x": 0.1}}')
    assert payload["x"] == Decimal("0.1")


ENVELOPES = [
    ({"error_code": 10019, "error_msg": "access_token已过期"}, AuthError, "重新授权", "authorise"),
    ({"error_code": 52101, "error_msg": "限流"}, RateLimited, "限制", "call limit"),
    ({"error_code": 70031, "error_msg": "调用过于频繁"}, RateLimited, "限制", "call limit"),
    ({"error_code": 52102, "error_msg": "暂不可用"}, PlatformError, "不可用", "unavailable"),
    ({"error_code": 52103, "error_msg": "服务不可用"}, PlatformError, "不可用", "unavailable"),
    ({"error_code": 10016, "error_msg": "签名校验失败"}, AuthError, "签名", "signature"),
    ({"error_code": 10099, "error_msg": "invalid sign"}, AuthError, "签名", "signature"),
    ({"error_code": 10015, "error_msg": "时间戳已过期"}, AuthError, "时钟", "clock"),
    ({"error_code": 10011, "error_msg": "client_id 不存在"}, AuthError, "Client ID", "client_id"),
    ({"error_code": 10000, "error_msg": "参数错误"}, RequestRejected, "拒绝", "refused"),
    ({"error_code": 50001, "error_msg": "业务错误"}, RequestRejected, "拒绝", "refused"),
    ({"error_code": 60000, "error_msg": "系统繁忙"}, PlatformError, "稍后", "retry later"),
    ({"error_msg": "no code"}, PlatformError, "稍后", "retry later"),
]


@pytest.mark.parametrize(("err", "cls", "zh", "en"), ENVELOPES, ids=[str(e[0].get("error_code")) for e in ENVELOPES])
def test_error_envelopes_map_to_the_right_error(err: dict, cls: type[ChannelError], zh: str, en: str) -> None:
    with pytest.raises(ChannelError) as info:
        read_reply(INCREMENT_GET, 200, envelope(**err))
    got = info.value
    assert type(got) is cls and names_pdd(got) and zh in got.zh and en in got.en
    assert got.code == str(err.get("error_code", "")) and got.request_id == "r-1"


@pytest.mark.parametrize(("status", "body", "cls"), [
    (500, b"<html>", PlatformError), (502, b"", PlatformError), (429, b"", RateLimited),
    (404, b"not found", RequestRejected), (200, b'{"order_sn_increment_get_response": {"total', BadReply),
    (200, b"[1, 2]", BadReply), (200, b'{"something_else_response": {}}', BadReply),
    (200, "不是 JSON".encode("gbk"), BadReply),
])  # fmt: skip
def test_http_failures_and_unreadable_replies(status: int, body: bytes, cls: type[ChannelError]) -> None:
    with pytest.raises(ChannelError) as info:
        read_reply(INCREMENT_GET, status, body, "http://gw")
    assert type(info.value) is cls and names_pdd(info.value)
