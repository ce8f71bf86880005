"""Users, shops, customers, warehouses and products: the master data orders point at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.model import Channel
from ..domain.warehouses import WarehouseRef
from ..services.ports import NewCustomer, ProductValues
from ..services.read_models import ProductListRow
from .bulk import bulk_insert, bulk_update
from .lookup import rows_in
from .models import Customer, Product, ProductBarcode, Shop, Warehouse

IN_CHUNK = 900
PRODUCTS = Product.__table__
BARCODES = ProductBarcode.__table__


class DirectoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # shops -------------------------------------------------------------------------------
    def shop_ids(self, wanted: Mapping[tuple[Channel, str], str], now: datetime) -> dict[tuple[Channel, str], int]:
        """Ids of the shops (channel, code); shops seen for the first time are created."""
        t = Shop.__table__
        found = {
            (Channel(r.channel), r.code): r.id
            for r in self.session.execute(select(t.c.id, t.c.channel, t.c.code))
            if (Channel(r.channel), r.code) in wanted
        }
        for key, name in wanted.items():
            if key not in found:
                shop = Shop(channel=key[0].value, code=key[1], name=name or key[1], active=True, created_at=now)
                self.session.add(shop)
                self.session.flush()
                found[key] = shop.id
        return found

    # customers ---------------------------------------------------------------------------
    def customer_ids(self, wanted: Sequence[NewCustomer], now: datetime) -> dict[str, int]:
        """Ids by customer key; unknown customers are inserted in one batch."""
        t = Customer.__table__
        found = self._customer_ids_by_key(list({c.key for c in wanted}))
        missing: dict[str, NewCustomer] = {c.key: c for c in wanted if c.key not in found}
        if missing:
            values = [
                {"key": c.key, "channel": c.channel.value, "phone": c.phone, "name": c.name,
                 "buyer_ref": c.buyer_ref, "created_at": now}
                for c in missing.values()
            ]  # fmt: skip
            bulk_insert(self.session, t, values)
            found.update(self._customer_ids_by_key(list(missing)))
        return found

    def _customer_ids_by_key(self, keys: list[str]) -> dict[str, int]:
        t = Customer.__table__
        found: dict[str, int] = {}
        for i in range(0, len(keys), IN_CHUNK):
            rows = self.session.execute(select(t.c.id, t.c.key).where(t.c.key.in_(keys[i : i + IN_CHUNK])))
            found.update({r.key: r.id for r in rows})
        return found

    # warehouses and products ---------------------------------------------------------------
    def upsert_warehouse(self, code: str, name: str, province: str | None, city: str, address: str,
                         courier_code: str = "", phone: str = "") -> int:  # fmt: skip
        w = self.session.scalars(select(Warehouse).where(Warehouse.code == code)).first()
        if w is None:
            w = Warehouse(code=code, name=name, province=province, city=city, address=address, active=True,
                          courier_code=courier_code, phone=phone)  # fmt: skip
            self.session.add(w)
        else:
            w.name, w.province, w.city, w.address = name, province, city, address
            w.courier_code, w.phone = courier_code or w.courier_code, phone or w.phone
        self.session.flush()
        return w.id

    def warehouse_id(self, code: str) -> int | None:
        return self.session.scalar(select(Warehouse.id).where(Warehouse.code == code.strip()))

    def all_skus(self) -> list[str]:
        return list(self.session.scalars(select(Product.sku)))

    def products_by_sku(self, skus: Sequence[str]) -> dict[str, Any]:
        """Stored products by SKU, as rows with the columns' names as attributes."""
        return {r.sku: r for r in rows_in(self.session, select(PRODUCTS), PRODUCTS.c.sku, skus)}

    def barcode_owners(self, codes: Sequence[str]) -> dict[str, str]:
        stmt = select(ProductBarcode.barcode, Product.sku).join(Product, Product.id == ProductBarcode.product_id)
        return {r.barcode: r.sku for r in rows_in(self.session, stmt, ProductBarcode.barcode, codes)}

    def warehouses(self) -> list[WarehouseRef]:
        """Every warehouse, retired ones too (a filter may still name one), by code."""
        stmt = select(Warehouse.code, Warehouse.name, Warehouse.active).order_by(Warehouse.code)
        return [WarehouseRef(r.code, r.name, bool(r.active)) for r in self.session.execute(stmt)]

    def warehouse_codes(self) -> list[tuple[str, str]]:
        """Active warehouses only: a retired one takes no new orders."""
        stmt = select(Warehouse).where(Warehouse.active.is_(True)).order_by(Warehouse.code)
        return [(w.code, w.name) for w in self.session.scalars(stmt)]

    def save_products(self, products: Sequence[ProductValues]) -> None:
        """Insert or update many products and add their new barcodes, a few statements per thousand.

        Barcodes already owned by another SKU must have been refused by the caller (the unique
        constraint would stop the transaction)."""
        ids = self._product_ids([p.sku for p in products])
        fields = ("name", "category", "unit_price_fen", "weight_g")
        bulk_update(self.session, PRODUCTS, fields, ["sku"],
                    [{f: getattr(p, f) for f in (*fields, "sku")} for p in products if p.sku in ids])  # fmt: skip
        bulk_update(self.session, PRODUCTS, ["low_stock_threshold"], ["sku"],
                    [{"low_stock_threshold": p.low_stock_threshold, "sku": p.sku} for p in products
                     if p.sku in ids and p.low_stock_threshold is not None])  # fmt: skip
        self._insert_products([p for p in products if p.sku not in ids])
        self._add_barcodes(products)

    def add_missing_products(self, products: Sequence[ProductValues]) -> int:
        """Insert the products whose SKU is not stored yet; a stored product is left exactly as it is."""
        ids = self._product_ids([p.sku for p in products])
        fresh = [p for p in products if p.sku not in ids]
        self._insert_products(fresh)
        self._add_barcodes(fresh)
        return len(fresh)

    def _insert_products(self, products: Sequence[ProductValues]) -> None:
        bulk_insert(self.session, PRODUCTS, [
            {"sku": p.sku, "name": p.name, "category": p.category, "unit_price_fen": p.unit_price_fen,
             "weight_g": p.weight_g, "active": True, "low_stock_threshold": p.low_stock_threshold}
            for p in products])  # fmt: skip

    def _add_barcodes(self, products: Sequence[ProductValues]) -> None:
        ids = self._product_ids([p.sku for p in products if p.barcodes])
        known = self._barcodes_of(list(ids.values()))
        rows, seen = [], set(known)
        for p in products:
            for code, kind in p.barcodes:
                if code not in seen:
                    seen.add(code)
                    rows.append({"product_id": ids[p.sku], "barcode": code, "kind": kind})
        bulk_insert(self.session, BARCODES, rows)

    def _product_ids(self, skus: Sequence[str]) -> dict[str, int]:
        stmt = select(PRODUCTS.c.id, PRODUCTS.c.sku)
        return {r.sku: r.id for r in rows_in(self.session, stmt, PRODUCTS.c.sku, skus)}

    def _barcodes_of(self, product_ids: Sequence[int]) -> set[str]:
        stmt = select(BARCODES.c.barcode)
        return {r.barcode for r in rows_in(self.session, stmt, BARCODES.c.product_id, product_ids)}

    def product_list(self, sku: str | None = None, category: str | None = None) -> list[ProductListRow]:
        """Products by SKU with their barcodes, optionally one SKU or one category."""
        stmt = select(PRODUCTS).order_by(PRODUCTS.c.sku)
        if sku:
            stmt = stmt.where(PRODUCTS.c.sku == sku)
        if category:
            stmt = stmt.where(PRODUCTS.c.category == category)
        rows = self.session.execute(stmt).all()
        codes: dict[int, list[str]] = {}
        stmt = select(BARCODES.c.product_id, BARCODES.c.barcode).order_by(BARCODES.c.id)
        for b in rows_in(self.session, stmt, BARCODES.c.product_id, [r.id for r in rows]):
            codes.setdefault(b.product_id, []).append(b.barcode)
        return [ProductListRow(r.sku, r.name, r.category, r.unit_price_fen, r.weight_g, r.low_stock_threshold,
                               bool(r.active), tuple(codes.get(r.id, ()))) for r in rows]  # fmt: skip

    def categories(self) -> list[str]:
        stmt = select(PRODUCTS.c.category).distinct().order_by(PRODUCTS.c.category)
        return [c for c in self.session.scalars(stmt) if c]
