"""The interface every channel adapter implements, its errors, and what adapters share.

An adapter turns one platform's open API into plain domain objects:

- `fetch_changed(start, end)` yields `ChannelPage`s: the orders the platform says changed in the
  window, mapped to `ChannelOrder`, plus counts and per-order problems. Pages come in an order that
  is safe to store one by one; a page whose `checkpoint` is set closes a window, so the sync cursor
  may move to that time in the same transaction that stores the page.
- `test_credentials()` makes one cheap signed call that proves app key, secret and session.
- `confirm_shipment(order, waybill, courier_code)` sends the waybill back to the platform.

Failures are `ChannelError`s whose class says what to do (retry or not) and whose message, in
Chinese and English, names the channel. A bad record inside a good reply is not an exception: it is
an `OrderProblem` on the page, and the page's other orders still arrive.
"""

from __future__ import annotations

import logging
import random
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import ClassVar, TypeVar

from orderdesk.domain.errors import DomainError
from orderdesk.domain.model import Channel, ChannelOrder

log = logging.getLogger(__name__)

# China has had no daylight saving time since 1991: a fixed offset is exact and needs no tzdata
# (which Windows lacks unless the tzdata package is installed).
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")

T = TypeVar("T")


@dataclass(frozen=True)
class ChannelCredentials:
    """What a shop's channel connection needs to sign calls. Secrets never appear in repr()."""

    app_key: str
    app_secret: str = field(repr=False)
    session: str = field(default="", repr=False)  # Taobao's `session`; the others' access_token
    base_url: str = ""  # "" = the platform's public gateway; a fake server's URL in tests and demo
    sign_method: str = ""  # "" = the adapter's default

    @property
    def access_token(self) -> str:
        return self.session


# --- errors -------------------------------------------------------------------------------------


