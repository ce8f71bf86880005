"""Which adapter speaks to which platform: the one place a new channel module is registered."""

from __future__ import annotations

import os

import httpx

from ..domain.errors import DomainError
from ..domain.model import Channel
from .base import ChannelAdapter, ChannelCredentials

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
TIMEOUT_ENV = "ORDERDESK_CHANNEL_TIMEOUT"  # seconds per call (slow links; tests of timeouts)


def _timeout() -> httpx.Timeout:
    try:
        seconds = float(os.environ.get(TIMEOUT_ENV, ""))
    except ValueError:
        return TIMEOUT
    return httpx.Timeout(seconds, connect=min(5.0, seconds)) if seconds > 0 else TIMEOUT


def adapter_for(access, **client_options: object) -> ChannelAdapter:  # noqa: ANN001 - a ChannelAccess
    """Build the adapter for a connection (an httpx client with timeouts is made per adapter).

    `client_options` go to the client (tests pass `sleep` so retries do not wait for real).
    """
    creds = ChannelCredentials(access.app_key, access.app_secret, access.session, access.base_url,
                               access.sign_method)  # fmt: skip
    http = httpx.Client(timeout=_timeout(), limits=httpx.Limits(max_keepalive_connections=16))
    if access.platform is Channel.TAOBAO:
        from .taobao import TaobaoClient

        return TaobaoClient(creds, http, shop_code=access.shop_code, **client_options)  # type: ignore[arg-type]
    if access.platform is Channel.PDD:
        from .pinduoduo import PddClient

        return PddClient(creds, http, shop_code=access.shop_code, **client_options)  # type: ignore[arg-type]
    if access.platform is Channel.DOUYIN:
        from .douyin import DouyinClient

        return DouyinClient(creds, http, shop_code=access.shop_code, **client_options)  # type: ignore[arg-type]
    if access.platform is Channel.MINIPROGRAM:
        from .miniprogram import MiniProgramClient

        return MiniProgramClient(creds, http, shop_code=access.shop_code, **client_options)  # type: ignore[arg-type]
    http.close()
    raise DomainError(f"{access.platform.zh} 的接口适配尚未提供", f"No adapter for {access.platform.en} yet")
