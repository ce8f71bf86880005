"""Timeline entries in plain words, for customer service and the order panel."""

from __future__ import annotations

from typing import Any

from .couriers import courier
from .errors import DomainError
from .lifecycle import OrderEvent
from .model import Channel
from .status import OrderStatus
from .tracking import AlertKind, CourierState

_EVENT_ZH = {
    OrderEvent.ALLOCATE: "分配仓库", OrderEvent.HOLD: "挂起待审核", OrderEvent.RELEASE: "审核放行",
    OrderEvent.DEALLOCATE: "取消分仓", OrderEvent.PACK: "验货打包", OrderEvent.SHIP: "快递揽收",
    OrderEvent.SHIP_ELSEWHERE: "已在平台后台发货",
    OrderEvent.DELIVER: "买家签收", OrderEvent.REQUEST_REFUND: "买家申请退款",
    OrderEvent.WITHDRAW_REFUND: "买家撤销退款", OrderEvent.CANCEL: "订单取消",
    OrderEvent.RECEIVE_RETURN: "退货入库",
}  # fmt: skip
_EVENT_EN = {
    OrderEvent.ALLOCATE: "Warehouse assigned", OrderEvent.HOLD: "Held for review",
    OrderEvent.RELEASE: "Released from review", OrderEvent.DEALLOCATE: "Warehouse unassigned",
    OrderEvent.PACK: "Checked and packed", OrderEvent.SHIP: "Picked up by courier",
    OrderEvent.SHIP_ELSEWHERE: "Shipped from the platform back-end",
    OrderEvent.DELIVER: "Delivered to buyer", OrderEvent.REQUEST_REFUND: "Buyer asked for a refund",
    OrderEvent.WITHDRAW_REFUND: "Buyer withdrew the refund", OrderEvent.CANCEL: "Order cancelled",
    OrderEvent.RECEIVE_RETURN: "Return checked in",
}  # fmt: skip


def describe_event(kind: str, from_status: str | None, to_status: str | None, reason: str,
                   details: dict[str, Any], lang: str = "zh") -> str:  # fmt: skip
    """One line a person reads: what happened, in their language."""
    en = lang.startswith("en")
    if kind == "CREATED":
        channel = _channel_label(reason, lang)
        return f"Order received from {channel}" if en else f"从{channel}接单"
    if kind == "TRANSITION":
        event = details.get("event")
        what = ""
        if event in OrderEvent.__members__:
            what = (_EVENT_EN if en else _EVENT_ZH)[OrderEvent(event)]
        move = f"{_status(from_status, lang)} → {_status(to_status, lang)}"
        text = f"{what}（{move}）" if what and not en else (f"{what} ({move})" if what else move)
        extra = reason if reason and reason != "channel" else ""
        return f"{text}: {extra}" if extra and en else (f"{text}：{extra}" if extra else text)
    if kind == "TRACKING":
        return _tracking(reason, details, lang)
    if kind == "CREDIT_NOTE":
        return _credit_note(details, reason, en)
    if kind == "RETURN_RECEIVED":
        return _return_received(details, lang)
    if kind == "CHANNEL_UPDATE":
        return "Platform updated the order" if en else "平台更新了订单信息"
    if kind == "CONFIRM":
        return _confirm(details, reason, lang)
    if kind == "HANDOVER":
        return _handover(details, en)
    return reason


_CONFIRM_STEPS = {
    "sent": ("发货信息已发送至平台", "Shipment sent to the platform"),
    "accepted": ("平台已确认发货", "The platform accepted the shipment"),
    "already_shipped": ("平台确认：已用此运单发货", "The platform already had this waybill"),
    "covered": ("平台每单只收一个运单号，已由另一包裹确认", "The platform takes one waybill per order; another parcel gave it"),
    "waiting": ("发货确认等待中", "Ship-confirm waiting"),
}  # fmt: skip


