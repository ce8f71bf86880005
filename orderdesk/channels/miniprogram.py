"""WeChat mini-program (the shop's own back-end) adapter, per the channel reference §4.

WeChat has no order-pull API for a self-hosted shop (§4): orders live in our own back-end, so its
API is ours, defined here (the fake in fakes/miniprogram_server.py implements it):

    GET  {base}/api/orders/changed?start=<epoch s>&end=<epoch s>&page=<n≥1>&size=<1–100>
         orders whose updated_at is in [start, end] (end - start ≤ 1 day), newest first.
         200 {"code": 0, "msg": "ok", "data": {"total": N, "page": p, "size": s, "orders": [...]}}
    GET  {base}/api/ping                      a signed no-op (test_credentials)
    POST {base}/api/shipping/upload           JSON body = WeChat's upload_shipping_info body (§4)
         plus "order_no"; the back-end forwards it to WeChat. 200 {"code": 0, "msg": "ok"}.

Signing: every request carries
    Authorization: OD-HMAC-SHA256 app_key=<key>, timestamp=<epoch s>, nonce=<hex>, signature=<hex>
    X-Shop-Token: <session>                   (only when the credentials have a session)
where signature = lower-hex HMAC-SHA256(app_secret, string_to_sign) and string_to_sign is the
lines METHOD, PATH, canonical query (keys sorted, `k=v` percent-encoded RFC 3986, joined by `&`),
timestamp, nonce, lower-hex SHA-256 of the body ("" body for GET), joined by "\\n". The back-end
refuses a timestamp more than 5 minutes off and a nonce seen again within that time.

Errors are HTTP status + {"code": "<word>", "msg": "..."}: 401 (bad_app_key, bad_signature,
timestamp_skew, nonce_replay, token_expired) → AuthError; 429 (Retry-After seconds) → RateLimited;
5xx → PlatformError; other 4xx (bad_request, order_not_found, already_shipped, or WeChat's
errcode as text, e.g. "10060001") → RequestRejected; unreadable JSON → BadReply.

An order (amounts in integer fen, times RFC 3339 with offset, phones in clear: our own shop):
    {"order_no", "status": unpaid|paid|shipped|completed|closed, "refund_status":
     none|requested|refunded, "created_at", "paid_at", "updated_at", "total_fen", "freight_fen",
     "discount_fen", "transaction_id", "openid", "buyer_note", "seller_note",
     "receiver": {"name", "phone", "province", "city", "district", "street", "detail"},
     "items": [{"line_id", "sku", "title", "quantity", "unit_price_fen", "paid_fen", "is_gift"}]}

Sync: windows of ≤ 1 day, each paged back to front (page 1 for the total, then last → first,
page 1 again) like the PDD adapter, repeats dropped; a window reaching into the last `safety_lag`
(1 minute; our own clock is the server's) gets a checkpoint no later than that point.

Unconfirmed (§8.9), so not relied on: whether `contact` is required for SF (sent when given) and the
package limit (10 vs 15: at most one package is sent here).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import secrets
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from orderdesk.domain.model import Channel, ChannelOrder, OrderLine, Receiver, RefundState, TradeState
from orderdesk.domain.refunds import PlatformRefund, is_no_refund
from orderdesk.domain.provinces import normalise_province

from . import paging
from .fields import bad_record
from .paging import ListReply
from .base import (
    BEIJING,
    DEFAULT_RETRY,
    AuthError,
    BadReply,
    ChannelAdapter,
    ChannelCredentials,
    ChannelError,
    ChannelPage,
    NetworkError,
    PlatformError,
    RateLimited,
    RequestRejected,
    RetryPolicy,
    platform_order_id,
    retry_call,
)

CHANNEL = Channel.MINIPROGRAM
SCHEME = "OD-HMAC-SHA256"
CHANGED_PATH = "/api/orders/changed"
PING_PATH = "/api/ping"
SHIP_PATH = "/api/shipping/upload"
WINDOW = timedelta(days=1)
SAFETY_LAG = timedelta(minutes=1)
PAGE_SIZE = 100

# --- signing ------------------------------------------------------------------------------------


def canonical_query(params: Mapping[str, object]) -> str:
    """Keys sorted, each `key=value` percent-encoded (RFC 3986 unreserved kept), joined by '&'."""
    return "&".join(f"{quote(str(k), safe='-_.~')}={quote(str(params[k]), safe='-_.~')}" for k in sorted(params))


def string_to_sign(method: str, path: str, query: Mapping[str, object], timestamp: str, nonce: str,
                   body: bytes = b"") -> str:  # fmt: skip
    return "\n".join([method.upper(), path, canonical_query(query), timestamp, nonce, hashlib.sha256(body).hexdigest()])


def mp_sign(secret: str, method: str, path: str, query: Mapping[str, object], timestamp: str, nonce: str,
            body: bytes = b"") -> str:  # fmt: skip
    """Lower-hex HMAC-SHA256 of `string_to_sign(...)` keyed with the app secret (UTF-8)."""
    text = string_to_sign(method, path, query, timestamp, nonce, body)
    return hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def authorization(app_key: str, timestamp: str, nonce: str, signature: str) -> str:
    return f"{SCHEME} app_key={app_key}, timestamp={timestamp}, nonce={nonce}, signature={signature}"


def parse_authorization(header: str) -> dict[str, str]:
    """The fields of an Authorization header ({} when it is not ours)."""
    scheme, _, rest = header.strip().partition(" ")
    if scheme != SCHEME:
        return {}
    fields = {}
    for part in rest.split(","):
        k, eq, v = part.strip().partition("=")
        if eq:
            fields[k] = v
    return fields


def parse_time(value: object) -> datetime:
    """RFC 3339 with an offset (or 'Z'); ValueError otherwise (a naive time is refused)."""
    if not isinstance(value, str):
        raise ValueError(f"not an RFC 3339 time: {value!r}")
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"time without offset: {value!r}")
    return moment


def format_time(moment: datetime) -> str:
    """RFC 3339, Beijing offset, milliseconds: 2024-05-01T10:00:00.000+08:00 (WeChat's upload_time)."""
    return moment.astimezone(BEIJING).isoformat(timespec="milliseconds")


# --- mapping ------------------------------------------------------------------------------------

TRADE_STATES = {"unpaid": TradeState.UNPAID, "paid": TradeState.PAID, "shipped": TradeState.SHIPPED,
                "completed": TradeState.COMPLETED, "closed": TradeState.CLOSED, "cancelled": TradeState.CLOSED}  # fmt: skip
REFUND_STATES = {"none": RefundState.NONE, "requested": RefundState.REQUESTED,
                 "refunding": RefundState.REQUESTED, "refunded": RefundState.REFUNDED,
                 # a refund that ended without money going back: nothing held any more
                 "rejected": RefundState.NONE, "withdrawn": RefundState.NONE, "closed": RefundState.NONE}  # fmt: skip


def map_states(status: str, refund: str) -> tuple[TradeState, RefundState]:
    """KeyError for an unknown code. A refunded order that never shipped is CLOSED (as for PDD)."""
    trade = TRADE_STATES[status.strip().lower()]
    refund_state = REFUND_STATES[refund.strip().lower()] if refund else RefundState.NONE
    if trade in (TradeState.PAID, TradeState.UNPAID) and refund_state is RefundState.REFUNDED:
        trade = TradeState.CLOSED
    return trade, refund_state


def _bad(order_id: str, zh: str, en: str) -> BadReply:
    return bad_record(CHANNEL, order_id, zh, en)


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    return "" if value is None or isinstance(value, (dict, list, bool)) else str(value).strip()


def _fen(record: Mapping[str, Any], key: str, no: str, *, required: bool = False) -> int:
    value = record.get(key)
    if value is None and not required:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _bad(no, f"字段 {key} 不是以分计的非负整数：{str(value)[:30]}",
                   f"field '{key}' is not a whole, non-negative fen amount: {str(value)[:30]}")  # fmt: skip
    return value


def _time(record: Mapping[str, Any], key: str, no: str, *, required: bool = False) -> datetime | None:
    value = record.get(key)
    if value in (None, ""):
        if required:
            raise _bad(no, f"缺少必需字段 {key}", f"required field '{key}' is missing")
        return None
    try:
        return parse_time(value)
    except ValueError:
        raise _bad(no, f"字段 {key} 的时间格式不对：{str(value)[:40]}",
                   f"field '{key}' is not an RFC 3339 time: {str(value)[:40]}") from None  # fmt: skip


def _line(raw: object, no: str, index: int) -> OrderLine:
    if not isinstance(raw, dict):
        raise _bad(no, f"第 {index} 个商品行不是对象", f"line {index} is not an object")
    sku = _text(raw, "sku")
    if not sku:
        raise _bad(no, f"第 {index} 个商品行没有商家编码 sku", f"line {index} has no SKU code (sku)")
    quantity = raw.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise _bad(no, f"第 {index} 个商品行的数量无效：{quantity!r}", f"line {index} has a bad quantity: {quantity!r}")
    gift = raw.get("is_gift") is True
    unit = _fen(raw, "unit_price_fen", no, required=not gift)
    paid = _fen(raw, "paid_fen", no) if "paid_fen" in raw else (0 if gift else unit * quantity)
    return OrderLine(sku=sku, title=_text(raw, "title"), quantity=quantity, unit_price_fen=unit, paid_fen=paid,
                     platform_line_id=_text(raw, "line_id"), is_gift=gift)  # fmt: skip


def parse_order(order: object, shop_code: str = "") -> ChannelOrder:
    """One back-end order object → ChannelOrder; BadReply for a record that cannot be an order."""
    if not isinstance(order, dict):
        raise _bad("", "订单记录不是对象", "an order record is not an object")
    no = _text(order, "order_no")
    if not no:
        raise _bad("", "记录缺少订单号 order_no", "an order record lacks its order number (order_no)")
    status, refund = _text(order, "status"), _text(order, "refund_status")
    try:
        trade, refund_state = map_states(status, refund)
    except KeyError:
        if status.lower() not in TRADE_STATES:
            raise _bad(no, f"未知的订单状态 status={status[:20]}", f"unknown order status status={status[:20]}") from None
        raise _bad(no, f"未知的退款状态 refund_status={refund[:20]}",
                   f"unknown refund status refund_status={refund[:20]}") from None  # fmt: skip
    modified = _time(order, "updated_at", no, required=True)
    assert modified is not None
    items = order.get("items")
    if not isinstance(items, list) or not items:
        raise _bad(no, "没有商品行（items 为空或缺失）", "the order has no lines (items missing or empty)")
    lines = tuple(_line(item, no, i) for i, item in enumerate(items, start=1))
    rec = order.get("receiver") if isinstance(order.get("receiver"), dict) else {}
    province = _text(rec, "province")
    extras = {"platform_status": status}
    for key in ("refund_status", "transaction_id", "openid", "created_at"):
        if value := _text(order, key):
            extras[key] = value
    return ChannelOrder(
        channel=CHANNEL, shop_code=shop_code, platform_order_id=no, trade_state=trade, refund_state=refund_state,
        paid_at=_time(order, "paid_at", no), modified_at=modified,
        receiver=Receiver(name=_text(rec, "name"), phone=_text(rec, "phone"), province=normalise_province(province),
                          province_raw=province, city=_text(rec, "city"), district=_text(rec, "district"),
                          street=_text(rec, "street"), detail=_text(rec, "detail")),
        lines=lines, buyer_ref=_text(order, "openid"), buyer_note=_text(order, "buyer_note"),
        seller_note=_text(order, "seller_note"), total_fen=_fen(order, "total_fen", no, required=True),
        freight_fen=_fen(order, "freight_fen", no), discount_fen=_fen(order, "discount_fen", no), extras=extras,
        refunds=() if is_no_refund(CHANNEL, refund.lower()) else (PlatformRefund(no, refund.lower(), ()),),
    )  # fmt: skip


# --- replies ------------------------------------------------------------------------------------


def read_reply(status: int, body: bytes, headers: Mapping[str, str] | None = None) -> Any:
    """The `data` of a reply, or the ChannelError the reply stands for."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    err = data if isinstance(data, dict) else {}
    code, msg = _text(err, "code"), _text(err, "msg")
    raw = ", ".join(p for p in (f"HTTP {status}", code, msg) if p)
    kw = {"code": code}
    if status == 401 or status == 403:
        zh, en = {
            "bad_signature": ("签名无效：App Secret 不对", "invalid signature: wrong app secret"),
            "bad_app_key": ("App Key 无效", "the app key is not valid"),
            "timestamp_skew": ("时间戳被拒绝：请检查本机时钟", "the timestamp was refused: check this computer's clock"),
            "token_expired": ("店铺令牌已过期，请重新授权", "the shop token has expired: authorise again"),
        }.get(code, ("认证失败", "authentication failed"))
        return _raise(AuthError(CHANNEL, f"{zh}（{raw}）", f"{en} ({raw})", **kw))
    if status == 429:
        after = (headers or {}).get("retry-after", "")
        return _raise(RateLimited(CHANNEL, f"调用过于频繁，稍后自动重试（{raw}）", f"too many calls; will retry later ({raw})",
                                  retry_after=float(after) if after.isdigit() else None, **kw))  # fmt: skip
    if status >= 500:
        return _raise(PlatformError(CHANNEL, f"后台服务器出错，稍后自动重试（{raw}）",
                                    f"the back-end failed; will retry later ({raw})", **kw))  # fmt: skip
    if status >= 300 or status < 200:
        return _raise(RequestRejected(CHANNEL, f"后台拒绝了请求（{raw}）", f"the back-end refused the request ({raw})", **kw))
    if not isinstance(data, dict) or data.get("code") not in (0, "0"):
        raise BadReply(CHANNEL, f"后台回复不是有效的 JSON 或格式无法识别（{len(body)} 字节）",
                       f"the back-end's reply is not valid JSON or has an unknown shape ({len(body)} bytes)")  # fmt: skip
    return data.get("data")


def _raise(exc: ChannelError) -> Any:
    raise exc


# --- the client ---------------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(UTC)


class MiniProgramClient(ChannelAdapter):
    """Our own mini-program back-end over an injected httpx.Client; `credentials.base_url` is the
    back-end's root URL (required: there is no public gateway), `session` its optional shop token."""

    channel = CHANNEL
    window = WINDOW

    def __init__(self, credentials: ChannelCredentials, http: httpx.Client, *, shop_code: str = "",
                 clock: Callable[[], datetime] = _utc_now, retry: RetryPolicy = DEFAULT_RETRY,
                 sleep: Callable[[float], None] = time.sleep, rand: Callable[[], float] = random.random,
                 page_size: int = PAGE_SIZE, safety_lag: timedelta = SAFETY_LAG) -> None:  # fmt: skip
        if not credentials.app_key or not credentials.app_secret:
            raise AuthError(CHANNEL, "未配置 App Key 或 App Secret", "the app key or app secret is not set")
        if credentials.sign_method not in ("", "hmac-sha256"):
            raise AuthError(CHANNEL, f"不支持的签名方式 {credentials.sign_method}",
                            f"unsupported sign method {credentials.sign_method}")  # fmt: skip
        self.base = credentials.base_url.rstrip("/")
        if not self.base.startswith(("http://", "https://")):
            raise RequestRejected(CHANNEL, f"后台地址无效：{self.base or '（空）'}", f"not a back-end address: {self.base or '(empty)'}")
        if not 1 <= page_size <= PAGE_SIZE:
            raise ValueError(f"page_size must be 1–{PAGE_SIZE}")
        self._creds, self._http, self.shop_code, self._clock = credentials, http, shop_code, clock
        self._retry, self._sleep, self._rand = retry, sleep, rand
        self.page_size, self.safety_lag = page_size, safety_lag

    def call(self, method: str, path: str, query: Mapping[str, object] | None = None,
             body: Mapping[str, Any] | None = None) -> Any:  # fmt: skip
        query = {k: str(v) for k, v in (query or {}).items()}
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode() if body is not None else b""
        stamp, nonce = str(int(self._clock().timestamp())), secrets.token_hex(16)
        signature = mp_sign(self._creds.app_secret, method, path, query, stamp, nonce, content)
        headers = {"Authorization": authorization(self._creds.app_key, stamp, nonce, signature)}
        if self._creds.session:
            headers["X-Shop-Token"] = self._creds.session
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        url = self.base + path + ("?" + urlencode(sorted(query.items())) if query else "")
        try:
            reply = self._http.request(method, url, content=content or None, headers=headers)
        except httpx.TimeoutException as exc:
            raise NetworkError(CHANNEL, f"网络问题：请求超时（{type(exc).__name__}）",
                               f"network problem: the request timed out ({type(exc).__name__})") from exc  # fmt: skip
        except httpx.TransportError as exc:
            raise NetworkError(CHANNEL, f"网络问题：无法连接 {self.base}（{type(exc).__name__}）",
                               f"network problem: cannot reach {self.base} ({type(exc).__name__})") from exc  # fmt: skip
        return read_reply(reply.status_code, reply.content, {k.lower(): v for k, v in reply.headers.items()})

    # sync

    def fetch_changed(self, start: datetime, end: datetime) -> Iterator[ChannelPage]:
        return paging.fetch_changed(
            CHANNEL, start, end, window=self.window, page_size=self.page_size, list_page=self._list,
            parse=lambda raw: parse_order(raw, self.shop_code), checkpoint=self._checkpoint,
        )  # fmt: skip

    def _checkpoint(self, a: datetime, b: datetime) -> datetime | None:
        safe = self._clock() - self.safety_lag
        return b if b <= safe else (safe if safe >= a else None)

    def _list(self, a: datetime, b: datetime, page_no: int) -> ListReply:
        query = {"start": int(a.timestamp()), "end": int(b.timestamp()), "page": page_no, "size": self.page_size}
        data = retry_call(lambda: self.call("GET", CHANGED_PATH, query), self._retry, sleep=self._sleep, rand=self._rand)
        total = data.get("total") if isinstance(data, dict) else None
        orders = data.get("orders") if isinstance(data, dict) else None
        if isinstance(total, bool) or not isinstance(total, int) or total < 0 or not isinstance(orders, list):
            raise BadReply(CHANNEL, "订单列表回复缺少有效的 total 或 orders", "the order list reply lacks a valid total or orders")
        return ListReply(total, orders, lambda o: o.get("order_no"), "updated_at")

    # the rest of the interface

    def test_credentials(self) -> None:
        self.call("GET", PING_PATH)

    def confirm_shipment(self, order: ChannelOrder | str, waybill: str, courier_code: str, *,
                         line_ids: Sequence[str] = ()) -> None:  # fmt: skip
        """Upload shipping info in WeChat's upload_shipping_info shape (§4): one courier package
        (logistics_type 1, delivery_mode 1). The order key is the WeChat Pay transaction_id when the
        order carries one (order_number_type 2), else our order number as out_trade_no (type 1; the
        back-end adds its mchid). Per-line shipment is refused."""
        no = platform_order_id(order)
        if not no or not waybill.strip() or not courier_code.strip():
            raise ValueError("confirm_shipment needs an order number, a waybill number and a courier code")
        if line_ids:
            raise RequestRejected(CHANNEL, f"订单 {no}：不支持按商品行分别发货",
                                  f"order {no}: single lines cannot be shipped separately", platform_order_id=no)  # fmt: skip
        extras = order.extras if isinstance(order, ChannelOrder) else {}
        tx = extras.get("transaction_id", "")
        key = {"order_number_type": 2, "transaction_id": tx} if tx else {"order_number_type": 1, "out_trade_no": no}
        item = {"tracking_no": waybill.strip(), "express_company": courier_code.strip()}
        if isinstance(order, ChannelOrder):
            item["item_desc"] = "、".join(f"{ln.title or ln.sku}×{ln.quantity}" for ln in order.lines)[:120]
        body = {"order_no": no, "order_key": key, "logistics_type": 1, "delivery_mode": 1, "shipping_list": [item],
                "upload_time": format_time(self._clock()), "payer": {"openid": extras.get("openid", "")}}  # fmt: skip
        try:
            self.call("POST", SHIP_PATH, body=body)
        except ChannelError as exc:
            exc.platform_order_id = no
            raise
