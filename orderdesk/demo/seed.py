"""Filling a database with the demo shop: master data, staff and generated orders."""

from __future__ import annotations

from datetime import datetime

from ..services.intake import IntakeReport, intake_orders
from ..services.master_data import ProductSpec, ShopSpec, UserSpec, WarehouseSpec, load_master_data
from ..services.unit_of_work import UowFactory
from .catalog import PRODUCTS, SHOPS, WAREHOUSES
from .generator import SHANGHAI, generate_orders

DEMO_USERS = (
    UserSpec("admin", "管理员", "admin"),
    UserSpec("lead", "赵主管", "warehouse_lead"),
    UserSpec("packer1", "王芳", "packer"),
    UserSpec("packer2", "李强", "packer"),
    UserSpec("cs1", "陈静", "customer_service"),
    UserSpec("finance", "刘会计", "finance"),
)


def load_demo_master_data(make_uow: UowFactory) -> None:
    load_master_data(
        make_uow,
        [WarehouseSpec(w.code, w.name, w.province, w.city, w.address) for w in WAREHOUSES],
        [ProductSpec(p.sku, p.name, p.category, p.unit_price_fen, p.weight_g, p.barcodes) for p in PRODUCTS],
        [ShopSpec(s.channel, s.code, s.name) for s in SHOPS],
        DEMO_USERS,
    )


def seed_demo(make_uow: UowFactory, orders: int, seed: int = 0, actor: str = "system") -> IntakeReport:
    """Master data, then `orders` generated orders taken in through the normal intake path."""
    load_demo_master_data(make_uow)
    # Anchored to the hour, so running the same seed again within the hour changes nothing.
    start = datetime.now(SHANGHAI).replace(minute=0, second=0, microsecond=0)
    return intake_orders(make_uow, generate_orders(orders, seed=seed, start=start), actor=actor)
