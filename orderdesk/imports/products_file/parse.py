"""Turning the rows of an import file into products, stock and row errors: `parse_products`."""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from .cells import _CellError, _count, _grams, _price_fen, _split_barcodes, classify_barcode, too_long
from .headers import _FIELD, _map_header
from .results import ProductImport, ProductRow, RowError, StockRow
from .table import read_table

_TEXTS = (("sku", "商家编码", "SKU"), ("name", "商品名称", "Name"), ("category", "类目", "Category"),
          ("warehouse", "仓库", "Warehouse"), ("bin", "库位", "Bin"))  # fmt: skip

_COMPARED = (  # ProductRow attribute, field key, zh, en
    ("name", "name", "商品名称", "name"),
    ("category", "category", "类目", "category"),
    ("unit_price_fen", "price", "单价", "price"),
    ("weight_g", "weight", "重量", "weight"),
    ("barcodes", "barcode", "条码", "barcodes"),
    ("low_stock_threshold", "low_stock", "低库存阈值", "low-stock threshold"),
)


def _shown(attr: str, value: Any) -> str:
    if attr == "unit_price_fen":
        return f"{Decimal(value) / 100:.2f}"
    if attr == "barcodes":
        return "/".join(code for code, _ in value)
    return str(value)


def _long_texts(cell: dict[str, str]) -> list[tuple[str, _CellError]]:
    """The texts of a row too long for their database column (checked before anything else uses them)."""
    found = [(key, too_long(key, cell.get(key, ""), zh, en)) for key, zh, en in _TEXTS]
    return [(key, exc) for key, exc in found if exc is not None]


