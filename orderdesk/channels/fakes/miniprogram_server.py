"""A fake of our mini-program back-end (API in orderdesk/channels/miniprogram.py) for tests and demo.

    with FakeMiniProgramServer() as server:             # 127.0.0.1, random free port, own thread
        server.add_order(sample_order("MP240501000001", updated=t))
        creds = ChannelCredentials(server.app_key, server.app_secret, server.token, server.url)
        server.inject(Fault.HTTP_500)                   # the next request fails once

It verifies the HMAC signature (bad ones counted in `bad_signatures`), the app key, the timestamp
(±5 minutes), nonce replay, the shop token, the 1-day window and page size; pages newest first.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from orderdesk.channels.fakes.base_server import FakeHttpServer, page_of
from orderdesk.channels.fakes.ship_rules import COMPANIES, ShipBook, message
from orderdesk.channels.miniprogram import (
    CHANGED_PATH,
    PING_PATH,
    SHIP_PATH,
    format_time,
    mp_sign,
    parse_authorization,
    parse_time,
)


COMPANIES_PATH = "/api/shipping/companies"


class Fault(StrEnum):
    HTTP_500 = "http_500"
    DELAY = "delay"  # answer after `seconds` (default 2.0)
    RATE_LIMIT = "rate_limit"  # 429 with Retry-After
    TOKEN_EXPIRED = "token_expired"  # 401 token_expired
    MALFORMED_JSON = "malformed_json"
    REPEAT_PAGE = "repeat_page"  # a list request answered with the previous list reply
    UPDATE_BETWEEN_PAGES = "update_between_pages"  # after the reply, `order_no` is updated (now)


@dataclass
class _Injected:
    fault: Fault
    remaining: int | None
    page: int | None
    options: dict[str, Any]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    status: int
    code: str = ""
    body: dict[str, Any] = field(default_factory=dict)

    @property
    def page(self) -> int | None:
        value = self.query.get("page", "")
        return int(value) if value.isdigit() else None


@dataclass
class _Entry:
    updated_at: datetime
    order: dict[str, Any]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _json(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")


class FakeMiniProgramServer(FakeHttpServer):
    thread_name = "fake-miniprogram"
    label = "fake mini-program"

    def __init__(self, *, app_key: str = "fake-mp-key", app_secret: str = "fake-mp-secret",
                 token: str = "fake-mp-token", clock: Callable[[], datetime] = _utc_now,
                 max_skew: timedelta = timedelta(minutes=5), max_span: timedelta = timedelta(days=1)) -> None:  # fmt: skip
        self.app_key, self.app_secret, self.token = app_key, app_secret, token
        self.clock, self.max_skew, self.max_span = clock, max_skew, max_span
        self._lock = threading.Lock()
        self._init_server()
        self._entries: list[_Entry] = []
        self._faults: list[_Injected] = []
        self._nonces: dict[str, datetime] = {}
        self._last_list: bytes | None = None
        self.requests: list[RecordedRequest] = []
        self.shipments: list[dict[str, Any]] = []
        self.book = ShipBook("miniprogram")  # what left with which waybill; ship calls per order
        self.bad_signatures = 0
        self.replays = 0

    # store and faults

    def add_order(self, order: Mapping[str, Any]) -> str:
        record = copy.deepcopy(dict(order))
        updated = record.get("updated_at")
        with self._lock:
            self._entries.append(_Entry(parse_time(updated) if isinstance(updated, str) else self.clock(), record))
        return str(record.get("order_no", ""))

    def update_order(self, order_no: str, **changes: Any) -> None:
        with self._lock:
            self._update_locked(order_no, changes)

    def _update_locked(self, order_no: str, changes: Mapping[str, Any]) -> None:
        entry = next(e for e in self._entries if e.order.get("order_no") == order_no)
        entry.order.update(copy.deepcopy(dict(changes)))
        entry.updated_at = self.clock()
        entry.order["updated_at"] = format_time(entry.updated_at)

    def inject(self, fault: Fault, *, times: int | None = 1, page: int | None = None, **options: Any) -> None:
        with self._lock:
            self._faults.append(_Injected(fault, times, page, options))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def list_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == CHANGED_PATH and r.status == 200]

    def _take_fault(self, page: int | None) -> _Injected | None:
        for f in self._faults:
            if f.fault is Fault.REPEAT_PAGE and self._last_list is None:
                continue
            if f.page is None or f.page == page:
                if f.remaining is not None:
                    f.remaining -= 1
                    if f.remaining <= 0:
                        self._faults.remove(f)
                return f
        return None

    # requests

    def respond(self, handler: BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}
        status, reply, extra = self.handle(method, handler.path, headers, body)
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json;charset=UTF-8")
        handler.send_header("Content-Length", str(len(reply)))
        for k, v in extra.items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(reply)

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> tuple[int, bytes, dict[str, str]]:
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        with self._lock:
            fault = self._take_fault(int(query["page"]) if query.get("page", "").isdigit() else None)
        if fault is not None and fault.fault is Fault.DELAY:
            self._stopping.wait(float(fault.options.get("seconds", 2.0)))
        with self._lock:
            status, reply, extra = self._answer(method, parts.path, query, headers, body, fault)
            code = ""
            try:
                code = str(json.loads(reply).get("code", ""))
            except (ValueError, AttributeError):
                pass
            try:
                parsed = json.loads(body) if body else {}
            except ValueError:
                parsed = {}
            self.requests.append(RecordedRequest(method, parts.path, query, status, code, parsed))
        return status, reply, extra

    def _err(self, status: int, code: str, msg: str) -> tuple[int, bytes, dict[str, str]]:
        return status, _json({"code": code, "msg": msg}), {}

    def _answer(self, method: str, path: str, query: dict[str, str], headers: Mapping[str, str], body: bytes,
                fault: _Injected | None) -> tuple[int, bytes, dict[str, str]]:  # fmt: skip
        if fault is not None and fault.fault is Fault.HTTP_500:
            return 500, b"<html>500 Internal Server Error</html>", {}
        auth = parse_authorization(headers.get("authorization", ""))
        if auth.get("app_key") != self.app_key:
            return self._err(401, "bad_app_key", "unknown app_key")
        stamp, nonce = auth.get("timestamp", ""), auth.get("nonce", "")
        if mp_sign(self.app_secret, method, path, query, stamp, nonce, body) != auth.get("signature"):
            self.bad_signatures += 1
            return self._err(401, "bad_signature", "signature mismatch")
        now = self.clock()
        if not stamp.isdigit() or abs(datetime.fromtimestamp(int(stamp), UTC) - now) > self.max_skew:
            return self._err(401, "timestamp_skew", "timestamp more than 5 minutes off")
        self._nonces = {n: t for n, t in self._nonces.items() if now - t <= 2 * self.max_skew}
        if not nonce or nonce in self._nonces:
            self.replays += 1
            return self._err(401, "nonce_replay", "nonce already used")
        self._nonces[nonce] = now
        if self.token and headers.get("x-shop-token") != self.token:
            return self._err(401, "token_expired", "shop token invalid or expired")
        kind = fault.fault if fault else None
        if kind is Fault.TOKEN_EXPIRED:
            return self._err(401, "token_expired", "shop token expired")
        if kind is Fault.RATE_LIMIT:
            return 429, _json({"code": "rate_limited", "msg": "slow down"}), {"Retry-After": "2"}
        if kind is Fault.MALFORMED_JSON:
            return 200, b'{"code": 0, "data": {"total": 3, "orders": [{"order_no": "MP', {}
        if path == PING_PATH and method == "GET":
            return 200, _json({"code": 0, "msg": "ok", "data": {}}), {}
        if path == CHANGED_PATH and method == "GET":
            return self._changed(query, fault)
        if path == SHIP_PATH and method == "POST":
            return self._ship(body)
        if path == COMPANIES_PATH and method == "GET":
            found = [{"delivery_id": c, "delivery_name": n} for c, n in COMPANIES["miniprogram"]]
            return 200, _json({"code": 0, "msg": "ok", "data": {"delivery_list": found}}), {}
        return self._err(404, "not_found", f"no route {method} {path}")

    def _changed(self, query: dict[str, str], fault: _Injected | None) -> tuple[int, bytes, dict[str, str]]:
        fields = [query.get(k, "") for k in ("start", "end", "page", "size")]
        if not all(f.isdigit() for f in fields):
            return self._err(400, "bad_request", "start, end, page, size must be integers")
        start, end = (datetime.fromtimestamp(int(v), UTC) for v in fields[:2])
        page, size = int(fields[2]), int(fields[3])
        if start > end or end - start > self.max_span or page < 1 or not 1 <= size <= 100:
            return self._err(400, "bad_request", "window over 1 day, or bad page/size")
        if fault is not None and fault.fault is Fault.REPEAT_PAGE and self._last_list is not None:
            return 200, self._last_list, {}
        hits = sorted((e for e in self._entries if start <= e.updated_at.replace(microsecond=0) <= end),
                      key=lambda e: (e.updated_at, str(e.order.get("order_no"))), reverse=True)  # fmt: skip
        data = {"total": len(hits), "page": page, "size": size,
                "orders": [copy.deepcopy(e.order) for e in page_of(hits, page, size)]}  # fmt: skip
        reply = _json({"code": 0, "msg": "ok", "data": data})
        self._last_list = reply
        if fault is not None and fault.fault is Fault.UPDATE_BETWEEN_PAGES:
            self._update_locked(fault.options["order_no"], fault.options.get("changes", {}))
        return 200, reply, {}

    def _ship(self, body: bytes) -> tuple[int, bytes, dict[str, str]]:
        try:
            req = json.loads(body)
            no = req["order_no"]
            first = req["shipping_list"][0]
            assert req["logistics_type"] in (1, 2, 3, 4) and first["tracking_no"] and first["express_company"]
            assert req["order_key"]["order_number_type"] in (1, 2)
            parse_time(req["upload_time"])
        except (ValueError, KeyError, IndexError, TypeError, AssertionError):
            return self._err(400, "bad_request", "not an upload_shipping_info body")
        entry = next((e for e in self._entries if e.order.get("order_no") == no), None)
        if entry is None:
            return self._err(404, "10060001", "payment order not found")
        status, refund = entry.order.get("status"), entry.order.get("refund_status", "none")
        refusal = ("refunded" if refund != "none" else "" if status == "paid" else
                   "already" if status in ("shipped", "completed") else "closed" if status in ("closed", "cancelled")
                   else "not_to_ship")  # fmt: skip
        verdict = self.book.decide(no, first["tracking_no"], first["express_company"], (), refusal)
        if verdict is not None:
            kind, there = verdict
            code = {"already": "already_shipped", "company": "bad_express_company"}.get(kind, "cannot_ship")
            return self._err(409, code, f"{message(kind, there)}; order status is {status}")
        self.shipments.append(req)
        self._update_locked(no, {"status": "shipped", "tracking_no": first["tracking_no"]})
        return 200, _json({"code": 0, "msg": "ok"}), {}


def sample_order(order_no: str, *, updated: datetime, status: str = "paid", refund_status: str = "none",
                 lines: tuple[tuple[str, int, int], ...] = (("SKU-A", 1, 1990),), freight_fen: int = 0,
                 province: str = "浙江", **extra: Any) -> dict[str, Any]:  # fmt: skip
    """A made-up order, lines as (sku, quantity, unit_price_fen). No real buyer's data."""
    items = [{"line_id": f"{order_no}-{i}", "sku": sku, "title": f"示例商品 {sku}", "quantity": q,
              "unit_price_fen": p, "paid_fen": p * q} for i, (sku, q, p) in enumerate(lines, start=1)]  # fmt: skip
    order = {
        "order_no": order_no, "status": status, "refund_status": refund_status,
        "created_at": format_time(updated - timedelta(minutes=5)),
        "paid_at": None if status == "unpaid" else format_time(updated - timedelta(minutes=4)),
        "updated_at": format_time(updated), "total_fen": sum(i["paid_fen"] for i in items) + freight_fen,
        "freight_fen": freight_fen, "discount_fen": 0, "transaction_id": f"4200000{order_no[-6:]}",
        "openid": f"o-fake-{order_no[-4:]}", "buyer_note": "", "seller_note": "",
        "receiver": {"name": "王小明", "phone": "13800001234", "province": province, "city": "杭州市",
                     "district": "西湖区", "street": "", "detail": "文三路 1 号"},
        "items": items,
    }  # fmt: skip
    order.update(extra)
    return order
