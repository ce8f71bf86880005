"""PDD request signing (reference §2.2): expected digests are built by hand here with hashlib from a
hand-written joined string, and pinned as literals."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from orderdesk.channels.pinduoduo import (
    INCREMENT_GET,
    ONLINE_SEND,
    epoch_seconds,
    format_time,
    param_text,
    parse_time,
    pdd_sign,
    response_key,
)

SECRET = "test-secret"
PARAMS = {
    "type": "pdd.order.number.list.increment.get",
    "client_id": "1234abcd",
    "access_token": "test-token",
    "timestamp": "1714529000",
    "data_type": "JSON",
    "version": "V1",
    "start_updated_at": 1714527000,
    "end_updated_at": 1714528800,
    "order_status": 5,
    "refund_status": 5,
    "page": 1,
    "page_size": 100,
    "sign": "WHATEVER",  # never signs itself
}

# The sorted key+value string, written out by hand.
JOINED = (
    "access_tokentest-token"
    "client_id1234abcd"
    "data_typeJSON"
    "end_updated_at1714528800"
    "order_status5"
    "page1"
    "page_size100"
    "refund_status5"
    "start_updated_at1714527000"
    "timestamp1714529000"
    "typepdd.order.number.list.increment.get"
    "versionV1"
)


def test_md5_of_the_joined_string_wrapped_in_the_secret_upper_case() -> None:
    expected = hashlib.md5((SECRET + JOINED + SECRET).encode("utf-8")).hexdigest().upper()
    assert expected == "7E71424B5639F0C7989C350D1A80484E"
    assert pdd_sign(PARAMS, SECRET) == expected


def test_chinese_values_and_json_objects_are_signed_raw_in_byte_order_of_names() -> None:
    params = {
        "client_id": "1234abcd",
        "buyer_memo": "请尽快发货，谢谢！",
        "data_list": [{"data_tag": "240501-1", "encrypted_data": "~ab~"}],
        "Zone": "东区",
    }
    # "Z" (0x5A) sorts before every lower-case letter; the list is compact JSON before signing.
    by_hand = 'Zone东区buyer_memo请尽快发货，谢谢！client_id1234abcddata_list[{"data_tag":"240501-1","encrypted_data":"~ab~"}]'
    expected = hashlib.md5((SECRET + by_hand + SECRET).encode("utf-8")).hexdigest().upper()
    assert expected == "C19D232C38CCF177C390EAC12AC3149E"
    assert pdd_sign(params, SECRET) == expected
    url_encoded = {k: quote(param_text(v)) for k, v in params.items()}
    assert pdd_sign(url_encoded, SECRET) != expected


def test_the_digest_depends_on_every_value_and_on_the_secret() -> None:
    base = pdd_sign(PARAMS, SECRET)
    assert pdd_sign({**PARAMS, "page": 2}, SECRET) != base
    assert pdd_sign({**PARAMS, "timestamp": "1714529001"}, SECRET) != base
    assert pdd_sign(PARAMS, SECRET + "x") != base
    assert pdd_sign({**PARAMS, "sign": "OTHER"}, SECRET) == base
    assert pdd_sign({k: v for k, v in PARAMS.items() if k != "sign"}, SECRET) == base


def test_param_text_and_times() -> None:
    assert param_text(True) == "true" and param_text(False) == "false"
    assert param_text({"a": 1, "b": "中"}) == '{"a":1,"b":"中"}'
    moment = datetime(2024, 5, 1, 1, 30, tzinfo=UTC)
    assert epoch_seconds(moment) == 1714527000 and param_text(moment) == "1714527000"
    assert format_time(moment) == "2024-05-01 09:30:00"  # Beijing time, UTC+8
    assert parse_time("2024-05-01 09:30:00") == moment
    assert parse_time(1714527000) == moment == parse_time("1714527000")  # tolerated: unconfirmed format
    for bad in ("2024-05-01T09:30:00", "2024-5-1 9:30:00", "", None, 1714527000.5):
        with pytest.raises(ValueError):
            parse_time(bad)
    with pytest.raises(ValueError):
        epoch_seconds(datetime(2024, 5, 1, 9, 30))  # naive


def test_response_keys() -> None:
    assert response_key(INCREMENT_GET) == "order_sn_increment_get_response"
    assert response_key(ONLINE_SEND) == "logistics_online_send_response"
    assert response_key("pdd.order.status.get") == "order_status_get_response"  # a guess, unconfirmed
