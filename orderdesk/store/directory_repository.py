"""Users, shops, customers, warehouses and products: the master data orders point at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.errors import DomainError
from ..domain.model import Channel
from ..services.ports import NewCustomer
from .bulk import bulk_insert
from .models import Customer, Product, ProductBarcode, Shop, Warehouse

IN_CHUNK = 900


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

    def products_by_sku(self, skus: Sequence[str]) -> dict[str, Product]:
        out: dict[str, Product] = {}
        skus = list(set(skus))
        for i in range(0, len(skus), IN_CHUNK):
            out.update({p.sku: p for p in self.session.scalars(select(Product).where(Product.sku.in_(skus[i : i + IN_CHUNK])))})
        return out

    def barcode_owners(self, codes: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in range(0, len(codes), IN_CHUNK):
            rows = self.session.execute(
                select(ProductBarcode.barcode, Product.sku)
                .join(Product, Product.id == ProductBarcode.product_id)
                .where(ProductBarcode.barcode.in_(list(codes)[i : i + IN_CHUNK]))
            )  # fmt: skip
            out.update({r.barcode: r.sku for r in rows})
        return out

    def warehouse_codes(self) -> list[tuple[str, str]]:
        """Active warehouses only: a retired one takes no new orders."""
        stmt = select(Warehouse).where(Warehouse.active.is_(True)).order_by(Warehouse.code)
        return [(w.code, w.name) for w in self.session.scalars(stmt)]

    def upsert_product(self, sku: str, name: str, category: str, unit_price_fen: int, weight_g: int,
                       barcodes: Sequence[tuple[str, str]], low_stock_threshold: int | None = None) -> int:  # fmt: skip
        p = self.session.scalars(select(Product).where(Product.sku == sku)).first()
        if p is None:
            p = Product(sku=sku, name=name, category=category, unit_price_fen=unit_price_fen,
                        weight_g=weight_g, active=True, low_stock_threshold=low_stock_threshold)  # fmt: skip
            self.session.add(p)
        else:
            p.name, p.category, p.unit_price_fen, p.weight_g = name, category, unit_price_fen, weight_g
            if low_stock_threshold is not None:
                p.low_stock_threshold = low_stock_threshold
        self.session.flush()
        known = set(self.session.scalars(select(ProductBarcode.barcode).where(ProductBarcode.product_id == p.id)))
        for code, kind in barcodes:
            if code in known:
                continue
            owner = self.session.scalar(
                select(Product.sku).join(ProductBarcode, ProductBarcode.product_id == Product.id)
                .where(ProductBarcode.barcode == code)
            )  # fmt: skip
            if owner is not None:
                raise DomainError(f"条码 {code} 已属于 SKU {owner}，不能再给 {sku}",
                                  f"Barcode {code} already belongs to SKU {owner}; it cannot also be {sku}'s")  # fmt: skip
            self.session.add(ProductBarcode(product_id=p.id, barcode=code, kind=kind))
        self.session.flush()
        return p.id
