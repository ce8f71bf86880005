"""The demo shop's stock and allocation rules: the seed's own rules, written as ops staff would."""

from __future__ import annotations

from .catalog import BASIN_CATEGORY, PRODUCTS, WAREHOUSES

# The seed: Jiangsu/Zhejiang/Shanghai -> Suzhou unless folding basin; folding basins -> Shenzhen
# whatever the address; northern China -> Tianjin. The rest fills in the map and the stock-outs.
DEMO_RULES = [
    {"name": "折叠盆一律深圳仓", "condition": '商品类目 == "折叠盆"', "action": "assign_warehouse",
     "params": {"warehouse": "SZ-SHENZHEN"}},
    {"name": "江浙沪发苏州仓", "condition": '收货省 in ["江苏省", "浙江省", "上海市"] and 商品类目 != "折叠盆"',
     "action": "assign_warehouse", "params": {"warehouse": "SZ-SUZHOU"}},
    {"name": "华北东北发天津仓", "condition": '区域 in ["华北", "东北"]', "action": "assign_warehouse",
     "params": {"warehouse": "TJ"}},
    {"name": "西南西北发成都仓", "condition": '区域 in ["西南", "西北"]', "action": "assign_warehouse",
     "params": {"warehouse": "CD"}},
    {"name": "华南华中发深圳仓", "condition": '区域 in ["华南", "华中"]', "action": "assign_warehouse",
     "params": {"warehouse": "SZ-SHENZHEN"}},
    {"name": "其余及缺货兜底苏州仓", "condition": "订单金额 >= 0", "action": "assign_warehouse",
     "params": {"warehouse": "SZ-SUZHOU"}},
    {"name": "满99送毛巾", "condition": "订单金额 >= 99", "action": "add_gift",
     "params": {"gift_sku": "GIFT-TOWEL", "gift_quantity": 1}},
    {"name": "催发货标加急", "condition": '包含(买家备注, "尽快")', "action": "add_tag", "params": {"tag": "加急"}},
]  # fmt: skip

LOW_STOCK = {"BABY-DIAPER-M-60": 50, "BABY-DIAPER-L-52": 50, "BABY-TUB-FOLD": 8}
DEFAULT_LOW_STOCK = 20


def demo_stock() -> list[tuple[str, str, int, str]]:
    """(sku, warehouse, on hand, bin): basins are kept in Shenzhen only, everything else everywhere."""
    rows = []
    for w_index, w in enumerate(WAREHOUSES):
        for p_index, p in enumerate(PRODUCTS):
            if p.category == BASIN_CATEGORY and w.code != "SZ-SHENZHEN":
                continue
            on_hand = 600 if p.category == BASIN_CATEGORY else 400 - 37 * ((p_index + w_index) % 5)
            rows.append((p.sku, w.code, on_hand, f"{chr(65 + p_index // 10)}-{p_index % 10 + 1:02d}-{w_index + 1}"))
    return rows
