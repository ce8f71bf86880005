"""The Kdniao adapter: signed instant queries (1002) and subscriptions (8001) over httpx.

One keep-alive client per run, short timeouts; every failure (network, HTTP status, unreadable or
refused reply) is a TrackingRefusal whose reason the caller keeps on the parcel.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ..domain.tracking import CourierTrace, TrackingRefusal
from .kdniao_codec import QUERY, SUBSCRIBE, query_payload, read_query_reply, request_form

DEFAULT_URL = "https://api.kdniao.com/Ebusiness/EbusinessOrderHandle.aspx"
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class KdniaoClient:
    """A TrackingClient for one Kdniao account."""

    def __init__(self, ebusiness_id: str, api_key: str, base_url: str = "", client: httpx.Client | None = None) -> None:
        self.ebusiness_id, self._key = ebusiness_id, api_key
        self.url = base_url or DEFAULT_URL
        self._http = client or httpx.Client(timeout=TIMEOUT)

    def __repr__(self) -> str:
        return f"KdniaoClient({self.ebusiness_id!r}, {self.url!r})"

    def close(self) -> None:
        self._http.close()

    def query(self, waybill: str, courier_code: str, phone_tail: str = "") -> CourierTrace:
        body = self._post(QUERY, query_payload(waybill, courier_code, phone_tail))
        return read_query_reply(body, waybill)

    def subscribe(self, waybill: str, courier_code: str, callback_url: str, phone_tail: str = "") -> None:
        payload = query_payload(waybill, courier_code, phone_tail) | {"CallBack": callback_url}
        body = self._post(SUBSCRIBE, payload)
        if not isinstance(body, dict) or body.get("Success") is not True:
            reason = body.get("Reason", "") if isinstance(body, dict) else ""
            raise TrackingRefusal("failed", f"快递鸟订阅失败：{reason}", f"Kdniao subscription failed: {reason}")

    def _post(self, request_type: str, payload: dict[str, Any]) -> Any:
        form = request_form(self.ebusiness_id, self._key, request_type, payload)
        try:
            reply = self._http.post(self.url, data=form)
        except httpx.TimeoutException as exc:
            raise TrackingRefusal("network", "网络问题：快递鸟没有及时应答", f"network problem: Kdniao timed out ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise TrackingRefusal("network", f"网络问题：无法连接快递鸟 {self.url}",
                                  f"network problem: cannot reach Kdniao at {self.url} ({exc})") from exc  # fmt: skip
        if reply.status_code != 200:
            raise TrackingRefusal("network", f"快递鸟返回 HTTP {reply.status_code}", f"Kdniao answered HTTP {reply.status_code}")
        try:
            return json.loads(reply.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise TrackingRefusal("malformed", f"快递鸟回复不是有效的 JSON（{len(reply.content)} 字节）",
                                  f"the Kdniao reply is not valid JSON ({len(reply.content)} bytes)") from None  # fmt: skip


def kdniao_client(access) -> KdniaoClient:  # noqa: ANN001 - a services.tracking_ports.TrackingAccess
    """The ClientFactory the app and the CLI use."""
    return KdniaoClient(access.ebusiness_id, access.api_key, access.base_url)
