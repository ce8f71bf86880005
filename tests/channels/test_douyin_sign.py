"""抖店 request signing (reference §3.2) and canonical param_json (§3.1): the expected digests were
computed once by hand with hashlib/hmac from a hand-written pattern string, and are pinned here."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

import pytest

from orderdesk.channels.douyin import (
    douyin_sign,
    epoch_seconds,
    from_epoch,
    method_path,
    param_json,
)

SECRET = "test-secret"
APP_KEY = "7001234567890123456"
STAMP = 1714527060  # 2024-05-01 09:31:00 Beijing time
LIST_PARAMS = {
    "update_time_start": 1714525200,
    "page": 0,
    "size": 100,
    "order_by": "update_time",
    "order_asc": False,
    "update_time_end": 1714527000,
}
LIST_JSON = (
    '{"order_asc":false,"order_by":"update_time","page":0,"size":100,'
    '"update_time_end":1714527000,"update_time_start":1714525200}'
)


def pattern(method: str, pj: str) -> str:
    """The five names in fixed order, written out by hand."""
    return f"app_key{APP_KEY}method{method}param_json{pj}timestamp{STAMP}v2"


def test_param_json_is_canonical() -> None:
    assert param_json(LIST_PARAMS) == LIST_JSON
    assert param_json({}) == "{}" and param_json(None) == "{}"
    nested = {"nested": {"z": True, "a": [{"y": 2, "x": 1}]}, "buyer": "张三 <a&b>"}
    # sorted recursively, no spaces, no HTML escaping, UTF-8 as is
    assert param_json(nested) == '{"buyer":"张三 <a&b>","nested":{"a":[{"x":1,"y":2}],"z":true}}'
    with pytest.raises(ValueError, match="float"):
        param_json({"amount": 29.9})


def test_hmac_sha256_wraps_the_pattern_in_the_secret_and_keys_with_it() -> None:
    wrapped = (SECRET + pattern("order.searchList", LIST_JSON) + SECRET).encode("utf-8")
    expected = hmac.new(SECRET.encode(), wrapped, hashlib.sha256).hexdigest()
    assert expected == "9b5fb50a49b0f63ae7af0103bbff11593e00d0b92b8d956e0c48e1ec082d1ca9"
    got = douyin_sign(APP_KEY, "order.searchList", param_json(LIST_PARAMS), STAMP, SECRET, "hmac-sha256")
    assert got == expected


def test_md5_is_the_plain_digest_of_the_wrapped_pattern() -> None:
    wrapped = (SECRET + pattern("order.searchList", LIST_JSON) + SECRET).encode("utf-8")
    expected = hashlib.md5(wrapped).hexdigest()
    assert expected == "2fbd41fc386bdd52b4507354c957bdd9"
    assert douyin_sign(APP_KEY, "order.searchList", LIST_JSON, STAMP, SECRET, "md5") == expected


def test_chinese_and_html_characters_are_signed_as_raw_utf8() -> None:
    pj = '{"buyer":"张三 <a&b>","nested":{"a":[{"x":1,"y":2}],"z":true}}'
    assert douyin_sign(APP_KEY, "order.logisticsAdd", pj, STAMP, SECRET, "hmac-sha256") == (
        "8386b7b31ba178fe008d716d1439d48e53afb8c75909c17f3559d727c431ef53"
    )
    assert douyin_sign(APP_KEY, "order.logisticsAdd", pj, STAMP, SECRET, "md5") == "0e548e7706299a676255cee9a736328d"


def test_an_empty_param_json_is_signed_as_braces() -> None:
    assert douyin_sign(APP_KEY, "order.searchList", "{}", STAMP, SECRET, "md5") == "32d06bdf14d250ca3c6b97b4b152a2fe"


def test_lower_case_hex_and_dependence_on_every_input() -> None:
    base = douyin_sign(APP_KEY, "order.searchList", LIST_JSON, STAMP, SECRET, "hmac-sha256")
    assert base == base.lower()
    assert douyin_sign(APP_KEY, "order.searchList", LIST_JSON, STAMP + 1, SECRET, "hmac-sha256") != base
    assert douyin_sign(APP_KEY, "order.orderDetail", LIST_JSON, STAMP, SECRET, "hmac-sha256") != base
    assert douyin_sign(APP_KEY, "order.searchList", LIST_JSON, STAMP, SECRET + "x", "hmac-sha256") != base
    spaced = LIST_JSON.replace(",", ", ")
    assert douyin_sign(APP_KEY, "order.searchList", spaced, STAMP, SECRET, "hmac-sha256") != base


def test_unknown_sign_method_is_refused() -> None:
    with pytest.raises(ValueError, match="sign_method"):
        douyin_sign(APP_KEY, "order.searchList", "{}", STAMP, SECRET, "hmac")


def test_paths_and_times() -> None:
    assert method_path("order.searchList") == "/order/searchList"
    assert method_path("order.logisticsAdd") == "/order/logisticsAdd"
    moment = datetime(2024, 5, 1, 1, 31, tzinfo=UTC)
    assert epoch_seconds(moment) == STAMP
    assert from_epoch(STAMP) == moment and from_epoch(str(STAMP)) == moment
    assert from_epoch(STAMP).utcoffset().total_seconds() == 8 * 3600  # type: ignore[union-attr]
    for bad in (1714527060.5, "2024-05-01 09:31:00", -1, True, None):
        with pytest.raises(ValueError):
            from_epoch(bad)
    with pytest.raises(ValueError):
        epoch_seconds(datetime(2024, 5, 1, 9, 31))  # naive
