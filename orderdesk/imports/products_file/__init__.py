"""The product and stock import file of `orderdesk products import FILE` (.xlsx or .csv), parsed.

Pure: no database, no Qt. `read_table` turns the file into rows of stripped strings (ids are never
read as floats); `parse_products` maps the header by name, Chinese or English, checks every row
and collects row errors in Chinese and English instead of stopping at the first. Good rows are
kept even when others fail; the caller decides whether to write partially.

Checks that need the database are the caller's: whether a SKU already exists (pass `known_skus`
so a name is only demanded for new ones), whether a barcode already belongs to another SKU there
(`ProductImport.barcode_owner` / `barcodes_by_sku`), and which warehouse a code or name means.
"""

from __future__ import annotations

# The public names of the former single module, importable from orderdesk.imports.products_file as before.
from .cells import CODE128, EAN13, MAX_CODE128_LEN, classify_barcode, ean13_check_digit
from .headers import FIELDS
from .parse import load_products_file, parse_products
from .results import ImportFileError, ProductImport, ProductRow, RowError, StockRow
from .table import read_table

__all__ = [
    "CODE128", "EAN13", "FIELDS", "MAX_CODE128_LEN", "ImportFileError", "ProductImport", "ProductRow",
    "RowError", "StockRow", "classify_barcode", "ean13_check_digit", "load_products_file", "parse_products",
    "read_table",
]  # fmt: skip
