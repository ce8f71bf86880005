"""Importing products and stock from a spreadsheet: check every row against the database, then
write all rows in one transaction, or none while any row is wrong (unless told to skip those)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.access import Permission
from ..imports.products_file import ProductImport, RowError
from .actors import audit, now_utc, require_actor
from .ports import Movement
from .unit_of_work import UnitOfWork, UowFactory


@dataclass
class ProductImportReport:
    new_products: int = 0
    updated_products: int = 0
    stock_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        return {"new": self.new_products, "updated": self.updated_products, "stock_rows": self.stock_rows,
                "written": self.written,
                "errors": [{"row": e.row_no, "column": e.column, "message": e.reason(lang)} for e in self.errors]}  # fmt: skip


def known_skus(make_uow: UowFactory) -> set[str]:
    with make_uow() as uow:
        return set(uow.directory.all_skus())


def import_products(make_uow: UowFactory, actor: str, parsed: ProductImport, dry_run: bool = False,
                    skip_errors: bool = False) -> ProductImportReport:  # fmt: skip
    report = ProductImportReport(errors=list(parsed.errors))
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_MASTER_DATA)
        existing = uow.directory.products_by_sku([p.sku for p in parsed.products])
        report.errors += _database_errors(uow, parsed, existing)
        bad = {e.row_no for e in report.errors}
        products = [p for p in parsed.products if p.row_no not in bad]
        stock = [s for s in parsed.stock if s.row_no not in bad and s.sku in {p.sku for p in products} | set(existing)]
        report.new_products = sum(p.sku not in existing for p in products)
        report.updated_products = len(products) - report.new_products
        report.stock_rows = len(stock)
        if dry_run or (report.errors and not skip_errors):
            return report
        warehouses = _warehouse_codes(uow)
        for p in products:
            old = existing.get(p.sku)
            uow.directory.upsert_product(
                p.sku, p.name if p.name is not None else old.name,
                p.category if p.category is not None else (old.category if old else ""),
                p.unit_price_fen if p.unit_price_fen is not None else (old.unit_price_fen if old else 0),
                p.weight_g if p.weight_g is not None else (old.weight_g if old else 0),
                p.barcodes, p.low_stock_threshold,
            )  # fmt: skip
        _write_stock(uow, who.id, stock, warehouses)
        audit(uow, who, "products.import", "products", parsed.source, new=report.new_products,
              updated=report.updated_products, stock_rows=report.stock_rows, skipped_rows=len(bad))  # fmt: skip
        uow.commit()
        report.written = True
    return report


def _warehouse_codes(uow: UnitOfWork) -> dict[str, str]:
    """Code or name as written -> code."""
    out = {}
    for code, name in uow.directory.warehouse_codes():
        out[code] = out[name] = code
    return out


def _database_errors(uow: UnitOfWork, parsed: ProductImport, existing: dict) -> list[RowError]:
    errors = []
    owners = uow.directory.barcode_owners(list(parsed.barcode_owner))
    for code, (sku, row_no) in parsed.barcode_owner.items():
        owner = owners.get(code)
        if owner and owner != sku:
            errors.append(RowError(row_no, "条码/barcode", f"条码 {code} 已属于 SKU {owner}",
                                   f"barcode {code} already belongs to SKU {owner}"))  # fmt: skip
    warehouses = _warehouse_codes(uow)
    for s in parsed.stock:
        if s.warehouse not in warehouses:
            errors.append(RowError(s.row_no, "仓库/warehouse", f"没有仓库「{s.warehouse}」",
                                   f"no warehouse called {s.warehouse!r}"))  # fmt: skip
    return errors


def _write_stock(uow: UnitOfWork, user_id: int, stock: list, warehouses: dict[str, str]) -> None:
    now = now_utc()
    moves = []
    for s in stock:
        code = warehouses[s.warehouse]
        current = {r.warehouse: r for r in uow.stock.levels(sku=s.sku)}
        have = current.get(code)
        delta = s.on_hand - (have.on_hand if have else 0)
        uow.stock.set_bin(s.sku, code, s.bin if s.bin is not None else (have.bin if have else ""))
        if delta:
            moves.append(Movement(s.sku, code, on_hand=delta, reason="import", note=f"row {s.row_no}"))
    uow.stock.move(moves, user_id, now)
