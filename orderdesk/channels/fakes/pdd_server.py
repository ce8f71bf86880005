"""A fake Pinduoduo gateway (`/api/router`) for tests and the demo.

    with FakePddServer() as server:                     # 127.0.0.1, random free port, own thread
        server.add_order(sample_order("240501-000000001", updated=t))
        creds = ChannelCredentials(server.client_id, server.client_secret, server.access_token, server.url)
        server.inject(Fault.HTTP_500)                   # the next request fails once

What it checks, as the reference (§0, §2) says the real gateway does: the `sign` recomputed over
query + form parameters with the known secret (a wrong or missing one gets the PDD error envelope
and is counted in `bad_signatures`), client_id, access_token for order and logistics APIs, the
timestamp (epoch seconds) within ±10 minutes of the server's clock, and the 30-minute limit on
increment windows. It pages the in-memory store by update time, newest first, with total_count /
has_next / page / page_size (≤ 100).

Unconfirmed, this fake's choices and not facts: the error codes for a bad signature (10016), an
unknown client_id (10011), a bad timestamp (10015), a missing token (10018), a bad parameter
(10000), a refused shipment (10000), the ±10 minute tolerance and the newest-first order. Confirmed
and used: 10019 token expired, 52101 throttled, 52103 service unavailable (§2.6).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from orderdesk.channels.fakes.base_server import FormGateway, Injected, Reply, page_of, to_json, utc_now
from orderdesk.channels.fakes.ship_rules import COMPANIES, ShipBook, message
from orderdesk.channels.pinduoduo import (
    INCREMENT_GET,
    ONLINE_SEND,
    format_time,
    parse_time,
    pdd_sign,
    response_key,
)

DEFAULT_CLIENT_ID = "fake-client-id"
DEFAULT_CLIENT_SECRET = "fake-client-secret"
DEFAULT_ACCESS_TOKEN = "fake-access-token"
ROUTE = "/api/router"
COMPANIES_GET = "pdd.logistics.companies.get"
_TOKEN_APIS = frozenset({INCREMENT_GET, ONLINE_SEND, "pdd.order.information.get"})


class Fault(StrEnum):
    HTTP_500 = "http_500"  # HTTP 500 with an HTML body
    DELAY = "delay"  # answer only after `seconds` (default 2.0): longer than the client's timeout
    RATE_LIMIT = "rate_limit"  # error envelope 52101, API throttled
    TOKEN_EXPIRED = "token_expired"  # error envelope 10019, access_token expired
    PLATFORM_ERROR = "platform_error"  # error envelope 52103, service unavailable
    MALFORMED_JSON = "malformed_json"  # HTTP 200 with a truncated JSON body
    REPEAT_PAGE = "repeat_page"  # a list request answered with the previous list reply (once there is one)
    UPDATE_BETWEEN_PAGES = "update_between_pages"  # after the reply, `order_sn` is updated (now)


_LIST_FAULTS = {Fault.REPEAT_PAGE, Fault.UPDATE_BETWEEN_PAGES}


_Injected = Injected


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake saw it (parameters of query and body merged)."""

    api: str
    params: dict[str, str]
    sign_ok: bool  # the signature matched (whatever else the reply was)
    status: int
    error_code: str = ""  # the PDD error_code answered, "" for a normal reply
    fault: Fault | None = None

    @property
    def page(self) -> int | None:
        value = self.params.get("page", "")
        return int(value) if value.isdigit() else None


@dataclass
class _Entry:
    updated_at: datetime
    order: dict[str, Any]


_Reply = Reply


_utc_now = utc_now
_json = to_json


