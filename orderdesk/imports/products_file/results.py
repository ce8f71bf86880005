"""What parsing an import file gives: the product and stock rows, the row errors, the whole-file error."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain.errors import DomainError


class ImportFileError(DomainError):
    """The file as a whole cannot be used (unreadable, wrong type, a required column missing);
    no row was parsed."""

    def __init__(self, zh: str, en: str, path: str | None = None) -> None:
        super().__init__(zh, en)
        self.path = path


@dataclass(frozen=True)
class ProductRow:
    """One product as the file gives it. None (or no barcodes) means "not in the file": for a SKU
    that already exists, leave that attribute as it is. `row_no` is the first row naming the SKU."""

    row_no: int
    sku: str
    name: str | None
    category: str | None
    unit_price_fen: int | None
    weight_g: int | None
    barcodes: tuple[tuple[str, str], ...]  # (code, EAN13 | CODE128)
    low_stock_threshold: int | None


@dataclass(frozen=True)
class StockRow:
    """A quantity on hand; `warehouse` is as written (a code or a name) for the caller to resolve."""

    row_no: int
    sku: str
    warehouse: str
    bin: str | None
    on_hand: int


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row: row number as the spreadsheet shows it (header = row 1)."""

    row_no: int
    column: str
    zh: str
    en: str

    def reason(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh

    def format(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return f"Row {self.row_no} [{self.column}]: {self.en}"
        return f"第 {self.row_no} 行【{self.column}】：{self.zh}"


@dataclass
class ProductImport:
    products: list[ProductRow]
    stock: list[StockRow]
    errors: list[RowError]
    columns: dict[str, str]  # field key (see FIELDS) → the header as written in the file
    ignored_columns: list[str]  # headers that mean nothing here, for the caller to warn about
    barcode_owner: dict[str, tuple[str, int]] = field(default_factory=dict)  # code → (sku, row_no)
    source: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> set[int]:
        return {e.row_no for e in self.errors}

    @property
    def barcodes_by_sku(self) -> dict[str, tuple[str, ...]]:
        """Every accepted barcode per SKU, for the caller's check against the database."""
        return {p.sku: tuple(code for code, _ in p.barcodes) for p in self.products if p.barcodes}
