"""Taobao/Tmall Open Platform (TOP) adapter, per the channel reference (shared/reference/channels.md §1).

Request shape (decision): every call is an HTTP POST to the gateway (`/router/rest`) with the
*system* parameters (method, app_key, session, timestamp, v, sign_method, format, sign) in the query
string and the *business* parameters in an `application/x-www-form-urlencoded;charset=UTF-8` body,
as the official Python SDK does; both sets are signed. Empty business values are not sent (the
signature skips them, so sending them would only invite disagreement).

Sync uses taobao.trades.sold.increment.get (by modified time): the range is cut into windows of at
most 30 minutes (the platform allows 1 day and recommends ≤ 30 min); in each window page 1 is read
for `total_results`, then the pages are read from the last one back to the first, as the platform
advises, so that an order changing while the window is paged can only cause a duplicate (dropped
here) and never a gap. Page 1 is read again at the end unless it was the only page.

Numbers that are money arrive as yuan strings and become integer fen through Decimal; JSON floats
are parsed as Decimal too, so nothing passes through binary floating point. `tid` is kept as a
string of digits and a tid that arrives as a float is refused (its digits may be lost).
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from orderdesk.domain.model import Channel, ChannelOrder, OrderLine, Receiver, RefundState, TradeState
from orderdesk.domain.provinces import normalise_province
from orderdesk.domain.ship_by import DEFAULT_SHIP_HOURS, platform_deadline

from .fields import bad_record, combine_refunds, id_text, text
from orderdesk.domain.refunds import PlatformRefund, is_no_refund
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
    yuan_to_fen,
)

CHANNEL = Channel.TAOBAO
DEFAULT_URL = "https://eco.taobao.com/router/rest"  # the reference also names http://gw.api.taobao.com
SIGN_METHODS = ("md5", "hmac", "hmac-sha256")
DEFAULT_SIGN_METHOD = "hmac-sha256"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_DIGITS_RE = re.compile(r"[0-9]+")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")

INCREMENT_GET = "taobao.trades.sold.increment.get"
OFFLINE_SEND = "taobao.logistics.offline.send"
WINDOW = timedelta(minutes=30)
PAGE_SIZE = 50

TRADE_FIELDS = (
    "tid", "tid_str", "status", "type", "created", "pay_time", "modified", "payment", "total_fee",
    "post_fee", "discount_fee", "adjust_fee", "buyer_nick", "buyer_open_uid", "buyer_message",
    "seller_memo", "seller_flag", "receiver_name", "receiver_state", "receiver_city",
    "receiver_district", "receiver_town", "receiver_address", "receiver_zip", "receiver_mobile",
    "receiver_phone", "receiver_country", "shipping_type", "oaid", "coupon_fee", "paid_coupon_fee",
    "invoice_name", "invoice_type", "invoice_kind", "buyer_tax_no", "promotion_details", "orders",
    "orders.consign_due_time",
)  # fmt: skip
LIST_FIELDS = ",".join(TRADE_FIELDS)

# --- signing ------------------------------------------------------------------------------------


def param_text(value: object) -> str:
    """A parameter as TOP expects it on the wire: booleans true/false, times in Beijing time,
    lists comma separated, everything else str()."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return format_time(value)
    if isinstance(value, (list, tuple)):
        return ",".join(param_text(v) for v in value)
    return str(value)


def top_sign(params: Mapping[str, object], secret: str, method: str) -> str:
    """The TOP `sign` of `params` (reference §1.2): sorted name+value pairs, empty values and `sign`
    left out, no URL encoding, UTF-8; md5 wraps the string in the secret, hmac (HMAC-MD5) and
    hmac-sha256 key it with the secret; upper-case hex."""
    items = sorted((k, param_text(v)) for k, v in params.items() if k != "sign" and v is not None and v != "")
    joined = "".join(k + v for k, v in items).encode("utf-8")
    key = secret.encode("utf-8")
    if method == "md5":
        digest = hashlib.md5(key + joined + key).hexdigest()
    elif method == "hmac":
        digest = hmac.new(key, joined, hashlib.md5).hexdigest()
    elif method == "hmac-sha256":
        digest = hmac.new(key, joined, hashlib.sha256).hexdigest()
    else:
        raise ValueError(f"unknown TOP sign_method {method!r} (one of {', '.join(SIGN_METHODS)})")
    return digest.upper()


