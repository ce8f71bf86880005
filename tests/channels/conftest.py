"""Fixtures for the channel adapter tests: a fake TOP gateway, an HTTP client with a short timeout,
and a factory for Taobao clients that never sleep for real."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from orderdesk.channels.base import ChannelCredentials, RetryPolicy
from orderdesk.channels.fakes.top_server import FakeTopServer
from orderdesk.channels.taobao import TaobaoClient

CLIENT_TIMEOUT = 0.3  # seconds; the DELAY fault waits longer than this
TEST_RETRY = RetryPolicy(attempts=3, base_delay=0.5)  # with rand 0.5: sleeps of 0.375 s, 0.75 s


@pytest.fixture
def top_server() -> Iterator[FakeTopServer]:
    with FakeTopServer() as server:
        yield server


@pytest.fixture(scope="session")
def http() -> Iterator[httpx.Client]:
    """Shared by the tests (building a client costs an SSL context); do not modify it in a test."""
    with httpx.Client(timeout=CLIENT_TIMEOUT) as client:
        yield client


@pytest.fixture
def t0() -> datetime:
    """A whole minute three hours ago: windows starting here lie safely in the server's past."""
    return datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=3)


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_client(
    top_server: FakeTopServer, http: httpx.Client, sleeps: list[float]
) -> Callable[..., TaobaoClient]:
    """make_client(secret=..., session=..., sign_method=..., retry=..., clock=...) → TaobaoClient."""

    def make(
        *,
        secret: str | None = None,
        session: str | None = None,
        sign_method: str = "",
        retry: RetryPolicy = TEST_RETRY,
        **kwargs: Any,
    ) -> TaobaoClient:
        creds = ChannelCredentials(
            app_key=top_server.app_key,
            app_secret=top_server.app_secret if secret is None else secret,
            session=top_server.session if session is None else session,
            base_url=top_server.url,
            sign_method=sign_method,
        )
        kwargs.setdefault("shop_code", "TB-TEST")
        return TaobaoClient(creds, http, retry=retry, sleep=sleeps.append, rand=lambda: 0.5, **kwargs)

    return make
