"""Mini-program back-end request signing: digests computed once by hand with hashlib/hmac from
hand-written strings to sign, pinned as literals."""

from __future__ import annotations

from orderdesk.channels.miniprogram import (
    authorization,
    canonical_query,
    mp_sign,
    parse_authorization,
    string_to_sign,
)

EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_string_to_sign_is_the_six_lines_with_a_sorted_query() -> None:
    query = {"start": 1714442400, "end": 1714528800, "page": 2, "size": 100}
    assert string_to_sign("get", "/api/orders/changed", query, "1714529000", "abc123") == (
        "GET\n/api/orders/changed\nend=1714528800&page=2&size=100&start=1714442400\n1714529000\nabc123\n"
        + EMPTY_SHA256
    )


def test_pinned_digest_for_a_list_request() -> None:
    query = {"start": "1714442400", "end": "1714528800", "page": "2", "size": "100"}
    assert mp_sign("test-secret", "GET", "/api/orders/changed", query, "1714529000", "abc123") == (
        "c3846b6137cfc2d8d50e1294ac7b510399c3ba47e1391a14b8a3295be030084d"
    )


def test_pinned_digest_for_a_post_covers_the_body() -> None:
    body = '{"order_no":"MP1"}'.encode()
    sig = mp_sign("test-secret", "POST", "/api/shipping/upload", {}, "1714529000", "n-1", body)
    assert sig == "d4b260a67cb49200293ce02a57222d858ac2c5016b6b0d6a762e5fa584920fcf"
    assert mp_sign("test-secret", "POST", "/api/shipping/upload", {}, "1714529000", "n-1", body + b" ") != sig


def test_query_values_are_percent_encoded_utf8() -> None:
    assert canonical_query({"z": "中", "q": "a b/c"}) == "q=a%20b%2Fc&z=%E4%B8%AD"
    assert mp_sign("test-secret", "GET", "/api/ping", {"z": "中", "q": "a b/c"}, "1714529000", "n") == (
        "ff8b005c217061f761e802ca003e3c5d39c3ccc15a680f9e62616ff38005c88a"
    )


def test_secret_and_nonce_change_the_digest() -> None:
    base = mp_sign("test-secret", "GET", "/api/ping", {}, "1714529000", "n")
    assert mp_sign("other-secret", "GET", "/api/ping", {}, "1714529000", "n") != base
    assert mp_sign("test-secret", "GET", "/api/ping", {}, "1714529000", "m") != base


def test_authorization_header_round_trips() -> None:
    header = authorization("k1", "1714529000", "abc", "ff00")
    assert header == "OD-HMAC-SHA256 app_key=k1, timestamp=1714529000, nonce=abc, signature=ff00"
    assert parse_authorization(header) == {"app_key": "k1", "timestamp": "1714529000", "nonce": "abc", "signature": "ff00"}
    assert parse_authorization("Bearer xyz") == {}