def format_time(moment: datetime) -> str:
    """`yyyy-MM-dd HH:mm:ss` in Beijing time, as TOP writes every time."""
    if moment.tzinfo is None:
        raise ValueError("TOP times need a timezone-aware datetime")
    return moment.astimezone(BEIJING).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime:
    """A TOP time string (Beijing time) as an aware datetime; ValueError if it is not one."""
    if not isinstance(text, str) or not _TIME_RE.fullmatch(text.strip()):
        raise ValueError(f"not a yyyy-MM-dd HH:mm:ss time: {text!r}")
    return datetime.strptime(text.strip(), TIME_FORMAT).replace(tzinfo=BEIJING)


def response_key(api_method: str) -> str:
    """taobao.trades.sold.increment.get → trades_sold_increment_get_response."""
    return api_method.removeprefix("taobao.").replace(".", "_") + "_response"


# --- status mapping -----------------------------------------------------------------------------

TRADE_STATES: dict[str, TradeState] = {
    "TRADE_NO_CREATE_PAY": TradeState.UNPAID,
    "WAIT_BUYER_PAY": TradeState.UNPAID,
    "PAY_PENDING": TradeState.UNPAID,  # card payment still being confirmed
    "WAIT_PRE_AUTH_CONFIRM": TradeState.UNPAID,  # 0-yuan pre-authorisation, nothing paid yet
    "TRADE_CLOSED_BY_TAOBAO": TradeState.UNPAID,  # closed before payment: never taken in
    "WAIT_SELLER_SEND_GOODS": TradeState.PAID,
    "SELLER_CONSIGNED_PART": TradeState.PAID,
    "PAID_FORBID_CONSIGN": TradeState.PAID,  # paid, shipping forbidden for now (extras say so)
    "WAIT_BUYER_CONFIRM_GOODS": TradeState.SHIPPED,
    "TRADE_BUYER_SIGNED": TradeState.SHIPPED,
    "TRADE_FINISHED": TradeState.COMPLETED,
    "TRADE_CLOSED": TradeState.CLOSED,
}
REFUND_REQUESTED_CODES = frozenset(
    {"WAIT_SELLER_AGREE", "WAIT_BUYER_RETURN_GOODS", "WAIT_SELLER_CONFIRM_GOODS"}
)
REFUND_DONE_CODE = "SUCCESS"


def line_refund_state(refund_status: object) -> RefundState:
    """One line's (TOP "order"'s) refund_status; NO_REFUND, CLOSED, SELLER_REFUSE_BUYER, unknown → NONE."""
    code = str(refund_status or "").strip()
    if code in REFUND_REQUESTED_CODES:
        return RefundState.REQUESTED
    if code == REFUND_DONE_CODE:
        return RefundState.REFUNDED
    return RefundState.NONE


def map_refund_state(trade_status: str, line_refund_statuses: Iterable[object]) -> RefundState:
    """The trade's refund state (TRADE_CLOSED is refunded; see fields.combine_refunds)."""
    return combine_refunds(trade_status == "TRADE_CLOSED", (line_refund_state(s) for s in line_refund_statuses))


# --- trade → ChannelOrder -----------------------------------------------------------------------


def _bad(order_id: str, zh: str, en: str) -> BadReply:
    return bad_record(CHANNEL, order_id, zh, en)


_text = text


_id_text = id_text