class ChannelError(DomainError):
    """A call to a channel failed. The subclass says whether retrying can help (`retryable`)."""

    retryable: ClassVar[bool] = False

    def __init__(
        self,
        channel: Channel,
        zh: str,
        en: str,
        *,
        code: str = "",
        sub_code: str = "",
        request_id: str = "",
        platform_order_id: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{channel.zh}：{zh}", f"{channel.en}: {en}")
        self.channel = channel
        self.code = code
        self.sub_code = sub_code
        self.request_id = request_id
        self.platform_order_id = platform_order_id
        self.retry_after = retry_after


class AuthError(ChannelError):
    """Bad app key, secret or signature, missing/expired session, clock too far off: fix, don't retry."""


class RequestRejected(ChannelError):
    """The platform refused the request itself (an `isv.*` parameter error, HTTP 4xx): don't retry."""


class RateLimited(ChannelError):
    """The platform's call limit was hit: retry later (after `retry_after` seconds when known)."""

    retryable = True


class PlatformError(ChannelError):
    """The platform failed (`isp.*` codes, HTTP 5xx, inconsistent pages): retry later."""

    retryable = True


class BadReply(ChannelError):
    """A reply or a record in it could not be understood (malformed JSON, unknown shape, a required
    field missing). Raised for a whole reply (the request may be repeated); for a single record it is
    reported as an `OrderProblem` and the other records are kept."""

    retryable = True


class NetworkError(ChannelError):
    """The platform could not be reached (timeout, connection refused, DNS): a network problem."""

    retryable = True


# --- pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderProblem:
    """A record the adapter could not turn into an order; counted, the rest of its page is kept."""

    platform_order_id: str  # "" when the record did not even carry its id
    error: BadReply

    def reason(self, lang: str = "zh") -> str:
        return self.error.reason(lang)


@dataclass(frozen=True)
class ChannelPage:
    """One page of a window as the platform delivered it.

    `raw_count` records arrived; each became an order, a duplicate (already delivered by this
    fetch with the same or a newer modified time, e.g. a repeated page or a window edge) or a
    problem. `checkpoint` is set on the last page of a window: every order modified in
    [fetch start, checkpoint] has then been delivered, provided the window ended in the platform's
    past when it was read (a window ending "now" can miss orders changed while it was paged; the
    sync worker re-reads such windows later through its overlap).
    """

    channel: Channel
    window_start: datetime
    window_end: datetime
    page_no: int
    page_count: int
    orders: tuple[ChannelOrder, ...]
    raw_count: int
    duplicates: int = 0
    problems: tuple[OrderProblem, ...] = ()
    checkpoint: datetime | None = None


class ChannelAdapter(ABC):
    """One sales platform's open API. A new channel is one module implementing this, plus its fake."""

    channel: ClassVar[Channel]

    @abstractmethod
    def fetch_changed(self, start: datetime, end: datetime) -> Iterator[ChannelPage]:
        """Orders modified in [start, end] (aware datetimes), page by page, in a safe order.

        Raises a `ChannelError` when a request still fails after the adapter's retries; pages
        already yielded stay valid, and the cursor stays at the last checkpoint.
        """

    @abstractmethod
    def test_credentials(self) -> None:
        """One cheap signed call; returns when the credentials work, raises `ChannelError` if not."""

    @abstractmethod
    def confirm_shipment(
        self,
        order: ChannelOrder | str,
        waybill: str,
        courier_code: str,
        *,
        line_ids: Sequence[str] = (),
    ) -> None:
        """Tell the platform the order (or only `line_ids` of it) left with `waybill`.

        `courier_code` is the platform's own company code. Not retried automatically: a timeout may
        hide a shipment that did register, so the caller decides (the platform refuses a repeat).
        """


def platform_order_id(order: ChannelOrder | str) -> str:
    return order if isinstance(order, str) else order.platform_order_id


# --- retries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff with jitter: the n-th retry waits about base·2ⁿ⁻¹ seconds."""

    attempts: int = 4  # tries in all, the first included
    base_delay: float = 1.0
    max_delay: float = 60.0
    jitter: float = 0.5  # this fraction of each delay is drawn at random

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")

    def delay(self, failures: int, rand: float) -> float:
        """Seconds to wait after `failures` failed tries; `rand` in [0, 1)."""
        full = min(self.max_delay, self.base_delay * 2 ** (failures - 1))
        return full * (1 - self.jitter) + full * self.jitter * rand


DEFAULT_RETRY = RetryPolicy()
NO_RETRY = RetryPolicy(attempts=1)


def retry_call(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], None] = time.sleep,
    rand: Callable[[], float] = random.random,
    on_retry: Callable[[ChannelError, int, float], None] | None = None,
) -> T:
    """Call `fn`, retrying retryable `ChannelError`s per `policy`; anything else propagates at once.

    A `RateLimited.retry_after` longer than the backoff is honoured (capped at `max_delay`).
    `on_retry(error, failures, delay)` is told about each retry before the sleep.
    """
    failures = 0
    while True:
        try:
            return fn()
        except ChannelError as exc:
            failures += 1
            if not exc.retryable or failures >= policy.attempts:
                raise
            wait = policy.delay(failures, rand())
            if exc.retry_after:
                wait = max(wait, min(exc.retry_after, policy.max_delay))
            log.warning("%s (try %d of %d; next in %.1fs)", exc.en, failures, policy.attempts, wait)
            if on_retry is not None:
                on_retry(exc, failures, wait)
            sleep(wait)


# --- helpers shared by adapters -----------------------------------------------------------------


def split_windows(start: datetime, end: datetime, step: timedelta) -> list[tuple[datetime, datetime]]:
    """[start, end] cut into consecutive windows of at most `step`, oldest first."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("window bounds must be timezone-aware")
    if step <= timedelta(0):
        raise ValueError("step must be positive")
    windows = []
    a = start
    while a < end:
        b = min(a + step, end)
        windows.append((a, b))
        a = b
    return windows


def yuan_to_fen(value: object) -> int:
    """'59.80', '59.8', 59.8, Decimal('59.80') or '' → fen (5980; 0 for empty). Exact: no floats.

    Raises ValueError for anything that is not an amount.
    """
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ValueError(f"not an amount: {value!r}")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
