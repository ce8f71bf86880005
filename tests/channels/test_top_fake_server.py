"""The fake TOP gateway itself checks what the real one checks (signature, timestamp, window) and
pages correctly; requests here are built by hand, not by the client under test."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from orderdesk.channels.fakes.top_server import FakeTopServer, Fault, sample_trade
from orderdesk.channels.taobao import INCREMENT_GET, format_time, top_sign


def send(server: FakeTopServer, http: httpx.Client, business: dict[str, Any], *, sign: str | None = None,
         drop: tuple[str, ...] = (), **system: str) -> tuple[int, Any]:  # fmt: skip
    params = {
        "method": INCREMENT_GET, "app_key": server.app_key, "session": server.session,
        "timestamp": format_time(datetime.now(UTC)), "v": "2.0", "sign_method": "md5", "format": "json",
        **system,
    }  # fmt: skip
    params = {k: v for k, v in params.items() if k not in drop}
    business = {k: str(v) for k, v in business.items()}
    params["sign"] = sign if sign is not None else top_sign({**params, **business}, server.app_secret, "md5")
    if "sign" in drop:
        del params["sign"]
    reply = http.post(server.url, params=params, data=business)
    try:
        return reply.status_code, reply.json()
    except ValueError:
        return reply.status_code, reply.text


def window(start: datetime, end: datetime, **more: Any) -> dict[str, Any]:
    return {
        "fields": "tid,status,modified",
        "start_modified": format_time(start),
        "end_modified": format_time(end),
        **more,
    }


def error_code(body: Any) -> int | None:
    return body.get("error_response", {}).get("code") if isinstance(body, dict) else None


def test_pages_newest_first_with_totals(top_server: FakeTopServer, http: httpx.Client, t0: datetime) -> None:
    for i in range(7):
        top_server.add_trade(sample_trade(str(500 + i), modified=t0 + timedelta(minutes=i)))
    status, body = send(top_server, http, window(t0, t0 + timedelta(minutes=10), page_no=2, page_size=3))
    payload = body["trades_sold_increment_get_response"]
    assert status == 200 and payload["total_results"] == 7
    assert [t["tid"] for t in payload["trades"]["trade"]] == ["503", "502", "501"]
    assert set(payload["trades"]["trade"][0]) == {"tid", "status", "modified"}  # only the fields asked for
    _, body = send(top_server, http, window(t0, t0 + timedelta(minutes=10), page_no=4, page_size=3))
    assert "trades" not in body["trades_sold_increment_get_response"]  # past the end: no list at all
    _, body = send(
        top_server, http, window(t0, t0 + timedelta(minutes=10), page_no=3, page_size=3, use_has_next="true")
    )
    payload = body["trades_sold_increment_get_response"]
    assert payload["has_next"] is False and "total_results" not in payload
    _, body = send(top_server, http, window(t0 + timedelta(minutes=2), t0 + timedelta(minutes=4)))
    assert body["trades_sold_increment_get_response"]["total_results"] == 3  # both ends inclusive


def test_sub_fields_of_lines_are_served_as_asked(
    top_server: FakeTopServer, http: httpx.Client, t0: datetime
) -> None:
    top_server.add_trade(sample_trade("600", modified=t0))
    _, body = send(top_server, http, window(t0, t0, fields="tid,orders.oid,orders.outer_sku_id"))
    [trade] = body["trades_sold_increment_get_response"]["trades"]["trade"]
    assert trade == {"tid": "600", "orders": {"order": [{"oid": "600", "outer_sku_id": "SKU-A"}]}}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"sign": "0123456789ABCDEF0123456789ABCDEF"}, 25),
        ({"drop": ("sign",)}, 24),
        ({"sign_method": "sha1"}, 25),
        ({"app_key": "other-app"}, 29),
        ({"drop": ("session",)}, 26),
        ({"session": "expired"}, 27),
        ({"timestamp": "2024/05/01 09:30"}, 31),
        ({"drop": ("timestamp",)}, 30),
        ({"timestamp": format_time(datetime.now(UTC) - timedelta(minutes=11))}, 31),
        ({"timestamp": format_time(datetime.now(UTC) + timedelta(minutes=11))}, 31),
        ({"method": "taobao.no.such.api"}, 22),
        ({"format": "xml"}, 23),
    ],
)
def test_requests_failing_the_gateway_checks_get_the_top_error_envelope(
    top_server: FakeTopServer, http: httpx.Client, t0: datetime, kwargs: dict[str, Any], code: int
) -> None:
    status, body = send(top_server, http, window(t0, t0 + timedelta(minutes=1)), **kwargs)
    assert status == 200 and error_code(body) == code
    assert body["error_response"]["request_id"].startswith("fake-")


def test_a_bad_signature_is_counted(top_server: FakeTopServer, http: httpx.Client, t0: datetime) -> None:
    send(top_server, http, window(t0, t0 + timedelta(minutes=1)), sign="BAD")
    assert top_server.bad_signatures == 1 and top_server.requests[0].sign_ok is False


def test_epoch_milliseconds_are_accepted_as_timestamps(
    top_server: FakeTopServer, http: httpx.Client, t0: datetime
) -> None:
    ms = str(int(datetime.now(UTC).timestamp() * 1000))
    _, body = send(top_server, http, window(t0, t0 + timedelta(minutes=1)), timestamp=ms)
    assert "trades_sold_increment_get_response" in body


@pytest.mark.parametrize(
    ("start_offset", "end_offset", "code"),
    [(timedelta(0), timedelta(days=1), None), (timedelta(0), timedelta(days=1, seconds=1), 41),
     (timedelta(minutes=5), timedelta(0), 41)],
)  # fmt: skip
def test_the_one_day_window_limit(top_server: FakeTopServer, http: httpx.Client, t0: datetime,
                                  start_offset: timedelta, end_offset: timedelta, code: int | None) -> None:  # fmt: skip
    _, body = send(top_server, http, window(t0 + start_offset, t0 + end_offset))
    assert error_code(body) == code
    if code:
        assert body["error_response"]["sub_code"] == "isv.invalid-parameter"


def test_bad_paging_parameters_are_refused(
    top_server: FakeTopServer, http: httpx.Client, t0: datetime
) -> None:
    for paging in ({"page_size": 101}, {"page_size": 0}, {"page_no": 0}):
        _, body = send(top_server, http, window(t0, t0, **paging))
        assert error_code(body) == 41
    _, body = send(top_server, http, {"fields": "tid"})
    assert error_code(body) == 40


def test_other_paths_are_not_found(top_server: FakeTopServer, http: httpx.Client) -> None:
    assert http.get(top_server.url.replace("/router/rest", "/elsewhere")).status_code == 404


def test_faults_fire_the_given_number_of_times_and_can_be_narrowed(
    top_server: FakeTopServer, http: httpx.Client, t0: datetime
) -> None:
    top_server.inject(Fault.HTTP_500, times=2, page_no=2)
    assert send(top_server, http, window(t0, t0, page_no=1))[0] == 200
    assert send(top_server, http, window(t0, t0, page_no=2))[0] == 500
    assert send(top_server, http, window(t0, t0, page_no=2))[0] == 500
    assert send(top_server, http, window(t0, t0, page_no=2))[0] == 200
    top_server.inject(Fault.RATE_LIMIT, times=None)
    assert all(error_code(send(top_server, http, window(t0, t0))[1]) == 7 for _ in range(3))
    top_server.clear_faults()
    assert error_code(send(top_server, http, window(t0, t0))[1]) is None


def test_malformed_json_is_really_malformed(
    top_server: FakeTopServer, http: httpx.Client, t0: datetime
) -> None:
    top_server.inject(Fault.MALFORMED_JSON)
    status, body = send(top_server, http, window(t0, t0))
    assert status == 200 and isinstance(body, str)
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


def test_updates_move_an_order_to_now(top_server: FakeTopServer, t0: datetime) -> None:
    top_server.add_trade(sample_trade("700", modified=t0))
    before = datetime.now(UTC).replace(microsecond=0)
    updated = top_server.update_trade("700", status="TRADE_FINISHED")
    assert updated["status"] == "TRADE_FINISHED"
    assert updated["modified"] >= format_time(before)
    with pytest.raises(KeyError):
        top_server.update_trade("701")