def _tid(trade: Mapping[str, Any]) -> str:
    present = [k for k in ("tid_str", "tid") if trade.get(k) not in (None, "")]
    if not present:
        raise _bad("", "记录缺少订单号 tid", "a trade record lacks its order id (tid)")
    for key in present:
        tid = _id_text(trade[key])
        if tid is not None:
            return tid
    raw = str(trade[present[0]])[:40]
    raise _bad(
        "", f"订单号 tid 不是整数字符串：{raw}", f"a trade's id (tid) is not a string of digits: {raw}"
    )


def _required_time(record: Mapping[str, Any], key: str, tid: str) -> datetime:
    text = _text(record, key)
    if not text:
        raise _bad(tid, f"缺少必需字段 {key}", f"required field '{key}' is missing")
    try:
        return parse_time(text)
    except ValueError:
        raise _bad(
            tid, f"字段 {key} 的时间格式不对：{text[:40]}", f"field '{key}' is not a time: {text[:40]}"
        ) from None


def _optional_time(record: Mapping[str, Any], key: str, tid: str) -> datetime | None:
    return _required_time(record, key, tid) if _text(record, key) else None


def _amount(record: Mapping[str, Any], key: str, tid: str, *, required: bool = False) -> int:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise _bad(tid, f"缺少必需字段 {key}", f"required field '{key}' is missing")
        return 0
    try:
        return yuan_to_fen(value)
    except ValueError:
        shown = str(value)[:40]
        raise _bad(tid, f"字段 {key} 不是金额：{shown}", f"field '{key}' is not an amount: {shown}") from None


def _listed(container: object, inner: str) -> list[Any] | None:
    """TOP's XML-heritage list wrapping: {"order": [...]} (or a lone object); None if neither."""
    if container is None or container == "":
        return []
    if isinstance(container, list):  # a flatter shape, tolerated
        return container
    if not isinstance(container, dict):
        return None
    items = container.get(inner, [])
    if isinstance(items, dict):
        return [items]
    return items if isinstance(items, list) else None


def _line(raw: object, tid: str, index: int) -> tuple[OrderLine, str]:
    """One orders.order[] element → (line, its refund_status)."""
    where_zh, where_en = f"第 {index} 个商品行", f"line {index}"
    if not isinstance(raw, dict):
        raise _bad(tid, f"{where_zh}不是对象", f"{where_en} is not an object")
    sku = _text(raw, "outer_sku_id") or _text(raw, "outer_iid") or (_id_text(raw.get("num_iid")) or "")
    if not sku:
        raise _bad(tid, f"{where_zh}没有商家编码（outer_sku_id/outer_iid/num_iid）",
                   f"{where_en} has no SKU code (outer_sku_id, outer_iid or num_iid)")  # fmt: skip
    num = raw.get("num")
    quantity = int(digits) if (digits := _id_text(num)) is not None else None
    if quantity is None or quantity < 1:
        raise _bad(
            tid,
            f"{where_zh}的数量 num 缺失或无效：{num!r}",
            f"{where_en} has a missing or bad quantity (num): {num!r}",
        )
    unit = _amount(raw, "price", tid, required=True)
    for key in ("divide_order_fee", "payment", "total_fee"):
        if raw.get(key) not in (None, ""):
            paid = _amount(raw, key, tid)
            break
    else:
        paid = unit * quantity
    line = OrderLine(
        sku=sku,
        title=_text(raw, "title"),
        quantity=quantity,
        unit_price_fen=unit,
        paid_fen=paid,
        platform_line_id=_id_text(raw.get("oid")) or "",
    )
    return line, _text(raw, "refund_status")


_EXTRA_TEXT = {  # TOP trade field → extras key; kept as delivered when present (not all confirmed)
    "oaid": "oaid",
    "invoice_name": "invoice_title",
    "invoice_type": "invoice_type",
    "invoice_kind": "invoice_kind",
    "buyer_tax_no": "invoice_tax_no",
    "type": "trade_type",
    "shipping_type": "shipping_type",
    "receiver_zip": "receiver_zip",
    "receiver_country": "receiver_country",
}
_EXTRA_NONZERO = {
    "coupon_fee": "coupon_fee",
    "paid_coupon_fee": "paid_coupon_fee",
    "seller_flag": "seller_flag",
}