class FakePddServer(FormGateway[RecordedRequest]):
    """The fake gateway. Thread-safe; start() binds 127.0.0.1 on a free port; stop() ends it."""

    def __init__(
        self,
        *,
        client_id: str = DEFAULT_CLIENT_ID,
        client_secret: str = DEFAULT_CLIENT_SECRET,
        access_token: str = DEFAULT_ACCESS_TOKEN,
        clock: Callable[[], datetime] = _utc_now,
        max_skew: timedelta = timedelta(minutes=10),
        max_span: timedelta = timedelta(minutes=30),
    ) -> None:
        self.client_id, self.client_secret, self.access_token = client_id, client_secret, access_token
        self._init_gateway(clock, max_skew, max_span)
        self.book = ShipBook("pdd")  # what left with which waybill; ship calls per order

    thread_name = "fake-pdd"
    label = "fake PDD"
    route = ROUTE
    repeat_fault = Fault.REPEAT_PAGE
    api_param, page_param, list_api = "type", "page", INCREMENT_GET
    list_faults = frozenset(_LIST_FAULTS)
    delay_fault, http_500_fault = Fault.DELAY, Fault.HTTP_500

    # --- the store ---

    def add_order(
        self, order: Mapping[str, Any], *, updated_at: datetime | None = None, as_is: bool = False
    ) -> str:
        """Store a (deep-copied) PDD order object; returns its order_sn ("" if it has none).

        The window filter uses `updated_at`, else the order's `updated_at` field. Unless `as_is`,
        an order without `updated_at` gets one written (as_is keeps broken records broken).
        """
        record = copy.deepcopy(dict(order))
        if updated_at is None:
            text = record.get("updated_at")
            updated_at = parse_time(text) if isinstance(text, str) else self.clock()
        if not as_is and "updated_at" not in record:
            record["updated_at"] = format_time(updated_at)
        with self._lock:
            self._entries.append(_Entry(updated_at, record))
        return str(record.get("order_sn") or "")

    def add_orders(self, orders: Iterable[Mapping[str, Any]]) -> list[str]:
        return [self.add_order(o) for o in orders]

    def update_order(self, order_sn: str, *, updated_at: datetime | None = None, **changes: Any) -> dict[str, Any]:
        """Change a stored order as the platform would: fields replaced, `updated_at` = now (or given)."""
        with self._lock:
            return self._update_locked(order_sn, updated_at, changes)

    def _update_locked(self, order_sn: str, updated_at: datetime | None, changes: Mapping[str, Any]) -> dict[str, Any]:
        entry = self._find(order_sn)
        entry.order.update(copy.deepcopy(dict(changes)))
        entry.updated_at = updated_at or self.clock()
        entry.order["updated_at"] = format_time(entry.updated_at)
        return copy.deepcopy(entry.order)

    def set_after_sale(self, order_sn: str, after_sales_status: int | str, *,
                       updated_at: datetime | None = None) -> dict[str, Any]:  # fmt: skip
        """The order's after-sale moves on: `after_sales_status` as given (known code or not), with
        the coarse `refund_status` PDD shows beside it (1 none/closed, 2 in progress, 4 refunded)."""
        code = str(after_sales_status)
        coarse = 1 if code in ("0", "6", "9", "11", "12", "13") else 4 if code == "10" else 2
        with self._lock:
            return self._update_locked(order_sn, updated_at, {"after_sales_status": after_sales_status,
                                                              "refund_status": coarse})  # fmt: skip

    def order(self, order_sn: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._find(order_sn).order)

    def _find(self, order_sn: str) -> _Entry:
        for entry in self._entries:
            if str(entry.order.get("order_sn")) == str(order_sn):
                return entry
        raise KeyError(f"no order {order_sn} in the fake PDD store")

    # --- faults and observations ---

    def inject(
        self,
        fault: Fault,
        *,
        times: int | None = 1,
        api: str | None = None,
        page: int | None = None,
        **options: Any,
    ) -> None:
        """Make the next `times` matching requests (None: all until cleared) fail with `fault`.

        `api` / `page` narrow the match (REPEAT_PAGE and UPDATE_BETWEEN_PAGES default to the
        increment list). Options: DELAY `seconds`; UPDATE_BETWEEN_PAGES `order_sn` (required),
        `updated_at`, `changes` (a dict of fields to set).
        """
        if fault is Fault.UPDATE_BETWEEN_PAGES and "order_sn" not in options:
            raise ValueError("UPDATE_BETWEEN_PAGES needs order_sn=")
        self._add_fault(fault, times, api, page, options)

    # --- request handling (FormGateway.handle parses and dispatches) ---

    def _bad_params(self, zh: str, en: str) -> _Reply:
        return self._error(10000, f"参数错误：{zh}")

    def _finish(self, api: str, params: dict[str, str], reply: _Reply, fault: _Injected | None = None) -> _Reply:
        sign_ok = params.get("sign") == pdd_sign(params, self.client_secret)
        record = RecordedRequest(api, params, sign_ok, reply.status, reply.error_code, fault.fault if fault else None)
        self._record(record)
        return reply

    def _error(self, code: int, msg: str, sub_code: str = "", sub_msg: str = "") -> _Reply:
        err = {"error_code": code, "error_msg": msg, "sub_code": sub_code or None, "sub_msg": sub_msg,
               "request_id": f"fake-{next(self._ids)}"}  # fmt: skip
        return _Reply(200, _json({"error_response": err}), error_code=str(code))

    def _checked(self, params: dict[str, str]) -> _Reply | None:
        """The gateway's checks, in order; None when the request may be served."""
        if not params.get("type"):
            return self._error(10000, "公共参数错误：缺少 type")
        if params.get("client_id") != self.client_id:
            return self._error(10011, "client_id 不存在或无效")
        if not params.get("sign"):
            self.bad_signatures += 1
            return self._error(10016, "缺少签名 sign")
        if params["sign"] != pdd_sign(params, self.client_secret):
            self.bad_signatures += 1
            return self._error(10016, "签名校验失败 (invalid sign)")
        stamp = params.get("timestamp", "")
        if not stamp.isdigit() or not 9 <= len(stamp) <= 10:
            return self._error(10015, f"时间戳格式错误，须为秒级 Unix 时间戳 (invalid timestamp): {stamp[:20]}")
        if abs(datetime.fromtimestamp(int(stamp), UTC) - self.clock()) > self.max_skew:
            return self._error(10015, "时间戳已过期，与服务器时间相差超过 10 分钟 (timestamp expired)")
        if params.get("data_type", "JSON").upper() != "JSON":
            return self._error(10000, "公共参数错误：本模拟网关只支持 data_type=JSON")
        if params["type"] in _TOKEN_APIS:
            if not params.get("access_token"):
                return self._error(10018, "缺少 access_token")
            if params["access_token"] != self.access_token:
                return self._error(10019, "access_token 已过期或无效")
        return None

    def _api_fault(self, fault: _Injected | None) -> _Reply | None:
        kind = fault.fault if fault else None
        if kind is Fault.RATE_LIMIT:
            return self._error(52101, "接口限流 (API throttled)")
        if kind is Fault.TOKEN_EXPIRED:
            return self._error(10019, "access_token 已过期")
        if kind is Fault.PLATFORM_ERROR:
            return self._error(52103, "服务不可用 (service unavailable)")
        if kind is Fault.MALFORMED_JSON:
            return _Reply(200, b'{"order_sn_increment_get_response": {"total_count": 3, "order_sn_list": [{"order_sn": "2')
        return None

    def _dispatch(self, api: str, params: dict[str, str], fault: _Injected | None) -> _Reply:
        if api == INCREMENT_GET:
            return self._increment(params, fault)
        if api == ONLINE_SEND:
            return self._online_send(params)
        if api == COMPANIES_GET:
            found = [{"id": int(c), "logistics_company": n, "available": 1} for c, n in COMPANIES["pdd"]]
            return self._ok(api, {"logistics_companies": found})
        return self._error(10000, f"接口不存在：本模拟网关不提供 {api}")

    def _ok(self, api: str, payload: dict[str, Any]) -> _Reply:
        return _Reply(200, _json({response_key(api): {**payload, "request_id": f"fake-{next(self._ids)}"}}))

    def _increment(self, params: dict[str, str], fault: _Injected | None) -> _Reply:
        for name in ("start_updated_at", "end_updated_at"):
            if not params.get(name, "").isdigit():
                return self._error(10000, f"业务参数错误：{name} 缺失或不是秒级时间戳")
        start = datetime.fromtimestamp(int(params["start_updated_at"]), UTC)
        end = datetime.fromtimestamp(int(params["end_updated_at"]), UTC)
        if start > end:
            return self._error(10000, "业务参数错误：start_updated_at 晚于 end_updated_at")
        if end - start > self.max_span:
            return self._error(10000, "业务参数错误：end_updated_at 与 start_updated_at 相差不能超过 30 分钟")
        page, size = params.get("page", "1"), params.get("page_size", "100")
        if not page.isdigit() or int(page) < 1 or not size.isdigit() or not 1 <= int(size) <= 100:
            return self._error(10000, "业务参数错误：page ≥ 1，page_size 1–100")
        if fault is not None and fault.fault is Fault.REPEAT_PAGE and self._last_list_body is not None:
            return _Reply(200, self._last_list_body)
        status, refund = params.get("order_status", "5"), params.get("refund_status", "5")
        hits = sorted(
            (
                e
                for e in self._entries
                if start <= e.updated_at.replace(microsecond=0) <= end
                and (status == "5" or str(e.order.get("order_status")) == status)
                and (refund == "5" or str(e.order.get("refund_status")) == refund)
            ),
            key=lambda e: (e.updated_at, str(e.order.get("order_sn"))),
            reverse=True,
        )
        p, n = int(page), int(size)
        payload: dict[str, Any] = {
            "total_count": len(hits),
            "has_next": p * n < len(hits),
            "order_sn_list": [copy.deepcopy(e.order) for e in page_of(hits, p, n)],
        }
        reply = self._ok(INCREMENT_GET, payload)
        self._last_list_body = reply.body
        if fault is not None and fault.fault is Fault.UPDATE_BETWEEN_PAGES:
            opts = fault.options
            self._update_locked(str(opts["order_sn"]), opts.get("updated_at"), opts.get("changes", {}))
        return reply

    def _online_send(self, params: dict[str, str]) -> _Reply:
        for name in ("order_sn", "logistics_id", "tracking_number"):
            if not params.get(name):
                return self._error(10000, f"业务参数错误：缺少 {name}")
        try:
            entry = self._find(params["order_sn"])
        except KeyError:
            return self._error(10000, "业务参数错误：订单不存在")
        status, refund = str(entry.order.get("order_status")), str(entry.order.get("refund_status", "1"))
        refusal = "refunded" if refund != "1" else ("" if status == "1" else "already" if status in ("2", "3") else "not_to_ship")
        verdict = self.book.decide(params["order_sn"], params["tracking_number"], params["logistics_id"], (), refusal)
        if verdict is not None:
            return self._error(10000, f"{message(*verdict)}：order_status={status}, refund_status={refund}")
        now = self.clock()
        self._shipments.append({k: params[k] for k in ("order_sn", "logistics_id", "tracking_number")})
        entry.order.update(order_status=2, logistics_id=int(params["logistics_id"]),
                           tracking_number=params["tracking_number"], shipping_time=format_time(now))  # fmt: skip
        entry.updated_at = now
        entry.order["updated_at"] = format_time(now)
        return self._ok(ONLINE_SEND, {"is_success": True})


