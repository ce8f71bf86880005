"""Pinduoduo open platform (pdd.*) adapter, per the channel reference (shared/reference/channels.md §2).

Request shape (§2.1): every call is an HTTP POST to the gateway (`/api/router`) with *all*
parameters, common ones (type, client_id, access_token, timestamp in epoch seconds, data_type=JSON,
version=V1, sign) and business ones, in one `application/x-www-form-urlencoded` body, as the SDKs
do. Object and list parameters are JSON-encoded before signing. Empty business values are not
sent (decision: the reference's signing pseudo-code signs every key it is given, so whatever is
left out of the request is left out of the signature too).

Sync uses pdd.order.number.list.increment.get (by update time; despite the name each element of
`order_sn_list` is a full order). The range is cut into windows of at most 30 minutes (the
platform's limit); in each window page 1 is read for `total_count`, then the pages are read from
the last one back to the first, as the platform advises, so that an order leaving the window while
it is paged can only cause a duplicate (dropped here) and never a gap. Page 1 is read again at the
end unless it was the only page.

The platform also advises keeping `end_updated_at` at least 3 minutes behind its server time.
Decision (issue 5: "fast and complete"): windows are read right up to the `end` asked for, so new
orders arrive at once, but a window ending later than `clock() - safety_lag` (measured when the
window's first page is requested) gets a checkpoint no later than that point, or none at all. The
sync worker's cursor therefore stays behind the lag and the last 3 minutes are read again on the
next run; repeats are harmless (same order_sn, same updated_at). The lag is measured on this
computer's clock, since the reference names no server-time API.

Money arrives as yuan (strings, or JSON numbers, which are parsed as Decimal) and becomes integer
fen through Decimal. `order_sn` is kept as the string delivered (digits with a dash, e.g.
`20150909-452750051`).

Unconfirmed platform details (reference §2 and §8.6–8.7), handled tolerantly here:
- the time-string format of `updated_at`, `pay_time`, … (taken as `yyyy-MM-dd HH:mm:ss` Beijing
  time; epoch seconds are accepted too);
- the error codes for a bad signature, an unknown client_id, a bad timestamp or a missing token
  (only 10019 token expired, 52101/52102/52103 and 70031 are confirmed): errors are classified by
  the confirmed codes, then by words in `error_msg`, then by the SDK's retryable ranges;
- the order in which the gateway sorts a window's orders (back-to-front paging is safe either way);
- the visual form of ciphertext (commonly `~…~`): receiver fields are kept as delivered;
- whether a fully refunded order that never shipped is "closed" (this module says CLOSED).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from orderdesk.domain.model import Channel, ChannelOrder, OrderLine, Receiver, RefundState, TradeState
from orderdesk.domain.refunds import PlatformRefund, is_no_refund
from orderdesk.domain.provinces import normalise_province
from orderdesk.domain.ship_by import platform_deadline

from .fields import bad_record, text
from .paging import ListReply, PagedClient, lagged_checkpoint
from .transport import gateway_json, network_errors
from .base import (
    BEIJING,
    DEFAULT_RETRY,
    AuthError,
    BadReply,
    ChannelCredentials,
    ChannelError,
    PlatformError,
    RateLimited,
    RequestRejected,
    RetryPolicy,
    platform_order_id,
    yuan_to_fen,
)

CHANNEL = Channel.PDD
DEFAULT_URL = "https://gw-api.pinduoduo.com/api/router"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_EPOCH_RE = re.compile(r"\d{9,10}")
_ORDER_SN_RE = re.compile(r"[0-9]+(?:-[0-9]+)*")
_DIGITS_RE = re.compile(r"[0-9]+")

INCREMENT_GET = "pdd.order.number.list.increment.get"
ONLINE_SEND = "pdd.logistics.online.send"
WINDOW = timedelta(minutes=30)  # end_updated_at - start_updated_at ≤ 30 minutes
SAFETY_LAG = timedelta(minutes=3)  # keep end_updated_at this far behind the server's clock
PAGE_SIZE = 100  # the platform's maximum
ALL = 5  # order_status / refund_status "all"

RESPONSE_KEYS = {  # confirmed in §2.3 / §2.5; others fall back to the only *_response key
    INCREMENT_GET: "order_sn_increment_get_response",
    "pdd.order.list.get": "order_list_get_response",
    "pdd.order.information.get": "order_info_get_response",
    ONLINE_SEND: "logistics_online_send_response",
    "pdd.open.decrypt.batch": "open_decrypt_batch_response",
}

# --- signing ------------------------------------------------------------------------------------


def param_text(value: object) -> str:
    """A parameter as it goes on the wire (and into the signature): booleans true/false, times as
    epoch seconds, objects and lists as compact JSON (UTF-8, not escaped), everything else str()."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return str(epoch_seconds(value))
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return str(value)