def _extras(trade: Mapping[str, Any], status: str, refunded_lines: list[str]) -> dict[str, str]:
    extras = {"platform_status": status}
    for key, name in _EXTRA_TEXT.items():
        if value := _text(trade, key):
            extras[name] = value
    for key, name in _EXTRA_NONZERO.items():
        value = _text(trade, key)
        try:
            zero = Decimal(value) == 0
        except ArithmeticError:
            zero = False
        if value and not zero:
            extras[name] = value
    promotions = _listed(trade.get("promotion_details"), "promotion_detail") or []
    names = [
        f"{_text(p, 'promotion_name')}({_text(p, 'discount_fee')})"
        if _text(p, "discount_fee")
        else _text(p, "promotion_name")
        for p in promotions
        if isinstance(p, dict) and _text(p, "promotion_name")
    ]
    if names:
        extras["promotions"] = "; ".join(names)
    mobile, landline = _text(trade, "receiver_mobile"), _text(trade, "receiver_phone")
    if mobile and landline and landline != mobile:
        extras["receiver_landline"] = landline
    if refunded_lines:
        extras["refunded_lines"] = ",".join(refunded_lines)
    return extras


def _receiver(trade: Mapping[str, Any]) -> Receiver:
    state = _text(trade, "receiver_state")
    city, district = _text(trade, "receiver_city"), _text(trade, "receiver_district")
    if not city and district:  # county-level cities under a province (河南济源) come as district only
        city, district = district, ""
    return Receiver(
        name=_text(trade, "receiver_name"),
        phone=_text(trade, "receiver_mobile") or _text(trade, "receiver_phone"),
        province=normalise_province(state),
        province_raw=state,
        city=city,
        district=district,
        street=_text(trade, "receiver_town"),
        detail=_text(trade, "receiver_address"),
    )


def parse_trade(trade: object, shop_code: str = "") -> ChannelOrder:
    """One TOP trade object → ChannelOrder. Unknown keys are ignored; masked values kept as given.

    Raises BadReply (with `platform_order_id` when the tid was readable) for a record that cannot
    be an order: no tid, an unknown status, no lines, a missing or malformed required field.
    """
    if not isinstance(trade, dict):
        raise _bad("", "交易记录不是对象", "a trade record is not an object")
    tid = _tid(trade)
    status = _text(trade, "status")
    if not status:
        raise _bad(tid, "缺少必需字段 status", "required field 'status' is missing")
    if status not in TRADE_STATES:
        raise _bad(tid, f"未知的订单状态 {status[:40]}", f"unknown trade status {status[:40]}")
    modified = _required_time(trade, "modified", tid)
    paid_at = _optional_time(trade, "pay_time", tid)
    raw_lines = _listed(trade.get("orders"), "order")
    if raw_lines is None:
        raise _bad(tid, "商品行 orders 的格式无法识别", "the lines (orders) have an unknown shape")
    if not raw_lines:
        raise _bad(tid, "没有商品行（orders 为空或缺失）", "the trade has no lines (orders missing or empty)")
    parsed = [_line(raw, tid, i) for i, raw in enumerate(raw_lines, start=1)]
    refunded = [ln.platform_line_id or ln.sku for ln, code in parsed if code == REFUND_DONE_CODE]
    ship_by, note = listed_ship_by(raw_lines, paid_at)
    return ChannelOrder(
        channel=CHANNEL,
        shop_code=shop_code,
        platform_order_id=tid,
        trade_state=TRADE_STATES[status],
        refund_state=map_refund_state(status, (code for _, code in parsed)),
        paid_at=paid_at,
        modified_at=modified,
        receiver=_receiver(trade),
        lines=tuple(ln for ln, _ in parsed),
        buyer_ref=_text(trade, "buyer_open_uid") or _text(trade, "buyer_nick"),
        buyer_note=_text(trade, "buyer_message"),
        seller_note=_text(trade, "seller_memo"),
        total_fen=_amount(trade, "payment", tid, required=True),
        freight_fen=_amount(trade, "post_fee", tid),
        discount_fen=_amount(trade, "discount_fee", tid),
        extras=_extras(trade, status, refunded if len(refunded) < len(parsed) else []) | note,
        ship_by=ship_by,
        refunds=_refunds(raw_lines, parsed),
    )


