"""Small builders for channel orders, so tests state only what they are about."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from orderdesk.domain.model import (
    Channel,
    ChannelOrder,
    OrderLine,
    Receiver,
    RefundState,
    TradeState,
)
from orderdesk.domain.provinces import normalise_province

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def channel_order(
    pid: str = "1000001",
    *,
    channel: Channel = Channel.TAOBAO,
    trade: TradeState = TradeState.PAID,
    refund: RefundState = RefundState.NONE,
    minutes: int = 0,
    phone: str = "13812345678",
    province: str = "江苏",
    name: str = "张伟",
    lines: tuple[OrderLine, ...] | None = None,
    note: str = "",
) -> ChannelOrder:
    return ChannelOrder(
        channel=channel,
        shop_code="test-shop",
        platform_order_id=pid,
        trade_state=trade,
        refund_state=refund,
        paid_at=T0,
        modified_at=T0 + timedelta(minutes=minutes),
        receiver=Receiver(name, phone, normalise_province(province), province, "南京市", "玄武区", "中山路", "1号"),
        lines=lines or (OrderLine("BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", 2, 2990, 5980),),
        buyer_ref=f"buyer-{pid}",
        buyer_note=note,
        total_fen=5980,
    )


def later(order: ChannelOrder, minutes: int, **changes: object) -> ChannelOrder:
    return replace(order, modified_at=order.modified_at + timedelta(minutes=minutes), **changes)
