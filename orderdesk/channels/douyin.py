"""Douyin shop (抖店) open API adapter, per the channel reference (shared/reference/channels.md §3).

Request shape (reference §3.1, as the official Go SDK does): every call is an HTTP POST to
`<base>/<method with dots as slashes>` (`order.searchList` → `/order/searchList`) with the common
parameters (app_key, method, access_token, timestamp in Unix seconds, v=2, sign_method, sign) in the
query string and the business parameters as a JSON body, `Content-Type: application/json`, plus the
header `x-open-no-old-err-code: 1`. The body is the canonical `param_json` (keys sorted recursively,
no spaces, no HTML escaping, UTF-8 as is), and exactly those bytes are signed and sent.

`base_url` in the credentials is the gateway's root (default `https://openapi-fxg.jinritemai.com`);
the method path is appended to it.

Sync uses order.searchList by update time, newest first (`order_by=update_time`, `order_asc=false`):
the range is cut into windows of at most 30 minutes (a decision: the platform's longest allowed
update-time span is not in the reference — **unconfirmed**; the range is about the last 90 days,
also **unconfirmed**); in each window page 0 is read for `total`, then the pages are read from the
last one back to the first, so that an order changing while the window is paged can only cause a
duplicate (dropped here) and never a gap. Page 0 is read again at the end unless it was the only one.

Amounts are integer fen in this API (reference §3.4) and are kept as integers; a fractional or
negative amount makes the record a problem, never a rounded number. Ids are kept as digit strings
(Douyin order ids have 19 digits: JSON integers are parsed exactly, a float id is refused).

**Unconfirmed** (reference §8.8 and not in the reference at all): whether upper-case hex signatures
are accepted (lower case is sent); the error codes and sub-codes (only the envelope is confirmed;
errors are classified by sub-code and message words first, by code ranges second — see
`error_from_envelope`); the timestamp tolerance; the update-time window limit; `order.batchDecrypt`
and the cipher format (encrypted fields are kept as delivered); Douyin courier `company_code`s; the
buyer id field (`doudian_open_id` / `open_id` read when present).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from orderdesk.domain.model import Channel, ChannelOrder, OrderLine, Receiver, RefundState, TradeState
from orderdesk.domain.refunds import PlatformRefund, is_no_refund
from orderdesk.domain.provinces import normalise_province
from orderdesk.domain.ship_by import platform_deadline

from .fields import bad_record, combine_refunds, id_text, text
from .paging import ListReply, PagedClient
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
)

CHANNEL = Channel.DOUYIN
DEFAULT_URL = "https://openapi-fxg.jinritemai.com"
SIGN_METHODS = ("md5", "hmac-sha256")
DEFAULT_SIGN_METHOD = "hmac-sha256"  # what the official Go SDK uses
API_VERSION = "2"
SUCCESS_CODE = 10000

SEARCH_LIST = "order.searchList"
ORDER_DETAIL = "order.orderDetail"
LOGISTICS_ADD = "order.logisticsAdd"
WINDOW = timedelta(minutes=30)
PAGE_SIZE = 100  # the platform's maximum (reference §3.4)

_DIGITS_RE = re.compile(r"[0-9]+")


# --- signing ------------------------------------------------------------------------------------


def method_path(api_method: str) -> str:
    """order.searchList → /order/searchList."""
    return "/" + api_method.replace(".", "/")


def param_json(params: Mapping[str, Any] | None) -> str:
    """The canonical `param_json`: keys sorted recursively, no spaces, `<>&` and non-ASCII as is,
    numbers as numbers, `{}` when empty. Floats are refused (fen and ids are integers)."""
    _refuse_floats(params or {})
    return json.dumps(params or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _refuse_floats(value: object) -> None:
    if isinstance(value, float):
        raise ValueError(f"Douyin parameters may not hold floats (exactness): {value!r}")
    if isinstance(value, Mapping):
        for v in value.values():
            _refuse_floats(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _refuse_floats(v)


def douyin_sign(
    app_key: str, api_method: str, param_json_text: str, timestamp: int | str, secret: str, sign_method: str
) -> str:
    """The 抖店 `sign` (reference §3.2): the five names in fixed order with their values,
    `app_key…method…param_json…timestamp…v2`, wrapped in the secret; then HMAC-SHA256 keyed with the
    secret (hmac-sha256) or plain MD5 (md5); lower-case hex. access_token and sign_method are not
    signed."""
    pattern = (
        f"app_key{app_key}method{api_method}param_json{param_json_text}"
        f"timestamp{timestamp}v{API_VERSION}"
    )
    wrapped = (secret + pattern + secret).encode("utf-8")
    if sign_method == "hmac-sha256":
        return hmac.new(secret.encode("utf-8"), wrapped, hashlib.sha256).hexdigest()
    if sign_method == "md5":
        return hashlib.md5(wrapped).hexdigest()
    raise ValueError(f"unknown Douyin sign_method {sign_method!r} (one of {', '.join(SIGN_METHODS)})")


def epoch_seconds(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("Douyin times need a timezone-aware datetime")
    return int(moment.timestamp())


def from_epoch(value: object) -> datetime:
    """Epoch seconds (int or digit string) → aware datetime in Beijing time; ValueError otherwise."""
    digits = _id_text(value)
    if digits is None:
        raise ValueError(f"not epoch seconds: {value!r}")
    return datetime.fromtimestamp(int(digits), BEIJING)


# --- status mapping -----------------------------------------------------------------------------

ORDER_STATES: dict[int, TradeState] = {
    1: TradeState.UNPAID,  # 待支付/待确认
    105: TradeState.PAID,  # 已支付
    2: TradeState.PAID,  # 备货中 (to ship)
    101: TradeState.PAID,  # 部分发货: lines still to ship
    3: TradeState.SHIPPED,  # 已发货
    4: TradeState.CLOSED,  # 已取消 (UNPAID instead when it was never paid: see trade_state)
    5: TradeState.COMPLETED,  # 已完成
}
CANCELLED = 4

# after_sale_info (reference §3.4). Which codes mean "a refund is under way" is our reading.
AFTER_SALE_OPEN = frozenset({6, 7, 11})  # applied, returning, buyer sent the return
AFTER_SALE_REFUNDED = frozenset({12, 53})  # success, reverse trade done
AFTER_SALE_CLOSED = frozenset({0, 27, 28, 29, 51, 13, 14})  # none/rejected/failed/cancelled/exchange
EXCHANGE = 3  # after_sale_type: an exchange moves no money back
REFUND_PENDING, REFUND_SUCCESS, REFUND_FAILED = 1, 3, 4


def trade_state(order_status: int, paid: bool) -> TradeState:
    """A shop order's order_status → TradeState; a cancelled order that was never paid is UNPAID
    (never taken in). KeyError for an unknown code."""
    if order_status == CANCELLED and not paid:
        return TradeState.UNPAID
    return ORDER_STATES[order_status]


def line_refund_state(after_sale_info: object) -> RefundState:
    """One sku order's after_sale_info → RefundState.

    refund_status 3 or after_sale_status 12/53 (not an exchange) → REFUNDED; refund_status 1 or an
    open after-sale (6, 7, 11) → REQUESTED; nothing, rejected, failed, cancelled → NONE. An unknown
    non-zero after_sale_status → REQUESTED, so a person looks before the goods are packed.
    """
    if not isinstance(after_sale_info, Mapping):
        return RefundState.NONE
    status = _int_or_none(after_sale_info.get("after_sale_status"))
    kind = _int_or_none(after_sale_info.get("after_sale_type"))
    refund = _int_or_none(after_sale_info.get("refund_status"))
    if refund == REFUND_SUCCESS or (status in AFTER_SALE_REFUNDED and kind != EXCHANGE):
        return RefundState.REFUNDED
    if refund == REFUND_PENDING or status in AFTER_SALE_OPEN:
        return RefundState.REQUESTED
    if status is None or status in AFTER_SALE_CLOSED or status in AFTER_SALE_REFUNDED:
        return RefundState.NONE
    return RefundState.REQUESTED


def combine_refund_states(trade: TradeState, lines: Iterable[RefundState]) -> RefundState:
    """The order's refund state: a paid order cancelled is refunded (see fields.combine_refunds)."""
    return combine_refunds(trade is TradeState.CLOSED, lines)


