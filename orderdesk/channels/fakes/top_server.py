"""A fake Taobao/Tmall TOP gateway (`/router/rest`) for tests and the demo.

    with FakeTopServer() as server:                     # 127.0.0.1, random free port, own thread
        server.add_trade(sample_trade("1000001", modified=t))
        creds = ChannelCredentials(server.app_key, server.app_secret, server.session, server.url)
        server.inject(Fault.HTTP_500)                   # the next request fails once

What it checks, as the reference (§0, §1) says the real gateway does: the `sign` recomputed over
query + form parameters with the known secret and the request's sign_method (a wrong or missing one
gets the TOP error envelope, and is counted in `bad_signatures`), app key, session, the timestamp's
format (`yyyy-MM-dd HH:mm:ss` Beijing time, or epoch milliseconds) and a ±10 minute skew against the
server's clock, and the 1-day limit on increment windows. It pages the in-memory store by modified
time, newest first, with total_results / page_no / page_size (or has_next with use_has_next).

Error numbers and sub-codes the reference marks unconfirmed (25 signature, 27 session, 7 call limit,
31 timestamp, `accesscontrol.limited-by-app-access-count`, …) are this fake's choices, not facts.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from orderdesk.channels.fakes.base_server import FormGateway, Injected, Reply, page_of, to_json, utc_now
from orderdesk.channels.fakes.ship_rules import COMPANIES, ShipBook, message
from orderdesk.channels.base import BEIJING
from orderdesk.channels.taobao import (
    INCREMENT_GET,
    OFFLINE_SEND,
    SIGN_METHODS,
    format_time,
    parse_time,
    response_key,
    top_sign,
)

DEFAULT_APP_KEY = "fake-app-key"
DEFAULT_APP_SECRET = "fake-app-secret"
DEFAULT_SESSION = "fake-session"
ROUTE = "/router/rest"
COMPANIES_GET = "taobao.logistics.companies.get"
_EPOCH_MS = re.compile(r"\d{13}")


class Fault(StrEnum):
    HTTP_500 = "http_500"  # HTTP 500 with an HTML body
    DELAY = "delay"  # answer only after `seconds` (default 2.0): longer than the client's timeout
    RATE_LIMIT = "rate_limit"  # error envelope code 7, accesscontrol.limited-by-app-access-count
    SESSION_EXPIRED = "session_expired"  # error envelope code 27, invalid session
    ISP_ERROR = "isp_error"  # error envelope code 15, isp.top-remote-service-error
    MALFORMED_JSON = "malformed_json"  # HTTP 200 with a truncated JSON body
    REPEAT_PAGE = "repeat_page"  # a list request answered with the previous list reply (once there is one)
    UPDATE_BETWEEN_PAGES = "update_between_pages"  # after the reply, `tid` is modified (now)


_LIST_FAULTS = {Fault.REPEAT_PAGE, Fault.UPDATE_BETWEEN_PAGES}


_Injected = Injected


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake saw it (parameters of query and body merged)."""

    api: str
    params: dict[str, str]
    sign_ok: bool  # the signature matched (whatever else the reply was)
    status: int
    error_code: str = ""  # the TOP error code answered, "" for a normal reply
    fault: Fault | None = None

    @property
    def page_no(self) -> int | None:
        value = self.params.get("page_no", "")
        return int(value) if value.isdigit() else None


@dataclass
class _Entry:
    modified_at: datetime
    trade: dict[str, Any]


_Reply = Reply


_utc_now = utc_now
_json = to_json


def _trade_id(trade: Mapping[str, Any]) -> str:
    return str(trade.get("tid_str") or trade.get("tid") or "")


