"""What the desk's search box makes of a typed text, before any database is asked."""

from __future__ import annotations

import pytest

from orderdesk.domain.desk import Lookup, name_matches, parse_query, phone_tail


@pytest.mark.parametrize(("text", "first", "detail"), [
    ("13812345678", Lookup.PHONE, {"phone": "13812345678", "masked": "138****5678"}),
    ("+86 138-1234-5678", Lookup.PHONE, {"phone": "13812345678"}),
    ("１３８１２３４５６７８", Lookup.PHONE, {"phone": "13812345678"}),  # full-width digits from an IME
    ("138****5678", Lookup.MASKED_PHONE, {"masked": "138****5678", "tail": "5678"}),
    ("5678 张伟", Lookup.TAIL_NAME, {"tail": "5678", "name": "张伟"}),
    ("张伟5678", Lookup.TAIL_NAME, {"tail": "5678", "name": "张伟"}),
    ("TB3001001", Lookup.ORDER_NO, {}),
    ("TB5001", Lookup.ORDER_NO, {}),  # a short order number, not the name "TB" with a tail
    ("Tom 5678", Lookup.TAIL_NAME, {"tail": "5678", "name": "Tom"}),
    ("231120-000000001", Lookup.ORDER_NO, {}),
    ("SF1234567890123", Lookup.ORDER_NO, {}),
    ("tb_zhangwei88", Lookup.NICKNAME, {}),
    ("张伟", Lookup.NICKNAME, {}),
])  # fmt: skip
def test_readings_of_a_typed_text(text, first, detail):
    q = parse_query(text)
    assert q.searchable and q.lookups[0] is first
    for key, value in detail.items():
        assert getattr(q, key) == value


def test_order_numbers_are_tried_with_and_without_our_prefix():
    assert {"TB3001001", "3001001"} <= set(parse_query("tb3001001").numbers)
    assert "PDD231120-000000001" in parse_query("231120-000000001").numbers
    assert Lookup.WAYBILL in parse_query("SF1234567890123").lookups
    assert Lookup.RETURN_WAYBILL in parse_query("YT9000000000001").lookups
    assert Lookup.NAME not in parse_query("TB3001001").lookups  # names hold no digits


@pytest.mark.parametrize(("text", "reason"), [
    ("", "short"), ("张", "short"), ("12", "digits"), ("5678", "tail_only"), ("12345", "digits"),
])  # fmt: skip
def test_too_short_to_be_selective(text, reason):
    assert parse_query(text).too_short == reason and not parse_query(text).searchable


@pytest.mark.parametrize(("typed", "stored", "ok"), [
    ("张伟", "张伟", True), ("张伟", "张*", True), ("张小伟", "张*", True), ("张伟", "张*伟", False),
    ("张小伟", "张*伟", True), ("李伟", "张*", False), ("张伟", "张伟伟", False), ("张伟", "", False),
])  # fmt: skip
def test_masked_names_match_on_their_clear_characters(typed, stored, ok):
    assert name_matches(typed, stored) is ok


def test_phone_tails_of_clear_and_masked_phones():
    assert phone_tail("13812345678") == phone_tail("138****5678") == "5678"
    assert phone_tail("~cipher~") == phone_tail("") == ""
