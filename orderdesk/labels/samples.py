"""Realistic sample documents: for the label preview in settings, the benchmark and the tests."""

from __future__ import annotations

from datetime import datetime

from .model import PackingSlipData, PickLine, PickListData, ShippingLabelData, SlipLine

_AT = datetime(2026, 11, 25, 14, 30)


def sample_shipping_label(i: int = 0, **overrides: object) -> ShippingLabelData:
    """A SF Express label for a folding basin; `i` varies waybill and order numbers."""
    base = dict(
        courier_name="顺丰速运", courier_code="SF", waybill_no=f"SF{1402300000000 + i:013d}",
        order_no=f"TB{3901200000000000 + i}", sender_name="折叠盆旗舰店", sender_phone="0571-8888 6666",
        sender_address="浙江省杭州市余杭区仓前街道良睦路1399号 3号仓",
        receiver_name="张*", receiver_phone_masked="138****5678",
        province="江苏省", city="南京市", district="鼓楼区", address_detail="中山北路 30 号 2 栋 1203 室",
        item_lines=("可折叠洗脸盆 蓝色 大号 ×2", "折叠水桶 10L 灰色 ×1"),
        channel_name="淘宝", shop_name="折叠盆旗舰店", printed_at=_AT,
        gift_lines=("收纳挂钩 ×1",), route_code="025 B-12",
    )  # fmt: skip
    base.update(overrides)
    return ShippingLabelData(**base)  # type: ignore[arg-type]


def sample_packing_slip(**overrides: object) -> PackingSlipData:
    base = dict(
        order_no="PDD240125-1234567890", channel_name="拼多多", shop_name="居家折叠馆",
        receiver_name="李*", printed_at=_AT, paid_at=datetime(2026, 11, 25, 9, 12),
        lines=(SlipLine("FB-40-BLUE", "可折叠洗脸盆", 2, "蓝色 40cm"),
               SlipLine("FT-10L-GRY", "折叠水桶", 1, "灰色 10L"),
               SlipLine("FB-30-PINK", "可折叠洗脸盆", 1, "粉色 30cm")),
        gift_lines=(SlipLine("GIFT-HOOK", "收纳挂钩", 1),),
        buyer_note="请不要放发票，谢谢！周末送货。", seller_note="", courier_name="中通快递",
        waybill_no="ZT7530001234567",
    )  # fmt: skip
    base.update(overrides)
    return PackingSlipData(**base)  # type: ignore[arg-type]


def sample_pick_list(orders: int = 12) -> PickListData:
    """A wave of `orders` orders over a handful of SKUs in several bins."""
    skus = [("FB-40-BLUE", "可折叠洗脸盆 蓝色 40cm", "A-01-03"), ("FT-10L-GRY", "折叠水桶 灰色 10L", "A-02-11"),
            ("FB-30-PINK", "可折叠洗脸盆 粉色 30cm", "A-01-10"), ("GIFT-HOOK", "收纳挂钩（赠品）", "C-09-01"),
            ("FB-50-GRN", "可折叠洗菜盆 绿色 50cm", "B-03-02")]  # fmt: skip
    lines = []
    for n in range(orders):
        for k in range(1 + n % 3):
            sku, name, bin_code = skus[(n + k * 2) % len(skus)]
            lines.append(PickLine(sku, name, bin_code, 1 + (n + k) % 2, f"DY{68001230000 + n}", n + 1))
    return PickListData("W20261125-03", "杭州余杭仓", _AT, tuple(lines), picker="packer1")