class FakeTopServer(FormGateway[RecordedRequest]):
    """The fake gateway. Thread-safe; start() binds 127.0.0.1 on a free port; stop() ends it."""

    def __init__(
        self,
        *,
        app_key: str = DEFAULT_APP_KEY,
        app_secret: str = DEFAULT_APP_SECRET,
        session: str = DEFAULT_SESSION,
        clock: Callable[[], datetime] = _utc_now,
        max_skew: timedelta = timedelta(minutes=10),
        max_span: timedelta = timedelta(days=1),
    ) -> None:
        self.app_key, self.app_secret, self.session = app_key, app_secret, session
        self._init_gateway(clock, max_skew, max_span)
        self.book = ShipBook("taobao")  # what left with which waybill; ship calls per trade

    thread_name = "fake-top"
    label = "fake TOP"
    route = ROUTE
    repeat_fault = Fault.REPEAT_PAGE
    api_param, page_param, list_api = "method", "page_no", INCREMENT_GET
    list_faults = frozenset(_LIST_FAULTS)
    delay_fault, http_500_fault = Fault.DELAY, Fault.HTTP_500

    # --- the store ---

    def add_trade(
        self, trade: Mapping[str, Any], *, modified_at: datetime | None = None, as_is: bool = False
    ) -> str:
        """Store a (deep-copied) TOP trade object; returns its tid ("" if it has none).

        The window filter uses `modified_at`, else the trade's `modified`. Unless `as_is`, a trade
        without `modified` gets one written from `modified_at` (as_is keeps broken records broken).
        """
        record = copy.deepcopy(dict(trade))
        if modified_at is None:
            text = record.get("modified")
            modified_at = parse_time(text) if isinstance(text, str) else self.clock()
        if not as_is and "modified" not in record:
            record["modified"] = format_time(modified_at)
        with self._lock:
            self._entries.append(_Entry(modified_at, record))
        return _trade_id(record)

    def add_trades(self, trades: Iterable[Mapping[str, Any]]) -> list[str]:
        return [self.add_trade(t) for t in trades]

    def update_trade(
        self, tid: str, *, modified_at: datetime | None = None, **changes: Any
    ) -> dict[str, Any]:
        """Change a stored trade as the platform would: fields replaced, `modified` = now (or given)."""
        with self._lock:
            return self._update_locked(tid, modified_at, changes)

    def _update_locked(
        self, tid: str, modified_at: datetime | None, changes: Mapping[str, Any]
    ) -> dict[str, Any]:
        entry = self._find(tid)
        entry.trade.update(copy.deepcopy(dict(changes)))
        entry.modified_at = modified_at or self.clock()
        entry.trade["modified"] = format_time(entry.modified_at)
        return copy.deepcopy(entry.trade)

    def set_refund(self, tid: str, refund_status: str, *, line: int = 0, refund_id: str = "",
                   modified_at: datetime | None = None) -> dict[str, Any]:  # fmt: skip
        """A line's after-sale moves on, as TOP shows it: the line's `refund_status` word (any word,
        known or not) and `refund_id`; the trade's `modified` moves too."""
        with self._lock:
            lines = copy.deepcopy(self._find(tid).trade["orders"]["order"])
            lines[line]["refund_status"] = refund_status
            lines[line]["refund_id"] = refund_id or f"RF{tid}{line}"
            return self._update_locked(tid, modified_at, {"orders": {"order": lines}})

    def trade(self, tid: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._find(tid).trade)

    def trades(self) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(e.trade) for e in self._entries]

    def _find(self, tid: str) -> _Entry:
        for entry in self._entries:
            if _trade_id(entry.trade) == str(tid):
                return entry
        raise KeyError(f"no trade {tid} in the fake TOP store")

    # --- faults and observations ---

    def inject(
        self,
        fault: Fault,
        *,
        times: int | None = 1,
        api: str | None = None,
        page_no: int | None = None,
        **options: Any,
    ) -> None:
        """Make the next `times` matching requests (None: all until cleared) fail with `fault`.

        `api` / `page_no` narrow the match (REPEAT_PAGE and UPDATE_BETWEEN_PAGES default to the
        increment list). Options: DELAY `seconds`; UPDATE_BETWEEN_PAGES `tid` (required),
        `modified_at`, `changes` (a dict of fields to set).
        """
        if fault is Fault.UPDATE_BETWEEN_PAGES and "tid" not in options:
            raise ValueError("UPDATE_BETWEEN_PAGES needs tid=")
        self._add_fault(fault, times, api, page_no, options)

    # --- request handling (FormGateway.handle parses and dispatches) ---

    def _bad_params(self, zh: str, en: str) -> _Reply:
        return self._error("41", "Invalid arguments", "isv.invalid-parameter", en)

    def _finish(
        self, api: str, params: dict[str, str], reply: _Reply, fault: _Injected | None = None
    ) -> _Reply:
        method = params.get("sign_method") or "md5"
        sign_ok = method in SIGN_METHODS and params.get("sign") == top_sign(params, self.app_secret, method)
        record = RecordedRequest(
            api, params, sign_ok, reply.status, reply.error_code, fault.fault if fault else None
        )
        self._record(record)
        return reply

    def _error(self, code: str, msg: str, sub_code: str = "", sub_msg: str = "") -> _Reply:
        err: dict[str, Any] = {"code": int(code), "msg": msg}
        if sub_code:
            err["sub_code"] = sub_code
        if sub_msg:
            err["sub_msg"] = sub_msg
        err["request_id"] = f"fake-{next(self._ids)}"
        return _Reply(200, _json({"error_response": err}), error_code=code)

    def _checked(self, params: dict[str, str]) -> _Reply | None:
        """The gateway's checks, in order; None when the request may be served."""
        if not params.get("method"):
            return self._error("21", "Missing method")
        if not params.get("app_key"):
            return self._error("28", "Missing app key")
        if params["app_key"] != self.app_key:
            return self._error("29", "Invalid app key")
        method = params.get("sign_method") or "md5"
        if method not in SIGN_METHODS:
            return self._error("25", "Invalid signature", sub_msg=f"unknown sign_method {method}")
        if not params.get("sign"):
            self.bad_signatures += 1
            return self._error("24", "Missing signature")
        if params["sign"] != top_sign(params, self.app_secret, method):
            self.bad_signatures += 1
            return self._error("25", "Invalid signature")
        stamp = params.get("timestamp", "")
        if not stamp:
            return self._error("30", "Missing timestamp")
        try:
            sent = (
                datetime.fromtimestamp(int(stamp) / 1000, UTC)
                if _EPOCH_MS.fullmatch(stamp)
                else parse_time(stamp)
            )
        except ValueError:
            return self._error(
                "31", "Invalid timestamp", sub_msg=f"format must be yyyy-MM-dd HH:mm:ss: {stamp}"
            )
        if abs(sent - self.clock()) > self.max_skew:
            return self._error(
                "31", "Invalid timestamp", sub_msg="timestamp is more than 10 minutes off server time"
            )
        if params.get("v") != "2.0":
            return self._error("32" if not params.get("v") else "33", "Invalid version")
        if params.get("format", "xml") != "json":
            return self._error("23", "Invalid format", sub_msg="this fake speaks JSON only")
        if params["method"] in (INCREMENT_GET, OFFLINE_SEND, COMPANIES_GET):
            if not params.get("session"):
                return self._error("26", "Missing session")
            if params["session"] != self.session:
                return self._error(
                    "27", "Invalid session", "invalid-sessionkey", "session is invalid or expired"
                )
        return None

    def _api_fault(self, fault: _Injected | None) -> _Reply | None:
        kind = fault.fault if fault else None
        if kind is Fault.RATE_LIMIT:
            return self._error("7", "App Call Limited", "accesscontrol.limited-by-app-access-count",
                               "This ban will last for 1 more seconds")  # fmt: skip
        if kind is Fault.SESSION_EXPIRED:
            return self._error("27", "Invalid session", "invalid-sessionkey", "session is invalid or expired")
        if kind is Fault.ISP_ERROR:
            return self._error(
                "15", "Remote service error", "isp.top-remote-service-error", "fake platform failure"
            )
        if kind is Fault.MALFORMED_JSON:
            return _Reply(
                200,
                b'{"trades_sold_increment_get_response": {"total_results": 3, "trades": {"trade": [{"tid": 1',
            )
        return None

    def _dispatch(self, api: str, params: dict[str, str], fault: _Injected | None) -> _Reply:
        if api == INCREMENT_GET:
            return self._increment(params, fault)
        if api == OFFLINE_SEND:
            return self._offline_send(params)
        if api == COMPANIES_GET:
            found = [{"id": i, "code": c, "name": n} for i, (c, n) in enumerate(COMPANIES["taobao"], start=1)]
            return self._ok(api, {"logistics_companies": {"logistics_company": found}})
        if api == "taobao.time.get":
            return self._ok(api, {"time": format_time(self.clock())})
        return self._error("22", "Invalid method", sub_msg=f"this fake does not serve {api}")

    def _ok(self, api: str, payload: dict[str, Any]) -> _Reply:
        return _Reply(200, _json({response_key(api): {**payload, "request_id": f"fake-{next(self._ids)}"}}))

    def _increment(self, params: dict[str, str], fault: _Injected | None) -> _Reply:
        for name in ("fields", "start_modified", "end_modified"):
            if not params.get(name):
                return self._error("40", "Missing required arguments", f"isv.missing-parameter:{name}")
        try:
            start, end = parse_time(params["start_modified"]), parse_time(params["end_modified"])
        except ValueError as exc:
            return self._error("41", "Invalid arguments", "isv.invalid-parameter", str(exc))
        if start > end:
            return self._error(
                "41", "Invalid arguments", "isv.invalid-parameter", "start_modified is after end_modified"
            )
        if end - start > self.max_span:
            return self._error("41", "Invalid arguments", "isv.invalid-parameter",
                               "end_modified - start_modified must not exceed one day")  # fmt: skip
        page_no, page_size = params.get("page_no", "1"), params.get("page_size", "40")
        if (
            not page_no.isdigit()
            or int(page_no) < 1
            or not page_size.isdigit()
            or not 1 <= int(page_size) <= 100
        ):
            return self._error(
                "41", "Invalid arguments", "isv.invalid-parameter", "page_no ≥ 1, page_size 1–100"
            )
        if fault is not None and fault.fault is Fault.REPEAT_PAGE and self._last_list_body is not None:
            return _Reply(200, self._last_list_body)
        hits = sorted(
            (
                e
                for e in self._entries
                if start <= e.modified_at.astimezone(BEIJING).replace(microsecond=0) <= end
            ),
            key=lambda e: (e.modified_at, _trade_id(e.trade)),
            reverse=True,
        )
        p, size = int(page_no), int(page_size)
        chunk = page_of(hits, p, size)
        fields = [f.strip() for f in params["fields"].split(",") if f.strip()]
        payload: dict[str, Any] = {}
        if params.get("use_has_next") == "true":
            payload["has_next"] = p * size < len(hits)
        else:
            payload["total_results"] = len(hits)
        if chunk:
            payload["trades"] = {"trade": [_project(e.trade, fields) for e in chunk]}
        reply = self._ok(INCREMENT_GET, payload)
        self._last_list_body = reply.body
        if fault is not None and fault.fault is Fault.UPDATE_BETWEEN_PAGES:
            opts = fault.options
            self._update_locked(str(opts["tid"]), opts.get("modified_at"), opts.get("changes", {}))
        return reply

    def _offline_send(self, params: dict[str, str]) -> _Reply:
        for name in ("tid", "out_sid", "company_code"):
            if not params.get(name):
                return self._error("40", "Missing required arguments", f"isv.missing-parameter:{name}")
        try:
            entry = self._find(params["tid"])
        except KeyError:
            return self._error(
                "15", "Remote service error", "isv.logistics-offline-service-error", "trade not found"
            )
        trade, tid = entry.trade, params["tid"]
        lines = [x for x in params.get("sub_tid", "").split(",") if x] if params.get("is_split") == "1" else []
        verdict = self.book.decide(tid, params["out_sid"], params["company_code"], lines, _refusal(trade))
        if verdict is not None:
            return self._error("15", "Remote service error", "isv.logistics-offline-service-error", message(*verdict))
        now = self.clock()
        self._shipments.append(
            {k: params[k] for k in ("tid", "out_sid", "company_code", "sub_tid") if k in params}
        )
        oids = [str(o.get("oid")) for o in (trade.get("orders") or {}).get("order", [])]
        done = self.book.all_shipped(tid, oids)
        trade["status"] = "WAIT_BUYER_CONFIRM_GOODS" if done else "SELLER_CONSIGNED_PART"
        trade["consign_time"] = format_time(now)
        entry.modified_at = now
        trade["modified"] = format_time(now)
        return self._ok(OFFLINE_SEND, {"shipping": {"is_success": True}})


