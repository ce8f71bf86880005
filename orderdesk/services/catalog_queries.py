"""Small read use cases for pick lists in the UI."""

from __future__ import annotations

from ..domain.access import Permission
from ..domain.errors import DomainError
from .read_models import ProductListRow
from .actors import require_actor
from .unit_of_work import UowFactory


def warehouse_choices(make_uow: UowFactory, actor: str) -> list[tuple[str, str]]:
    """(code, name) of every warehouse, for filters and settings."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.directory.warehouse_codes()


def list_products(make_uow: UowFactory, actor: str, sku: str | None = None,
                  category: str | None = None) -> list[ProductListRow]:  # fmt: skip
    """Products with their barcodes. A SKU or category that matches nothing is refused with what
    exists, so a typo is not mistaken for "no products"."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        rows = uow.directory.product_list(sku=sku, category=category)
        if rows or not (sku or category):
            return rows
        if sku and not uow.directory.product_list(sku=sku):
            raise DomainError(f"没有商家编码为「{sku}」的商品", f"There is no product with SKU '{sku}'")
        known = uow.directory.categories()
        raise DomainError(f"没有类目为「{category}」的商品。现有类目：{'、'.join(known) or '（无）'}",
                          f"No product is in category '{category}'. Categories: {', '.join(known) or '(none)'}")
