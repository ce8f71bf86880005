"""The windowed, back-to-front paging the list-by-change-time channels share.

`fetch_changed` splits [start, end] into windows (oldest first), reads each window's first page for
the total, then the pages from the last back to the first (as the platforms advise: records that
change while we read move to the front, not past us). A page answered with the previous page's
content is asked for once more; twice is a PlatformError (the window is read again later). Orders
are deduplicated over the whole fetch (kept only if newer than a copy already passed on); broken
records become OrderProblems, each reported once. A window's last page carries its checkpoint.

The platform's part is a `list_page(a, b, page)` callable (retries included) returning a ListReply,
a `parse(raw)` that maps one record to a ChannelOrder (or raises BadReply), and the number of the
first page (1, or 0 for platforms counting from 0).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx

from orderdesk.domain.model import Channel, ChannelOrder

from .base import (
    BadReply,
    ChannelAdapter,
    ChannelCredentials,
    ChannelPage,
    OrderProblem,
    PlatformError,
    RetryPolicy,
    retry_call,
    split_windows,
)


@dataclass(frozen=True)
class ListReply:
    """One list reply: the window's total and this page's raw records."""

    total: int
    records: list[Any]
    id_of: Callable[[dict[str, Any]], object] = field(compare=False, repr=False, default=lambda r: None)
    time_field: str = field(compare=False, default="")

    @property
    def identity(self) -> tuple[tuple[str, str], ...]:
        """What makes two replies "the same page": their records' ids and change times."""
        return tuple(
            (str(self.id_of(r)), str(r.get(self.time_field))) if isinstance(r, dict) else ("?", "?")
            for r in self.records
        )


def fingerprint(raw: object) -> str:
    """Tells records without a usable id apart, so a repeated one is counted once."""
    text = json.dumps(raw, sort_keys=True, default=str, ensure_ascii=False)
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def fetch_changed(
    channel: Channel,
    start: datetime,
    end: datetime,
    *,
    window: timedelta,
    page_size: int,
    list_page: Callable[[datetime, datetime, int], ListReply],
    parse: Callable[[Any], ChannelOrder],
    first_page: int = 1,
    checkpoint: Callable[[datetime, datetime], datetime | None] | None = None,
) -> Iterator[ChannelPage]:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("fetch_changed needs timezone-aware datetimes")
    seen: dict[str, datetime] = {}
    reported: set[str] = set()
    for a, b in split_windows(start, end, window):
        point = checkpoint(a, b) if checkpoint is not None else b
        yield from _fetch_window(channel, a, b, point, page_size, list_page, parse, first_page, seen, reported)


def _fetch_window(
    channel: Channel,
    a: datetime,
    b: datetime,
    point: datetime | None,
    page_size: int,
    list_page: Callable[[datetime, datetime, int], ListReply],
    parse: Callable[[Any], ChannelOrder],
    first_page: int,
    seen: dict[str, datetime],
    reported: set[str],
) -> Iterator[ChannelPage]:
    first = list_page(a, b, first_page)
    count = max(1, -(-first.total // page_size))

    def page_of(page: int, reply: ListReply) -> ChannelPage:
        return build_page(channel, a, b, page - first_page + 1, count, reply.records, parse, seen, reported,
                          checkpoint=point if page == first_page else None)  # fmt: skip

    if count == 1:
        yield page_of(first_page, first)
        return
    previous = first
    for page in range(first_page + count - 1, first_page - 1, -1):
        reply = list_page(a, b, page)
        if reply.records and reply.identity == previous.identity:
            reply = list_page(a, b, page)  # the gateway repeated a page: ask again
            if reply.identity == previous.identity:
                raise PlatformError(
                    channel,
                    f"第 {page} 页两次返回了与上一页相同的内容，本时段稍后重读",
                    f"page {page} twice repeated the previous page; the window will be read again",
                )
        yield page_of(page, reply)
        previous = reply


def build_page(
    channel: Channel,
    a: datetime,
    b: datetime,
    page_no: int,
    count: int,
    raws: list[Any],
    parse: Callable[[Any], ChannelOrder],
    seen: dict[str, datetime],
    reported: set[str],
    *,
    checkpoint: datetime | None,
) -> ChannelPage:
    """One ChannelPage from raw records: parsed, deduplicated against `seen`, problems reported once."""
    orders: list[ChannelOrder] = []
    problems: list[OrderProblem] = []
    duplicates = 0
    for raw in raws:
        try:
            order = parse(raw)
        except BadReply as exc:
            key = exc.platform_order_id or fingerprint(raw)
            if key in reported:
                duplicates += 1
            else:
                reported.add(key)
                problems.append(OrderProblem(exc.platform_order_id, exc))
            continue
        before = seen.get(order.platform_order_id)
        if before is not None and order.modified_at <= before:
            duplicates += 1
            continue
        seen[order.platform_order_id] = order.modified_at
        orders.append(order)
    return ChannelPage(
        channel=channel,
        window_start=a,
        window_end=b,
        page_no=page_no,
        page_count=count,
        orders=tuple(orders),
        raw_count=len(raws),
        duplicates=duplicates,
        problems=tuple(problems),
        checkpoint=checkpoint,
    )


class PagedClient(ChannelAdapter):
    """A channel client whose sync is `fetch_changed` above: the subclass gives `_list` (one list
    request: window, platform page number → ListReply), `_parse` (one raw record → ChannelOrder) and,
    if it differs from the window end, `_checkpoint`. `_list` is retried per `retry` with `sleep`
    and `rand` (credential tests and shipments are not retried).

    fetch_changed yields orders changed in [start, end], window by window (oldest first), each
    window paged back to front; a window's last page carries its checkpoint. An order delivered
    twice in one fetch (window edges are inclusive, pages shift, a page is served twice) is passed
    on once, unless the later copy is newer.
    """

    first_page = 1  # the platform's number for the first page

    def _init_client(
        self,
        credentials: ChannelCredentials,
        http: httpx.Client,
        shop_code: str,
        clock: Callable[[], datetime],
        retry: RetryPolicy,
        sleep: Callable[[float], None],
        rand: Callable[[], float],
    ) -> None:
        self._creds = credentials
        self._http = http
        self.shop_code = shop_code
        self._clock = clock
        self._retry = retry
        self._sleep = sleep
        self._rand = rand

    def fetch_changed(self, start: datetime, end: datetime) -> Iterator[ChannelPage]:
        return fetch_changed(
            self.channel, start, end, window=self.window, page_size=self.page_size, list_page=self._list_retrying,
            parse=self._parse, first_page=self.first_page, checkpoint=self._checkpoint,
        )  # fmt: skip

    def _list_retrying(self, a: datetime, b: datetime, page: int) -> ListReply:
        return retry_call(lambda: self._list(a, b, page), self._retry, sleep=self._sleep, rand=self._rand)

    def _list(self, a: datetime, b: datetime, page: int) -> ListReply:
        raise NotImplementedError

    def _parse(self, raw: Any) -> ChannelOrder:
        raise NotImplementedError

    def _checkpoint(self, a: datetime, b: datetime) -> datetime | None:
        return b


def lagged_checkpoint(now: datetime, safety_lag: timedelta, a: datetime, b: datetime) -> datetime | None:
    """The window end, or, for a window reaching into the last `safety_lag`, that safe point (None
    if the whole window is in the lag), so the lagged part is read again next time."""
    safe = now - safety_lag
    if b <= safe:
        return b
    return safe if safe >= a else None
