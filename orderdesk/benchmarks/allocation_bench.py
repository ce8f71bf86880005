"""Allocation throughput: N generated orders against a 20-rule set, and a rule preview over 10,000.

Orders are taken in first without allocation (untimed); then `allocate_orders` over every PAID
order is timed end to end: loading, planning, reservations, shipments, ledger and events.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..bootstrap import open_store
from ..demo.catalog import PRODUCTS, WAREHOUSES
from ..demo.generator import generate_order
from ..demo.rules import DEMO_RULES
from ..demo.seed import load_demo_master_data
from ..domain.access import Permission
from ..domain.model import ChannelOrder, RefundState, TradeState
from ..services.allocation import allocate_orders
from ..services.intake import intake_orders
from ..services.rule_preview import preview_rule_set
from ..services.rule_sets import save_rule_set
from ..services.stock import set_stock_levels
from ..services.users import create_first_admin


def twenty_rules() -> list[dict]:
    """The demo's 8 rules plus 12 more of the kinds ops staff write (tags, holds, channel and SKU rules)."""
    extra = [
        {"name": f"{ch}渠道标记", "condition": f'渠道 == "{ch}"', "action": "add_tag", "params": {"tag": f"来自{ch}"}}
        for ch in ("taobao", "pdd", "douyin", "miniprogram")
    ] + [
        {"name": "超大额审核", "condition": "订单金额 > 100000", "action": "hold", "params": {"reason": "超大额"}},
        {"name": "可疑备注审核", "condition": '包含(买家备注, "假货")', "action": "hold", "params": {"reason": "备注可疑"}},
        {"name": "纸尿裤天津优先", "condition": 'SKU in ["BABY-DIAPER-M-60", "BABY-DIAPER-L-52"] and 区域 == "华北"',
         "action": "assign_warehouse", "params": {"warehouse": "TJ"}},
        {"name": "浴盆成都", "condition": 'SKU == "BABY-TUB-FOLD" and 区域 == "西南"', "action": "assign_warehouse",
         "params": {"warehouse": "CD"}},
        {"name": "重件标记", "condition": "重量 >= 5", "action": "add_tag", "params": {"tag": "重件"}},
        {"name": "多件标记", "condition": "件数 >= 4", "action": "add_tag", "params": {"tag": "多件"}},
        {"name": "满199送挂钩", "condition": "订单金额 >= 199", "action": "add_gift",
         "params": {"gift_sku": "GIFT-HOOK-4", "gift_quantity": 1}},
        {"name": "新疆西藏审核运费", "condition": '收货省 in ["新疆", "西藏"]', "action": "add_tag",
         "params": {"tag": "偏远"}},
    ]  # fmt: skip
    return extra[:4] + DEMO_RULES[:-2] + extra[4:] + DEMO_RULES[-2:]


def _paid(order: ChannelOrder) -> ChannelOrder:
    """Every benchmark order waits for allocation, so the rate counts only real allocations."""
    return replace(order, trade_state=TradeState.PAID, refund_state=RefundState.NONE)


def _admin(store) -> None:  # noqa: ANN001
    create_first_admin(store.make_uow, "bench-admin", "benchmark", "bench-password")


@dataclass
class AllocationBenchResult:
    orders: int
    rules: int
    allocate_orders_per_s: float
    allocated: int
    held: int
    split: int
    preview_orders: int
    preview_s: float


def run_allocation_bench(n: int = 100_000, preview_n: int = 10_000, progress=print) -> AllocationBenchResult:  # noqa: ANN001
    work = Path(tempfile.mkdtemp(prefix="orderdesk-alloc-bench-"))
    try:
        store = open_store(f"sqlite:///{work / 'alloc.db'}", create=True)  # its own new file
        load_demo_master_data(store.make_uow)
        plenty = [(p.sku, w.code, 10_000_000, "") for p in PRODUCTS for w in WAREHOUSES]
        _admin(store)
        set_stock_levels(store.make_uow, "bench-admin", plenty, reason="bench")
        rules = twenty_rules()
        save_rule_set(store.make_uow, "system", rules, permission=Permission.LOAD_DEMO_DATA)
        rng, now = random.Random(5), datetime(2026, 11, 25, 12, tzinfo=UTC)
        progress(f"  taking in {n:,} orders (untimed) …")
        for start in range(0, n, 5000):
            # Paid over three days and taken in as they were paid, as a sync delivers them.
            batch = [_paid(generate_order(rng, now, seq, paid_at=now - timedelta(seconds=(n - seq) * 259_200 // n)))
                     for seq in range(start, min(n, start + 5000))]  # fmt: skip
            intake_orders(store.make_uow, batch, actor="system", batch_size=1000, allocate=False)
        progress("  allocating …")
        t = time.perf_counter()
        report = allocate_orders(store.make_uow, "system")
        elapsed = time.perf_counter() - t
        t = time.perf_counter()
        preview = preview_rule_set(store.make_uow, "system", rules, orders=preview_n)
        preview_s = time.perf_counter() - t
        store.close()
        return AllocationBenchResult(n, len(rules), round(n / elapsed), report.allocated, report.held, report.split,
                                     preview.orders, round(preview_s, 3))  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


def as_dict(result: AllocationBenchResult) -> dict[str, float]:
    return asdict(result)
