"""A fake Douyin shop (抖店) open API gateway for tests and the demo.

    with FakeDouyinServer() as server:                  # 127.0.0.1, random free port, own thread
        server.add_order(sample_order("6900000000000000001", updated=t))
        creds = ChannelCredentials(server.app_key, server.app_secret, server.access_token, server.url)
        server.inject(Fault.HTTP_500)                   # the next request fails once

Routes: `/order/searchList`, `/order/orderDetail`, `/order/logisticsAdd` (POST with a JSON body, or
GET with `param_json` in the query as old clients do). What it checks, as the reference (§0, §3)
says the real gateway does: the path matches `method`; the `sign` recomputed over the body as sent
(byte for byte) with the known secret and the request's sign_method (a wrong or missing one gets the
error envelope and is counted in `bad_signatures`); app key, access_token, `v=2`; the timestamp
(Unix seconds, or `yyyy-MM-dd HH:mm:ss` Beijing time) within ±10 minutes of the server's clock; and
for searchList `size` 1–100, `page` ≥ 0 and an update-time window of at most `max_span` (1 day).

Error codes, sub-codes, the 10-minute tolerance and the 1-day window limit are this fake's choices:
the reference confirms only the envelope (`code == 10000` success, `msg`, `sub_code`, `sub_msg`,
`log_id`), so they are **unconfirmed**, not facts about the real gateway.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from orderdesk.channels.fakes.base_server import FakeGateway, Injected, Reply, page_of, to_json, utc_now
from orderdesk.channels.fakes.ship_rules import COMPANIES, ShipBook, message
from orderdesk.channels.base import BEIJING
from orderdesk.channels.douyin import (
    API_VERSION,
    LOGISTICS_ADD,
    ORDER_DETAIL,
    SEARCH_LIST,
    SIGN_METHODS,
    SUCCESS_CODE,
    douyin_sign,
    epoch_seconds,
    method_path,
)

DEFAULT_APP_KEY = "fake-douyin-app-key"
DEFAULT_APP_SECRET = "fake-douyin-app-secret"
DEFAULT_ACCESS_TOKEN = "fake-douyin-access-token"
MULTI_PACK, COMPANY_LIST = "order.logisticsAddMultiPack", "order.logisticsCompanyList"
_ROUTES = {method_path(m): m for m in (SEARCH_LIST, ORDER_DETAIL, LOGISTICS_ADD, MULTI_PACK, COMPANY_LIST)}
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
SHIPPABLE = (2, 101)


class Fault(StrEnum):
    HTTP_500 = "http_500"  # HTTP 500 with an HTML body
    DELAY = "delay"  # answer only after `seconds` (default 2.0): longer than the client's timeout
    RATE_LIMIT = "rate_limit"  # envelope code 50003, isv.app-call-limited (fake's choice)
    TOKEN_EXPIRED = "token_expired"  # envelope code 30002, isv.access-token-expired (fake's choice)
    ISP_ERROR = "isp_error"  # envelope code 20000, isp.service-error (fake's choice)
    MALFORMED_JSON = "malformed_json"  # HTTP 200 with a truncated JSON body
    REPEAT_PAGE = "repeat_page"  # a list request answered with the previous list reply (once there is one)
    UPDATE_BETWEEN_PAGES = "update_between_pages"  # after the reply, `order_id` is updated (now)


_LIST_FAULTS = {Fault.REPEAT_PAGE, Fault.UPDATE_BETWEEN_PAGES}


_Injected = Injected


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake saw it."""

    api: str
    query: dict[str, str]
    body: str  # the param_json as received
    sign_ok: bool
    status: int
    error_code: int = 0  # the envelope code answered when not success, else 0
    fault: Fault | None = None
    content_type: str = ""

    @property
    def params(self) -> dict[str, Any]:
        try:
            value = json.loads(self.body or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @property
    def page(self) -> int | None:
        value = self.params.get("page")
        return value if isinstance(value, int) else None


@dataclass
class _Entry:
    updated: int  # epoch seconds
    order: dict[str, Any]


@dataclass
class _Reply(Reply):
    error_code: int = 0


_utc_now = utc_now
_json = to_json


def _oid(order: Mapping[str, Any]) -> str:
    return str(order.get("order_id") or "")


class FakeDouyinServer(FakeGateway[RecordedRequest]):
    """The fake gateway. Thread-safe; start() binds 127.0.0.1 on a free port; stop() ends it."""

    def __init__(
        self,
        *,
        app_key: str = DEFAULT_APP_KEY,
        app_secret: str = DEFAULT_APP_SECRET,
        access_token: str = DEFAULT_ACCESS_TOKEN,
        clock: Callable[[], datetime] = _utc_now,
        max_skew: timedelta = timedelta(minutes=10),
        max_span: timedelta = timedelta(days=1),
        old_style: bool = False,
    ) -> None:
        self.app_key, self.app_secret, self.access_token = app_key, app_secret, access_token
        self._init_gateway(clock, max_skew, max_span)
        self.book = ShipBook("douyin")  # what left with which waybill; ship calls per order
        self.old_style = old_style  # answer with {"err_no", "message", "data"} envelopes

    thread_name = "fake-douyin"
    label = "fake Douyin"
    route = ""
    repeat_fault = Fault.REPEAT_PAGE
    reply_type = _Reply

    # --- the store ---

    def add_order(self, order: Mapping[str, Any], *, updated: datetime | None = None, as_is: bool = False) -> str:
        """Store a (deep-copied) shop order; returns its order_id ("" if it has none).

        The window filter uses `updated`, else the order's `update_time`. Unless `as_is`, an order
        without `update_time` gets one written from `updated` (as_is keeps broken records broken).
        """
        record = copy.deepcopy(dict(order))
        if updated is None:
            value = record.get("update_time")
            stamp = value if isinstance(value, int) else epoch_seconds(self.clock())
        else:
            stamp = epoch_seconds(updated)
        if not as_is and "update_time" not in record:
            record["update_time"] = stamp
        with self._lock:
            self._entries.append(_Entry(stamp, record))
        return _oid(record)

    def add_orders(self, orders: Iterable[Mapping[str, Any]]) -> list[str]:
        return [self.add_order(o) for o in orders]

    def update_order(self, order_id: str, *, updated: datetime | None = None, **changes: Any) -> dict[str, Any]:
        """Change a stored order as the platform would: fields replaced, `update_time` = now (or given)."""
        with self._lock:
            return self._update_locked(order_id, updated, changes)

    def _update_locked(self, order_id: str, updated: datetime | None, changes: Mapping[str, Any]) -> dict[str, Any]:
        entry = self._find(order_id)
        entry.order.update(copy.deepcopy(dict(changes)))
        entry.updated = epoch_seconds(updated or self.clock())
        entry.order["update_time"] = entry.updated
        return copy.deepcopy(entry.order)

    def set_after_sale(self, order_id: str, after_sale_status: int, *, line: int = 0, after_sale_type: int = 0,
                       updated: datetime | None = None) -> dict[str, Any]:  # fmt: skip
        """A sku order's after-sale moves on: its `after_sale_info` as Douyin shows it (refund_status
        1 pending, 3 success, 4 failed, derived from the after-sale code)."""
        refund = 3 if after_sale_status in (12, 53) else 4 if after_sale_status in (27, 28, 29, 51) else 1
        with self._lock:
            skus = copy.deepcopy(self._find(order_id).order["sku_order_list"])
            skus[line]["after_sale_info"] = {"after_sale_status": after_sale_status, "after_sale_type": after_sale_type,
                                             "refund_status": refund}  # fmt: skip
            return self._update_locked(order_id, updated, {"sku_order_list": skus})

    def order(self, order_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._find(order_id).order)

    def _find(self, order_id: str) -> _Entry:
        for entry in self._entries:
            if _oid(entry.order) == str(order_id):
                return entry
        raise KeyError(f"no order {order_id} in the fake Douyin store")

    # --- faults and observations ---

    def inject(
        self, fault: Fault, *, times: int | None = 1, api: str | None = None, page: int | None = None, **options: Any
    ) -> None:
        """Make the next `times` matching requests (None: all until cleared) fail with `fault`.

        `api` / `page` narrow the match (REPEAT_PAGE and UPDATE_BETWEEN_PAGES default to searchList;
        `page` counts from 0 as the platform does). Options: DELAY `seconds`; UPDATE_BETWEEN_PAGES
        `order_id` (required), `updated`, `changes` (a dict of fields to set).
        """
        if fault is Fault.UPDATE_BETWEEN_PAGES and "order_id" not in options:
            raise ValueError("UPDATE_BETWEEN_PAGES needs order_id=")
        if api is None and fault in _LIST_FAULTS:
            api = SEARCH_LIST
        with self._lock:
            self._faults.append(_Injected(fault, times, api, page, options))

    def list_requests(self) -> list[RecordedRequest]:
        """The searchList requests answered with HTTP 200 and a success envelope, in arrival order."""
        return [r for r in self.requests if r.api == SEARCH_LIST and r.status == 200 and not r.error_code]

    # --- request handling ---

    def handle(self, http_method: str, target: str, content_type: str, body: bytes) -> _Reply:
        """Answer one HTTP request (the handler thread calls this; tests may too)."""
        parts = urlsplit(target)
        route_api = _ROUTES.get(parts.path)
        if route_api is None:
            return _Reply(404, b"not found", "text/plain")
        if http_method not in ("GET", "POST"):
            return _Reply(405, b"method not allowed", "text/plain")
        query: dict[str, str] = {}
        for k, v in parse_qsl(parts.query, keep_blank_values=True):
            if k in query:
                return self._finish(route_api, query, "", self._error(40002, "非法的参数", "isv.parameter-invalid", f"duplicate {k}"), content_type=content_type)
            query[k] = v
        try:
            text = body.decode("utf-8") if body else query.get("param_json", "")
        except UnicodeDecodeError:
            return self._finish(route_api, query, "", self._error(40002, "非法的参数", "isv.parameter-invalid", "body is not UTF-8"), content_type=content_type)
        params = _loads(text)
        page = params.get("page") if isinstance(params, dict) and isinstance(params.get("page"), int) else None
        api = query.get("method", "")
        fault, reply = self._early_fault(api, page, Fault.DELAY, Fault.HTTP_500)
        if reply is not None:
            return self._finish(api, query, text, reply, fault, content_type)
        with self._lock:
            reply = self._checked(route_api, query, text, params)
            if reply is None:
                reply = self._api_fault(fault) or self._dispatch(api, params, fault)
        return self._finish(api, query, text, reply, fault, content_type)

    def _finish(
        self,
        api: str,
        query: dict[str, str],
        text: str,
        reply: _Reply,
        fault: _Injected | None = None,
        content_type: str = "",
    ) -> _Reply:
        record = RecordedRequest(
            api, query, text, self._sign_ok(query, text), reply.status, reply.error_code,
            fault.fault if fault else None, content_type,
        )  # fmt: skip
        self._record(record)
        return reply

    def _sign_ok(self, query: Mapping[str, str], text: str) -> bool:
        method = query.get("sign_method") or "md5"
        if method not in SIGN_METHODS or not query.get("sign"):
            return False
        expected = douyin_sign(
            query.get("app_key", ""), query.get("method", ""), text or "{}", query.get("timestamp", ""),
            self.app_secret, method,
        )  # fmt: skip
        return query["sign"] == expected

    def _envelope(self, code: int, msg: str, sub_code: str, sub_msg: str, data: Any) -> dict[str, Any]:
        log_id = f"fake-{next(self._ids)}"
        if self.old_style:
            return {"err_no": 0 if code == SUCCESS_CODE else code, "message": msg, "data": data, "log_id": log_id}
        return {"code": code, "msg": msg, "sub_code": sub_code, "sub_msg": sub_msg, "log_id": log_id, "data": data}

    def _error(self, code: int, msg: str, sub_code: str = "", sub_msg: str = "") -> _Reply:
        return _Reply(200, _json(self._envelope(code, msg, sub_code, sub_msg, None)), error_code=code)

    def _ok(self, data: Any) -> _Reply:
        return _Reply(200, _json(self._envelope(SUCCESS_CODE, "success", "", "", data)))

    def _checked(self, route_api: str, query: dict[str, str], text: str, params: Any) -> _Reply | None:
        """The gateway's checks, in order; None when the request may be served."""
        api = query.get("method", "")
        if not api:
            return self._error(40001, "缺少必选参数", "isv.missing-parameter", "method")
        if api != route_api:
            return self._error(40002, "非法的参数", "isv.parameter-invalid", f"method {api} does not match the path")
        if not query.get("app_key"):
            return self._error(40001, "缺少必选参数", "isv.missing-parameter", "app_key")
        if query["app_key"] != self.app_key:
            return self._error(30001, "app_key 无效", "isv.app-key-invalid")
        method = query.get("sign_method") or "md5"
        if method not in SIGN_METHODS:
            return self._error(30001, "签名方式无效", "isv.sign-method-invalid", method)
        if not query.get("sign"):
            self.bad_signatures += 1
            return self._error(30001, "缺少签名", "isv.sign-missing")
        if not self._sign_ok(query, text):
            self.bad_signatures += 1
            return self._error(30001, "签名校验失败", "isv.sign-invalid")
        stamp = query.get("timestamp", "")
        if not stamp:
            return self._error(40001, "缺少必选参数", "isv.missing-parameter", "timestamp")
        try:
            if stamp.isdigit():
                sent = datetime.fromtimestamp(int(stamp), UTC)
            elif _TIME_RE.fullmatch(stamp):
                sent = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING)
            else:
                raise ValueError(stamp)
        except (ValueError, OverflowError, OSError):
            return self._error(30001, "时间戳无效", "isv.timestamp-invalid", f"bad timestamp {stamp}")
        if abs(sent - self.clock()) > self.max_skew:
            return self._error(30001, "时间戳无效", "isv.timestamp-invalid", "timestamp is more than 10 minutes off server time")
        if query.get("v") != API_VERSION:
            return self._error(40002, "非法的参数", "isv.parameter-invalid", "v must be 2")
        if not query.get("access_token"):
            return self._error(30002, "access_token 缺失", "isv.access-token-no-existed")
        if query["access_token"] != self.access_token:
            return self._error(30002, "access_token 无效或已过期", "isv.access-token-expired")
        if not isinstance(params, dict):
            return self._error(40002, "非法的参数", "isv.parameter-invalid", "param_json is not a JSON object")
        return None

    def _api_fault(self, fault: _Injected | None) -> _Reply | None:
        kind = fault.fault if fault else None
        if kind is Fault.RATE_LIMIT:
            return self._error(50003, "调用频率超限", "isv.app-call-limited", "fake call limit")
        if kind is Fault.TOKEN_EXPIRED:
            return self._error(30002, "access_token 已过期", "isv.access-token-expired")
        if kind is Fault.ISP_ERROR:
            return self._error(20000, "服务不可用", "isp.service-error", "fake platform failure")
        if kind is Fault.MALFORMED_JSON:
            return _Reply(200, b'{"code": 10000, "msg": "success", "data": {"total": 3, "shop_order_list": [{"order_id": 69')
        return None

    def _dispatch(self, api: str, params: dict[str, Any], fault: _Injected | None) -> _Reply:
        if api == SEARCH_LIST:
            return self._search(params, fault)
        if api == ORDER_DETAIL:
            return self._detail(params)
        if api == COMPANY_LIST:
            return self._ok({"list": [{"id": i, "code": c, "name": n} for i, (c, n) in enumerate(COMPANIES["douyin"], 1)]})
        if api == MULTI_PACK:
            return self._multi_pack(params)
        return self._logistics_add(params)

    def _search(self, params: dict[str, Any], fault: _Injected | None) -> _Reply:
        page, size = params.get("page", 0), params.get("size", 10)
        if not (isinstance(page, int) and page >= 0 and isinstance(size, int) and 1 <= size <= 100):
            return self._error(40002, "非法的参数", "isv.parameter-invalid", "page ≥ 0, size 1–100")
        by = params.get("order_by", "create_time")
        if by not in ("create_time", "update_time"):
            return self._error(40002, "非法的参数", "isv.parameter-invalid", "order_by")
        start, end = params.get("update_time_start"), params.get("update_time_end")
        if (start is None) != (end is None) or not all(isinstance(v, int) for v in (start, end) if v is not None):
            return self._error(40002, "非法的参数", "isv.parameter-invalid", "update_time_start/end: epoch seconds, both")
        if start is not None and end is not None:
            if start > end:
                return self._error(40002, "非法的参数", "isv.parameter-invalid", "update_time_start is after update_time_end")
            if end - start > self.max_span.total_seconds():
                return self._error(40002, "非法的参数", "isv.parameter-invalid", "the update time window is too long")
        if fault is not None and fault.fault is Fault.REPEAT_PAGE and self._last_list_body is not None:
            return _Reply(200, self._last_list_body)
        hits = [e for e in self._entries if start is None or start <= e.updated <= end]
        key = (lambda e: (e.updated, _oid(e.order))) if by == "update_time" else (
            lambda e: (e.order.get("create_time", 0), _oid(e.order)))  # fmt: skip
        hits.sort(key=key, reverse=not bool(params.get("order_asc", False)))
        chunk = page_of(hits, page + 1, size)
        reply = self._ok({"page": page, "size": size, "total": len(hits),
                          "shop_order_list": [copy.deepcopy(e.order) for e in chunk]})  # fmt: skip
        self._last_list_body = reply.body
        if fault is not None and fault.fault is Fault.UPDATE_BETWEEN_PAGES:
            opts = fault.options
            self._update_locked(str(opts["order_id"]), opts.get("updated"), opts.get("changes", {}))
        return reply

    def _detail(self, params: dict[str, Any]) -> _Reply:
        oid = params.get("shop_order_id")
        if not oid:
            return self._error(40001, "缺少必选参数", "isv.missing-parameter", "shop_order_id")
        try:
            entry = self._find(str(oid))
        except KeyError:
            return self._error(40003, "订单不存在", "isv.business-failed", "order not found")
        return self._ok({"shop_order_detail": copy.deepcopy(entry.order)})

    def _logistics_add(self, params: dict[str, Any]) -> _Reply:
        for name in ("order_id", "company_code", "logistics_code"):
            if not params.get(name):
                return self._error(40001, "缺少必选参数", "isv.missing-parameter", name)
        try:
            entry = self._find(str(params["order_id"]))
        except KeyError:
            return self._error(40003, "订单不存在", "isv.business-failed", "order not found")
        return self._ship(entry, params["logistics_code"], params["company_code"], [], dict(params))

    def _multi_pack(self, params: dict[str, Any]) -> _Reply:
        """order.logisticsAddMultiPack, one pack per call as the drain sends it (shape unconfirmed)."""
        packs = params.get("pack_list")
        if not params.get("order_id") or not isinstance(packs, list) or len(packs) != 1 or not isinstance(packs[0], dict):
            return self._error(40002, "非法的参数", "isv.parameter-invalid", "order_id and one pack_list entry")
        pack = packs[0]
        lines = [str(i.get("shipped_order_id")) for i in pack.get("shipped_order_info") or [] if isinstance(i, dict)]
        if not lines or not pack.get("logistics_code") or not pack.get("company_code"):
            return self._error(40001, "缺少必选参数", "isv.missing-parameter", "shipped_order_info/logistics_code/company_code")
        try:
            entry = self._find(str(params["order_id"]))
        except KeyError:
            return self._error(40003, "订单不存在", "isv.business-failed", "order not found")
        record = {"order_id": params["order_id"], "logistics_code": pack["logistics_code"],
                  "company_code": pack["company_code"], "lines": lines}  # fmt: skip
        return self._ship(entry, pack["logistics_code"], pack["company_code"], lines, record)

    def _ship(self, entry: _Entry, waybill: str, company: str, lines: list[str], record: dict[str, Any]) -> _Reply:
        """Take a shipment of the order (or of some sku orders) once; refuse as the platform does."""
        order = entry.order
        verdict = self.book.decide(str(order.get("order_id")), waybill, company, lines, _refusal(order))
        if verdict is not None:
            return self._error(40003, "订单不能发货", "isv.business-failed", message(*verdict))
        now = epoch_seconds(self.clock())
        self._shipments.append(record)
        skus = [str(s.get("order_id")) for s in order.get("sku_order_list") or []]
        done = self.book.all_shipped(str(order.get("order_id")), skus)
        order["order_status"], order["order_status_desc"] = (3, "已发货") if done else (101, "部分发货")
        order.setdefault("logistics_info", []).append({"tracking_no": waybill, "company": company, "ship_time": now})
        entry.updated = now
        order["update_time"] = now
        return self._ok({})