def parse_products(rows: Sequence[Sequence[str]], *, known_skus: Container[str] = frozenset(),
                   source: str = "") -> ProductImport:  # fmt: skip
    """Products, stock and row errors from `read_table` rows.

    `known_skus`: SKUs already in the database; only a new SKU must have a name. `source` names the
    file in ImportFileError messages. Raises ImportFileError when the header lacks a required column.
    """
    header_idx, cols, headers, ignored = _map_header(rows, source)
    weight_key = "weight_g" if "weight_g" in cols else "weight_kg"

    def column(key: str) -> str:
        if key == "weight":
            key = weight_key
        return headers.get(key, _FIELD[key].zh)

    products: dict[str, ProductRow] = {}
    stock: dict[tuple[str, str, str | None], StockRow] = {}
    barcode_owner: dict[str, tuple[str, int]] = {}
    errors: list[RowError] = []

    for idx in range(header_idx + 1, len(rows)):
        row_no = idx + 1
        raw = rows[idx]
        cell = {key: (raw[c].strip() if c < len(raw) else "") for key, c in cols.items()}
        if not any(cell.values()):
            continue
        row_errors: list[RowError] = []

        def fail(key: str, zh: str, en: str) -> None:
            row_errors.append(RowError(row_no, column(key), zh, en))

        def parsed(key: str, parse: Any) -> Any:
            text = cell.get(key, "")
            if not text:
                return None
            try:
                return parse(text)
            except _CellError as exc:
                fail(key, exc.zh, exc.en)
                return None

        sku = cell["sku"]
        if not sku:
            errors.append(RowError(row_no, column("sku"), "缺少商家编码（SKU），该行未导入",
                                   "SKU is missing; the row was not imported"))  # fmt: skip
            continue
        long_texts = _long_texts(cell)
        if long_texts:
            errors.extend(RowError(row_no, column(key), exc.zh, exc.en) for key, exc in long_texts)
            continue

        name = cell.get("name") or None
        category = cell.get("category") or None
        price = parsed("price", _price_fen)
        weight = (parsed("weight_g", lambda t: _grams(t, 1)) if "weight_g" in cols
                  else parsed("weight_kg", lambda t: _grams(t, 1000)))  # fmt: skip
        low_stock = parsed("low_stock", lambda t: _count(t, "低库存阈值", "Low-stock threshold"))
        on_hand = parsed("on_hand", lambda t: _count(t, "库存", "Stock on hand"))

        barcodes: list[tuple[str, str]] = []
        for code in _split_barcodes(cell.get("barcode", "")):
            try:
                barcodes.append((code, classify_barcode(code)))
            except _CellError as exc:
                fail("barcode", exc.zh, exc.en)
                continue
            owner = barcode_owner.get(code)
            if owner is not None and owner[0] != sku:
                fail("barcode",
                     f"条码 {code} 已用于 SKU {owner[0]}（第 {owner[1]} 行），不能再用于 SKU {sku}",
                     f"Barcode {code} already belongs to SKU {owner[0]} (row {owner[1]}); "
                     f"it cannot also go to SKU {sku}")  # fmt: skip
        earlier = products.get(sku)
        if earlier is None and sku not in known_skus and not name:
            fail("name", f"新商品 {sku} 缺少商品名称", f"New product {sku} has no name")

        candidate = ProductRow(row_no, sku, name, category, price, weight, tuple(barcodes), low_stock)
        if earlier is not None:
            for attr, key, zh, en in _COMPARED:
                old, new = getattr(earlier, attr), getattr(candidate, attr)
                if attr == "barcodes":
                    differs = bool(old) and bool(new) and set(old) != set(new)
                else:
                    differs = old is not None and new is not None and old != new
                if differs:
                    fail(key,
                         f"SKU {sku} 在第 {earlier.row_no} 行已出现，但{zh}不同："
                         f"{_shown(attr, old)} ≠ {_shown(attr, new)}",
                         f"SKU {sku} already appears on row {earlier.row_no} with a different {en}: "
                         f"{_shown(attr, old)} ≠ {_shown(attr, new)}")  # fmt: skip

        stock_row: StockRow | None = None
        if on_hand is not None:
            warehouse = cell.get("warehouse", "")
            bin_ = cell.get("bin") or None
            if not warehouse:
                fail("warehouse", "填写了库存但缺少仓库", "Stock on hand is given but the warehouse is missing")
            else:
                stock_row = StockRow(row_no, sku, warehouse, bin_, on_hand)
                previous = stock.get((sku, warehouse, bin_))
                if previous is not None and previous.on_hand != on_hand:
                    where_zh = f"仓库 {warehouse}" + (f" 库位 {bin_}" if bin_ else "")
                    where_en = f"warehouse {warehouse}" + (f" bin {bin_}" if bin_ else "")
                    fail("on_hand",
                         f"SKU {sku} 在{where_zh}的库存已在第 {previous.row_no} 行填写为 {previous.on_hand}，"
                         f"这里又填 {on_hand}",
                         f"Stock of SKU {sku} in {where_en} is already {previous.on_hand} on row "
                         f"{previous.row_no}; this row says {on_hand}")  # fmt: skip
                elif previous is not None:
                    stock_row = None  # the same line twice: keep the first

        if row_errors:
            errors.extend(row_errors)
            continue

        if earlier is None:
            products[sku] = candidate
        else:
            products[sku] = replace(
                earlier,
                **{attr: getattr(candidate, attr) for attr, *_ in _COMPARED
                   if getattr(earlier, attr) in (None, ()) and getattr(candidate, attr) not in (None, ())},
            )  # fmt: skip
        for code, _kind in barcodes:
            barcode_owner.setdefault(code, (sku, row_no))
        if stock_row is not None:
            stock[(sku, stock_row.warehouse, stock_row.bin)] = stock_row

    return ProductImport(
        products=list(products.values()),
        stock=list(stock.values()),
        errors=errors,
        columns=headers,
        ignored_columns=ignored,
        barcode_owner=barcode_owner,
        source=source,
    )


def load_products_file(path: str | Path, *, known_skus: Container[str] = frozenset()) -> ProductImport:
    """`read_table` then `parse_products`, with the file's name in whole-file errors."""
    p = Path(path)
    return parse_products(read_table(p), known_skus=known_skus, source=p.name)