def _refunds(raw_lines: list[Any], parsed: list[tuple[OrderLine, str]]) -> tuple[PlatformRefund, ...]:
    """One refund per line with a refund_status other than "no refund": its refund_id (else the
    line's oid) and the raw word as delivered (an unknown word is kept, never mapped here)."""
    out = []
    for raw, (line, code) in zip(raw_lines, parsed, strict=True):
        if is_no_refund(CHANNEL, code):
            continue
        ref = _id_text(raw.get("refund_id")) or line.platform_line_id or line.sku
        out.append(PlatformRefund(ref, code, ((line.platform_line_id or line.sku, line.quantity),)))
    return tuple(out)


def consign_due(value: object, paid_at: datetime | None) -> datetime:
    """A line's `consign_due_time` (预约发货时间; official SDK doc comment, not in reference §1.5):
    "2_7" = within 7 days of payment, "1_<time>" = an absolute time (yyyy-MM-dd HH:mm:ss, or a
    bare date meaning the end of that day; the absolute format is unconfirmed). ValueError else."""
    kind, _, rest = str(value).strip().partition("_")
    if kind == "2" and rest.isdigit() and paid_at is not None:
        return paid_at + timedelta(days=int(rest))
    if kind == "1" and _DATE_RE.fullmatch(rest.strip()):
        return datetime.strptime(rest.strip() + " 23:59:59", TIME_FORMAT).replace(tzinfo=BEIJING)
    if kind == "1":
        return parse_time(rest)
    raise ValueError(f"not a consign_due_time: {value!r}")


def listed_ship_by(lines: list[Any], paid_at: datetime | None) -> tuple[datetime | None, dict[str, str]]:
    """The trade's ship-by when its listings say otherwise than the usual 48 h: the earliest line's.
    Lines without one count as paid + 48 h; no line with one → None (the channel's default)."""
    found: list[datetime] = []
    notes: dict[str, str] = {}
    for raw in lines:
        value = raw.get("consign_due_time") if isinstance(raw, dict) else None
        deadline, note = platform_deadline("consign_due_time", value, lambda v: consign_due(v, paid_at), paid_at)
        notes |= note
        if deadline is not None:
            found.append(deadline)
    if not found:
        return None, notes
    if len(found) < len(lines) and paid_at is not None:
        found.append(paid_at + timedelta(hours=DEFAULT_SHIP_HOURS))
    return min(found), notes


def trades_in(payload: Mapping[str, Any]) -> list[Any]:
    """The raw trade objects of a list reply's payload ({"trades": {"trade": [...]}}, or none)."""
    trades = _listed(payload.get("trades"), "trade")
    if trades is None:
        raise BadReply(
            CHANNEL, "订单列表 trades 的格式无法识别", "the trade list (trades) has an unknown shape"
        )
    return trades


# --- envelope -----------------------------------------------------------------------------------

