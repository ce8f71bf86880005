"""Filling a database with the demo shop: master data, staff and generated orders."""

from __future__ import annotations

from datetime import datetime

from ..domain.access import Permission, Role
from ..services.intake import IntakeReport, intake_orders
from ..services.labels import add_waybill_range, waybill_ranges
from ..services.master_data import ProductSpec, ShopSpec, WarehouseSpec, load_master_data
from ..services.unit_of_work import UowFactory
from ..services.allocation import has_rules
from ..services.rule_sets import save_rule_set
from ..services.stock import seed_stock
from ..services.users import seed_demo_users
from .catalog import PRODUCTS, SHOPS, WAREHOUSES, WAYBILL_BLOCKS
from .generator import SHANGHAI, generate_orders
from .rules import DEFAULT_LOW_STOCK, DEMO_RULES, LOW_STOCK, demo_stock

DEMO_PASSWORD = "demo1234"
DEMO_USERS = [
    ("admin", "管理员", Role.ADMIN),
    ("lead", "赵主管", Role.WAREHOUSE_LEAD),
    ("packer1", "王芳", Role.PACKER),
    ("packer2", "李强", Role.PACKER),
    ("cs1", "陈静", Role.CUSTOMER_SERVICE),
    ("ops1", "孙运营", Role.OPERATIONS),
    ("finance", "刘会计", Role.FINANCE),
]


def load_demo_master_data(make_uow: UowFactory, actor: str = "system") -> None:
    load_master_data(
        make_uow,
        actor,
        [WarehouseSpec(w.code, w.name, w.province, w.city, w.address, w.courier_code, w.phone) for w in WAREHOUSES],
        [ProductSpec(p.sku, p.name, p.category, p.unit_price_fen, p.weight_g, p.barcodes,
                     LOW_STOCK.get(p.sku, DEFAULT_LOW_STOCK)) for p in PRODUCTS],
        [ShopSpec(s.channel, s.code, s.name) for s in SHOPS],
        permission=Permission.LOAD_DEMO_DATA,
        only_missing=True,
    )
    seed_stock(make_uow, actor, demo_stock(), reason="demo", permission=Permission.LOAD_DEMO_DATA)
    have = {(r.warehouse_code, r.courier_code) for r in waybill_ranges(make_uow, actor)}
    for w in WAREHOUSES:
        if w.courier_code and (w.code, w.courier_code) not in have:
            add_waybill_range(make_uow, actor, w.code, w.courier_code, *WAYBILL_BLOCKS[w.code])


def seed_demo(make_uow: UowFactory, orders: int, seed: int = 0, actor: str = "system",
              with_users: bool = True, with_rules: bool = False) -> IntakeReport:  # fmt: skip
    """Master data and stock, demo staff (password `demo1234`), optionally the seed's allocation
    rules, then `orders` generated orders taken in through the normal intake path (which allocates
    them when rules exist)."""
    load_demo_master_data(make_uow, actor)
    if with_users:
        seed_demo_users(make_uow, actor, DEMO_USERS, DEMO_PASSWORD)
    if with_rules and not has_rules(make_uow):
        save_rule_set(make_uow, actor, DEMO_RULES, note="demo rules", permission=Permission.LOAD_DEMO_DATA)
    return intake_orders(make_uow, seeded_orders(orders, seed), actor=actor)


def seeded_orders(orders: int, seed: int = 0) -> list:
    """The orders `seed_demo` takes in. Anchored to the hour, so running the same seed again within
    the hour changes nothing (and the demo can put the same orders on its fake platforms)."""
    start = datetime.now(SHANGHAI).replace(minute=0, second=0, microsecond=0)
    return list(generate_orders(orders, seed=seed, start=start))