def _refusal(trade: Mapping[str, Any]) -> str:
    """Why the trade cannot ship now, as a ship_rules kind ("" when it can)."""
    status = str(trade.get("status", ""))
    if status.startswith("TRADE_CLOSED"):
        return "closed"
    lines = (trade.get("orders") or {}).get("order", [])
    if any(str(o.get("refund_status") or "NO_REFUND") not in ("NO_REFUND", "CLOSED") for o in lines):
        return "refunded"
    if status in ("WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED"):
        return "already"
    return "" if status in ("WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART") else "not_to_ship"


def _project(trade: Mapping[str, Any], fields: list[str]) -> dict[str, Any]:
    """The trade cut down to the requested fields ("orders" whole, "orders.oid" one sub-field)."""
    top = {f for f in fields if "." not in f}
    nested: dict[str, set[str]] = defaultdict(set)
    for f in fields:
        if "." in f:
            head, sub = f.split(".", 1)
            nested[head].add(sub)
    out = {k: copy.deepcopy(v) for k, v in trade.items() if k in top}
    for head, subs in nested.items():
        container = trade.get(head)
        if head in top or not isinstance(container, dict):
            continue
        out[head] = {
            inner: [{k: v for k, v in item.items() if k in subs} for item in items if isinstance(item, dict)]
            for inner, items in container.items()
            if isinstance(items, list)
        }
    return out


