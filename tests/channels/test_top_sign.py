"""TOP request signing (reference §1.2): expected digests are built by hand here with hashlib/hmac
from a hand-written joined string, and pinned as literals."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from orderdesk.channels.taobao import format_time, param_text, parse_time, response_key, top_sign

SECRET = "test-secret"
PARAMS = {
    "method": "taobao.trades.sold.increment.get",
    "app_key": "12345678",
    "session": "test-session",
    "timestamp": "2024-05-01 09:30:00",
    "v": "2.0",
    "format": "json",
    "fields": "tid,status,receiver_state",
    "page_no": 1,
    "buyer_nick": "",  # empty: skipped
    "tag": None,  # None: skipped
    "sign": "WHATEVER",  # never signs itself
}


def joined(method: str) -> str:
    """The sorted name+value string, written out by hand."""
    return (
        "app_key12345678"
        "fieldstid,status,receiver_state"
        "formatjson"
        "methodtaobao.trades.sold.increment.get"
        "page_no1"
        "sessiontest-session"
        f"sign_method{method}"
        "timestamp2024-05-01 09:30:00"
        "v2.0"
    )


def test_md5_wraps_the_string_in_the_secret() -> None:
    expected = hashlib.md5((SECRET + joined("md5") + SECRET).encode("utf-8")).hexdigest().upper()
    assert expected == "49871CE93A7CAC8019D8D4DBF4172EC2"
    assert top_sign({**PARAMS, "sign_method": "md5"}, SECRET, "md5") == expected


def test_hmac_is_hmac_md5_keyed_with_the_secret_without_wrapping() -> None:
    expected = hmac.new(SECRET.encode(), joined("hmac").encode("utf-8"), hashlib.md5).hexdigest().upper()
    assert expected == "5BB99F0617C6A92B3FC5566732E35F6C"
    assert top_sign({**PARAMS, "sign_method": "hmac"}, SECRET, "hmac") == expected


def test_hmac_sha256() -> None:
    expected = (
        hmac.new(SECRET.encode(), joined("hmac-sha256").encode("utf-8"), hashlib.sha256).hexdigest().upper()
    )
    assert expected == "CBA0649B17A3992089B9EF8FB2FDD0A3F500C305448928B77AF5AA95FBE6FEC2"
    assert top_sign({**PARAMS, "sign_method": "hmac-sha256"}, SECRET, "hmac-sha256") == expected


def test_chinese_values_are_signed_as_raw_utf8_in_byte_order_of_names() -> None:
    params = {
        "receiver_state": "江苏",
        "buyer_message": "请尽快发货，谢谢！",
        "app_key": "12345678",
        "Zone": "东区",
    }
    # "Z" (0x5A) sorts before every lower-case letter.
    by_hand = "Zone东区app_key12345678buyer_message请尽快发货，谢谢！receiver_state江苏"
    md5 = hashlib.md5((SECRET + by_hand + SECRET).encode("utf-8")).hexdigest().upper()
    sha = hmac.new(SECRET.encode(), by_hand.encode("utf-8"), hashlib.sha256).hexdigest().upper()
    assert (md5, sha) == ("2BDA63111EDACBB0F656D7C0ADC71ED3",
                          "6A243829DE25ABDB134CB500517489E227B7203DEAA854F0E9DFB4C27E80F737")  # fmt: skip
    assert top_sign(params, SECRET, "md5") == md5
    assert top_sign(params, SECRET, "hmac-sha256") == sha
    url_encoded = {k: quote(v) for k, v in params.items()}
    assert top_sign(url_encoded, SECRET, "md5") != md5


def test_the_digest_depends_on_every_value_and_on_the_secret() -> None:
    base = top_sign(PARAMS, SECRET, "md5")
    assert top_sign({**PARAMS, "page_no": 2}, SECRET, "md5") != base
    assert top_sign(PARAMS, SECRET + "x", "md5") != base
    assert top_sign({**PARAMS, "sign": "OTHER"}, SECRET, "md5") == base


def test_unknown_sign_method_is_refused() -> None:
    with pytest.raises(ValueError, match="sign_method"):
        top_sign(PARAMS, SECRET, "sha1")


def test_param_text_and_times() -> None:
    assert param_text(True) == "true" and param_text(False) == "false"
    assert param_text(["tid", "status"]) == "tid,status"
    moment = datetime(2024, 5, 1, 1, 30, tzinfo=UTC)
    assert format_time(moment) == "2024-05-01 09:30:00"  # Beijing time, UTC+8
    assert param_text(moment) == "2024-05-01 09:30:00"
    assert parse_time("2024-05-01 09:30:00") == moment
    for bad in ("2024-05-01T09:30:00", "2024-5-1 9:30:00", "1714527000000", ""):
        with pytest.raises(ValueError):
            parse_time(bad)
    with pytest.raises(ValueError):
        format_time(datetime(2024, 5, 1, 9, 30))  # naive


def test_response_key() -> None:
    assert response_key("taobao.trades.sold.increment.get") == "trades_sold_increment_get_response"
    assert response_key("taobao.logistics.offline.send") == "logistics_offline_send_response"