def _confirm(details: dict[str, Any], reason: str, lang: str) -> str:
    """A ship-confirm step: what the platform was told or answered, with the waybill and why."""
    from .ship_confirm import alert_text, reason_text

    en = lang.startswith("en")
    step, waybill, code = details.get("step", ""), details.get("waybill", ""), details.get("reason", "")
    if step == "refused":
        text = alert_text(code, lang)
    else:
        zh_en = _CONFIRM_STEPS.get(step, (step, step))
        text = zh_en[1] if en else zh_en[0]
        if step == "waiting" and code:
            text += f": {reason_text(code, lang)}" if en else f"：{reason_text(code, lang)}"
    if waybill:
        text += f" (waybill {waybill})" if en else f"（运单 {waybill}）"
    said = details.get("message_en", "") if en else reason
    return f"{text} — {said}" if said and step in ("refused", "waiting") else text


def _handover(details: dict[str, Any], en: str | bool) -> str:
    """"handed over to ZTO Express (manifest 12)": who took the parcel, and on which sheet."""
    code, manifest, waybill = details.get("courier", ""), details.get("manifest", "?"), details.get("waybill", "")
    try:
        name = courier(code).label("en" if en else "zh")
    except DomainError:
        name = code
    if en:
        return f"Handed over to {name} (manifest {manifest})" + (f", waybill {waybill}" if waybill else "")
    return f"交给{name}（交接单 {manifest}）" + (f"，运单号 {waybill}" if waybill else "")


def _credit_note(details: dict[str, Any], reason: str, en: bool) -> str:
    number, total = details.get("number", "?"), details.get("total", "")
    if details.get("reverses"):
        return (f"Credit note {details['reverses']} reversed by {number} ({total} CNY): {reason}" if en
                else f"红字凭证 {details['reverses']} 已被 {number} 冲销（{total} 元）：{reason}")
    return f"Credit note {number} issued ({total} CNY): {reason}" if en else f"开具红字凭证 {number}（{total} 元）：{reason}"


def _return_received(details: dict[str, Any], lang: str) -> str:
    """"退货入库（部分退货）：1 × BASIN 可售，1 × BAG 破损（压坏）；未申请退款": a parcel checked in."""
    from .returns import ReturnOutcome, describe_lines

    en = lang.startswith("en")
    try:
        outcome = ReturnOutcome(details.get("outcome", "")).label(lang)
    except ValueError:
        outcome = str(details.get("outcome", ""))
    items = describe_lines(list(details.get("lines", [])), lang)
    text = f"Return checked in ({outcome}): {items}" if en else f"退货入库（{outcome}）：{items}"
    if details.get("parcel"):
        text += f"; parcel {details['parcel']}" if en else f"；包裹 {details['parcel']}"
    if details.get("unknown_parcel"):
        text += f"; matched from unknown parcel #{details['unknown_parcel']}" if en else f"；由未知包裹 #{details['unknown_parcel']} 匹配"
    if details.get("no_refund_request"):
        text += "; no refund request" if en else "；未申请退款"
    return text


def _status(value: str | None, lang: str) -> str:
    if not value:
        return "—"
    try:
        return OrderStatus(value).label(lang)
    except ValueError:
        return value


def _channel_label(reason: str, lang: str) -> str:
    code = reason.removeprefix("channel:")
    try:
        return Channel(code).label(lang)
    except ValueError:
        return code or ("import" if lang.startswith("en") else "导入")


def _tracking(station: str, details: dict[str, Any], lang: str) -> str:
    """A courier's news about one parcel: its new state or an alert, the waybill, the scan's words."""
    en = lang.startswith("en")
    waybill = details.get("waybill", "")
    try:
        what = AlertKind(details["alert"]).label(lang) if details.get("alert") else CourierState(details.get("state")).label(lang)
    except (KeyError, ValueError):
        what = str(details.get("alert") or details.get("state") or "")
    if details.get("alert"):
        text = f"⚠ {what} (waybill {waybill})" if en else f"⚠ {what}（运单 {waybill}）"
    else:
        text = f"Courier: {what.lower()} (waybill {waybill})" if en else f"快递{what}（运单 {waybill}）"
    return (f"{text}: {station}" if en else f"{text}：{station}") if station else text