_AUTH_TEXT = {
    "24": ("请求缺少签名", "the request carries no signature"),
    "25": ("签名无效：App Secret 不对或签名方式不符", "invalid signature: wrong app secret or sign method"),
    "26": ("缺少授权 session，请先授权店铺", "no session: authorise the shop first"),
    "27": ("授权 session 无效或已过期，请重新授权店铺", "the session is invalid or expired: authorise the shop again"),
    "53": ("授权 session 无效或已过期，请重新授权店铺", "the session is invalid or expired: authorise the shop again"),
    "28": ("缺少 App Key", "the App Key is missing"),
    "29": ("App Key 无效", "the App Key is not valid"),
    "11": ("应用权限不足", "the application lacks the permission for this call"),
    "12": ("店铺授权的权限不足", "the shop's authorisation lacks the permission for this call"),
    "30": ("缺少时间戳", "the timestamp is missing"),
    "31": ("时间戳被拒绝：请检查本机时钟（与北京时间相差不能超过 10 分钟）",
           "the timestamp was refused: check this computer's clock (within 10 minutes of Beijing time)"),
}  # fmt: skip
_REQUEST_CODES = frozenset({"21", "22", "23", "32", "33", "34", "40", "41", "43", "47"})
_BAN_SECONDS = re.compile(r"(\d+)\s*more\s*seconds?")


def _error_from_envelope(err: object) -> ChannelError:
    """The ChannelError an `error_response` stands for (numbers and sub-codes per §1.3; the numeric
    codes are unconfirmed there, so `isp.`/`isv.` prefixes decide first where they are present)."""
    if not isinstance(err, dict):
        return BadReply(CHANNEL, "错误回复的格式无法识别", "an error reply has an unknown shape")
    code = str(err.get("code", "")).strip()
    msg, sub_code, sub_msg = (str(err.get(k) or "").strip() for k in ("msg", "sub_code", "sub_msg"))
    request_id = str(err.get("request_id") or "")
    raw = ", ".join(p for p in (f"code {code}" if code else "", msg, sub_code, sub_msg) if p)
    kw = {"code": code, "sub_code": sub_code, "request_id": request_id}
    if code == "7" or "call-limited" in sub_code or sub_code.startswith("accesscontrol.limited"):
        ban = _BAN_SECONDS.search(f"{sub_msg} {msg}")
        return RateLimited(CHANNEL, f"调用次数超过平台限制，稍后自动重试（{raw}）",
                           f"call limit reached; will retry later ({raw})",
                           retry_after=float(ban.group(1)) if ban else None, **kw)  # fmt: skip
    if code in _AUTH_TEXT:
        zh, en = _AUTH_TEXT[code]
        return AuthError(CHANNEL, f"{zh}（{raw}）", f"{en} ({raw})", **kw)
    if sub_code.startswith("isp."):
        return PlatformError(CHANNEL, f"平台服务出错，稍后自动重试（{raw}）",
                             f"the platform failed; will retry later ({raw})", **kw)  # fmt: skip
    if sub_code.startswith("isv.") or code in _REQUEST_CODES:
        return RequestRejected(
            CHANNEL, f"平台拒绝了请求（{raw}）", f"the platform refused the request ({raw})", **kw
        )
    return PlatformError(CHANNEL, f"平台返回错误，稍后自动重试（{raw}）",
                         f"the platform answered with an error; will retry later ({raw})", **kw)  # fmt: skip


def read_reply(api_method: str, status_code: int, body: bytes, url: str = "") -> dict[str, Any]:
    """The payload inside `<api>_response` of a gateway reply, or the ChannelError it stands for."""
    data = gateway_json(CHANNEL, api_method, status_code, body, url)
    if not isinstance(data, dict):
        raise BadReply(
            CHANNEL, f"{api_method} 的回复格式无法识别", f"the reply to {api_method} has an unknown shape"
        )
    if "error_response" in data:
        raise _error_from_envelope(data["error_response"])
    key = response_key(api_method)
    payload = data.get(key)
    if not isinstance(payload, dict):
        keys = ", ".join(sorted(map(str, data))[:5]) or "—"
        raise BadReply(CHANNEL, f"{api_method} 的回复缺少 {key}（收到：{keys}）",
                       f"the reply to {api_method} lacks {key} (got: {keys})")  # fmt: skip
    return payload


