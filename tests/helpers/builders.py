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


def paid_jiangsu_orders(make_uow, first_seq: int, n: int = 10, seed: int = 8) -> list:  # noqa: ANN001
    """Seed the demo shop with its rules and take in `n` fresh paid Jiangsu orders (most go to the
    Suzhou warehouse); returns them as delivered."""
    import dataclasses
    import random
    from datetime import datetime, timedelta

    from orderdesk.demo.generator import SHANGHAI, generate_order
    from orderdesk.demo.seed import seed_demo
    from orderdesk.domain.model import RefundState, TradeState
    from orderdesk.services.intake import intake_orders

    seed_demo(make_uow, 0, with_rules=True)
    rng = random.Random(seed)
    now = datetime.now(SHANGHAI)
    batch = [dataclasses.replace(generate_order(rng, now, first_seq + i, paid_at=now - timedelta(minutes=i),
                                                province="江苏省"),
                                 trade_state=TradeState.PAID, refund_state=RefundState.NONE) for i in range(n)]  # fmt: skip
    intake_orders(make_uow, batch, actor="system")
    return batch