# --- shop order → ChannelOrder ------------------------------------------------------------------


def _bad(order_id: str, zh: str, en: str) -> BadReply:
    return bad_record(CHANNEL, order_id, zh, en)


_text = text


_id_text = id_text


def _int_or_none(value: object) -> int | None:
    digits = _id_text(value)
    return int(digits) if digits is not None else None


def _order_id(record: Mapping[str, Any]) -> str:
    raw = record.get("order_id")
    if raw in (None, ""):
        raise _bad("", "记录缺少订单号 order_id", "a shop order record lacks its order id (order_id)")
    oid = _id_text(raw)
    if oid is None:
        shown = str(raw)[:40]
        raise _bad("", f"订单号 order_id 不是整数字符串：{shown}",
                   f"a shop order's id (order_id) is not a string of digits: {shown}")  # fmt: skip
    return oid


def _fen(
    record: Mapping[str, Any], key: str, oid: str, *, required: bool = False, where: tuple[str, str] = ("", "")
) -> int:
    """An amount in fen: a non-negative integer (or digit string); anything else is a problem.
    `where` (zh, en) names the sku order the field belongs to."""
    wz, we = (where[0], where[1] + " ") if where[1] else ("", "")
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise _bad(oid, f"{wz}缺少必需字段 {key}", f"{we}required field '{key}' is missing")
        return 0
    if isinstance(value, Decimal) and value == value.to_integral_value() and value >= 0:
        return int(value)  # 2990.0 would be odd, but it is exact
    number = _int_or_none(value)
    if number is None:
        shown = str(value)[:40]
        raise _bad(oid, f"{wz}字段 {key} 不是以分为单位的整数金额：{shown}",
                   f"{we}field '{key}' is not a whole amount in fen: {shown}")  # fmt: skip
    return number


