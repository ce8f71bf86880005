"""Timeline entries in plain words, for customer service and the order panel."""

from __future__ import annotations

from typing import Any

from .lifecycle import OrderEvent
from .model import Channel
from .status import OrderStatus

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
    if kind == "CREDIT_NOTE":
        return _credit_note(details, reason, en)
    if kind == "CHANNEL_UPDATE":
        return "Platform updated the order" if en else "平台更新了订单信息"
    return reason


def _credit_note(details: dict[str, Any], reason: str, en: bool) -> str:
    number, total = details.get("number", "?"), details.get("total", "")
    if details.get("reverses"):
        return (f"Credit note {details['reverses']} reversed by {number} ({total} CNY): {reason}" if en
                else f"红字凭证 {details['reverses']} 已被 {number} 冲销（{total} 元）：{reason}")
    return f"Credit note {number} issued ({total} CNY): {reason}" if en else f"开具红字凭证 {number}（{total} 元）：{reason}"


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
