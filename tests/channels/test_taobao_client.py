"""The Taobao client against the fake TOP gateway: paging back to front, window splitting, every
injected fault mapped to the right ChannelError, bad credentials, bad records, shipment."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from orderdesk.channels.base import (
    NO_RETRY,
    AuthError,
    BadReply,
    ChannelAdapter,
    ChannelCredentials,
    ChannelError,
    ChannelPage,
    NetworkError,
    PlatformError,
    RateLimited,
    RequestRejected,
    RetryPolicy,
)
from orderdesk.channels.fakes.top_server import FakeTopServer, Fault, sample_trade
from orderdesk.channels.taobao import INCREMENT_GET, TaobaoClient, format_time, parse_time, trades_in
from orderdesk.domain.model import ChannelOrder, TradeState

MakeClient = Callable[..., TaobaoClient]


def seed(server: FakeTopServer, t0: datetime, count: int, *, every: timedelta = timedelta(seconds=5),
         first_tid: int = 4100000000000) -> list[str]:  # fmt: skip
    """`count` paid orders, modified t0, t0+every, …; returns their tids oldest first."""
    return [server.add_trade(sample_trade(str(first_tid + i), modified=t0 + i * every)) for i in range(count)]


def ids(pages: Iterable[ChannelPage]) -> list[str]:
    return [o.platform_order_id for p in pages for o in p.orders]


def names_taobao(err: ChannelError) -> bool:
    return "淘宝" in err.reason("zh") and "Taobao" in err.reason("en")


# --- paging ---


def test_a_multi_page_window_is_read_back_to_front_and_every_order_arrives_once(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tids = seed(top_server, t0, 120)
    end = t0 + timedelta(minutes=20)
    pages = list(make_client().fetch_changed(t0, end))
    assert [r.page_no for r in top_server.list_requests()] == [1, 3, 2, 1]  # count, then last → first
    assert [r.params["page_size"] for r in top_server.list_requests()] == ["50"] * 4
    assert [(p.page_no, p.page_count, len(p.orders)) for p in pages] == [(3, 3, 20), (2, 3, 50), (1, 3, 50)]
    assert sorted(ids(pages)) == sorted(tids)
    assert [p.checkpoint for p in pages] == [None, None, end]
    assert all(p.raw_count == len(p.orders) and not p.problems and not p.duplicates for p in pages)
    assert {o.shop_code for p in pages for o in p.orders} == {"TB-TEST"}


def test_an_order_updated_on_an_unread_page_is_never_lost_nor_doubled(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tids = seed(top_server, t0, 120)  # newest first: page 1 = #119…#70, page 2 = #69…#20, page 3 = #19…#0
    moved = tids[45]  # on page 2, still unread when page 3 has been served
    top_server.inject(Fault.UPDATE_BETWEEN_PAGES, page_no=3, tid=moved, changes={"seller_memo": "改地址"})
    client = make_client()
    end = t0 + timedelta(minutes=20)
    first = list(client.fetch_changed(t0, end))
    # The update moved the order out of the window (modified = now): page 2 shifted by one, so #19
    # was served twice and dropped once; the moved order belongs to a later window.
    assert sum(p.duplicates for p in first) == 1
    assert Counter(ids(first)) == Counter(t for t in tids if t != moved)
    later = list(client.fetch_changed(end, datetime.now(UTC)))
    assert ids(later) == [moved]
    assert later_order(later).seller_note == "改地址"


def later_order(pages: list[ChannelPage]) -> ChannelOrder:
    return next(o for p in pages for o in p.orders)


def test_an_order_updated_after_it_was_read_arrives_again_only_in_its_new_window(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tids = seed(top_server, t0, 120)
    top_server.inject(Fault.UPDATE_BETWEEN_PAGES, page_no=3, tid=tids[10])  # #10 was on page 3
    client = make_client()
    end = t0 + timedelta(minutes=20)
    assert Counter(ids(client.fetch_changed(t0, end))) == Counter(tids)
    assert ids(client.fetch_changed(end, datetime.now(UTC))) == [tids[10]]


def test_reading_front_to_back_under_the_same_fault_would_lose_an_order(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    """Why the client pages backwards: the naive order misses an order it never sees again."""
    tids = seed(top_server, t0, 120)
    top_server.inject(Fault.UPDATE_BETWEEN_PAGES, page_no=1, tid=tids[100])  # on page 1, just read
    client = make_client()
    window = {"fields": "tid,modified", "start_modified": format_time(t0),
              "end_modified": format_time(t0 + timedelta(minutes=20)), "page_size": 50}  # fmt: skip
    naive = [
        str(t["tid"])
        for p in (1, 2, 3)
        for t in trades_in(client.call(INCREMENT_GET, {**window, "page_no": p}))
    ]
    missed = set(tids) - set(naive) - {tids[100]}
    assert missed == {tids[69]}  # shifted from page 2 into the page already read


def test_a_repeated_page_is_asked_again(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tids = seed(top_server, t0, 120)
    top_server.inject(Fault.REPEAT_PAGE, page_no=2)  # page 2 answered with page 3's reply
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=20)))
    assert [r.page_no for r in top_server.list_requests()] == [1, 3, 2, 2, 1]
    assert Counter(ids(pages)) == Counter(tids)


def test_a_page_repeated_again_and_again_stops_the_window_without_a_checkpoint(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    seed(top_server, t0, 120)
    top_server.inject(Fault.REPEAT_PAGE, page_no=2, times=2)
    got: list[ChannelPage] = []
    with pytest.raises(PlatformError) as info:
        got.extend(make_client().fetch_changed(t0, t0 + timedelta(minutes=20)))
    assert [p.page_no for p in got] == [3] and got[0].checkpoint is None
    assert "page 2" in info.value.en and names_taobao(info.value)


def test_ranges_longer_than_30_minutes_are_split_and_edges_are_not_doubled(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tids = seed(top_server, t0, 20, every=timedelta(minutes=5))  # at 0, 5, …, 95 minutes
    end = t0 + timedelta(minutes=95)
    pages = list(make_client().fetch_changed(t0, end))
    windows = sorted({(parse_time(r.params["start_modified"]), parse_time(r.params["end_modified"]))
                      for r in top_server.list_requests()})  # fmt: skip
    assert windows == [(t0 + timedelta(minutes=a), t0 + timedelta(minutes=b))
                       for a, b in ((0, 30), (30, 60), (60, 90), (90, 95))]  # fmt: skip
    assert Counter(ids(pages)) == Counter(tids)
    assert sum(p.duplicates for p in pages) == 3  # orders exactly on 30, 60, 90 come in two windows
    assert [p.checkpoint for p in pages] == [t0 + timedelta(minutes=m) for m in (30, 60, 90, 95)]


def test_an_empty_window_still_gives_a_checkpoint(make_client: MakeClient, t0: datetime) -> None:
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=10)))
    assert [(len(p.orders), p.raw_count, p.checkpoint) for p in pages] == [(0, 0, t0 + timedelta(minutes=10))]


def test_naive_datetimes_are_refused(make_client: MakeClient) -> None:
    with pytest.raises(ValueError):
        list(make_client().fetch_changed(datetime(2024, 5, 1), datetime(2024, 5, 1, 1)))


# --- records ---


def test_a_trade_without_tid_is_reported_and_the_rest_of_its_page_arrives(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tids = seed(top_server, t0, 5)
    broken = sample_trade("0", modified=t0 + timedelta(seconds=2))
    del broken["tid"]
    top_server.add_trade(broken)
    [page] = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sorted(o.platform_order_id for o in page.orders) == sorted(tids)
    assert page.raw_count == 6 and len(page.problems) == 1
    problem = page.problems[0]
    assert problem.platform_order_id == "" and "tid" in problem.reason("en") and names_taobao(problem.error)
    assert "淘宝" in problem.reason("zh")


def test_problems_are_counted_once_per_record_even_when_served_twice(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tids = seed(top_server, t0, 60, every=timedelta(seconds=1))  # two pages
    for n in (1, 2):  # two different records without a tid, on the last page
        broken = sample_trade("0", modified=t0 - timedelta(seconds=n), buyer_message=f"#{n}")
        del broken["tid"]
        top_server.add_trade(broken)
    top_server.add_trade(sample_trade("4100000009999", modified=t0 - timedelta(seconds=3), payment="free"))
    top_server.inject(Fault.REPEAT_PAGE, page_no=1)  # page 1 answered with page 2's reply, then asked again
    pages = list(make_client().fetch_changed(t0 - timedelta(minutes=1), t0 + timedelta(minutes=5)))
    assert [r.page_no for r in top_server.list_requests()] == [1, 2, 1, 1]
    assert Counter(ids(pages)) == Counter(tids)
    assert sorted(p.platform_order_id for page in pages for p in page.problems) == ["", "", "4100000009999"]


def test_the_client_is_a_channel_adapter(make_client: MakeClient) -> None:
    client = make_client()
    assert isinstance(client, ChannelAdapter) and client.channel.value == "taobao"
    with pytest.raises(TypeError):
        ChannelAdapter()  # type: ignore[abstract]


def test_a_trade_with_an_unknown_status_is_reported_by_tid(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    seed(top_server, t0, 3)
    top_server.add_trade(
        sample_trade("4199999999999", modified=t0 + timedelta(seconds=1), status="TRADE_ON_THE_MOON")
    )
    [page] = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert len(page.orders) == 3
    assert [p.platform_order_id for p in page.problems] == ["4199999999999"]
    assert "TRADE_ON_THE_MOON" in page.problems[0].reason("en")


def test_a_chinese_receiver_with_a_short_province_normalises(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    top_server.add_trade(sample_trade("4100000000777", modified=t0, receiver_state="江苏", receiver_city="苏州市",
                                      receiver_district="姑苏区", buyer_message="周末不在家，请放门卫"))  # fmt: skip
    [page] = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=1)))
    [order] = page.orders
    r = order.receiver
    assert (r.province, r.province_raw, r.city, r.district) == ("江苏省", "江苏", "苏州市", "姑苏区")
    assert (r.name, r.phone) == ("张**", "*******1234")  # masked as delivered
    assert order.buyer_note == "周末不在家，请放门卫"


def test_unpaid_orders_are_delivered_as_unpaid_for_intake_to_skip(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    top_server.add_trade(sample_trade("4100000000888", modified=t0, status="WAIT_BUYER_PAY"))
    top_server.add_trade(sample_trade("4100000000889", modified=t0, status="TRADE_CLOSED_BY_TAOBAO"))
    [page] = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=1)))
    assert {o.trade_state for o in page.orders} == {TradeState.UNPAID} and len(page.orders) == 2


# --- faults ---

FAULTS = [
    (Fault.HTTP_500, {}, PlatformError, "HTTP 500", "HTTP 500"),
    (Fault.DELAY, {"seconds": 1.0}, NetworkError, "网络", "network"),
    (Fault.RATE_LIMIT, {}, RateLimited, "限制", "call limit"),
    (Fault.SESSION_EXPIRED, {}, AuthError, "session", "session"),
    (Fault.ISP_ERROR, {}, PlatformError, "平台", "platform"),
    (Fault.MALFORMED_JSON, {}, BadReply, "JSON", "JSON"),
]


@pytest.mark.parametrize(("fault", "options", "cls", "zh", "en"), FAULTS, ids=[f[0].value for f in FAULTS])
def test_each_injected_fault_is_the_right_error_with_a_clear_message(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime,
    fault: Fault, options: dict, cls: type[ChannelError], zh: str, en: str,
) -> None:  # fmt: skip
    seed(top_server, t0, 3)
    top_server.inject(fault, **options)
    with pytest.raises(ChannelError) as info:
        list(make_client(retry=NO_RETRY).fetch_changed(t0, t0 + timedelta(minutes=5)))
    err = info.value
    assert type(err) is cls
    assert names_taobao(err) and zh in err.reason("zh") and en in err.reason("en")
    assert "not found" not in err.en.lower() and "找不到" not in err.zh


RETRYABLE = [Fault.HTTP_500, Fault.DELAY, Fault.RATE_LIMIT, Fault.ISP_ERROR, Fault.MALFORMED_JSON]


@pytest.mark.parametrize("fault", RETRYABLE, ids=[f.value for f in RETRYABLE])
def test_a_passing_fault_is_retried_after_a_backoff_and_nothing_is_lost(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime, sleeps: list[float], fault: Fault
) -> None:
    tids = seed(top_server, t0, 3)
    top_server.inject(fault, seconds=1.0)
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sorted(ids(pages)) == sorted(tids)
    # base 0.5 s, jitter half of it at rand 0.5 → 0.375 s; the rate limit asks for 1 s
    assert sleeps == ([1.0] if fault is Fault.RATE_LIMIT else [0.375])


def test_a_lasting_fault_gives_up_after_the_bounded_tries(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    top_server.inject(Fault.HTTP_500, times=None)
    with pytest.raises(PlatformError):
        list(
            make_client(retry=RetryPolicy(attempts=3, base_delay=0.5)).fetch_changed(
                t0, t0 + timedelta(minutes=5)
            )
        )
    assert len(top_server.requests) == 3 and sleeps == [0.375, 0.75]


def test_an_expired_session_is_not_retried(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    top_server.inject(Fault.SESSION_EXPIRED, times=None)
    with pytest.raises(AuthError) as info:
        list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert info.value.code == "27" and len(top_server.requests) == 1 and sleeps == []
    assert "重新授权" in info.value.zh


# --- credentials ---


def test_a_wrong_secret_is_an_auth_error_and_the_server_saw_a_bad_signature(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    seed(top_server, t0, 3)
    client = make_client(secret="not-the-secret")
    with pytest.raises(AuthError) as info:
        list(client.fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert top_server.bad_signatures == 1
    [request] = top_server.requests
    assert (request.sign_ok, request.error_code) == (False, "25")
    assert info.value.code == "25" and "signature" in info.value.en and "签名" in info.value.zh
    assert names_taobao(info.value) and sleeps == []
    with pytest.raises(AuthError):
        client.test_credentials()
    assert top_server.bad_signatures == 2


def test_a_wrong_session_is_an_auth_error(make_client: MakeClient) -> None:
    with pytest.raises(AuthError) as info:
        make_client(session="someone-elses-session").test_credentials()
    assert info.value.code == "27"


def test_a_clock_far_off_beijing_time_is_refused_with_a_word_about_the_clock(
    top_server: FakeTopServer, make_client: MakeClient
) -> None:
    client = make_client(clock=lambda: datetime.now(UTC) + timedelta(minutes=15))
    with pytest.raises(AuthError) as info:
        client.test_credentials()
    assert (
        top_server.requests[-1].error_code == "31" and top_server.requests[-1].sign_ok
    )  # the clock, not the key
    assert "clock" in info.value.en and "时钟" in info.value.zh


def test_a_clock_a_few_minutes_off_is_fine(make_client: MakeClient) -> None:
    make_client(clock=lambda: datetime.now(UTC) - timedelta(minutes=8)).test_credentials()


@pytest.mark.parametrize("sign_method", ["md5", "hmac", "hmac-sha256", ""])
def test_every_sign_method_is_accepted(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime, sign_method: str
) -> None:
    tids = seed(top_server, t0, 2)
    client = make_client(sign_method=sign_method)
    client.test_credentials()
    assert sorted(ids(client.fetch_changed(t0, t0 + timedelta(minutes=1)))) == sorted(tids)
    assert top_server.bad_signatures == 0
    assert {r.params["sign_method"] for r in top_server.requests} == {sign_method or "hmac-sha256"}


def test_system_parameters_go_in_the_query_and_business_ones_in_the_body(top_server: FakeTopServer) -> None:
    seen: list[httpx.Request] = []
    creds = ChannelCredentials(top_server.app_key, top_server.app_secret, top_server.session, top_server.url)
    with httpx.Client(timeout=1.0, event_hooks={"request": [seen.append]}) as http:
        TaobaoClient(creds, http).test_credentials()
    [request] = seen
    query = dict(request.url.params)
    assert set(query) == {"method", "app_key", "session", "timestamp", "v", "sign_method", "format", "sign"}
    body = dict(httpx.QueryParams(request.content.decode()))
    assert set(body) == {"fields", "start_modified", "end_modified", "page_no", "page_size", "use_has_next"}
    assert body["use_has_next"] == "true" and request.method == "POST"
    assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")


def test_an_unreachable_gateway_is_a_network_problem_not_a_missing_thing(http: httpx.Client) -> None:
    with FakeTopServer() as gone:
        url = gone.url
    client = TaobaoClient(ChannelCredentials("k", "s", "x", url), http, retry=NO_RETRY)
    with pytest.raises(NetworkError) as info:
        client.test_credentials()
    assert "network" in info.value.en and "网络" in info.value.zh and names_taobao(info.value)
    assert "not found" not in info.value.en.lower()


def test_bad_configuration_is_refused_up_front(http: httpx.Client) -> None:
    with pytest.raises(AuthError):
        TaobaoClient(ChannelCredentials("", "s"), http)
    with pytest.raises(AuthError):
        TaobaoClient(ChannelCredentials("k", "s", sign_method="sha1"), http)
    with pytest.raises(RequestRejected):
        TaobaoClient(ChannelCredentials("k", "s", base_url="gw.api.taobao.com"), http)
    assert "s3cret" not in repr(ChannelCredentials("k", "s3cret", "sess10n"))
    assert "sess10n" not in repr(ChannelCredentials("k", "s3cret", "sess10n"))


# --- shipment ---


def test_confirm_shipment_sends_the_waybill_and_a_repeat_is_refused(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    [tid] = seed(top_server, t0, 1)
    client = make_client()
    order = next(o for p in client.fetch_changed(t0, t0 + timedelta(minutes=1)) for o in p.orders)
    client.confirm_shipment(order, "YT1234567890123", "YTO")
    assert top_server.shipments == [{"tid": tid, "out_sid": "YT1234567890123", "company_code": "YTO"}]
    assert top_server.trade(tid)["status"] == "WAIT_BUYER_CONFIRM_GOODS"
    with pytest.raises(RequestRejected) as info:
        client.confirm_shipment(tid, "YT1234567890123", "YTO")
    assert info.value.sub_code.startswith("isv.") and names_taobao(info.value)


def test_confirm_shipment_of_some_lines(
    top_server: FakeTopServer, make_client: MakeClient, t0: datetime
) -> None:
    tid = top_server.add_trade(
        sample_trade("4100000000500", modified=t0, lines=[("A", 1, "1.00"), ("B", 1, "2.00")])
    )
    make_client().confirm_shipment(tid, "SF0000000001", "SF", line_ids=["410000000050001"])
    [shipment] = top_server.shipments
    assert shipment["sub_tid"] == "410000000050001"
    assert top_server.requests[-1].params["is_split"] == "1"


def test_confirm_shipment_is_not_retried(top_server: FakeTopServer, make_client: MakeClient, t0: datetime,
                                         sleeps: list[float]) -> None:  # fmt: skip
    [tid] = seed(top_server, t0, 1)
    top_server.inject(Fault.HTTP_500)
    with pytest.raises(PlatformError):
        make_client().confirm_shipment(tid, "SF0000000002", "SF")
    assert len(top_server.requests) == 1 and sleeps == []
