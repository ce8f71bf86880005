"""Setting up master data: warehouses, products with barcodes, shops and users."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..domain.model import Channel
from .actors import ensure_user, now_utc
from .unit_of_work import UowFactory


@dataclass(frozen=True)
class WarehouseSpec:
    code: str
    name: str
    province: str | None
    city: str = ""
    address: str = ""


@dataclass(frozen=True)
class ProductSpec:
    sku: str
    name: str
    category: str
    unit_price_fen: int
    weight_g: int
    barcodes: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class ShopSpec:
    channel: Channel
    code: str
    name: str


@dataclass(frozen=True)
class UserSpec:
    username: str
    display_name: str
    role: str | None


def load_master_data(make_uow: UowFactory, warehouses: Iterable[WarehouseSpec], products: Iterable[ProductSpec],
                     shops: Iterable[ShopSpec], users: Iterable[UserSpec]) -> None:  # fmt: skip
    """Create or update everything in one transaction; running it twice changes nothing."""
    with make_uow(write=True) as uow:
        for w in warehouses:
            uow.directory.upsert_warehouse(w.code, w.name, w.province, w.city, w.address)
        for p in products:
            uow.directory.upsert_product(p.sku, p.name, p.category, p.unit_price_fen, p.weight_g, p.barcodes)
        uow.directory.shop_ids({(s.channel, s.code): s.name for s in shops}, now_utc())
        for u in users:
            ensure_user(uow, u.username, u.display_name, u.role)
        uow.commit()
