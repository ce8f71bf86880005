"""Kdniao (快递鸟) without the network: signing, request forms, and reading replies and pushes.

Reference §5: `DataSign = base64(md5_hex_lowercase(RequestData + AppKey))`, Base64 over the 32-char
hex string (not the raw digest); the form's values are URL-encoded by the form encoder. Times are
"yyyy-MM-dd HH:mm:ss" in Beijing time. Pushes carry the same trace objects as query replies.

Unconfirmed, our choices: pushes arrive as a form (RequestData, DataSign, RequestType); the
subscription carries our callback URL in `CallBack` (real accounts also set it in Kdniao's console).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..domain.tracking import CourierState as C
from ..domain.tracking import CourierTrace, TraceEvent, TrackingRefusal

BEIJING = ZoneInfo("Asia/Shanghai")
QUERY = "1002"
SUBSCRIBE = "8001"
PUSH_TYPES = ("101", "102")
_DETAIL = {"202": C.OUT_FOR_DELIVERY, "404": C.REFUSED, "406": C.RETURNED, "407": C.RETURNING}
_BASIC = {"0": C.NO_INFO, "1": C.PICKED_UP, "2": C.IN_TRANSIT, "3": C.DELIVERED, "4": C.PROBLEM}


def data_sign(raw: str, api_key: str) -> str:
    """The DataSign of a RequestData string."""
    digest = hashlib.md5((raw + api_key).encode("utf-8")).hexdigest()
    return base64.b64encode(digest.encode("ascii")).decode("ascii")


def sign_ok(raw: str, sign: str, api_key: str) -> bool:
    return hmac.compare_digest(data_sign(raw, api_key), sign or "")


def request_form(ebusiness_id: str, api_key: str, request_type: str, payload: Mapping[str, Any]) -> dict[str, str]:
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return {"RequestData": raw, "EBusinessID": ebusiness_id, "RequestType": request_type,
            "DataSign": data_sign(raw, api_key), "DataType": "2"}  # fmt: skip


def query_payload(waybill: str, courier_code: str, phone_tail: str = "") -> dict[str, str]:
    """CustomerName is required for SF: the last 4 digits of the sender's or receiver's phone."""
    return {"OrderCode": "", "ShipperCode": courier_code, "LogisticCode": waybill, "CustomerName": phone_tail}


def state_of(basic: Any, detail: Any = "") -> C:
    """Our state for Kdniao's State / StateEx (or a trace's Action)."""
    detail, basic = str(detail or "").strip(), str(basic if basic is not None else "").strip()
    if detail in _DETAIL:
        return _DETAIL[detail]
    key = basic or detail[:1]
    if key not in _BASIC:
        raise _malformed(f"无法识别的物流状态 {basic!r}", f"unknown tracking state {basic!r}")
    return _BASIC[key]


def parse_time(text: Any) -> datetime:
    try:
        return datetime.strptime(str(text).strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING).astimezone(UTC)
    except ValueError:
        raise _malformed(f"无法识别的轨迹时间 {text!r}", f"unreadable scan time {text!r}") from None


def format_time(at: datetime) -> str:
    return at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


def read_trace(obj: Any) -> CourierTrace:
    """One trace object (a query reply, or one item of a push) as a CourierTrace."""
    if not isinstance(obj, Mapping):
        raise _malformed("轨迹不是 JSON 对象", "a trace is not a JSON object")
    waybill = str(obj.get("LogisticCode") or "").strip()
    if not waybill:
        raise _malformed("回复中没有运单号（LogisticCode）", "the reply names no waybill (LogisticCode)")
    traces = obj.get("Traces") or []
    if not isinstance(traces, list):
        raise _malformed("Traces 不是列表", "Traces is not a list")
    events = tuple(_event(t) for t in traces)
    state = state_of(obj.get("State"), obj.get("StateEx"))
    return CourierTrace(waybill, str(obj.get("ShipperCode") or ""), state, str(obj.get("StateEx") or ""), events)


def _event(t: Any) -> TraceEvent:
    if not isinstance(t, Mapping) or "AcceptTime" not in t:
        raise _malformed("轨迹条目缺少 AcceptTime", "a scan has no AcceptTime")
    action = t.get("Action")
    state = state_of("", action) if action not in (None, "") else None
    return TraceEvent(parse_time(t["AcceptTime"]), str(t.get("AcceptStation") or ""), state, str(t.get("Location") or ""))


def read_query_reply(body: Any, waybill: str) -> CourierTrace:
    """A query reply for `waybill`; a failure says Kdniao's reason, another waybill is refused."""
    if not isinstance(body, Mapping) or "Success" not in body:
        raise _malformed("快递鸟回复缺少 Success 字段", "the Kdniao reply has no Success field")
    if body.get("Success") is not True:
        reason = str(body.get("Reason") or body.get("ResultCode") or "")
        raise TrackingRefusal("failed", f"快递鸟查询失败：{reason}", f"Kdniao query failed: {reason}")
    trace = read_trace(body)
    if trace.waybill.upper() != waybill.upper():
        raise TrackingRefusal("unknown_waybill", f"快递鸟回复的运单号 {trace.waybill} 不是所查的 {waybill}",
                              f"Kdniao answered for waybill {trace.waybill}, not {waybill} as asked")  # fmt: skip
    return trace


def read_push(fields: Mapping[str, str], ebusiness_id: str, api_key: str) -> list[CourierTrace]:
    """The traces of a signed push; a missing or wrong signature or a stranger's push is refused."""
    raw = fields.get("RequestData", "")
    if not raw:
        raise _malformed("推送中没有 RequestData", "the push has no RequestData")
    if not sign_ok(raw, fields.get("DataSign", ""), api_key):
        raise TrackingRefusal("bad_sign", "推送签名（DataSign）不正确，已拒绝", "The push signature (DataSign) is wrong; refused")
    try:
        body = json.loads(raw)
    except ValueError:
        raise _malformed("推送的 RequestData 不是有效的 JSON", "the push's RequestData is not valid JSON") from None
    if not isinstance(body, Mapping) or not isinstance(body.get("Data"), list):
        raise _malformed("推送中没有 Data 列表", "the push has no Data list")
    if str(body.get("EBusinessID") or "") != ebusiness_id:
        raise TrackingRefusal("bad_sign", f"推送来自其他商户 {body.get('EBusinessID')}",
                              f"The push is for another account ({body.get('EBusinessID')})")  # fmt: skip
    return [read_trace(item) for item in body["Data"]]


def push_answer(ebusiness_id: str, ok: bool, reason: str, now: datetime) -> dict[str, Any]:
    return {"EBusinessID": ebusiness_id, "UpdateTime": format_time(now), "Success": ok, "Reason": reason}


def _malformed(zh: str, en: str) -> TrackingRefusal:
    return TrackingRefusal("malformed", f"快递鸟数据格式错误：{zh}", f"Malformed Kdniao data: {en}")
