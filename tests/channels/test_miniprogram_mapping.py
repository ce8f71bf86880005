"""Mini-program order objects → ChannelOrder: statuses, refunds, clear phones, provinces, fen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from orderdesk.channels.base import BadReply
from orderdesk.channels.fakes.miniprogram_server import sample_order
from orderdesk.channels.miniprogram import format_time, map_states, parse_order, parse_time
from orderdesk.domain.model import Channel, RefundState, TradeState, customer_key

T = datetime(2024, 5, 1, 2, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "refund", "trade", "refund_state"),
    [
        ("unpaid", "none", TradeState.UNPAID, RefundState.NONE),
        ("paid", "none", TradeState.PAID, RefundState.NONE),
        ("paid", "", TradeState.PAID, RefundState.NONE),
        ("paid", "requested", TradeState.PAID, RefundState.REQUESTED),
        ("paid", "refunding", TradeState.PAID, RefundState.REQUESTED),
        ("paid", "refunded", TradeState.CLOSED, RefundState.REFUNDED),
        ("shipped", "none", TradeState.SHIPPED, RefundState.NONE),
        ("shipped", "refunded", TradeState.SHIPPED, RefundState.REFUNDED),
        ("completed", "none", TradeState.COMPLETED, RefundState.NONE),
        ("closed", "none", TradeState.CLOSED, RefundState.NONE),
        ("cancelled", "none", TradeState.CLOSED, RefundState.NONE),
    ],
)
def test_status_table(status: str, refund: str, trade: TradeState, refund_state: RefundState) -> None:
    assert map_states(status, refund) == (trade, refund_state)
    order = parse_order(sample_order("MP240501000001", updated=T, status=status, refund_status=refund))
    assert (order.trade_state, order.refund_state) == (trade, refund_state)


def test_a_full_order_maps_with_clear_phone_province_and_fen() -> None:
    raw = sample_order("MP240501000002", updated=T, lines=(("SKU-A", 2, 1990), ("SKU-B", 1, 500)), freight_fen=800,
                       province="浙江", buyer_note="放门口")
    order = parse_order(raw, "MP-SHOP")
    assert order.channel is Channel.MINIPROGRAM and order.order_no == "MPMP240501000002"
    assert order.shop_code == "MP-SHOP" and order.modified_at == T
    assert order.receiver.phone == "13800001234" and order.receiver.province == "浙江省"
    assert order.receiver.province_raw == "浙江"
    assert customer_key(order.channel, order.buyer_ref, order.receiver) == "phone:13800001234"
    assert order.total_fen == 5280 and order.freight_fen == 800
    assert [(ln.sku, ln.quantity, ln.unit_price_fen, ln.paid_fen) for ln in order.lines] == [
        ("SKU-A", 2, 1990, 3980), ("SKU-B", 1, 500, 500)]
    assert order.buyer_note == "放门口" and order.extras["transaction_id"].startswith("4200000")
    assert order.paid_at is not None


def test_unknown_province_is_kept_raw_and_flagged() -> None:
    order = parse_order(sample_order("MP3", updated=T, province="火星"))
    assert order.receiver.province is None and order.receiver.province_raw == "火星"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"status": "weird"}, "status"),
        ({"refund_status": "maybe"}, "refund_status"),
        ({"updated_at": "2024-05-01 10:00:00"}, "updated_at"),
        ({"updated_at": None}, "updated_at"),
        ({"total_fen": 19.9}, "total_fen"),
        ({"total_fen": "1990"}, "total_fen"),
        ({"items": []}, "lines"),
        ({"items": [{"sku": "A", "quantity": 0, "unit_price_fen": 1}]}, "quantity"),
        ({"items": [{"quantity": 1, "unit_price_fen": 1}]}, "SKU"),
    ],
)
def test_broken_records_are_bad_replies_naming_the_order(change: dict, words: str) -> None:
    raw = {**sample_order("MP9", updated=T), **change}
    with pytest.raises(BadReply) as info:
        parse_order(raw)
    assert info.value.platform_order_id == "MP9"
    assert words in info.value.reason("en") and "Mini-program" in info.value.reason("en")
    assert "小程序" in info.value.reason("zh")


def test_times_are_rfc3339_with_offset() -> None:
    assert format_time(T) == "2024-05-01T10:00:00.000+08:00"
    assert parse_time("2024-05-01T10:00:00.000+08:00") == T
    assert parse_time("2024-05-01T02:00:00Z") == T
    with pytest.raises(ValueError):
        parse_time("2024-05-01T10:00:00")
