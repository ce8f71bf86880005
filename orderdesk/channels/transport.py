"""The HTTP side the signed-gateway channels share: transport failures as NetworkError, and a
gateway reply's HTTP status and JSON body checked before the platform's envelope is read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import httpx

from orderdesk.domain.model import Channel

from .base import BadReply, NetworkError, PlatformError, RateLimited, RequestRejected


@contextmanager
def network_errors(channel: Channel, url: str) -> Iterator[None]:
    """httpx timeouts and transport failures inside the block raised as NetworkError."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise NetworkError(channel, f"网络问题：请求超时，平台没有及时应答（{type(exc).__name__}）",
                           f"network problem: the request timed out ({type(exc).__name__})") from exc  # fmt: skip
    except httpx.TransportError as exc:
        raise NetworkError(channel, f"网络问题：无法连接 {url}（{type(exc).__name__}: {exc}）",
                           f"network problem: cannot reach {url} ({type(exc).__name__}: {exc})") from exc  # fmt: skip


def gateway_json(channel: Channel, api: str, status_code: int, body: bytes, url: str = "") -> Any:
    """The decoded JSON of a gateway reply (decimals as Decimal), or the ChannelError its HTTP
    status or unreadable body stands for."""
    if status_code == 429:
        raise RateLimited(
            channel, "调用过于频繁（HTTP 429），稍后自动重试", "too many calls (HTTP 429); will retry later"
        )
    if status_code >= 500:
        raise PlatformError(channel, f"平台服务器出错（HTTP {status_code}），稍后自动重试",
                            f"the platform's server failed (HTTP {status_code}); will retry later")  # fmt: skip
    if status_code >= 400 or status_code < 200:
        raise RequestRejected(channel, f"网关返回 HTTP {status_code}，请检查网关地址 {url}",
                              f"the gateway answered HTTP {status_code}; check the gateway address {url}")  # fmt: skip
    try:
        return json.loads(body.decode("utf-8"), parse_float=Decimal)
    except (UnicodeDecodeError, ValueError):
        raise BadReply(channel, f"{api} 的回复不是有效的 JSON（{len(body)} 字节）",
                       f"the reply to {api} is not valid JSON ({len(body)} bytes)") from None  # fmt: skip
