"""The Pinduoduo client against the fake PDD gateway: 30-minute windows paged back to front, the
3-minute safety lag, every injected fault mapped to the right ChannelError naming 拼多多/Pinduoduo,
bad credentials, a broken order among good ones, shipment. No real sleeping: backoff sleeps are
recorded, and the delay fault outlasts a 0.3 s client timeout."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

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
from orderdesk.channels.fakes.pdd_server import FakePddServer, Fault, sample_order
from orderdesk.channels.pinduoduo import INCREMENT_GET, PddClient, orders_in
from orderdesk.domain.model import TradeState

TEST_RETRY = RetryPolicy(attempts=3, base_delay=0.5)  # with rand 0.5: sleeps of 0.375 s, 0.75 s
MakeClient = Callable[..., PddClient]


@pytest.fixture
def pdd_server() -> Iterator[FakePddServer]:
    with FakePddServer() as server:
        yield server


@pytest.fixture
def make_client(pdd_server: FakePddServer, http: httpx.Client, sleeps: list[float]) -> MakeClient:
    """make_client(secret=..., token=..., retry=..., page_size=..., clock=...) → PddClient."""

    def make(*, secret: str | None = None, token: str | None = None, retry: RetryPolicy = TEST_RETRY,
             **kwargs: Any) -> PddClient:  # fmt: skip
        creds = ChannelCredentials(
            app_key=pdd_server.client_id,
            app_secret=pdd_server.client_secret if secret is None else secret,
            session=pdd_server.access_token if token is None else token,
            base_url=pdd_server.url,
        )
        kwargs.setdefault("shop_code", "PDD-TEST")
        kwargs.setdefault("page_size", 50)
        return PddClient(creds, http, retry=retry, sleep=sleeps.append, rand=lambda: 0.5, **kwargs)

    return make


def seed(server: FakePddServer, t0: datetime, count: int, *, every: timedelta = timedelta(seconds=5)) -> list[str]:
    """`count` paid orders, updated t0, t0+every, …; returns their order_sn oldest first."""
    return [server.add_order(sample_order(f"240501-{100000000 + i}", updated=t0 + i * every)) for i in range(count)]


def ids(pages: Iterable[ChannelPage]) -> list[str]:
    return [o.platform_order_id for p in pages for o in p.orders]


def names_pdd(err: ChannelError) -> bool:
    return "拼多多" in err.reason("zh") and "Pinduoduo" in err.reason("en")


def window_of(r: Any) -> tuple[datetime, datetime]:
    return (datetime.fromtimestamp(int(r.params["start_updated_at"]), UTC),
            datetime.fromtimestamp(int(r.params["end_updated_at"]), UTC))  # fmt: skip


# --- paging ---


def test_a_multi_page_window_is_read_back_to_front_and_every_order_arrives_once(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    sns = seed(pdd_server, t0, 120)
    end = t0 + timedelta(minutes=20)
    pages = list(make_client().fetch_changed(t0, end))
    assert [r.page for r in pdd_server.list_requests()] == [1, 3, 2, 1]
    assert {r.params["page_size"] for r in pdd_server.list_requests()} == {"50"}
    assert {(r.params["order_status"], r.params["refund_status"]) for r in pdd_server.list_requests()} == {("5", "5")}
    assert [(p.page_no, p.page_count, len(p.orders)) for p in pages] == [(3, 3, 20), (2, 3, 50), (1, 3, 50)]
    assert sorted(ids(pages)) == sorted(sns)
    assert [p.checkpoint for p in pages] == [None, None, end]
    assert all(p.raw_count == len(p.orders) and not p.problems and not p.duplicates for p in pages)
    assert {o.shop_code for p in pages for o in p.orders} == {"PDD-TEST"}


def test_an_order_updated_between_pages_is_delivered_exactly_once(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    sns = seed(pdd_server, t0, 120)  # newest first: page 1 = #119…#70, page 2 = #69…#20, page 3 = #19…#0
    moved = sns[45]  # on page 2, still unread when page 3 has been served
    pdd_server.inject(Fault.UPDATE_BETWEEN_PAGES, page=3, order_sn=moved, changes={"remark": "改地址"})
    client = make_client()
    end = t0 + timedelta(minutes=20)
    first = list(client.fetch_changed(t0, end))
    # The update moved the order out of the window: page 2 shifted by one, so #19 was served twice
    # and dropped once; the moved order belongs to a later window, where it arrives once.
    assert sum(p.duplicates for p in first) == 1
    assert Counter(ids(first)) == Counter(s for s in sns if s != moved)
    later = list(client.fetch_changed(end, datetime.now(UTC)))
    assert ids(later) == [moved]
    assert next(o for p in later for o in p.orders).seller_note == "改地址"


def test_an_order_updated_after_it_was_read_arrives_again_only_in_its_new_window(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    sns = seed(pdd_server, t0, 120)
    pdd_server.inject(Fault.UPDATE_BETWEEN_PAGES, page=3, order_sn=sns[10])  # #10 was on page 3
    client = make_client()
    end = t0 + timedelta(minutes=20)
    assert Counter(ids(client.fetch_changed(t0, end))) == Counter(sns)
    assert ids(client.fetch_changed(end, datetime.now(UTC))) == [sns[10]]


def test_a_repeated_page_is_asked_again(pdd_server: FakePddServer, make_client: MakeClient, t0: datetime) -> None:
    sns = seed(pdd_server, t0, 120)
    pdd_server.inject(Fault.REPEAT_PAGE, page=2)  # page 2 answered with page 3's reply
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=20)))
    assert [r.page for r in pdd_server.list_requests()] == [1, 3, 2, 2, 1]
    assert Counter(ids(pages)) == Counter(sns)


def test_a_page_repeated_again_and_again_stops_the_window_without_a_checkpoint(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    seed(pdd_server, t0, 120)
    pdd_server.inject(Fault.REPEAT_PAGE, page=2, times=2)
    got: list[ChannelPage] = []
    with pytest.raises(PlatformError) as info:
        got.extend(make_client().fetch_changed(t0, t0 + timedelta(minutes=20)))
    assert [p.page_no for p in got] == [3] and got[0].checkpoint is None
    assert "page 2" in info.value.en and names_pdd(info.value)


def test_ranges_longer_than_30_minutes_are_split_and_edges_are_not_doubled(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    sns = seed(pdd_server, t0, 20, every=timedelta(minutes=5))  # at 0, 5, …, 95 minutes
    end = t0 + timedelta(minutes=95)
    pages = list(make_client().fetch_changed(t0, end))
    windows = sorted({window_of(r) for r in pdd_server.list_requests()})
    assert windows == [(t0 + timedelta(minutes=a), t0 + timedelta(minutes=b))
                       for a, b in ((0, 30), (30, 60), (60, 90), (90, 95))]  # fmt: skip
    assert Counter(ids(pages)) == Counter(sns)
    assert sum(p.duplicates for p in pages) == 3  # orders exactly on 30, 60, 90 come in two windows
    assert [p.checkpoint for p in pages] == [t0 + timedelta(minutes=m) for m in (30, 60, 90, 95)]


def test_the_gateway_refuses_a_window_over_30_minutes(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    with pytest.raises(RequestRejected) as info:
        make_client().call(INCREMENT_GET, {"start_updated_at": t0, "end_updated_at": t0 + timedelta(minutes=31)})
    assert "30" in info.value.zh and names_pdd(info.value)


def test_reading_up_to_now_delivers_at_once_but_checkpoints_behind_the_safety_lag(
    pdd_server: FakePddServer, make_client: MakeClient
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    fresh = pdd_server.add_order(sample_order("240501-900000001", updated=now - timedelta(minutes=1)))
    older = pdd_server.add_order(sample_order("240501-900000002", updated=now - timedelta(minutes=8)))
    client = make_client(clock=lambda: now)
    pages = list(client.fetch_changed(now - timedelta(minutes=40), now))
    assert sorted(ids(pages)) == sorted([fresh, older])  # fast: the fresh order is here already
    assert [p.checkpoint for p in pages] == [now - timedelta(minutes=10), now - timedelta(minutes=3)]
    # the cursor stays 3 minutes back, so the next run reads the lagged part again
    again = list(client.fetch_changed(pages[-1].checkpoint, now))
    assert ids(again) == [fresh] and again[-1].checkpoint == now - timedelta(minutes=3)
    inside = list(client.fetch_changed(now - timedelta(minutes=2), now))
    assert ids(inside) == [fresh] and inside[-1].checkpoint is None  # all of it within the lag


def test_an_empty_window_still_gives_a_checkpoint(make_client: MakeClient, t0: datetime) -> None:
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=10)))
    assert [(len(p.orders), p.raw_count, p.checkpoint) for p in pages] == [(0, 0, t0 + timedelta(minutes=10))]


def test_naive_datetimes_are_refused(make_client: MakeClient) -> None:
    with pytest.raises(ValueError):
        list(make_client().fetch_changed(datetime(2024, 5, 1), datetime(2024, 5, 1, 1)))


# --- records ---


def test_one_broken_order_is_reported_and_the_rest_of_its_page_arrives(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    sns = seed(pdd_server, t0, 5)
    pdd_server.add_order(sample_order("240501-199999999", updated=t0 + timedelta(seconds=2), order_status=7))
    no_sn = sample_order("0", updated=t0 + timedelta(seconds=3))
    del no_sn["order_sn"]
    pdd_server.add_order(no_sn)
    [page] = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sorted(o.platform_order_id for o in page.orders) == sorted(sns)
    assert page.raw_count == 7 and sorted(p.platform_order_id for p in page.problems) == ["", "240501-199999999"]
    unknown = next(p for p in page.problems if p.platform_order_id)
    assert "order_status=7" in unknown.reason("en") and names_pdd(unknown.error)
    assert "拼多多" in unknown.reason("zh") and "240501-199999999" in unknown.reason("zh")


def test_problems_are_counted_once_per_record_even_when_served_twice(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    sns = seed(pdd_server, t0, 60, every=timedelta(seconds=1))  # two pages
    pdd_server.add_order(sample_order("240501-199999998", updated=t0 - timedelta(seconds=3), pay_amount="free"))
    pdd_server.inject(Fault.REPEAT_PAGE, page=1)  # page 1 answered with page 2's reply, then asked again
    pages = list(make_client().fetch_changed(t0 - timedelta(minutes=1), t0 + timedelta(minutes=5)))
    assert [r.page for r in pdd_server.list_requests()] == [1, 2, 1, 1]
    assert Counter(ids(pages)) == Counter(sns)
    assert [p.platform_order_id for page in pages for p in page.problems] == ["240501-199999998"]


def test_shipped_completed_and_refunded_orders_arrive_with_their_status(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    for sn, status, refund in (("240501-1", 2, 1), ("240501-2", 3, 1), ("240501-3", 1, 4)):
        pdd_server.add_order(sample_order(sn, updated=t0, order_status=status, refund_status=refund))
    [page] = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=1)))
    assert {o.platform_order_id: o.trade_state for o in page.orders} == {
        "240501-1": TradeState.SHIPPED, "240501-2": TradeState.COMPLETED, "240501-3": TradeState.CLOSED}  # fmt: skip


def test_the_client_is_a_channel_adapter(make_client: MakeClient) -> None:
    client = make_client()
    assert isinstance(client, ChannelAdapter) and client.channel.value == "pdd"


# --- faults ---

FAULTS = [
    (Fault.HTTP_500, {}, PlatformError, "HTTP 500", "HTTP 500"),
    (Fault.DELAY, {"seconds": 1.0}, NetworkError, "网络", "network"),
    (Fault.RATE_LIMIT, {}, RateLimited, "限制", "call limit"),
    (Fault.TOKEN_EXPIRED, {}, AuthError, "access_token", "access_token"),
    (Fault.PLATFORM_ERROR, {}, PlatformError, "平台", "platform"),
    (Fault.MALFORMED_JSON, {}, BadReply, "JSON", "JSON"),
]


@pytest.mark.parametrize(("fault", "options", "cls", "zh", "en"), FAULTS, ids=[f[0].value for f in FAULTS])
def test_each_injected_fault_is_the_right_error_with_a_clear_message(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime,
    fault: Fault, options: dict, cls: type[ChannelError], zh: str, en: str,
) -> None:  # fmt: skip
    seed(pdd_server, t0, 3)
    pdd_server.inject(fault, **options)
    with pytest.raises(ChannelError) as info:
        list(make_client(retry=NO_RETRY).fetch_changed(t0, t0 + timedelta(minutes=5)))
    err = info.value
    assert type(err) is cls
    assert names_pdd(err) and zh in err.reason("zh") and en in err.reason("en")


RETRYABLE = [Fault.HTTP_500, Fault.DELAY, Fault.RATE_LIMIT, Fault.PLATFORM_ERROR, Fault.MALFORMED_JSON]


@pytest.mark.parametrize("fault", RETRYABLE, ids=[f.value for f in RETRYABLE])
def test_a_passing_fault_is_retried_after_a_backoff_and_nothing_is_lost(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime, sleeps: list[float], fault: Fault
) -> None:
    sns = seed(pdd_server, t0, 3)
    pdd_server.inject(fault, seconds=1.0)
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sorted(ids(pages)) == sorted(sns)
    assert sleeps == [0.375]  # base 0.5 s, jitter half of it at rand 0.5


def test_a_lasting_fault_gives_up_after_the_bounded_tries(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    pdd_server.inject(Fault.HTTP_500, times=None)
    with pytest.raises(PlatformError):
        list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert len(pdd_server.requests) == 3 and sleeps == [0.375, 0.75]


def test_an_expired_token_is_not_retried(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    pdd_server.inject(Fault.TOKEN_EXPIRED, times=None)
    with pytest.raises(AuthError) as info:
        list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert info.value.code == "10019" and len(pdd_server.requests) == 1 and sleeps == []
    assert "重新授权" in info.value.zh


# --- credentials ---


def test_a_wrong_secret_is_an_auth_error_and_the_server_saw_a_bad_signature(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    seed(pdd_server, t0, 3)
    client = make_client(secret="not-the-secret")
    with pytest.raises(AuthError) as info:
        list(client.fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert pdd_server.bad_signatures == 1
    [request] = pdd_server.requests
    assert (request.sign_ok, request.error_code) == (False, "10016")
    assert "signature" in info.value.en and "签名" in info.value.zh
    assert names_pdd(info.value) and sleeps == []
    with pytest.raises(AuthError):
        client.test_credentials()
    assert pdd_server.bad_signatures == 2


def test_good_credentials_pass_and_a_wrong_token_or_client_id_does_not(
    pdd_server: FakePddServer, make_client: MakeClient, http: httpx.Client
) -> None:
    make_client().test_credentials()
    assert pdd_server.requests[-1].sign_ok and pdd_server.requests[-1].status == 200
    with pytest.raises(AuthError) as info:
        make_client(token="someone-elses-token").test_credentials()
    assert info.value.code == "10019"
    creds = ChannelCredentials("other-client", pdd_server.client_secret, pdd_server.access_token, pdd_server.url)
    with pytest.raises(AuthError) as info:
        PddClient(creds, http).test_credentials()
    assert "client_id" in info.value.en


def test_a_clock_far_off_is_refused_with_a_word_about_the_clock(
    pdd_server: FakePddServer, make_client: MakeClient
) -> None:
    with pytest.raises(AuthError) as info:
        make_client(clock=lambda: datetime.now(UTC) + timedelta(minutes=15)).test_credentials()
    assert pdd_server.requests[-1].sign_ok  # the clock, not the key
    assert "clock" in info.value.en and "时钟" in info.value.zh
    make_client(clock=lambda: datetime.now(UTC) - timedelta(minutes=8)).test_credentials()


def test_every_parameter_goes_signed_in_a_form_body(pdd_server: FakePddServer) -> None:
    seen: list[httpx.Request] = []
    creds = ChannelCredentials(pdd_server.client_id, pdd_server.client_secret, pdd_server.access_token, pdd_server.url)
    with httpx.Client(timeout=1.0, event_hooks={"request": [seen.append]}) as http:
        PddClient(creds, http).test_credentials()
    [request] = seen
    assert not request.url.params and request.method == "POST"
    assert request.headers["content-type"].startswith("application/x-www-form-urlencoded")
    body = dict(httpx.QueryParams(request.content.decode()))
    assert set(body) == {"type", "client_id", "access_token", "timestamp", "data_type", "version", "sign",
                         "start_updated_at", "end_updated_at", "order_status", "refund_status", "page",
                         "page_size", "use_has_next"}  # fmt: skip
    assert body["timestamp"].isdigit() and len(body["timestamp"]) == 10  # epoch seconds
    assert (body["data_type"], body["use_has_next"]) == ("JSON", "true")
    assert int(body["end_updated_at"]) - int(body["start_updated_at"]) == 300


def test_an_unreachable_gateway_is_a_network_problem(http: httpx.Client) -> None:
    with FakePddServer() as gone:
        url = gone.url
    with pytest.raises(NetworkError) as info:
        PddClient(ChannelCredentials("k", "s", "x", url), http, retry=NO_RETRY).test_credentials()
    assert "network" in info.value.en and "网络" in info.value.zh and names_pdd(info.value)


def test_bad_configuration_is_refused_up_front(http: httpx.Client) -> None:
    with pytest.raises(AuthError):
        PddClient(ChannelCredentials("", "s"), http)
    with pytest.raises(AuthError):
        PddClient(ChannelCredentials("k", "s", sign_method="hmac-sha256"), http)
    with pytest.raises(RequestRejected):
        PddClient(ChannelCredentials("k", "s", base_url="gw-api.pinduoduo.com"), http)
    with pytest.raises(ValueError):
        PddClient(ChannelCredentials("k", "s"), http, page_size=101)


# --- shipment ---


def test_confirm_shipment_sends_the_waybill_and_a_repeat_is_refused(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime
) -> None:
    [sn] = seed(pdd_server, t0, 1)
    client = make_client()
    order = next(o for p in client.fetch_changed(t0, t0 + timedelta(minutes=1)) for o in p.orders)
    client.confirm_shipment(order, "YT1234567890123", "85")
    assert pdd_server.shipments == [{"order_sn": sn, "logistics_id": "85", "tracking_number": "YT1234567890123"}]
    assert pdd_server.order(sn)["order_status"] == 2
    with pytest.raises(RequestRejected) as info:
        client.confirm_shipment(sn, "YT1234567890123", "85")
    assert names_pdd(info.value) and "order_status" in info.value.en


def test_confirm_shipment_refuses_what_pdd_cannot_do(make_client: MakeClient, pdd_server: FakePddServer) -> None:
    client = make_client()
    with pytest.raises(ValueError):
        client.confirm_shipment("240501-1", "SF1", "SF")  # logistics_id is numeric
    with pytest.raises(RequestRejected):
        client.confirm_shipment("240501-1", "SF1", "44", line_ids=["1"])
    assert pdd_server.requests == []


def test_confirm_shipment_is_not_retried(
    pdd_server: FakePddServer, make_client: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    [sn] = seed(pdd_server, t0, 1)
    pdd_server.inject(Fault.HTTP_500)
    with pytest.raises(PlatformError):
        make_client().confirm_shipment(sn, "SF0000000002", "44")
    assert len(pdd_server.requests) == 1 and sleeps == []


def test_the_raw_reply_lists_full_orders(pdd_server: FakePddServer, make_client: MakeClient, t0: datetime) -> None:
    [sn] = seed(pdd_server, t0, 1)
    payload = make_client().call(INCREMENT_GET, {"start_updated_at": t0, "end_updated_at": t0 + timedelta(minutes=1)})
    assert payload["total_count"] == 1 and [o["order_sn"] for o in orders_in(payload)] == [sn]