# --- hand-written sample data ---


def _yuan(amount: Decimal) -> str:
    return f"{amount.quantize(Decimal('0.01'))}"


def sample_trade(
    tid: str,
    *,
    modified: datetime,
    status: str = "WAIT_SELLER_SEND_GOODS",
    lines: Iterable[tuple[str, int, str]] = (("SKU-A", 1, "29.90"),),
    refund_status: str = "NO_REFUND",
    post_fee: str = "0.00",
    receiver_state: str = "江苏省",
    receiver_city: str = "南京市",
    receiver_district: str = "玄武区",
    **extra: Any,
) -> dict[str, Any]:
    """A made-up TOP trade with masked receiver data, lines given as (outer_sku_id, num, price)."""
    items = list(lines)
    orders = []
    goods = Decimal(0)
    for i, (sku, num, price) in enumerate(items, start=1):
        amount = Decimal(price) * num
        goods += amount
        orders.append({
            "oid": tid if len(items) == 1 else f"{tid}{i:02d}",
            "outer_sku_id": sku, "num": num, "price": price, "title": f"示例商品 {sku}",
            "total_fee": _yuan(amount), "payment": _yuan(amount), "divide_order_fee": _yuan(amount),
            "refund_status": refund_status, "status": status, "num_iid": 600000000000 + i,
        })  # fmt: skip
    trade: dict[str, Any] = {
        "tid": tid,
        "status": status,
        "type": "fixed",
        "created": format_time(modified - timedelta(minutes=5)),
        "modified": format_time(modified),
        "payment": _yuan(goods + Decimal(post_fee)),
        "total_fee": _yuan(goods),
        "post_fee": post_fee,
        "discount_fee": "0.00",
        "buyer_nick": "t**1",
        "buyer_open_uid": f"AAF{tid[-6:]}fakeopenuid",
        "buyer_message": "",
        "seller_memo": "",
        "receiver_name": "张**",
        "receiver_mobile": "*******1234",
        "receiver_state": receiver_state,
        "receiver_city": receiver_city,
        "receiver_district": receiver_district,
        "receiver_town": "**街道",
        "receiver_address": "**路**号",
        "oaid": f"fake-oaid-{tid}",
        "orders": {"order": orders},
    }
    if status not in ("WAIT_BUYER_PAY", "TRADE_NO_CREATE_PAY", "TRADE_CLOSED_BY_TAOBAO"):
        trade["pay_time"] = format_time(modified - timedelta(minutes=4))
    trade.update(extra)
    return trade