def _time(record: Mapping[str, Any], key: str, oid: str, *, required: bool = False) -> datetime | None:
    value = record.get(key)
    if value in (None, "", 0, "0"):
        if required:
            raise _bad(oid, f"缺少必需字段 {key}", f"required field '{key}' is missing")
        return None
    try:
        return from_epoch(value)
    except ValueError:
        shown = str(value)[:40]
        raise _bad(oid, f"字段 {key} 不是时间（Unix 秒）：{shown}",
                   f"field '{key}' is not a time (Unix seconds): {shown}") from None  # fmt: skip


def _title(raw: Mapping[str, Any]) -> str:
    name = _text(raw, "product_name")
    spec = raw.get("spec")
    parts = [
        f"{_text(s, 'name')}:{_text(s, 'value')}" if _text(s, "name") else _text(s, "value")
        for s in (spec if isinstance(spec, list) else [])
        if isinstance(s, dict) and _text(s, "value")
    ]
    return f"{name}（{'；'.join(parts)}）" if parts and name else name or "；".join(parts)


def _line(raw: object, oid: str, index: int) -> tuple[OrderLine, RefundState]:
    """One sku_order_list[] element (子订单) → (line, its refund state)."""
    where_zh, where_en = f"第 {index} 个子订单", f"sku order {index}"
    if not isinstance(raw, dict):
        raise _bad(oid, f"{where_zh}不是对象", f"{where_en} is not an object")
    sku = _text(raw, "code") or _text(raw, "out_sku_id") or (_id_text(raw.get("sku_id")) or "")
    if not sku:
        raise _bad(oid, f"{where_zh}没有商家编码（code/out_sku_id/sku_id）",
                   f"{where_en} has no SKU code (code, out_sku_id or sku_id)")  # fmt: skip
    quantity = _int_or_none(raw.get("item_num"))
    if quantity is None or quantity < 1:
        shown = raw.get("item_num")
        raise _bad(oid, f"{where_zh}的数量 item_num 缺失或无效：{shown!r}",
                   f"{where_en} has a missing or bad quantity (item_num): {shown!r}")  # fmt: skip
    unit = _fen(raw, "origin_amount", oid, required=True, where=(where_zh, where_en))
    for key in ("pay_amount", "order_amount", "sum_amount"):
        if raw.get(key) not in (None, ""):
            paid = _fen(raw, key, oid, where=(where_zh, where_en))
            break
    else:
        paid = unit * quantity
    line = OrderLine(
        sku=sku,
        title=_title(raw),
        quantity=quantity,
        unit_price_fen=unit,
        paid_fen=paid,
        platform_line_id=_id_text(raw.get("order_id")) or "",
    )
    return line, line_refund_state(raw.get("after_sale_info"))


