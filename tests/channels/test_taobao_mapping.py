"""TOP trade → ChannelOrder mapping and reply/envelope reading, without a server: table-driven
status and refund maps, amounts, receiver, lines, extras, per-trade problems, hand-written fixtures."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from orderdesk.channels.base import (
    AuthError,
    BadReply,
    ChannelError,
    PlatformError,
    RateLimited,
    RequestRejected,
    yuan_to_fen,
)
from orderdesk.channels.taobao import (
    INCREMENT_GET,
    TRADE_STATES,
    map_refund_state,
    parse_trade,
    read_reply,
    trades_in,
)
from orderdesk.domain.model import Channel, RefundState, TradeState

FIXTURES = Path(__file__).parent / "fixtures" / "taobao"
BEIJING = timezone(timedelta(hours=8))


def fixture_body(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_trades(name: str) -> list[Any]:
    return trades_in(read_reply(INCREMENT_GET, 200, fixture_body(name)))


def trade(**changes: Any) -> dict[str, Any]:
    base = copy.deepcopy(fixture_trades("two_lines.json")[0])
    for key, value in changes.items():
        if value is ...:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def names_taobao(err: ChannelError) -> bool:
    return "淘宝" in err.reason("zh") and "Taobao" in err.reason("en")


# --- status and refund tables ---

STATUS_TABLE = [
    ("WAIT_BUYER_PAY", TradeState.UNPAID),
    ("TRADE_NO_CREATE_PAY", TradeState.UNPAID),
    ("PAY_PENDING", TradeState.UNPAID),
    ("WAIT_PRE_AUTH_CONFIRM", TradeState.UNPAID),
    ("TRADE_CLOSED_BY_TAOBAO", TradeState.UNPAID),
    ("WAIT_SELLER_SEND_GOODS", TradeState.PAID),
    ("SELLER_CONSIGNED_PART", TradeState.PAID),
    ("PAID_FORBID_CONSIGN", TradeState.PAID),
    ("WAIT_BUYER_CONFIRM_GOODS", TradeState.SHIPPED),
    ("TRADE_BUYER_SIGNED", TradeState.SHIPPED),
    ("TRADE_FINISHED", TradeState.COMPLETED),
    ("TRADE_CLOSED", TradeState.CLOSED),
]


def test_the_status_table_covers_every_mapped_status() -> None:
    assert {s for s, _ in STATUS_TABLE} == set(TRADE_STATES)


@pytest.mark.parametrize(("status", "expected"), STATUS_TABLE)
def test_trade_status_maps(status: str, expected: TradeState) -> None:
    order = parse_trade(trade(status=status))
    assert order.trade_state is expected
    assert order.extras["platform_status"] == status


def test_trade_closed_is_refunded_even_when_lines_say_nothing() -> None:
    order = parse_trade(trade(status="TRADE_CLOSED"))
    assert (order.trade_state, order.refund_state) == (TradeState.CLOSED, RefundState.REFUNDED)


REFUND_TABLE = [
    # trade status, line refund_status values, expected
    ("WAIT_SELLER_SEND_GOODS", ["NO_REFUND"], RefundState.NONE),
    ("WAIT_SELLER_SEND_GOODS", [None], RefundState.NONE),
    ("WAIT_SELLER_SEND_GOODS", ["WAIT_SELLER_AGREE"], RefundState.REQUESTED),
    ("WAIT_BUYER_CONFIRM_GOODS", ["WAIT_BUYER_RETURN_GOODS"], RefundState.REQUESTED),
    ("WAIT_BUYER_CONFIRM_GOODS", ["WAIT_SELLER_CONFIRM_GOODS"], RefundState.REQUESTED),
    ("WAIT_SELLER_SEND_GOODS", ["SELLER_REFUSE_BUYER"], RefundState.NONE),
    ("WAIT_SELLER_SEND_GOODS", ["CLOSED"], RefundState.NONE),
    ("WAIT_SELLER_SEND_GOODS", ["SOMETHING_NEW"], RefundState.NONE),
    ("TRADE_FINISHED", ["SUCCESS"], RefundState.REFUNDED),
    ("WAIT_SELLER_SEND_GOODS", ["SUCCESS", "SUCCESS"], RefundState.REFUNDED),
    (
        "WAIT_SELLER_SEND_GOODS",
        ["NO_REFUND", "WAIT_SELLER_AGREE"],
        RefundState.REQUESTED,
    ),  # any line requested
    ("WAIT_SELLER_SEND_GOODS", ["SUCCESS", "WAIT_SELLER_AGREE"], RefundState.REQUESTED),
    ("WAIT_SELLER_SEND_GOODS", ["SUCCESS", "NO_REFUND"], RefundState.REQUESTED),  # partial: a person looks
    ("TRADE_CLOSED", ["NO_REFUND"], RefundState.REFUNDED),
]


@pytest.mark.parametrize(("status", "lines", "expected"), REFUND_TABLE)
def test_refund_state_maps(status: str, lines: list[str | None], expected: RefundState) -> None:
    assert map_refund_state(status, lines) is expected


def test_refund_state_is_read_from_the_lines_of_a_trade() -> None:
    raw = trade()
    raw["orders"]["order"][1]["refund_status"] = "WAIT_SELLER_AGREE"
    assert parse_trade(raw).refund_state is RefundState.REQUESTED
    raw["orders"]["order"][1]["refund_status"] = "SUCCESS"
    order = parse_trade(raw)
    assert order.refund_state is RefundState.REQUESTED
    assert order.extras["refunded_lines"] == "390000000001002"


def test_unknown_status_is_a_problem_naming_the_order() -> None:
    with pytest.raises(BadReply) as info:
        parse_trade(trade(status="TRADE_TELEPORTED"))
    assert info.value.platform_order_id == "3900000000010"
    assert "TRADE_TELEPORTED" in info.value.en and names_taobao(info.value)


# --- fields ---


def test_a_full_trade_maps_every_field() -> None:
    order = parse_trade(fixture_trades("two_lines.json")[0], "TB-SHOP")
    assert order.channel is Channel.TAOBAO and order.shop_code == "TB-SHOP"
    assert order.platform_order_id == "3900000000010" and order.order_no == "TB3900000000010"
    assert order.paid_at == datetime(2024, 5, 1, 9, 1, tzinfo=BEIJING)
    assert order.modified_at == datetime(2024, 5, 1, 1, 5, tzinfo=UTC)
    assert (order.total_fen, order.freight_fen, order.discount_fen) == (12550, 600, 1020)
    assert order.buyer_note == "请用顺丰，谢谢" and order.seller_note == "加送小样"
    assert order.buyer_ref == "AAFfakeuid10"
    first, second = order.lines
    assert (first.sku, first.quantity, first.unit_price_fen, first.paid_fen) == ("SKU-A", 2, 3990, 7357)
    assert (first.platform_line_id, first.title) == ("390000000001001", "示例商品甲")
    assert (second.sku, second.platform_line_id, second.paid_fen) == ("ITEM-D", "390000000001002", 4593)
    assert order.extras == {
        "platform_status": "WAIT_SELLER_SEND_GOODS",
        "oaid": "fake-oaid-10",
        "invoice_title": "示例科技有限公司",
        "invoice_kind": "1",
        "invoice_tax_no": "91000000MA00000000",
        "receiver_zip": "210000",
        "coupon_fee": "5.00",
        "seller_flag": "1",
        "promotions": "店铺优惠券(10.20)",
        "receiver_landline": "025-****8888",
    }


def test_a_chinese_receiver_with_a_short_province_normalises_and_masks_stay() -> None:
    r = parse_trade(fixture_trades("two_lines.json")[0]).receiver
    assert (r.province, r.province_raw) == ("江苏省", "江苏")
    assert (r.city, r.district, r.street, r.detail) == ("南京市", "鼓楼区", "**街道", "**路**号**室")
    assert (r.name, r.phone) == ("王**", "*******4321")


def test_city_comes_from_the_district_when_the_city_is_empty() -> None:
    order = parse_trade(fixture_trades("masked_receiver.json")[0])
    r = order.receiver
    assert (r.province, r.province_raw, r.city, r.district) == ("河南省", "河南", "济源市", "")
    assert order.lines[0].sku == "600000000009"  # neither outer_sku_id nor outer_iid: num_iid as text
    assert order.extras["oaid"] == "fake-oaid-30-ABCDEFG"
    assert order.trade_state is TradeState.SHIPPED


def test_an_unrecognised_province_is_kept_raw_for_review() -> None:
    r = parse_trade(trade(receiver_state="火星")).receiver
    assert (r.province, r.province_raw) == (None, "火星")


def test_sku_falls_back_from_outer_sku_id_to_outer_iid_to_num_iid() -> None:
    raw = trade()
    line = raw["orders"]["order"][0]
    assert parse_trade(raw).lines[0].sku == "SKU-A"
    line["outer_sku_id"] = ""
    assert parse_trade(raw).lines[0].sku == "ITEM-A"
    del line["outer_iid"]
    assert parse_trade(raw).lines[0].sku == "600000000001"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("59.80", 5980), ("59.8", 5980), ("0.01", 1), ("0", 0), ("", 0), (None, 0), (12, 1200),
     (Decimal("200.07"), 20007), ("1,234.50", 123450), (" 3.10 ", 310)],
)  # fmt: skip
def test_yuan_to_fen(value: object, expected: int) -> None:
    assert yuan_to_fen(value) == expected


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", True, "1.2.3"])
def test_yuan_to_fen_refuses_non_amounts(value: object) -> None:
    with pytest.raises(ValueError):
        yuan_to_fen(value)


def test_json_floats_never_become_binary_floats() -> None:
    body = json.dumps(
        {"trades_sold_increment_get_response": {"total_results": 1, "trades": {"trade": [trade()]}}}
    )
    body = body.replace('"payment": "125.50"', '"payment": 125.50')
    order = parse_trade(trades_in(read_reply(INCREMENT_GET, 200, body.encode()))[0])
    assert order.total_fen == 12550


def test_tid_is_always_a_string_and_never_from_a_float() -> None:
    assert parse_trade(trade(tid=3900000000099, tid_str=...)).platform_order_id == "3900000000099"
    assert parse_trade(trade(tid=3900000000099, tid_str="3900000000098")).platform_order_id == "3900000000098"
    with pytest.raises(BadReply, match="tid"):
        parse_trade(trade(tid=Decimal("3.900000000099E+12"), tid_str=...))


def test_unknown_keys_are_ignored_and_optional_ones_may_be_missing() -> None:
    raw = trade(brand_new_field={"x": 1}, buyer_message=..., seller_memo=..., pay_time=..., post_fee=...)
    for k in [k for k in raw if k.startswith("receiver_")]:
        del raw[k]
    order = parse_trade(raw)
    assert (order.buyer_note, order.seller_note, order.paid_at, order.freight_fen) == ("", "", None, 0)
    assert (order.receiver.province, order.receiver.province_raw, order.receiver.name) == (None, "", "")


MISSING = [
    ({"tid": ..., "tid_str": ...}, "", "tid"),
    ({"status": ...}, "3900000000010", "status"),
    ({"modified": ...}, "3900000000010", "modified"),
    ({"modified": "2024/05/01 10:00"}, "3900000000010", "modified"),
    ({"payment": ...}, "3900000000010", "payment"),
    ({"payment": "free"}, "3900000000010", "payment"),
    ({"orders": ...}, "3900000000010", "lines"),
    ({"orders": {"order": []}}, "3900000000010", "lines"),
    ({"orders": "garbage"}, "3900000000010", "orders"),
    ({"pay_time": "yesterday"}, "3900000000010", "pay_time"),
]


@pytest.mark.parametrize(("changes", "tid", "word"), MISSING)
def test_missing_or_bad_required_fields_are_problems_with_the_tid(changes: dict, tid: str, word: str) -> None:
    with pytest.raises(BadReply) as info:
        parse_trade(trade(**changes))
    assert info.value.platform_order_id == tid
    assert word in info.value.en and names_taobao(info.value)
    if tid:
        assert tid in info.value.zh


@pytest.mark.parametrize(
    ("line_changes", "word"),
    [({"num": None}, "quantity"), ({"num": 0}, "quantity"), ({"num": "two"}, "quantity"),
     ({"price": None}, "price"), ({"outer_sku_id": None, "outer_iid": None, "num_iid": None}, "SKU")],
)  # fmt: skip
def test_bad_lines_are_problems(line_changes: dict, word: str) -> None:
    raw = trade()
    line = raw["orders"]["order"][0]
    for k, v in line_changes.items():
        line.pop(k) if v is None else line.__setitem__(k, v)
    with pytest.raises(BadReply, match=word):
        parse_trade(raw)


def test_a_record_that_is_not_an_object_is_a_problem() -> None:
    with pytest.raises(BadReply):
        parse_trade(["not", "a", "trade"])


# --- the fixture replies ---


def test_fixture_empty_page() -> None:
    assert fixture_trades("empty_page.json") == []


def test_fixture_has_next_page_with_an_unpaid_order() -> None:
    payload = read_reply(INCREMENT_GET, 200, fixture_body("has_next_page.json"))
    assert payload["has_next"] is True
    paid, unpaid = (parse_trade(t) for t in trades_in(payload))
    assert (paid.platform_order_id, paid.trade_state) == ("3900000000001", TradeState.PAID)
    assert (unpaid.platform_order_id, unpaid.trade_state, unpaid.paid_at) == (
        "3900000000002",
        TradeState.UNPAID,
        None,
    )
    assert unpaid.lines[0].sku == "ITEM-C" and unpaid.lines[0].quantity == 1


def test_fixture_refunded_closed_order() -> None:
    order = parse_trade(fixture_trades("refunded_closed.json")[0])
    assert (order.trade_state, order.refund_state, order.total_fen) == (
        TradeState.CLOSED,
        RefundState.REFUNDED,
        5980,
    )
    assert "refunded_lines" not in order.extras  # the whole order was refunded


ENVELOPES = [
    ("error_invalid_session.json", AuthError, "27", "session"),
    ("error_invalid_signature.json", AuthError, "25", "signature"),
    ("error_call_limited.json", RateLimited, "7", "call limit"),
    ("error_isp.json", PlatformError, "15", "platform failed"),
    ("error_isv_param.json", RequestRejected, "41", "refused"),
]


@pytest.mark.parametrize(("name", "cls", "code", "words"), ENVELOPES)
def test_error_envelopes(name: str, cls: type[ChannelError], code: str, words: str) -> None:
    with pytest.raises(ChannelError) as info:
        read_reply(INCREMENT_GET, 200, fixture_body(name))
    err = info.value
    assert type(err) is cls and err.code == code and words in err.en and names_taobao(err)
    assert err.request_id.startswith("fake-err")


def test_call_limit_reads_the_ban_length() -> None:
    with pytest.raises(RateLimited) as info:
        read_reply(INCREMENT_GET, 200, fixture_body("error_call_limited.json"))
    assert info.value.retry_after == 12.0


@pytest.mark.parametrize(
    ("status", "body", "cls"),
    [
        (500, b"<html>oops</html>", PlatformError),
        (502, b"", PlatformError),
        (429, b"", RateLimited),
        (404, b"not found", RequestRejected),
        (
            200,
            b'{"trades_sold_increment_get_response": {"total_results": 3, "trades": {"trade": [{"tid": 1',
            BadReply,
        ),
        (200, b"\xff\xfe not utf-8", BadReply),
        (200, b"[1, 2, 3]", BadReply),
        (200, b'{"something_else_response": {}}', BadReply),
        (200, b'{"trades_sold_increment_get_response": "text"}', BadReply),
        (200, b'{"error_response": "text"}', BadReply),
        (200, b'{"error_response": {"code": 999, "msg": "Brand new failure"}}', PlatformError),
        (200, b'{"error_response": {"code": 22, "msg": "Invalid method"}}', RequestRejected),
        (200, b'{"error_response": {"code": 31, "msg": "Invalid timestamp"}}', AuthError),
    ],
)
def test_reply_problems_map_to_error_classes(status: int, body: bytes, cls: type[ChannelError]) -> None:
    with pytest.raises(ChannelError) as info:
        read_reply(INCREMENT_GET, status, body, "http://127.0.0.1:1/router/rest")
    assert type(info.value) is cls and names_taobao(info.value)


def test_a_timestamp_refusal_talks_about_the_clock() -> None:
    with pytest.raises(AuthError) as info:
        read_reply(INCREMENT_GET, 200, b'{"error_response": {"code": 31, "msg": "Invalid timestamp"}}')
    assert "clock" in info.value.en and "时钟" in info.value.zh


def test_retry_flags() -> None:
    assert not AuthError.retryable and not RequestRejected.retryable
    assert RateLimited.retryable and PlatformError.retryable and BadReply.retryable