# --- hand-written sample data ---


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def sample_order(
    order_sn: str,
    *,
    updated: datetime,
    order_status: int = 1,
    refund_status: int = 1,
    lines: Iterable[tuple[str, int, str]] = (("SKU-A", 1, "19.90"),),
    postage: str = "0.00",
    discount: str = "0.00",
    province: str = "浙江省",
    city: str = "杭州市",
    town: str = "西湖区",
    **extra: Any,
) -> dict[str, Any]:
    """A made-up PDD order, lines given as (outer_id, goods_count, goods_price); receiver fields
    as ciphertext (to ship) with masked copies. No real buyer's data."""
    items = []
    goods = Decimal(0)
    for i, (sku, count, price) in enumerate(lines, start=1):
        goods += Decimal(price) * count
        items.append({"goods_id": 300000000 + i, "sku_id": 900000000 + i, "outer_id": sku,
                      "outer_goods_id": f"G-{sku}", "goods_name": f"示例商品 {sku}", "goods_spec": "默认",
                      "goods_count": count, "goods_price": price})  # fmt: skip
    cipher = order_status == 1
    order: dict[str, Any] = {
        "order_sn": order_sn,
        "order_status": order_status,
        "refund_status": refund_status,
        "after_sales_status": 0 if refund_status == 1 else 2,
        "confirm_status": 1,
        "group_status": 1,
        "risk_control_status": 0,
        "trade_type": 0,
        "created_time": format_time(updated - timedelta(minutes=5)),
        "confirm_time": format_time(updated - timedelta(minutes=4)),
        "pay_time": format_time(updated - timedelta(minutes=4)),
        "last_ship_time": format_time(updated - timedelta(minutes=4) + timedelta(hours=48)),  # promised ship-by
        "updated_at": format_time(updated),
        "goods_amount": _yuan(goods),
        "discount_amount": discount,
        "postage": postage,
        "pay_amount": _yuan(goods - Decimal(discount) + Decimal(postage)),
        "province": province,
        "city": city,
        "town": town,
        "province_id": 0,
        "country": "中国",
        "receiver_name": f"~fakeNAME{order_sn[-4:]}~" if cipher else "",
        "receiver_phone": f"~fakePHONE{order_sn[-4:]}~" if cipher else "",
        "receiver_address": f"~fakeADDR{order_sn[-4:]}~" if cipher else "",
        "address": f"~fakeFULLADDR{order_sn[-4:]}~" if cipher else "",
        "receiver_name_mask": "李*",
        "receiver_phone_mask": "139****5678",
        "receiver_address_mask": "文三路**号",
        "address_mask": f"{province}{city}{town}文三路**号",
        "buyer_memo": "",
        "remark": "",
        "item_list": items,
    }
    order.update(extra)
    return order
