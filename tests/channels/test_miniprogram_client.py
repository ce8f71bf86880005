"""The mini-program client against the fake back-end: back-to-front paging, exactly-once delivery,
every fault → the right ChannelError naming 小程序/Mini-program, bad secret, broken order, shipping."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from orderdesk.channels.base import (
    NO_RETRY,
    AuthError,
    BadReply,
    ChannelCredentials,
    ChannelError,
    NetworkError,
    PlatformError,
    RateLimited,
    RequestRejected,
    RetryPolicy,
)
from orderdesk.channels.fakes.miniprogram_server import FakeMiniProgramServer, Fault, sample_order
from orderdesk.channels.miniprogram import MiniProgramClient
from orderdesk.domain.model import TradeState

TEST_RETRY = RetryPolicy(attempts=3, base_delay=0.5)
MakeClient = Callable[..., MiniProgramClient]


@pytest.fixture
def mp_server() -> Iterator[FakeMiniProgramServer]:
    with FakeMiniProgramServer() as server:
        yield server


@pytest.fixture
def make_client(mp_server: FakeMiniProgramServer, http: httpx.Client, sleeps: list[float]) -> MakeClient:
    def make(*, secret: str | None = None, token: str | None = None, retry: RetryPolicy = TEST_RETRY,
             **kwargs: Any) -> MiniProgramClient:  # fmt: skip
        creds = ChannelCredentials(mp_server.app_key, mp_server.app_secret if secret is None else secret,
                                   mp_server.token if token is None else token, mp_server.url)  # fmt: skip
        kwargs.setdefault("shop_code", "MP-TEST")
        kwargs.setdefault("page_size", 50)
        return MiniProgramClient(creds, http, retry=retry, sleep=sleeps.append, rand=lambda: 0.5, **kwargs)

    return make


def seed(server: FakeMiniProgramServer, t0: datetime, count: int) -> list[str]:
    return [server.add_order(sample_order(f"MP{100000 + i}", updated=t0 + i * timedelta(seconds=5)))
            for i in range(count)]  # fmt: skip


def ids(pages: Any) -> list[str]:
    return [o.platform_order_id for p in pages for o in p.orders]


def names_mp(err: ChannelError) -> bool:
    return "小程序" in err.reason("zh") and "Mini-program" in err.reason("en")


def test_pages_are_read_back_to_front_and_every_order_arrives_once(
    mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime
) -> None:
    nos = seed(mp_server, t0, 120)
    end = t0 + timedelta(minutes=20)
    pages = list(make_client().fetch_changed(t0, end))
    assert [r.page for r in mp_server.list_requests()] == [1, 3, 2, 1]
    assert [(p.page_no, p.page_count, len(p.orders)) for p in pages] == [(3, 3, 20), (2, 3, 50), (1, 3, 50)]
    assert sorted(ids(pages)) == sorted(nos)
    assert [p.checkpoint for p in pages] == [None, None, end]
    assert mp_server.bad_signatures == 0


def test_long_ranges_are_split_into_days(mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime) -> None:
    start = t0 - timedelta(days=2, hours=1)
    mp_server.add_order(sample_order("MPOLD", updated=start + timedelta(hours=2)))
    pages = list(make_client().fetch_changed(start, t0))
    assert len(pages) == 3 and ids(pages) == ["MPOLD"] and pages[-1].checkpoint == t0


def test_an_order_updated_between_pages_is_delivered_exactly_once(
    mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime
) -> None:
    nos = seed(mp_server, t0, 120)
    moved = nos[45]
    mp_server.inject(Fault.UPDATE_BETWEEN_PAGES, page=3, order_no=moved, changes={"seller_note": "改地址"})
    client = make_client()
    end = t0 + timedelta(minutes=20)
    first = list(client.fetch_changed(t0, end))
    assert sum(p.duplicates for p in first) == 1
    assert Counter(ids(first)) == Counter(n for n in nos if n != moved)
    later = list(client.fetch_changed(end, datetime.now(UTC)))
    assert ids(later) == [moved]
    assert later[-1].checkpoint is None or later[-1].checkpoint < datetime.now(UTC)
    assert next(o for p in later for o in p.orders).seller_note == "改地址"


def test_a_repeated_page_is_asked_again(mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime) -> None:
    nos = seed(mp_server, t0, 120)
    mp_server.inject(Fault.REPEAT_PAGE, page=2)
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=20)))
    assert [r.page for r in mp_server.list_requests()] == [1, 3, 2, 2, 1]
    assert Counter(ids(pages)) == Counter(nos)


def test_a_page_repeated_twice_stops_the_window(mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime) -> None:
    seed(mp_server, t0, 120)
    mp_server.inject(Fault.REPEAT_PAGE, page=2, times=2)
    with pytest.raises(PlatformError) as info:
        list(make_client().fetch_changed(t0, t0 + timedelta(minutes=20)))
    assert names_mp(info.value)


def test_one_broken_order_is_reported_and_the_rest_arrive(
    mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime
) -> None:
    nos = seed(mp_server, t0, 3)
    mp_server.add_order({**sample_order("MPBROKEN", updated=t0 + timedelta(seconds=2)), "total_fen": "12.5"})
    pages = list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sorted(ids(pages)) == sorted(nos)
    problems = [pr for p in pages for pr in p.problems]
    assert [pr.platform_order_id for pr in problems] == ["MPBROKEN"] and "total_fen" in problems[0].reason("en")
    assert sum(p.raw_count for p in pages) == 4


FAULTS = [
    (Fault.HTTP_500, {}, PlatformError),
    (Fault.DELAY, {"seconds": 1.0}, NetworkError),
    (Fault.RATE_LIMIT, {}, RateLimited),
    (Fault.TOKEN_EXPIRED, {}, AuthError),
    (Fault.MALFORMED_JSON, {}, BadReply),
]


@pytest.mark.parametrize(("fault", "options", "error"), FAULTS)
def test_each_fault_is_the_right_error_naming_the_channel(
    mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime, fault: Fault, options: dict,
    error: type[ChannelError],
) -> None:  # fmt: skip
    seed(mp_server, t0, 2)
    mp_server.inject(fault, times=None, **options)
    with pytest.raises(error) as info:
        list(make_client(retry=NO_RETRY).fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert type(info.value) is error and names_mp(info.value)
    if fault is Fault.RATE_LIMIT:
        assert info.value.retry_after == 2.0


@pytest.mark.parametrize("fault", [Fault.HTTP_500, Fault.DELAY, Fault.RATE_LIMIT, Fault.MALFORMED_JSON])
def test_a_passing_fault_is_retried_and_nothing_is_lost(
    mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime, sleeps: list[float], fault: Fault
) -> None:
    nos = seed(mp_server, t0, 3)
    mp_server.inject(fault, seconds=1.0)
    assert sorted(ids(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))) == sorted(nos)
    assert len(sleeps) == 1


def test_an_expired_token_is_not_retried(mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime,
                                         sleeps: list[float]) -> None:  # fmt: skip
    mp_server.inject(Fault.TOKEN_EXPIRED)
    with pytest.raises(AuthError):
        list(make_client().fetch_changed(t0, t0 + timedelta(minutes=5)))
    assert sleeps == []


def test_a_wrong_secret_is_an_auth_error_and_the_server_saw_a_bad_signature(
    mp_server: FakeMiniProgramServer, make_client: MakeClient, sleeps: list[float]
) -> None:
    with pytest.raises(AuthError) as info:
        make_client(secret="wrong").test_credentials()
    assert names_mp(info.value) and "secret" in info.value.reason("en") and info.value.code == "bad_signature"
    assert mp_server.bad_signatures == 1 and sleeps == []
    make_client().test_credentials()


def test_a_wrong_token_or_far_clock_is_refused(mp_server: FakeMiniProgramServer, make_client: MakeClient) -> None:
    with pytest.raises(AuthError) as info:
        make_client(token="stale").test_credentials()
    assert info.value.code == "token_expired"
    with pytest.raises(AuthError) as info:
        make_client(clock=lambda: datetime.now(UTC) - timedelta(minutes=30)).test_credentials()
    assert "clock" in info.value.reason("en")


def test_a_replayed_nonce_is_refused(mp_server: FakeMiniProgramServer, make_client: MakeClient) -> None:
    client = make_client()
    client.test_credentials()
    import orderdesk.channels.miniprogram as mp

    real = mp.secrets.token_hex
    mp.secrets.token_hex = lambda n=16: "fixed-nonce"  # type: ignore[assignment]
    try:
        client.test_credentials()
        with pytest.raises(AuthError) as info:
            client.test_credentials()
    finally:
        mp.secrets.token_hex = real  # type: ignore[assignment]
    assert info.value.code == "nonce_replay" and mp_server.replays == 1


def test_unreachable_and_misconfigured(http: httpx.Client) -> None:
    creds = ChannelCredentials("k", "s", "", "http://127.0.0.1:9")
    with pytest.raises(NetworkError) as info:
        MiniProgramClient(creds, http, retry=NO_RETRY).test_credentials()
    assert names_mp(info.value)
    with pytest.raises(RequestRejected):
        MiniProgramClient(ChannelCredentials("k", "s"), http)
    with pytest.raises(AuthError):
        MiniProgramClient(ChannelCredentials("", "s", "", "http://x"), http)


def test_confirm_shipment_uploads_wechat_shipping_info_and_a_repeat_is_refused(
    mp_server: FakeMiniProgramServer, make_client: MakeClient, t0: datetime
) -> None:
    seed(mp_server, t0, 1)
    client = make_client()
    order = next(o for p in client.fetch_changed(t0, t0 + timedelta(minutes=1)) for o in p.orders)
    client.confirm_shipment(order, "SF1234567890", "SF")
    (sent,) = mp_server.shipments
    assert sent["order_key"] == {"order_number_type": 2, "transaction_id": order.extras["transaction_id"]}
    assert sent["logistics_type"] == 1 and sent["delivery_mode"] == 1
    assert sent["shipping_list"] == [{"tracking_no": "SF1234567890", "express_company": "SF",
                                      "item_desc": "示例商品 SKU-A×1"}]  # fmt: skip
    assert sent["payer"] == {"openid": order.extras["openid"]} and sent["upload_time"].endswith("+08:00")
    with pytest.raises(RequestRejected) as info:
        client.confirm_shipment(order.platform_order_id, "SF1234567890", "SF")
    assert info.value.platform_order_id == order.platform_order_id and names_mp(info.value)
    assert mp_server.requests[-1].body["order_key"] == {"order_number_type": 1, "out_trade_no": order.platform_order_id}
    with pytest.raises(RequestRejected) as info:
        client.confirm_shipment("MPNOPE", "SF1", "SF")
    assert info.value.code == "10060001"
    shipped = [o for p in client.fetch_changed(t0, datetime.now(UTC)) for o in p.orders]
    assert [o.trade_state for o in shipped] == [TradeState.SHIPPED]