def _refusal(order: Mapping[str, Any]) -> str:
    """Why the order cannot ship now, as a ship_rules kind ("" when it can)."""
    status = order.get("order_status")
    if status == 4:
        return "closed"
    sale = [s.get("after_sale_info") or {} for s in order.get("sku_order_list") or []]
    if any(a.get("refund_status") in (1, 3) or a.get("after_sale_status") in (6, 7, 12) for a in sale):
        return "refunded"
    if status in (3, 5):
        return "already"
    return "" if status in SHIPPABLE else "not_to_ship"


def _loads(text: str) -> Any:
    try:
        return json.loads(text or "{}")
    except ValueError:
        return None


# --- hand-written sample data ---


def sample_order(
    order_id: str,
    *,
    updated: datetime,
    status: int = 2,
    lines: Iterable[tuple[str, int, int]] = (("SKU-A", 1, 2990),),
    after_sale: Mapping[str, int] | None = None,
    post_amount: int = 0,
    province: str = "江苏省",
    city: str = "南京市",
    town: str = "玄武区",
    **extra: Any,
) -> dict[str, Any]:
    """A made-up shop order with an encrypted+masked receiver; lines are (code, item_num, origin_amount fen)."""
    items = list(lines)
    skus = []
    goods = 0
    stamp = epoch_seconds(updated)
    for i, (code, num, price) in enumerate(items, start=1):
        amount = price * num
        goods += amount
        skus.append({
            "order_id": order_id if len(items) == 1 else f"{order_id[:-2]}{i:02d}",
            "parent_order_id": order_id, "order_status": status, "product_id": 3600000000000000000 + i,
            "product_name": f"示例商品 {code}", "sku_id": 1700000000000 + i, "code": code,
            "spec": [{"name": "颜色", "value": "红"}], "item_num": num, "origin_amount": price,
            "sum_amount": amount, "order_amount": amount, "pay_amount": amount, "update_time": stamp,
            "after_sale_info": dict(after_sale or {"after_sale_status": 0, "after_sale_type": 0, "refund_status": 0}),
        })  # fmt: skip
    order: dict[str, Any] = {
        "order_id": order_id,
        "shop_id": 12345,
        "order_status": status,
        "order_status_desc": {1: "待支付", 105: "已支付", 2: "备货中", 101: "部分发货", 3: "已发货",
                              4: "已取消", 5: "已完成"}.get(status, ""),  # fmt: skip
        "main_status": status,
        "create_time": stamp - 300,
        "update_time": stamp,
        "order_amount": goods + post_amount,
        "pay_amount": goods + post_amount,
        "post_amount": post_amount,
        "promotion_amount": 0,
        "buyer_words": "",
        "seller_words": "",
        "seller_remark_stars": 0,
        "post_receiver": "",
        "post_tel": "",
        "encrypt_post_receiver": f"#fakeenc#name#{order_id[-6:]}#",
        "encrypt_post_tel": f"$fakeenc$tel${order_id[-6:]}$",
        "mask_post_receiver": "张*",
        "mask_post_tel": "138****1234",
        "post_addr": {
            "province": {"id": "32", "name": province},
            "city": {"id": "320100", "name": city},
            "town": {"id": "320102", "name": town},
            "street": {"id": "320102001", "name": "**街道"},
            "detail": "",
            "encrypt_detail": f"#fakeenc#addr#{order_id[-6:]}#",
        },
        "mask_post_addr": {
            "province": {"id": "32", "name": province},
            "city": {"id": "320100", "name": city},
            "town": {"id": "320102", "name": town},
            "street": {"id": "320102001", "name": "**街道"},
            "detail": "**路**号",
        },
        "logistics_info": [],
        "sku_order_list": skus,
    }
    if status != 1:
        order["pay_time"] = stamp - 240
        order["exp_ship_time"] = stamp - 240 + 48 * 3600  # promised ship-by
    order.update(extra)
    return order
