"""The demo catalogue and order generator must be deterministic, valid and cover all of China."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from orderdesk.demo.catalog import (
    BASIN_CATEGORY,
    CODE128,
    EAN13,
    PRODUCTS,
    SHOPS,
    WAREHOUSES,
    ean13_check_digit,
    products_in,
)
from orderdesk.demo.generator import SHANGHAI, generate_order, generate_orders
from orderdesk.domain.model import Channel, RefundState, TradeState
from orderdesk.domain.provinces import FULL_NAMES, normalise_province

START = datetime(2026, 11, 25, 12, 0, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def many():
    return generate_orders(5000, seed=7, start=START)


def test_same_seed_gives_same_orders():
    assert generate_orders(300, seed=42, start=START) == generate_orders(300, seed=42, start=START)


def test_different_seeds_differ():
    a = generate_orders(50, seed=1, start=START)
    b = generate_orders(50, seed=2, start=START)
    assert [o.platform_order_id for o in a] != [o.platform_order_id for o in b]


def test_all_34_provinces_appear_in_200_orders():
    orders = generate_orders(200, seed=5, start=START)
    assert {o.receiver.province for o in orders} == FULL_NAMES
    assert len(FULL_NAMES) == 34


def test_every_province_normalises_to_a_full_name(many):
    for o in many:
        assert o.receiver.province in FULL_NAMES
        assert normalise_province(o.receiver.province_raw) == o.receiver.province
        assert o.receiver.city and o.receiver.district and o.receiver.street and o.receiver.detail


def test_province_raw_uses_short_and_full_forms(many):
    raws = {o.receiver.province_raw for o in many}
    assert "江苏" in raws and "江苏省" in raws


def test_order_ids_unique_across_5000(many):
    assert len({o.platform_order_id for o in many}) == 5000
    assert len({o.order_no for o in many}) == 5000


def test_order_ids_have_platform_shapes(many):
    for o in many:
        oid = o.platform_order_id
        if o.channel == Channel.TAOBAO:
            assert oid.isdigit() and len(oid) in (18, 19)
        elif o.channel == Channel.PDD:
            day, _, num = oid.partition("-")
            assert len(day) == 6 and day.isdigit() and len(num) == 15 and num.isdigit()
        elif o.channel == Channel.DOUYIN:
            assert oid.isdigit() and len(oid) == 19
        else:
            assert oid.startswith("WX") and oid[2:].isdigit() and len(oid) == 18


def test_totals_are_consistent(many):
    for o in many:
        goods = sum(line.unit_price_fen * line.quantity for line in o.lines)
        assert o.total_fen == goods - o.discount_fen + o.freight_fen
        assert sum(line.paid_fen for line in o.lines) + o.freight_fen == o.total_fen
        assert all(line.paid_fen >= 0 for line in o.lines)
        assert 1 <= len(o.lines) <= 3
        assert o.discount_fen == 0 or "coupon" in o.extras
        assert o.freight_fen == 0 or 500 <= o.freight_fen <= 1000


def test_times_within_span(many):
    for o in many:
        assert START - timedelta(days=3) <= o.paid_at <= START
        assert o.paid_at <= o.modified_at <= START
        assert o.paid_at.tzinfo is not None


def test_orders_come_sorted_by_payment(many):
    paid = [o.paid_at for o in many]
    assert paid == sorted(paid)


def test_phones_clear_for_miniprogram_and_partly_masked_elsewhere(many):
    for o in many:
        phone = o.receiver.phone.replace("*", "0")
        assert len(phone) == 11 and phone[:2] in ("13", "15", "18", "19")
        if o.channel == Channel.MINIPROGRAM:
            assert "*" not in o.receiver.phone
    others = [o for o in many if o.channel != Channel.MINIPROGRAM]
    masked = sum("****" in o.receiver.phone for o in others) / len(others)
    assert 0.4 < masked < 0.6


def test_channel_and_state_mix(many):
    share = {c: sum(o.channel == c for o in many) / len(many) for c in Channel}
    assert 0.35 < share[Channel.TAOBAO] < 0.45 and 0.07 < share[Channel.MINIPROGRAM] < 0.13
    paid = sum(o.trade_state == TradeState.PAID and o.refund_state == RefundState.NONE for o in many)
    assert paid / len(many) > 0.8
    assert any(o.refund_state == RefundState.REQUESTED for o in many)
    assert any(o.trade_state == TradeState.CLOSED and o.refund_state == RefundState.REFUNDED for o in many)


def test_about_15_percent_have_a_folding_basin(many):
    basins = {p.sku for p in products_in(BASIN_CATEGORY)}
    share = sum(any(line.sku in basins for line in o.lines) for o in many) / len(many)
    assert 0.11 < share < 0.19


def test_shops_belong_to_their_channel(many):
    channel_of = {s.code: s.channel for s in SHOPS}
    for o in many:
        assert channel_of[o.shop_code] == o.channel


def test_generate_order_alone_makes_a_live_order():
    order = generate_order(random.Random(1), START, 0)
    assert START - timedelta(minutes=5) <= order.paid_at <= order.modified_at <= START


def _ean13_valid(code: str) -> bool:
    """Independent check: the weighted sum over all 13 digits is a multiple of 10."""
    digits = [int(d) for d in code]
    return len(digits) == 13 and sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def test_ean13_check_digit_known_value():
    assert ean13_check_digit("400638133393") == "1"  # 4006381333931, the textbook example
    assert ean13_check_digit("690123456789") == "2"  # 6901234567892, the GS1 China sample


def test_catalog_ean13_valid_and_chinese():
    for p in PRODUCTS:
        eans = [code for code, kind in p.barcodes if kind == EAN13]
        assert len(eans) == 1 and _ean13_valid(eans[0]) and eans[0].startswith("69")
        assert any(kind == CODE128 for _, kind in p.barcodes)


def test_barcodes_and_skus_unique():
    codes = [code for p in PRODUCTS for code, _ in p.barcodes]
    assert len(codes) == len(set(codes))
    assert len({p.sku for p in PRODUCTS}) == len(PRODUCTS)


def test_folding_basin_line_and_gifts_exist():
    assert len(products_in(BASIN_CATEGORY)) >= 4
    gifts = [p for p in PRODUCTS if p.is_gift]
    assert gifts and all(p.unit_price_fen == 0 for p in gifts)
    assert any("纸尿裤" in p.name for p in PRODUCTS) and any("婴儿浴盆" in p.name for p in PRODUCTS)


def test_warehouses_and_shops():
    codes = {w.code for w in WAREHOUSES}
    assert {"SZ-SUZHOU", "SZ-SHENZHEN", "TJ", "CD"} <= codes
    assert all(w.province in FULL_NAMES for w in WAREHOUSES)
    assert {s.channel for s in SHOPS} == set(Channel)
    assert "tmall-flagship" in {s.code for s in SHOPS}


def test_naive_start_rejected():
    with pytest.raises(ValueError):
        generate_orders(1, start=datetime(2026, 11, 25))
