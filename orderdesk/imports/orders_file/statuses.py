"""The Chinese status texts of the exports, mapped onto TradeState and RefundState.

The exact strings differ between platforms and export versions (reference §8: unconfirmed), so
texts are matched by the words that decide them, in an order where the more specific wins:
"已发货，退款成功" is shipped with a refund; "等待买家确认收货" is shipped, not completed.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ...domain.model import RefundState, TradeState
from .values import CellError, blank

_TRADE_WORDS: tuple[tuple[tuple[str, ...], TradeState], ...] = (
    (("等待买家付款", "待付款", "待支付", "未付款", "未支付", "待买家付款"), TradeState.UNPAID),
    (("交易关闭", "已关闭", "已取消", "订单取消", "交易取消"), TradeState.CLOSED),
    (("已发货", "待收货", "待签收", "等待买家确认", "运输中", "已揽收"), TradeState.SHIPPED),
    (("交易成功", "已完成", "已签收", "交易完成"), TradeState.COMPLETED),
    (("待发货", "等待卖家发货", "已付款", "已支付", "备货中", "部分发货", "待出库", "待确认", "未发货", "待成团"),
     TradeState.PAID),
)  # fmt: skip
_REFUNDED_WORDS = ("退款成功", "已退款", "退款完成", "售后成功")
_NO_REFUND_WORDS = ("无售后", "售后取消", "售后关闭", "退款关闭", "退款失败", "拒绝", "撤销", "已关闭")


@lru_cache(maxsize=256)  # an export repeats a handful of texts on every row
def trade_state(text: str) -> TradeState:
    """The trade state a status text names; CellError for a text we cannot place."""
    s = "".join(text.split())
    for words, state in _TRADE_WORDS:
        if any(w in s for w in words):
            return state
    raise CellError(f"未知的订单状态「{text}」", f"unknown order status '{text}'")


@lru_cache(maxsize=256)
def refund_state(text: str) -> RefundState:
    """An after-sale text: nothing or closed → NONE, refunded → REFUNDED, anything else under way
    → REQUESTED (an unknown after-sale text stops packing until a person looks, as in sync)."""
    s = "".join(text.split())
    if blank(s) or any(w in s for w in _NO_REFUND_WORDS):
        return RefundState.NONE
    if any(w in s for w in _REFUNDED_WORDS):
        return RefundState.REFUNDED
    return RefundState.REQUESTED


@lru_cache(maxsize=256)
def refund_in_status(text: str) -> RefundState:
    """What a status text says of a refund by itself (PDD writes 未发货，退款成功 as the status)."""
    s = "".join(text.split())
    if any(w in s for w in _REFUNDED_WORDS):
        return RefundState.REFUNDED
    if "退款中" in s or "售后中" in s:
        return RefundState.REQUESTED
    return RefundState.NONE


def order_states(trade: TradeState, line_refunds: Iterable[RefundState]) -> tuple[TradeState, RefundState]:
    """The order's states from its lines': one line under way → REQUESTED; all refunded → REFUNDED,
    and a paid order refunded before shipping is CLOSED (as the API adapters decide)."""
    refunds = list(line_refunds)
    if RefundState.REQUESTED in refunds:
        return trade, RefundState.REQUESTED
    if refunds and all(r is RefundState.REFUNDED for r in refunds):
        return (TradeState.CLOSED if trade is TradeState.PAID else trade), RefundState.REFUNDED
    if RefundState.REFUNDED in refunds:
        return trade, RefundState.REQUESTED  # part refunded: a person decides what still ships
    return trade, RefundState.NONE
