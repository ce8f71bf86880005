"""The Douyin client against the fake 抖店 gateway: paging back to front, window splitting, every
injected fault mapped to the right ChannelError naming Douyin, bad credentials, bad records, shipment."""

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
from orderdesk.channels.douyin import SEARCH_LIST, DouyinClient
from orderdesk.channels.fakes.douyin_server import FakeDouyinServer, Fault, sample_order
from orderdesk.domain.model import TradeState

TEST_RETRY = RetryPolicy(attempts=3, base_delay=0.5)  # with rand 0.5: sleeps of 0.375 s, 0.75 s
MakeClient = Callable[..., DouyinClient]


@pytest.fixture
def dy_server() -> Iterator[FakeDouyinServer]:
    with FakeDouyinServer() as server:
        yield server


@pytest.fixture
def make_dy(dy_server: FakeDouyinServer, http: httpx.Client, sleeps: list[float]) -> MakeClient:
    def make(*, secret: str | None = None, token: str | None = None, sign_method: str = "",
             retry: RetryPolicy = TEST_RETRY, server: FakeDouyinServer | None = None, **kwargs: Any) -> DouyinClient:  # fmt: skip
        srv = server or dy_server
        creds = ChannelCredentials(
            app_key=srv.app_key,
            app_secret=srv.app_secret if secret is None else secret,
            session=srv.access_token if token is None else token,
            base_url=srv.url,
            sign_method=sign_method,
        )
        kwargs.setdefault("shop_code", "DY-TEST")
        return DouyinClient(creds, http, retry=retry, sleep=sleeps.append, rand=lambda: 0.5, **kwargs)

    return make


def seed(server: FakeDouyinServer, t0: datetime, count: int, *, every: timedelta = timedelta(seconds=5),
         first: int = 6900000000000000000) -> list[str]:  # fmt: skip
    """`count` paid orders updated t0, t0+every, …; returns their ids oldest first."""
    return [server.add_order(sample_order(str(first + i), updated=t0 + i * every)) for i in range(count)]


def ids(pages: Iterable[ChannelPage]) -> list[str]:
    return [o.platform_order_id for p in pages for o in p.orders]


def names_douyin(err: ChannelError) -> bool:
    return "抖音" in err.reason("zh") and "Douyin" in err.reason("en")


# --- paging ---


