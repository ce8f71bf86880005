"""Setting up master data: warehouses, products with barcodes, shops and users."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.model import Channel
from ..domain.access import Permission
from .actors import audit, now_utc, require_actor
from .ports import ProductValues
from .unit_of_work import UowFactory


@dataclass(frozen=True)
class WarehouseSpec:
    code: str
    name: str
    province: str | None
    city: str = ""
    address: str = ""
    courier_code: str = ""  # the courier that collects here; labels use it unless told otherwise
    phone: str = ""  # the sender phone printed on labels


@dataclass(frozen=True)
class ProductSpec:
    sku: str
    name: str
    category: str
    unit_price_fen: int
    weight_g: int
    barcodes: Sequence[tuple[str, str]]
    low_stock_threshold: int | None = None


@dataclass(frozen=True)
class ShopSpec:
    channel: Channel
    code: str
    name: str


def load_master_data(make_uow: UowFactory, actor: str, warehouses: Sequence[WarehouseSpec],
                     products: Sequence[ProductSpec], shops: Sequence[ShopSpec],
                     permission: Permission = Permission.MANAGE_MASTER_DATA, only_missing: bool = False) -> None:  # fmt: skip
    """Create or update everything in one transaction; running it twice changes nothing.

    `only_missing` (demo data) adds the warehouses and products not stored yet and leaves stored
    ones exactly as the user made them (a category changed by an import stays changed)."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, permission)
        for w in warehouses:
            if not only_missing or uow.directory.warehouse_id(w.code) is None:
                uow.directory.upsert_warehouse(w.code, w.name, w.province, w.city, w.address, w.courier_code,
                                               w.phone)  # fmt: skip
        values = [ProductValues(p.sku, p.name, p.category, p.unit_price_fen, p.weight_g, tuple(p.barcodes),
                                p.low_stock_threshold) for p in products]  # fmt: skip
        if only_missing:
            uow.directory.add_missing_products(values)
        else:
            uow.directory.save_products(values)
        uow.directory.shop_ids({(s.channel, s.code): s.name for s in shops}, now_utc())
        audit(uow, who, "master_data.load", "master_data", "", warehouses=len(warehouses),
              products=len(products), shops=len(shops))
        uow.commit()


def add_warehouse(make_uow: UowFactory, actor: str, code: str, name: str = "") -> None:
    """A new warehouse with only its code and name (the first station of a new database names one);
    an existing code is left as it is. The address and courier come later with the master data."""
    code = code.strip()
    if not code:
        raise ValueError("a warehouse needs a code")
    spec = WarehouseSpec(code, name.strip() or code, None)
    load_master_data(make_uow, actor, [spec], [], [], only_missing=True)