# --- the client ---------------------------------------------------------------------------------


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TaobaoClient(PagedClient):
    """TOP over an injected `httpx.Client` (whose timeout applies to every call).

    `clock` gives the current time (aware) for the signed timestamp; `retry`, `sleep` and `rand`
    drive the backoff of the sync's page requests (credential tests and shipments are not retried).
    """

    channel = CHANNEL
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
        self.url = credentials.base_url or DEFAULT_URL
        if not self.url.startswith(("http://", "https://")):
            raise RequestRejected(CHANNEL, f"网关地址无效：{self.url}", f"not a gateway address: {self.url}")
        self._init_client(credentials, http, shop_code, clock, retry, sleep, rand)

    # one signed call

    def call(self, api_method: str, params: Mapping[str, object] | None = None) -> dict[str, Any]:
        """One signed request; returns the payload inside `<api>_response` or raises ChannelError."""
        system = {
            "method": api_method,
            "app_key": self._creds.app_key,
            "session": self._creds.session,
            "timestamp": format_time(self._clock()),
            "v": "2.0",
            "sign_method": self.sign_method,
            "format": "json",
        }
        system = {k: v for k, v in system.items() if v}
        business = {k: param_text(v) for k, v in (params or {}).items() if v is not None and v != ""}
        if clash := system.keys() & business.keys():
            raise ValueError(f"business parameters may not override system ones: {sorted(clash)}")
        system["sign"] = top_sign({**system, **business}, self._creds.app_secret, self.sign_method)
        with network_errors(CHANNEL, self.url):
            reply = self._http.post(
                self.url,
                params=system,
                data=business,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
            )
        return read_reply(api_method, reply.status_code, reply.content, self.url)

    # sync

    def _parse(self, raw: Any) -> ChannelOrder:
        return parse_trade(raw, self.shop_code)

    def _list(self, a: datetime, b: datetime, page_no: int) -> ListReply:
        payload = self.call(
            INCREMENT_GET,
            {
                "fields": LIST_FIELDS,
                "start_modified": format_time(a),
                "end_modified": format_time(b),
                "page_no": page_no,
                "page_size": self.page_size,
            },
        )
        trades = trades_in(payload)
        total = payload.get("total_results")
        if total is None and not trades:
            total = 0
        number = _id_text(total)
        if number is None:
            raise BadReply(CHANNEL, f"回复缺少有效的 total_results：{str(total)[:20]}",
                           f"the reply lacks a valid total_results: {str(total)[:20]}")  # fmt: skip
        return ListReply(int(number), trades, lambda t: t.get("tid_str") or t.get("tid"), "modified")

    # the rest of the interface

    def test_credentials(self) -> None:
        """A one-record increment query over the last five minutes: proves key, secret and session."""
        now = self._clock()
        self.call(
            INCREMENT_GET,
            {
                "fields": "tid",
                "start_modified": format_time(now - timedelta(minutes=5)),
                "end_modified": format_time(now),
                "page_no": 1,
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
        """taobao.logistics.offline.send (self-arranged courier). `courier_code` is TOP's
        company_code (from taobao.logistics.companies.get); `line_ids` ship only those oids."""
        tid = platform_order_id(order)
        if not tid or not waybill.strip() or not courier_code.strip():
            raise ValueError("confirm_shipment needs an order id, a waybill number and a courier code")
        params: dict[str, object] = {
            "tid": tid,
            "out_sid": waybill.strip(),
            "company_code": courier_code.strip(),
        }
        if line_ids:
            params |= {"is_split": 1, "sub_tid": ",".join(line_ids)}
        payload = self.call(OFFLINE_SEND, params)
        shipping = payload.get("shipping")
        if not isinstance(shipping, dict) or "is_success" not in shipping:
            raise BadReply(CHANNEL, f"订单 {tid} 发货回复缺少 shipping.is_success",
                           f"order {tid}: the shipment reply lacks shipping.is_success", platform_order_id=tid)  # fmt: skip
        if shipping["is_success"] not in (True, "true"):
            raise RequestRejected(CHANNEL, f"订单 {tid} 发货未被平台接受", f"order {tid}: the platform did not accept the shipment",
                                  platform_order_id=tid)  # fmt: skip