def test_a_multi_page_window_is_read_back_to_front_and_every_order_arrives_once(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    oids = seed(dy_server, t0, 250)
    end = t0 + timedelta(minutes=25)
    pages = list(make_dy().fetch_changed(t0, end))
    reqs = dy_server.list_requests()
    assert [r.page for r in reqs] == [0, 2, 1, 0]  # total first, then last → first
    assert {r.params["size"] for r in reqs} == {100}
    assert {(r.params["order_by"], r.params["order_asc"]) for r in reqs} == {("update_time", False)}
    assert [(p.page_no, p.page_count, len(p.orders)) for p in pages] == [(3, 3, 50), (2, 3, 100), (1, 3, 100)]
    assert sorted(ids(pages)) == sorted(oids)
    assert [p.checkpoint for p in pages] == [None, None, end]
    assert all(p.raw_count == len(p.orders) and not p.problems and not p.duplicates for p in pages)
    assert {o.shop_code for p in pages for o in p.orders} == {"DY-TEST"}
    assert all(r.sign_ok for r in dy_server.requests)


def test_an_order_updated_on_an_unread_page_is_never_lost_nor_doubled(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    oids = seed(dy_server, t0, 250)  # newest first: page 0 = #249…#150, page 1 = #149…#50, page 2 = #49…#0
    moved = oids[100]  # on page 1, still unread when page 2 has been served
    dy_server.inject(Fault.UPDATE_BETWEEN_PAGES, page=2, order_id=moved, changes={"seller_words": "改地址"})
    client = make_dy()
    end = t0 + timedelta(minutes=25)
    first = list(client.fetch_changed(t0, end))
    assert sum(p.duplicates for p in first) == 1  # #49 shifted onto page 1 and was served twice
    assert Counter(ids(first)) == Counter(o for o in oids if o != moved)
    later = list(client.fetch_changed(end, datetime.now(UTC)))
    assert ids(later) == [moved]
    assert next(o for p in later for o in p.orders).seller_note == "改地址"


def test_an_order_updated_after_it_was_read_arrives_again_only_in_its_new_window(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    oids = seed(dy_server, t0, 250)
    dy_server.inject(Fault.UPDATE_BETWEEN_PAGES, page=2, order_id=oids[10])  # #10 was on page 2
    client = make_dy()
    end = t0 + timedelta(minutes=25)
    assert Counter(ids(client.fetch_changed(t0, end))) == Counter(oids)
    assert ids(client.fetch_changed(end, datetime.now(UTC))) == [oids[10]]


def test_a_repeated_page_is_asked_again(dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime) -> None:
    oids = seed(dy_server, t0, 250)
    dy_server.inject(Fault.REPEAT_PAGE, page=1)  # page 1 answered with page 2's reply
    pages = list(make_dy().fetch_changed(t0, t0 + timedelta(minutes=25)))
    assert [r.page for r in dy_server.list_requests()] == [0, 2, 1, 1, 0]
    assert Counter(ids(pages)) == Counter(oids)


def test_a_page_repeated_again_and_again_stops_the_window_without_a_checkpoint(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    seed(dy_server, t0, 250)
    dy_server.inject(Fault.REPEAT_PAGE, page=1, times=2)
    got: list[ChannelPage] = []
    with pytest.raises(PlatformError) as info:
        got.extend(make_dy().fetch_changed(t0, t0 + timedelta(minutes=25)))
    assert [p.page_no for p in got] == [3] and got[0].checkpoint is None
    assert "page 1" in info.value.en and names_douyin(info.value)


def test_ranges_longer_than_30_minutes_are_split_and_edges_are_not_doubled(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    oids = seed(dy_server, t0, 40, every=timedelta(minutes=3))  # the last at t0 + 117 min
    end = t0 + timedelta(hours=2)
    pages = list(make_dy().fetch_changed(t0, end))
    windows = [(r.params["update_time_start"], r.params["update_time_end"]) for r in dy_server.list_requests()]
    assert len(windows) == 4 and all(b - a == 1800 for a, b in windows)
    assert Counter(ids(pages)) == Counter(oids)  # t0+30/60/90 min lie in two windows each; delivered once
    assert sum(p.duplicates for p in pages) == 3
    assert [p.checkpoint for p in pages] == [t0 + timedelta(minutes=30 * i) for i in range(1, 5)]


def test_an_empty_window_still_gives_a_checkpoint(make_dy: MakeClient, t0: datetime) -> None:
    pages = list(make_dy().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert [(p.orders, p.checkpoint) for p in pages] == [((), t0 + timedelta(minutes=5))]


def test_the_fake_refuses_windows_over_its_limit(dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime) -> None:
    client = make_dy()
    params = {"page": 0, "size": 10, "update_time_start": 0, "update_time_end": 2 * 86400}
    with pytest.raises(RequestRejected):
        client.call(SEARCH_LIST, params)
    with pytest.raises(RequestRejected):
        client.call(SEARCH_LIST, {"page": 0, "size": 101})


def test_naive_datetimes_are_refused(make_dy: MakeClient) -> None:
    with pytest.raises(ValueError):
        list(make_dy().fetch_changed(datetime(2024, 5, 1), datetime(2024, 5, 1, 1)))


# --- bad records ---


def test_one_broken_order_is_reported_and_the_rest_of_its_page_arrives(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    oids = seed(dy_server, t0, 5)
    broken = sample_order("6910000000000000001", updated=t0 + timedelta(seconds=2), order_status=77)
    dy_server.add_order(broken)
    nameless = sample_order("6910000000000000002", updated=t0 + timedelta(seconds=3))
    del nameless["order_id"]
    dy_server.add_order(nameless)
    pages = list(make_dy().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sorted(ids(pages)) == sorted(oids)
    problems = [p for page in pages for p in page.problems]
    assert sorted(p.platform_order_id for p in problems) == ["", "6910000000000000001"]
    assert all(names_douyin(p.error) for p in problems)
    assert "unknown order status 77" in next(p for p in problems if p.platform_order_id).reason("en")
    assert pages[-1].raw_count == 7 and pages[-1].checkpoint is not None


def test_problems_are_counted_once_even_when_served_twice(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    dy_server.add_order(sample_order("6910000000000000001", updated=t0 + timedelta(minutes=30), order_status=77))
    pages = list(make_dy().fetch_changed(t0, t0 + timedelta(hours=1)))  # on the edge of two windows
    assert sum(len(p.problems) for p in pages) == 1 and sum(p.duplicates for p in pages) == 1


def test_unpaid_and_cancelled_orders_arrive_with_their_state(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    dy_server.add_order(sample_order("6900000000000000001", updated=t0, status=1))
    dy_server.add_order(sample_order("6900000000000000002", updated=t0, status=4))
    states = {o.platform_order_id: o.trade_state for p in make_dy().fetch_changed(t0, t0 + timedelta(minutes=1)) for o in p.orders}
    assert states == {"6900000000000000001": TradeState.UNPAID, "6900000000000000002": TradeState.CLOSED}


def test_the_client_is_a_channel_adapter(make_dy: MakeClient) -> None:
    assert isinstance(make_dy(), ChannelAdapter)


# --- faults ---


@pytest.mark.parametrize(
    ("fault", "kind", "words"),
    [
        (Fault.HTTP_500, PlatformError, "HTTP 500"),
        (Fault.DELAY, NetworkError, "timed out"),
        (Fault.RATE_LIMIT, RateLimited, "call limit"),
        (Fault.TOKEN_EXPIRED, AuthError, "access_token"),
        (Fault.ISP_ERROR, PlatformError, "platform failed"),
        (Fault.MALFORMED_JSON, BadReply, "not valid JSON"),
    ],
)
def test_each_injected_fault_is_the_right_error_with_a_clear_message(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime,
    fault: Fault, kind: type[ChannelError], words: str,
) -> None:  # fmt: skip
    seed(dy_server, t0, 3)
    dy_server.inject(fault, times=None, seconds=1.0)
    with pytest.raises(ChannelError) as info:
        list(make_dy(retry=NO_RETRY).fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert type(info.value) is kind and words in info.value.en and names_douyin(info.value)


@pytest.mark.parametrize("fault", [Fault.HTTP_500, Fault.RATE_LIMIT, Fault.ISP_ERROR, Fault.MALFORMED_JSON, Fault.DELAY])
def test_a_passing_fault_is_retried_after_a_backoff_and_nothing_is_lost(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime, sleeps: list[float], fault: Fault
) -> None:
    oids = seed(dy_server, t0, 3)
    dy_server.inject(fault, seconds=1.0)
    assert sorted(ids(make_dy().fetch_changed(t0, t0 + timedelta(minutes=5)))) == oids
    assert sleeps == [0.375]  # no real sleeping: the backoff went to the injected sleep


def test_a_lasting_fault_gives_up_after_the_bounded_tries(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    dy_server.inject(Fault.HTTP_500, times=None)
    with pytest.raises(PlatformError):
        list(make_dy().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sleeps == [0.375, 0.75] and len(dy_server.requests) == 3


def test_an_expired_token_is_not_retried(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    dy_server.inject(Fault.TOKEN_EXPIRED, times=None)
    with pytest.raises(AuthError):
        list(make_dy().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sleeps == [] and len(dy_server.requests) == 1


# --- credentials ---


def test_a_wrong_secret_is_an_auth_error_and_the_server_saw_a_bad_signature(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    with pytest.raises(AuthError) as info:
        make_dy(secret="not-the-secret").test_credentials()
    assert "signature" in info.value.en and names_douyin(info.value)
    assert dy_server.bad_signatures == 1 and not dy_server.requests[-1].sign_ok
    with pytest.raises(AuthError):
        list(make_dy(secret="not-the-secret").fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sleeps == [] and dy_server.bad_signatures == 2


def test_good_credentials_pass_for_both_sign_methods(dy_server: FakeDouyinServer, make_dy: MakeClient) -> None:
    for method in ("hmac-sha256", "md5"):
        make_dy(sign_method=method).test_credentials()
    assert [r.query["sign_method"] for r in dy_server.requests] == ["hmac-sha256", "md5"]
    assert all(r.sign_ok and r.status == 200 and not r.error_code for r in dy_server.requests)


def test_a_wrong_token_is_an_auth_error(make_dy: MakeClient) -> None:
    with pytest.raises(AuthError) as info:
        make_dy(token="old-token").test_credentials()
    assert "access_token" in info.value.en


def test_a_clock_far_off_is_refused_with_a_word_about_the_clock(make_dy: MakeClient) -> None:
    with pytest.raises(AuthError) as info:
        make_dy(clock=lambda: datetime.now(UTC) - timedelta(minutes=30)).test_credentials()
    assert "clock" in info.value.en
    make_dy(clock=lambda: datetime.now(UTC) + timedelta(minutes=3)).test_credentials()


def test_the_request_shape(dy_server: FakeDouyinServer, make_dy: MakeClient) -> None:
    make_dy().test_credentials()
    req = dy_server.requests[-1]
    assert set(req.query) == {"app_key", "method", "access_token", "timestamp", "v", "sign_method", "sign"}
    assert req.query["v"] == "2" and req.query["timestamp"].isdigit() and len(req.query["timestamp"]) == 10
    assert req.query["sign"] == req.query["sign"].lower()
    assert req.content_type == "application/json" and req.body.startswith('{"order_asc":false,')
    assert " " not in req.body


def test_an_old_style_gateway_is_understood(http: httpx.Client, make_dy: MakeClient, t0: datetime) -> None:
    with FakeDouyinServer(old_style=True) as old:
        seed(old, t0, 2)
        assert len(ids(make_dy(server=old).fetch_changed(t0, t0 + timedelta(minutes=5)))) == 2
        with pytest.raises(AuthError):
            make_dy(server=old, secret="wrong").test_credentials()


def test_an_unreachable_gateway_is_a_network_problem(http: httpx.Client) -> None:
    creds = ChannelCredentials("k", "s", "t", base_url="http://127.0.0.1:9")
    with pytest.raises(NetworkError) as info:
        DouyinClient(creds, http).test_credentials()
    assert names_douyin(info.value)


def test_bad_configuration_is_refused_up_front(http: httpx.Client) -> None:
    with pytest.raises(AuthError):
        DouyinClient(ChannelCredentials("k", ""), http)
    with pytest.raises(AuthError):
        DouyinClient(ChannelCredentials("k", "s", sign_method="hmac"), http)
    with pytest.raises(RequestRejected):
        DouyinClient(ChannelCredentials("k", "s", base_url="ftp://x"), http)
    assert DouyinClient(ChannelCredentials("k", "s"), http).base_url == "https://openapi-fxg.jinritemai.com"


# --- single order and shipment ---


def test_fetch_order_reads_the_detail(dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime) -> None:
    (oid,) = seed(dy_server, t0, 1)
    assert make_dy().fetch_order(oid).platform_order_id == oid
    with pytest.raises(RequestRejected):
        make_dy().fetch_order("1")


def test_confirm_shipment_sends_the_waybill_and_a_repeat_is_refused(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime
) -> None:
    (oid,) = seed(dy_server, t0, 1)
    client = make_dy()
    client.confirm_shipment(oid, " SF1234567890 ", "shunfeng")
    assert dy_server.shipments == [{"order_id": oid, "logistics_code": "SF1234567890", "company_code": "shunfeng"}]
    assert dy_server.order(oid)["order_status"] == 3
    with pytest.raises(RequestRejected) as info:
        client.confirm_shipment(oid, "SF1234567890", "shunfeng")
    assert names_douyin(info.value)


def test_confirm_shipment_of_some_lines_is_refused_not_guessed(make_dy: MakeClient) -> None:
    with pytest.raises(RequestRejected):
        make_dy().confirm_shipment("6900000000000000001", "SF1", "shunfeng", line_ids=["x"])
    with pytest.raises(ValueError):
        make_dy().confirm_shipment("6900000000000000001", " ", "shunfeng")


def test_confirm_shipment_is_not_retried(
    dy_server: FakeDouyinServer, make_dy: MakeClient, t0: datetime, sleeps: list[float]
) -> None:
    (oid,) = seed(dy_server, t0, 1)
    dy_server.inject(Fault.HTTP_500)
    with pytest.raises(PlatformError):
        make_dy().confirm_shipment(oid, "SF1", "shunfeng")
    assert sleeps == [] and dy_server.shipments == []