def pdd_sign(params: Mapping[str, object], secret: str) -> str:
    """The PDD `sign` of `params` (reference §2.2): keys sorted ascending, `sign` left out, each
    key followed by its value as sent (no URL encoding), the whole wrapped in the client secret,
    MD5 over UTF-8, upper-case hex. Every other key given is signed, empty ones included."""
    joined = "".join(k + param_text(params[k]) for k in sorted(params) if k != "sign")
    return hashlib.md5((secret + joined + secret).encode("utf-8")).hexdigest().upper()


def epoch_seconds(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("PDD times need a timezone-aware datetime")
    return int(moment.timestamp())


def format_time(moment: datetime) -> str:
    """`yyyy-MM-dd HH:mm:ss` in Beijing time (how order times are written; unconfirmed, §8.7)."""
    if moment.tzinfo is None:
        raise ValueError("PDD times need a timezone-aware datetime")
    return moment.astimezone(BEIJING).strftime(TIME_FORMAT)


def parse_time(value: object) -> datetime:
    """An order time as an aware datetime: `yyyy-MM-dd HH:mm:ss` Beijing time, or epoch seconds
    (tolerated, since the format is unconfirmed). ValueError if it is neither."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        if _TIME_RE.fullmatch(text):
            return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=BEIJING)
        if _EPOCH_RE.fullmatch(text):
            return datetime.fromtimestamp(int(text), UTC)
    raise ValueError(f"not a yyyy-MM-dd HH:mm:ss time: {value!r}")


def response_key(api_type: str) -> str:
    """The envelope key of an API's reply (§2.3/§2.5); a guess for APIs the reference does not list."""
    return RESPONSE_KEYS.get(api_type) or api_type.removeprefix("pdd.").replace(".", "_") + "_response"


# --- status mapping -----------------------------------------------------------------------------

ORDER_STATES: dict[str, TradeState] = {
    "1": TradeState.PAID,  # 待发货: paid, to ship (PDD lists no unpaid orders at all)
    "2": TradeState.SHIPPED,  # 已发货待签收
    "3": TradeState.COMPLETED,  # 已签收
}
REFUND_STATES: dict[str, RefundState] = {
    "1": RefundState.NONE,  # no after-sale, or after-sale closed
    "2": RefundState.REQUESTED,  # after-sale in progress
    "3": RefundState.REQUESTED,  # refunding: the money is not back yet, but do not ship
    "4": RefundState.REFUNDED,
}
CONFIRM_CANCELLED = "2"


def map_states(
    order_status: str, refund_status: str, confirm_status: str = ""
) -> tuple[TradeState, RefundState]:
    """(trade state, refund state) for PDD's codes; KeyError for an unknown code.

    Decisions: a refunded order that never shipped (status 1, refund 4) or whose deal was cancelled
    (confirm_status 2) is CLOSED, like Taobao's TRADE_CLOSED; a missing refund_status is NONE.
    """
    trade = ORDER_STATES[order_status]
    refund = REFUND_STATES[refund_status] if refund_status else RefundState.NONE
    if confirm_status == CONFIRM_CANCELLED or (trade is TradeState.PAID and refund is RefundState.REFUNDED):
        trade = TradeState.CLOSED
    return trade, refund


# --- order → ChannelOrder -----------------------------------------------------------------------


def _bad(order_id: str, zh: str, en: str) -> BadReply:
    return bad_record(CHANNEL, order_id, zh, en)


_text = text


def _code(record: Mapping[str, Any], key: str) -> str:
    """A small integer code (1, "1") as text; a float or other shape as its text (then unknown)."""
    value = record.get(key)
    if isinstance(value, bool) or value is None:
        return ""
    return str(value).strip()


def _order_sn(order: Mapping[str, Any]) -> str:
    value = order.get("order_sn")
    if value is None or value == "":
        raise _bad("", "记录缺少订单号 order_sn", "an order record lacks its order number (order_sn)")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    if isinstance(value, str) and _ORDER_SN_RE.fullmatch(value.strip()):
        return value.strip()
    raw = str(value)[:40]
    raise _bad("", f"订单号 order_sn 的格式无法识别：{raw}", f"an order number (order_sn) has an unknown form: {raw}")


def _required_time(record: Mapping[str, Any], key: str, sn: str) -> datetime:
    value = record.get(key)
    if value is None or value == "":
        raise _bad(sn, f"缺少必需字段 {key}", f"required field '{key}' is missing")
    try:
        return parse_time(value)
    except ValueError:
        shown = str(value)[:40]
        raise _bad(sn, f"字段 {key} 的时间格式不对：{shown}", f"field '{key}' is not a time: {shown}") from None


def _optional_time(record: Mapping[str, Any], key: str, sn: str) -> datetime | None:
    return _required_time(record, key, sn) if record.get(key) not in (None, "") else None


def _amount(record: Mapping[str, Any], key: str, sn: str, *, required: bool = False) -> int:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise _bad(sn, f"缺少必需字段 {key}", f"required field '{key}' is missing")
        return 0
    try:
        return yuan_to_fen(value)
    except ValueError:
        shown = str(value)[:40]
        raise _bad(sn, f"字段 {key} 不是金额：{shown}", f"field '{key}' is not an amount: {shown}") from None


def _line(raw: object, sn: str, index: int, *, gift: bool) -> OrderLine:
    """One item_list[] (or gift_list[]) element → a line; the merchant's outer_id is the SKU."""
    where_zh, where_en = (f"第 {index} 个赠品", f"gift {index}") if gift else (f"第 {index} 个商品行", f"line {index}")
    if not isinstance(raw, dict):
        raise _bad(sn, f"{where_zh}不是对象", f"{where_en} is not an object")
    keys = ("outer_id", "outer_goods_id", "sku_id", "goods_id")
    sku = next((text for key in keys if (text := _text(raw, key))), "")
    if not sku:
        raise _bad(sn, f"{where_zh}没有商家编码（outer_id/outer_goods_id/sku_id/goods_id）",
                   f"{where_en} has no SKU code (outer_id, outer_goods_id, sku_id or goods_id)")  # fmt: skip
    count = raw.get("goods_count")
    quantity = None
    if isinstance(count, int) and not isinstance(count, bool):
        quantity = count
    elif isinstance(count, str) and _DIGITS_RE.fullmatch(count.strip()):
        quantity = int(count)
    if quantity is None or quantity < 1:
        raise _bad(sn, f"{where_zh}的数量 goods_count 缺失或无效：{count!r}",
                   f"{where_en} has a missing or bad quantity (goods_count): {count!r}")  # fmt: skip
    unit = _amount(raw, "goods_price", sn, required=not gift)
    name, spec = _text(raw, "goods_name"), _text(raw, "goods_spec")
    return OrderLine(
        sku=sku,
        title=f"{name}（{spec}）" if name and spec else name or spec,
        quantity=quantity,
        unit_price_fen=unit,
        paid_fen=0 if gift else unit * quantity,  # PDD gives no per-line paid amount
        platform_line_id=_text(raw, "sku_id"),
        is_gift=gift,
    )


def _lines(order: Mapping[str, Any], key: str, sn: str, *, gift: bool) -> list[OrderLine]:
    raw = order.get(key)
    if raw is None or raw == "":
        return []
    if not isinstance(raw, list):
        raise _bad(sn, f"{key} 的格式无法识别", f"the {key} has an unknown shape")
    return [_line(item, sn, i, gift=gift) for i, item in enumerate(raw, start=1)]


def _receiver(order: Mapping[str, Any]) -> Receiver:
    """The masked copies (`*_mask`) are shown when present, as the reference advises; otherwise the
    field as delivered (ciphertext while the order is to ship, plain or empty otherwise)."""
    province = _text(order, "province")
    return Receiver(
        name=_text(order, "receiver_name_mask") or _text(order, "receiver_name"),
        phone=_text(order, "receiver_phone_mask") or _text(order, "receiver_phone"),
        province=normalise_province(province),
        province_raw=province,
        city=_text(order, "city"),
        district=_text(order, "town"),  # PDD's town is the district/county (区县), not the street
        street="",
        detail=_text(order, "receiver_address_mask")
        or _text(order, "receiver_address")
        or _text(order, "address_mask")
        or _text(order, "address"),
    )


_EXTRA_TEXT = {  # PDD field → extras key, kept as delivered when present
    "refund_status": "refund_status",
    "after_sales_status": "after_sales_status",
    "confirm_status": "confirm_status",
    "group_status": "group_status",
    "trade_type": "trade_type",
    "is_lucky_flag": "is_lucky_flag",
    "is_pre_sale": "is_pre_sale",
    "pre_sale_time": "pre_sale_time",
    "last_ship_time": "last_ship_time",
    "created_time": "created_time",
    "confirm_time": "confirm_time",
    "shipping_time": "shipping_time",
    "logistics_id": "logistics_id",
    "tracking_number": "tracking_number",
    "remark_tag": "remark_tag",
    "country": "receiver_country",
    # ciphertexts, needed to decrypt when printing waybills (pdd.open.decrypt.batch)
    "receiver_name": "receiver_name_cipher",
    "receiver_phone": "receiver_phone_cipher",
    "receiver_address": "receiver_address_cipher",
    "address": "address_cipher",
}
_EXTRA_NONZERO = ("goods_amount", "platform_discount", "seller_discount", "capital_free_discount",
                  "order_change_amount")  # fmt: skip


def _extras(order: Mapping[str, Any], status: str) -> dict[str, str]:
    extras = {"platform_status": status}
    for key, name in _EXTRA_TEXT.items():
        if value := _text(order, key):
            extras[name] = value
    for key in _EXTRA_NONZERO:
        value = _text(order, key)
        try:
            zero = Decimal(value) == 0
        except ArithmeticError:
            zero = False
        if value and not zero:
            extras[key] = value
    if _code(order, "risk_control_status") not in ("", "0"):
        extras["risk_control"] = _code(order, "risk_control_status")  # under review: do not ship
    tags = order.get("order_tag_list")
    if isinstance(tags, list):
        names = [_text(t, "name") for t in tags if isinstance(t, dict) and _text(t, "value") not in ("", "0")]
        if names := [n for n in names if n]:
            extras["order_tags"] = ",".join(names)
    return extras


def parse_order(order: object, shop_code: str = "") -> ChannelOrder:
    """One PDD order object → ChannelOrder. Unknown keys are ignored; masked and encrypted values
    are kept as delivered (masks in the receiver, ciphertexts in extras).

    Raises BadReply (with `platform_order_id` when the order_sn was readable) for a record that
    cannot be an order: no order_sn, an unknown status or refund code, no lines, a missing or
    malformed required field (updated_at, pay_amount, a line's SKU, quantity or price).
    """
    if not isinstance(order, dict):
        raise _bad("", "订单记录不是对象", "an order record is not an object")
    sn = _order_sn(order)
    status = _code(order, "order_status")
    if not status:
        raise _bad(sn, "缺少必需字段 order_status", "required field 'order_status' is missing")
    refund = _code(order, "refund_status")
    try:
        trade_state, refund_state = map_states(status, refund, _code(order, "confirm_status"))
    except KeyError:
        if status not in ORDER_STATES:
            raise _bad(sn, f"未知的订单状态 order_status={status[:20]}",
                       f"unknown order status order_status={status[:20]}") from None  # fmt: skip
        raise _bad(sn, f"未知的售后状态 refund_status={refund[:20]}",
                   f"unknown refund status refund_status={refund[:20]}") from None  # fmt: skip
    modified = _required_time(order, "updated_at", sn)
    lines = _lines(order, "item_list", sn, gift=False)
    if not lines:
        raise _bad(sn, "没有商品行（item_list 为空或缺失）", "the order has no lines (item_list missing or empty)")
    lines += _lines(order, "gift_list", sn, gift=True)
    paid_at = _optional_time(order, "pay_time", sn)
    ship_by, note = platform_deadline("last_ship_time", order.get("last_ship_time"), parse_time, paid_at)
    return ChannelOrder(
        channel=CHANNEL,
        shop_code=shop_code,
        platform_order_id=sn,
        trade_state=trade_state,
        refund_state=refund_state,
        paid_at=paid_at,
        modified_at=modified,
        receiver=_receiver(order),
        lines=tuple(lines),
        buyer_note=_text(order, "buyer_memo"),
        seller_note=_text(order, "remark"),
        total_fen=_amount(order, "pay_amount", sn, required=True),
        freight_fen=_amount(order, "postage", sn),
        discount_fen=_amount(order, "discount_amount", sn),
        extras=_extras(order, status) | note,
        ship_by=ship_by,
        refunds=_refunds(order, sn),
    )


def _refunds(order: Mapping[str, Any], sn: str) -> tuple[PlatformRefund, ...]:
    """PDD's order-level after-sale (after_sales_status, kept as delivered) as one refund of the
    whole order; the order API gives no after-sale id, so the order number stands for it."""
    code = _code(order, "after_sales_status")
    if is_no_refund(CHANNEL, code):
        return ()
    returns = True if code in ("3", "7") else None  # return+refund requested; agreed, awaiting the goods
    return (PlatformRefund(sn, code, (), returns_goods=returns),)


def orders_in(payload: Mapping[str, Any]) -> list[Any]:
    """The raw order objects of an increment reply's payload (`order_sn_list`, or none)."""
    orders = payload.get("order_sn_list")
    if orders is None or orders == "":
        return []
    if not isinstance(orders, list):
        raise BadReply(
            CHANNEL, "订单列表 order_sn_list 的格式无法识别", "the order list (order_sn_list) has an unknown shape"
        )
    return orders


# --- envelope -----------------------------------------------------------------------------------

TOKEN_EXPIRED = 10019  # confirmed (§2.6)
RATE_LIMIT_CODES = frozenset({52101, 70031})  # confirmed: throttled, calling too frequently
UNAVAILABLE_CODES = frozenset({52102, 52103})  # confirmed: temporarily unavailable, service unavailable

_AUTH_WORDS = (  # (words in error_msg/sub_msg, zh, en); the codes for these are unconfirmed
    (("sign", "签名"), "签名无效：Client Secret 不对", "invalid signature: wrong client secret"),
    (("timestamp", "时间戳"), "时间戳被拒绝：请检查本机时钟是否为准确的北京时间",
     "the timestamp was refused: check this computer's clock (Beijing time)"),
    (("access_token", "token", "授权"), "授权 access_token 无效或已过期，请重新授权店铺",
     "the access_token is invalid or expired: authorise the shop again"),
    (("client_id", "应用"), "Client ID 无效或应用无权调用", "the client_id is not valid or lacks the permission"),
)  # fmt: skip


def _error_from_envelope(err: object) -> ChannelError:
    """The ChannelError an `error_response` stands for: confirmed codes first, then the words of
    the message (unconfirmed codes), then the SDK's rule that 10000–39999 and 50000–52003 are not
    worth retrying and everything else is."""
    if not isinstance(err, dict):
        return BadReply(CHANNEL, "错误回复的格式无法识别", "an error reply has an unknown shape")
    code_text = _code(err, "error_code")
    msg, sub_code, sub_msg = (_text(err, k) for k in ("error_msg", "sub_code", "sub_msg"))
    raw = ", ".join(p for p in (f"error_code {code_text}" if code_text else "", msg, sub_code, sub_msg) if p)
    kw = {"code": code_text, "sub_code": sub_code, "request_id": _text(err, "request_id")}
    code = int(code_text) if _DIGITS_RE.fullmatch(code_text) else -1
    if code == TOKEN_EXPIRED:
        return AuthError(CHANNEL, f"授权 access_token 已过期，请重新授权店铺（{raw}）",
                         f"the access_token has expired: authorise the shop again ({raw})", **kw)  # fmt: skip
    if code in RATE_LIMIT_CODES:
        return RateLimited(CHANNEL, f"调用次数超过平台限制，稍后自动重试（{raw}）",
                           f"call limit reached; will retry later ({raw})", **kw)  # fmt: skip
    if code in UNAVAILABLE_CODES:
        return PlatformError(CHANNEL, f"平台服务暂时不可用，稍后自动重试（{raw}）",
                             f"the platform's service is unavailable; will retry later ({raw})", **kw)  # fmt: skip
    words = f"{msg} {sub_code} {sub_msg}".lower()
    if 10000 <= code <= 39999 or code < 0:
        for keys, zh, en in _AUTH_WORDS:
            if any(k in words for k in keys):
                return AuthError(CHANNEL, f"{zh}（{raw}）", f"{en} ({raw})", **kw)
    if 10000 <= code <= 39999 or 50000 <= code <= 52003:
        return RequestRejected(
            CHANNEL, f"平台拒绝了请求（{raw}）", f"the platform refused the request ({raw})", **kw
        )
    return PlatformError(CHANNEL, f"平台返回错误，稍后自动重试（{raw}）",
                         f"the platform answered with an error; will retry later ({raw})", **kw)  # fmt: skip


def read_reply(api_type: str, status_code: int, body: bytes, url: str = "") -> dict[str, Any]:
    """The payload inside the API's `*_response` of a gateway reply, or the ChannelError it stands for."""
    data = gateway_json(CHANNEL, api_type, status_code, body, url)
    if not isinstance(data, dict):
        raise BadReply(CHANNEL, f"{api_type} 的回复格式无法识别", f"the reply to {api_type} has an unknown shape")
    if "error_response" in data:
        raise _error_from_envelope(data["error_response"])
    key = response_key(api_type)
    payload = data.get(key)
    if payload is None and api_type not in RESPONSE_KEYS:
        found = [k for k in data if isinstance(k, str) and k.endswith("_response")]
        payload = data[found[0]] if len(found) == 1 else None
    if not isinstance(payload, dict):
        keys = ", ".join(sorted(map(str, data))[:5]) or "—"
        raise BadReply(CHANNEL, f"{api_type} 的回复缺少 {key}（收到：{keys}）",
                       f"the reply to {api_type} lacks {key} (got: {keys})")  # fmt: skip
    return payload


# --- the client ---------------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(UTC)


class PddClient(PagedClient):
    """Pinduoduo over an injected `httpx.Client` (whose timeout applies to every call).

    `credentials.session` is the shop's access_token. `clock` gives the current time (aware) for
    the signed timestamp and the safety lag; `retry`, `sleep` and `rand` drive the backoff of the
    sync's page requests (credential tests and shipments are not retried).
    """

    channel = CHANNEL
    window = WINDOW

    def __init__(
        self,
        credentials: ChannelCredentials,
        http: httpx.Client,
        *,
        shop_code: str = "",
        clock: Callable[[], datetime] = _utc_now,
        retry: RetryPolicy = DEFAULT_RETRY,
        sleep: Callable[[float], None] = time.sleep,
        rand: Callable[[], float] = random.random,
        page_size: int = PAGE_SIZE,
        safety_lag: timedelta = SAFETY_LAG,
    ) -> None:
        if not credentials.app_key or not credentials.app_secret:
            raise AuthError(
                CHANNEL, "未配置 Client ID 或 Client Secret", "the client_id or client secret is not set"
            )
        if credentials.sign_method not in ("", "md5"):
            raise AuthError(CHANNEL, f"不支持的签名方式 {credentials.sign_method}（拼多多只用 md5）",
                            f"unsupported sign method {credentials.sign_method} (Pinduoduo uses md5 only)")  # fmt: skip
        self.url = credentials.base_url or DEFAULT_URL
        if not self.url.startswith(("http://", "https://")):
            raise RequestRejected(CHANNEL, f"网关地址无效：{self.url}", f"not a gateway address: {self.url}")
        if not 1 <= page_size <= PAGE_SIZE:
            raise ValueError(f"page_size must be 1–{PAGE_SIZE}")
        self._init_client(credentials, http, shop_code, clock, retry, sleep, rand)
        self.page_size = page_size
        self.safety_lag = safety_lag

    # one signed call

    def call(self, api_type: str, params: Mapping[str, object] | None = None) -> dict[str, Any]:
        """One signed request; returns the payload inside the API's `*_response` or raises ChannelError."""
        common = {
            "type": api_type,
            "client_id": self._creds.app_key,
            "access_token": self._creds.access_token,
            "timestamp": str(epoch_seconds(self._clock())),
            "data_type": "JSON",
            "version": "V1",
        }
        common = {k: v for k, v in common.items() if v}
        business = {k: param_text(v) for k, v in (params or {}).items() if v is not None and v != ""}
        if clash := common.keys() & business.keys():
            raise ValueError(f"business parameters may not override common ones: {sorted(clash)}")
        form = {**common, **business}
        form["sign"] = pdd_sign(form, self._creds.app_secret)
        with network_errors(CHANNEL, self.url):
            reply = self._http.post(
                self.url,
                data=form,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
            )
        return read_reply(api_type, reply.status_code, reply.content, self.url)

    # sync

    def _parse(self, raw: Any) -> ChannelOrder:
        return parse_order(raw, self.shop_code)

    def _checkpoint(self, a: datetime, b: datetime) -> datetime | None:
        return lagged_checkpoint(self._clock(), self.safety_lag, a, b)

    def _list(self, a: datetime, b: datetime, page_no: int) -> ListReply:
        payload = self.call(
            INCREMENT_GET,
            {
                "start_updated_at": epoch_seconds(a),
                "end_updated_at": epoch_seconds(b),
                "order_status": ALL,
                "refund_status": ALL,
                "page": page_no,
                "page_size": self.page_size,
            },
        )
        orders = orders_in(payload)
        total = payload.get("total_count")
        if total is None and not orders:
            total = 0
        if isinstance(total, bool) or not (
            (isinstance(total, int) and total >= 0)
            or (isinstance(total, str) and _DIGITS_RE.fullmatch(total))
        ):
            raise BadReply(CHANNEL, f"回复缺少有效的 total_count：{str(total)[:20]}",
                           f"the reply lacks a valid total_count: {str(total)[:20]}")  # fmt: skip
        return ListReply(int(total), orders, lambda o: o.get("order_sn"), "updated_at")

    # the rest of the interface

    def test_credentials(self) -> None:
        """A one-record increment query over five minutes ending at the safety lag: proves client_id,
        secret and access_token."""
        end = self._clock() - self.safety_lag
        self.call(
            INCREMENT_GET,
            {
                "start_updated_at": epoch_seconds(end - timedelta(minutes=5)),
                "end_updated_at": epoch_seconds(end),
                "order_status": ALL,
                "refund_status": ALL,
                "page": 1,
                "page_size": 1,
                "use_has_next": True,
            },
        )

    def confirm_shipment(
        self,
        order: ChannelOrder | str,
        waybill: str,
        courier_code: str,
        *,
        line_ids: Sequence[str] = (),
    ) -> None:
        """pdd.logistics.online.send (first shipment). `courier_code` is PDD's numeric logistics_id
        (from pdd.logistics.companies.get). The reference lists no per-line shipment for PDD, so
        `line_ids` is refused."""
        sn = platform_order_id(order)
        if not sn or not waybill.strip() or not courier_code.strip():
            raise ValueError("confirm_shipment needs an order number, a waybill number and a courier code")
        if not _DIGITS_RE.fullmatch(courier_code.strip()):
            raise ValueError(f"PDD's courier code (logistics_id) is a number, not {courier_code!r}")
        if line_ids:
            raise RequestRejected(CHANNEL, f"订单 {sn}：拼多多不支持按商品行分别发货",
                                  f"order {sn}: Pinduoduo does not ship single lines of an order", platform_order_id=sn)  # fmt: skip
        payload = self.call(
            ONLINE_SEND,
            {"order_sn": sn, "logistics_id": courier_code.strip(), "tracking_number": waybill.strip()},
        )
        if "is_success" not in payload:
            raise BadReply(CHANNEL, f"订单 {sn} 发货回复缺少 is_success",
                           f"order {sn}: the shipment reply lacks is_success", platform_order_id=sn)  # fmt: skip
        if payload["is_success"] not in (True, "true", 1):
            raise RequestRejected(CHANNEL, f"订单 {sn} 发货未被平台接受", f"order {sn}: the platform did not accept the shipment",
                                  platform_order_id=sn)  # fmt: skip