def _addr(record: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = record.get(key)
    return value if isinstance(value, dict) else {}


def _name(addr: Mapping[str, Any], key: str) -> str:
    part = addr.get(key)
    if isinstance(part, dict):
        return _text(part, "name")
    return str(part).strip() if isinstance(part, str) else ""


def _receiver(record: Mapping[str, Any]) -> Receiver:
    """Clear fields when the app gets them, else the masked copies, else the ciphertext: all as
    delivered (the ciphertexts are also kept in extras for decryption later)."""
    addr = _addr(record, "post_addr")
    masked = _addr(record, "mask_post_addr")

    def pick(key: str) -> str:
        return _name(addr, key) or _name(masked, key)

    province = pick("province")
    detail = (
        _text(addr, "detail") or _text(masked, "detail") or _text(addr, "encrypt_detail")
        or _text(masked, "encrypt_detail")
    )  # fmt: skip
    return Receiver(
        name=_text(record, "post_receiver") or _text(record, "mask_post_receiver")
        or _text(record, "encrypt_post_receiver"),
        phone=_text(record, "post_tel") or _text(record, "mask_post_tel") or _text(record, "encrypt_post_tel"),
        province=normalise_province(province),
        province_raw=province,
        city=pick("city"),
        district=pick("town"),
        street=pick("street"),
        detail=detail,
    )  # fmt: skip


def _extras(record: Mapping[str, Any], status: int, refunded_lines: list[str]) -> dict[str, str]:
    extras = {"platform_status": str(status)}
    for key, name in (
        ("order_status_desc", "platform_status_desc"),
        ("main_status", "main_status"),
        ("cancel_reason", "cancel_reason"),
        ("shop_id", "shop_id"),
        ("b_type", "b_type"),
        ("order_type", "order_type"),
        ("encrypt_post_receiver", "encrypt_post_receiver"),
        ("encrypt_post_tel", "encrypt_post_tel"),
        ("mask_post_receiver", "mask_post_receiver"),
        ("mask_post_tel", "mask_post_tel"),
    ):
        if value := _text(record, key):
            extras[name] = value
    if detail := _text(_addr(record, "post_addr"), "encrypt_detail"):
        extras["encrypt_detail"] = detail
    if (stars := _text(record, "seller_remark_stars")) not in ("", "0"):
        extras["seller_flag"] = stars
    if (promo := _text(record, "promotion_amount")) not in ("", "0"):
        extras["promotion_amount_fen"] = promo
    exp = record.get("exp_ship_time")
    if exp not in (None, "", 0, "0") and _id_text(exp) is not None:
        extras["ship_by"] = from_epoch(exp).strftime("%Y-%m-%d %H:%M:%S")
    logistics = record.get("logistics_info")
    if isinstance(logistics, list):
        waybills = [
            f"{_text(x, 'company_name') or _text(x, 'company')}:{_text(x, 'tracking_no')}"
            for x in logistics
            if isinstance(x, dict) and _text(x, "tracking_no")
        ]
        if waybills:
            extras["waybills"] = "; ".join(waybills)
    if refunded_lines:
        extras["refunded_lines"] = ",".join(refunded_lines)
    return extras


def parse_shop_order(record: object, shop_code: str = "") -> ChannelOrder:
    """One shop_order_list[] object (or shop_order_detail) → ChannelOrder. Unknown keys are ignored;
    masked and encrypted values are kept as given.

    Raises BadReply (with `platform_order_id` when the order_id was readable) for a record that
    cannot be an order: no order_id, an unknown order_status, no sku orders, a missing or malformed
    required field (update_time, pay_amount, a line's item_num or origin_amount).
    """
    if not isinstance(record, dict):
        raise _bad("", "订单记录不是对象", "a shop order record is not an object")
    oid = _order_id(record)
    raw_status = record.get("order_status")
    if raw_status in (None, ""):
        raise _bad(oid, "缺少必需字段 order_status", "required field 'order_status' is missing")
    status = _int_or_none(raw_status)
    paid_at = _time(record, "pay_time", oid)
    if status is None or status not in ORDER_STATES:
        shown = str(raw_status)[:40]
        raise _bad(oid, f"未知的订单状态 {shown}", f"unknown order status {shown}")
    state = trade_state(status, paid_at is not None)
    modified = _time(record, "update_time", oid, required=True)
    assert modified is not None
    raw_lines = record.get("sku_order_list")
    if raw_lines is not None and not isinstance(raw_lines, list):
        raise _bad(oid, "子订单 sku_order_list 的格式无法识别", "the sku orders (sku_order_list) have an unknown shape")
    if not raw_lines:
        raise _bad(oid, "没有子订单（sku_order_list 为空或缺失）",
                   "the order has no sku orders (sku_order_list missing or empty)")  # fmt: skip
    parsed = [_line(raw, oid, i) for i, raw in enumerate(raw_lines, start=1)]
    refunded = [ln.platform_line_id or ln.sku for ln, s in parsed if s is RefundState.REFUNDED]
    ship_by, note = platform_deadline("exp_ship_time", record.get("exp_ship_time"), from_epoch, paid_at)
    return ChannelOrder(
        channel=CHANNEL,
        shop_code=shop_code,
        platform_order_id=oid,
        trade_state=state,
        refund_state=combine_refund_states(state, (s for _, s in parsed)),
        paid_at=paid_at,
        modified_at=modified,
        receiver=_receiver(record),
        lines=tuple(ln for ln, _ in parsed),
        buyer_ref=_text(record, "doudian_open_id") or _text(record, "open_id"),
        buyer_note=_text(record, "buyer_words"),
        seller_note=_text(record, "seller_words"),
        total_fen=_fen(record, "pay_amount", oid, required=True),
        freight_fen=_fen(record, "post_amount", oid),
        discount_fen=_fen(record, "promotion_amount", oid),
        extras=_extras(record, status, refunded if len(refunded) < len(parsed) else []) | note,
        ship_by=ship_by,
        refunds=_refunds(raw_lines, parsed),
    )


_RETURNS_BY_TYPE = {0: True, 1: False, 2: False}  # after_sale_type: return+refund, refund after/before shipping


def _refunds(raw_lines: list[Any], parsed: list[tuple[OrderLine, RefundState]]) -> tuple[PlatformRefund, ...]:
    """One refund per sku order with an after-sale: its after_sale_status kept as delivered (the sku
    order's id stands for the after-sale, which the order API does not name)."""
    out = []
    for raw, (line, _state) in zip(raw_lines, parsed, strict=True):
        info = raw.get("after_sale_info") if isinstance(raw, dict) else None
        code = _id_text(info.get("after_sale_status")) if isinstance(info, dict) else None
        if code is None or is_no_refund(CHANNEL, code):
            continue
        kind = _int_or_none(info.get("after_sale_type")) if isinstance(info, dict) else None
        key = line.platform_line_id or line.sku
        out.append(PlatformRefund(key, code, ((key, line.quantity),), returns_goods=None if kind is None else _RETURNS_BY_TYPE.get(kind)))
    return tuple(out)


def orders_in(data: Mapping[str, Any]) -> list[Any]:
    """The raw shop orders of a searchList reply's `data` (none when the list is absent)."""
    orders = data.get("shop_order_list")
    if orders is None or orders == "":
        return []
    if not isinstance(orders, list):
        raise BadReply(CHANNEL, "订单列表 shop_order_list 的格式无法识别",
                       "the order list (shop_order_list) has an unknown shape")  # fmt: skip
    return orders


# --- envelope -----------------------------------------------------------------------------------

# Words in sub_code / msg that say what an error is. The codes themselves are **unconfirmed**
# (the reference confirms only the envelope); these words and ranges are our reading.
_LIMIT_WORDS = ("limit", "限流", "频率", "频繁", "too-many", "too many")
_AUTH_WORDS = {
    "sign": ("签名无效：App Secret 不对或签名方式不符", "invalid signature: wrong app secret or sign method"),
    "token": ("授权 access_token 无效或已过期，请重新授权店铺",
              "the access_token is invalid or expired: authorise the shop again"),
    "timestamp": ("时间戳被拒绝：请检查本机时钟", "the timestamp was refused: check this computer's clock"),
    "app-key": ("App Key 无效", "the App Key is not valid"),
    "app_key": ("App Key 无效", "the App Key is not valid"),
    "appkey": ("App Key 无效", "the App Key is not valid"),
    "permission": ("应用或店铺授权的权限不足", "the app or the shop's authorisation lacks this permission"),
    "签名": ("签名无效：App Secret 不对或签名方式不符", "invalid signature: wrong app secret or sign method"),
    "access_token": ("授权 access_token 无效或已过期，请重新授权店铺",
                     "the access_token is invalid or expired: authorise the shop again"),
    "时间戳": ("时间戳被拒绝：请检查本机时钟", "the timestamp was refused: check this computer's clock"),
    "权限": ("应用或店铺授权的权限不足", "the app or the shop's authorisation lacks this permission"),
}  # fmt: skip


def error_from_envelope(envelope: Mapping[str, Any]) -> ChannelError:
    """The ChannelError a failed envelope stands for (new style `code`/`msg`/`sub_code`/`sub_msg`/
    `log_id`, or old style `err_no`/`message`).

    Order: call-limit words → RateLimited; auth words (sign, token, timestamp, app key, permission)
    or a 3xxxx code → AuthError; `isp.` or a 2xxxx code → PlatformError; `isv.` or a 4xxxx code →
    RequestRejected; anything else → PlatformError (retried, bounded). **Unconfirmed** codes.
    """
    code = _text(envelope, "code") or _text(envelope, "err_no")
    msg = _text(envelope, "msg") or _text(envelope, "message")
    sub_code, sub_msg = _text(envelope, "sub_code"), _text(envelope, "sub_msg")
    log_id = _text(envelope, "log_id")
    raw = ", ".join(p for p in (f"code {code}" if code else "", msg, sub_code, sub_msg) if p)
    kw = {"code": code, "sub_code": sub_code, "request_id": log_id}
    words = f"{sub_code} {sub_msg} {msg}".lower()
    number = int(code) if code.lstrip("-").isdigit() else None
    if any(w in words for w in _LIMIT_WORDS):
        return RateLimited(CHANNEL, f"调用次数超过平台限制，稍后自动重试（{raw}）",
                           f"call limit reached; will retry later ({raw})", **kw)  # fmt: skip
    auth = next((text for word, text in _AUTH_WORDS.items() if word in words), None)
    if auth is None and number is not None and 30000 <= number < 40000:
        auth = ("授权被拒绝", "the authorisation was refused")
    if auth is not None:
        zh, en = auth
        return AuthError(CHANNEL, f"{zh}（{raw}）", f"{en} ({raw})", **kw)
    if sub_code.startswith("isp.") or (number is not None and 20000 <= number < 30000):
        return PlatformError(CHANNEL, f"平台服务出错，稍后自动重试（{raw}）",
                             f"the platform failed; will retry later ({raw})", **kw)  # fmt: skip
    if sub_code.startswith("isv.") or (number is not None and 40000 <= number < 50000):
        return RequestRejected(
            CHANNEL, f"平台拒绝了请求（{raw}）", f"the platform refused the request ({raw})", **kw
        )
    return PlatformError(CHANNEL, f"平台返回错误，稍后自动重试（{raw}）",
                         f"the platform answered with an error; will retry later ({raw})", **kw)  # fmt: skip


def _succeeded(envelope: Mapping[str, Any]) -> bool:
    code, err_no = envelope.get("code"), envelope.get("err_no")
    return (code is not None and str(code).strip() == str(SUCCESS_CODE)) or (
        err_no is not None and str(err_no).strip() == "0"
    )


def read_reply(api_method: str, status_code: int, body: bytes, url: str = "") -> dict[str, Any]:
    """The `data` of a gateway reply (`{}` when it has none), or the ChannelError it stands for.
    Success is `code == 10000` (new style) or `err_no == 0` (old style), reference §3.3."""
    envelope = gateway_json(CHANNEL, api_method, status_code, body, url)
    if not isinstance(envelope, dict) or ("code" not in envelope and "err_no" not in envelope):
        raise BadReply(
            CHANNEL, f"{api_method} 的回复格式无法识别", f"the reply to {api_method} has an unknown shape"
        )
    if not _succeeded(envelope):
        raise error_from_envelope(envelope)
    data = envelope.get("data")
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BadReply(CHANNEL, f"{api_method} 的回复中 data 不是对象",
                       f"the reply to {api_method} has a data that is not an object")  # fmt: skip
    return data


# --- the client ---------------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(UTC)


class DouyinClient(PagedClient):
    """抖店 open API over an injected `httpx.Client` (whose timeout applies to every call).

    `clock` gives the current time (aware) for the signed timestamp; `retry`, `sleep` and `rand`
    drive the backoff of the sync's page requests (credential tests and shipments are not retried).
    """

    channel = CHANNEL
    first_page = 0  # the platform counts pages from 0
    window = WINDOW
    page_size = PAGE_SIZE

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
    ) -> None:
        if not credentials.app_key or not credentials.app_secret:
            raise AuthError(CHANNEL, "未配置 App Key 或 App Secret", "the App Key or App Secret is not set")
        self.sign_method = credentials.sign_method or DEFAULT_SIGN_METHOD
        if self.sign_method not in SIGN_METHODS:
            raise AuthError(CHANNEL, f"不支持的签名方式 {self.sign_method}（可用：{'、'.join(SIGN_METHODS)}）",
                            f"unsupported sign method {self.sign_method} (one of {', '.join(SIGN_METHODS)})")  # fmt: skip
        self.base_url = (credentials.base_url or DEFAULT_URL).rstrip("/")
        if not self.base_url.startswith(("http://", "https://")):
            raise RequestRejected(CHANNEL, f"网关地址无效：{self.base_url}", f"not a gateway address: {self.base_url}")
        self._init_client(credentials, http, shop_code, clock, retry, sleep, rand)

    # one signed call

    def call(self, api_method: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """One signed request; returns the reply's `data` or raises ChannelError."""
        body = param_json(params)
        timestamp = epoch_seconds(self._clock())
        query = {
            "app_key": self._creds.app_key,
            "method": api_method,
            "access_token": self._creds.access_token,
            "timestamp": str(timestamp),
            "v": API_VERSION,
            "sign_method": self.sign_method,
        }
        query = {k: v for k, v in query.items() if v}
        query["sign"] = douyin_sign(
            self._creds.app_key, api_method, body, timestamp, self._creds.app_secret, self.sign_method
        )
        url = self.base_url + method_path(api_method)
        with network_errors(CHANNEL, url):
            reply = self._http.post(
                url,
                params=query,
                content=body.encode("utf-8"),
                headers={"Content-Type": "application/json", "x-open-no-old-err-code": "1"},
            )
        return read_reply(api_method, reply.status_code, reply.content, url)

    # sync

    def _parse(self, raw: Any) -> ChannelOrder:
        return parse_shop_order(raw, self.shop_code)

    def _list(self, a: datetime, b: datetime, page: int) -> ListReply:
        data = self.call(
            SEARCH_LIST,
            {
                "page": page,
                "size": self.page_size,
                "order_by": "update_time",
                "order_asc": False,
                "update_time_start": epoch_seconds(a),
                "update_time_end": epoch_seconds(b),
            },
        )
        orders = orders_in(data)
        total = data.get("total")
        if total is None and not orders:
            total = 0
        number = _id_text(total)
        if number is None:
            raise BadReply(CHANNEL, f"回复缺少有效的 total：{str(total)[:20]}",
                           f"the reply lacks a valid total: {str(total)[:20]}")  # fmt: skip
        return ListReply(int(number), orders, lambda o: o.get("order_id"), "update_time")

    # single order

    def fetch_order(self, order_id: str) -> ChannelOrder:
        """order.orderDetail for one order (`data.shop_order_detail`); BadReply if it is unusable."""
        data = self.call(ORDER_DETAIL, {"shop_order_id": str(order_id)})
        detail = data.get("shop_order_detail")
        if not isinstance(detail, dict):
            raise BadReply(CHANNEL, f"订单 {order_id} 的详情回复缺少 shop_order_detail",
                           f"order {order_id}: the detail reply lacks shop_order_detail",
                           platform_order_id=str(order_id))  # fmt: skip
        return parse_shop_order(detail, self.shop_code)

    # the rest of the interface

    def test_credentials(self) -> None:
        """A one-record searchList over the last five minutes: proves key, secret and access_token."""
        now = self._clock()
        self.call(
            SEARCH_LIST,
            {
                "page": 0,
                "size": 1,
                "order_by": "update_time",
                "order_asc": False,
                "update_time_start": epoch_seconds(now - timedelta(minutes=5)),
                "update_time_end": epoch_seconds(now),
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
        """order.logisticsAdd: the whole order leaves with `waybill` (`logistics_code`);
        `courier_code` is Douyin's `company_code` (from /order/logisticsCompanyList; the values are
        unconfirmed). Shipping only some lines needs order.logisticsAddMultiPack/SinglePack, whose
        parameters the reference does not give: refused here rather than guessed."""
        oid = platform_order_id(order)
        if not oid or not waybill.strip() or not courier_code.strip():
            raise ValueError("confirm_shipment needs an order id, a waybill number and a courier code")
        if line_ids:
            raise RequestRejected(
                CHANNEL,
                f"订单 {oid}：暂不支持按子订单分开发货，请整单发货",
                f"order {oid}: shipping only some sku orders is not supported yet; ship the whole order",
                platform_order_id=oid,
            )
        self.call(
            LOGISTICS_ADD,
            {"order_id": oid, "logistics_code": waybill.strip(), "company_code": courier_code.strip()},
        )
