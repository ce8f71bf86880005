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

import codecs
import csv
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Container, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import zip_longest
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError

# Barcode kinds, spelt as in orderdesk.demo.catalog and the barcodes table.
EAN13 = "EAN13"
CODE128 = "CODE128"
MAX_CODE128_LEN = 48

_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_CSV_SUFFIXES = (".csv",)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_HEADER_SEARCH_ROWS = 10  # a title line or two above the header is tolerated


class ImportFileError(DomainError):
    """The file as a whole cannot be used (unreadable, wrong type, a required column missing);
    no row was parsed."""

    def __init__(self, zh: str, en: str, path: str | None = None) -> None:
        super().__init__(zh, en)
        self.path = path


# --------------------------------------------------------------------------- reading the table


def read_table(path: str | Path) -> list[list[str]]:
    """The first sheet of an .xlsx, or a .csv, as rows of stripped strings.

    Row i of the result is spreadsheet row i + 1 (blank rows inside the table are kept as []);
    trailing blank cells and rows are dropped. Numbers are never turned into floats: an .xlsx
    numeric cell 6901234567892.0 reads "6901234567892", and text written as ="123", '123 or with
    a leading tab reads "123".
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in _XLSX_SUFFIXES + _CSV_SUFFIXES + (".xls",):
        raise ImportFileError(
            f"不支持的文件类型：{p.name}（请使用 .xlsx 或 .csv）",
            f"Unsupported file type: {p.name} (use .xlsx or .csv)", str(p))  # fmt: skip
    try:
        with p.open("rb") as f:
            magic = f.read(4)
    except FileNotFoundError:
        raise ImportFileError(f"找不到文件：{p}", f"File not found: {p}", str(p)) from None
    except OSError as exc:
        raise ImportFileError(f"无法打开文件 {p.name}：{exc.strerror}",
                              f"Cannot open {p.name}: {exc.strerror}", str(p)) from exc  # fmt: skip
    if magic == _ZIP_MAGIC:  # an .xlsx, whatever its name says
        rows = _read_xlsx(p)
    elif suffix == ".xls" or (suffix in _XLSX_SUFFIXES and magic == _OLE_MAGIC):
        raise ImportFileError(
            f"不支持旧版 Excel 格式（.xls）：{p.name}，请在 Excel 中另存为 .xlsx 或 .csv",
            f"Old Excel format (.xls) is not supported: {p.name}; save it as .xlsx or .csv in Excel",
            str(p))  # fmt: skip
    elif suffix in _XLSX_SUFFIXES:
        raise ImportFileError(
            f"{p.name} 不是有效的 Excel 文件（文件已损坏或扩展名不对）",
            f"{p.name} is not a valid Excel file (damaged, or the extension is wrong)", str(p))  # fmt: skip
    else:
        rows = _read_csv(p)
    out = [_trim(row) for row in rows]
    while out and not out[-1]:
        out.pop()
    return out


def _trim(row: list[str]) -> list[str]:
    end = len(row)
    while end and not row[end - 1]:
        end -= 1
    return row[:end]


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with ExitStack() as stack, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            values = load_workbook(path, read_only=True, data_only=True)
            stack.callback(values.close)
            # A second look at formulas: tools other than Excel save ="123" without a cached value.
            formulas = load_workbook(path, read_only=True, data_only=False)
            stack.callback(formulas.close)
            if not values.worksheets:
                return []
            ws_v, ws_f = values.worksheets[0], formulas.worksheets[0]
            ws_v.reset_dimensions()  # some exporters write a wrong <dimension>; read what is there
            ws_f.reset_dimensions()
            return [
                [_xlsx_cell(v, f) for v, f in zip_longest(row_v, row_f)]
                for row_v, row_f in zip_longest(ws_v.iter_rows(values_only=True),
                                                ws_f.iter_rows(values_only=True), fillvalue=())
            ]  # fmt: skip
    except Exception as exc:  # zipfile.BadZipFile, KeyError, XML errors...: all mean "damaged"
        raise ImportFileError(
            f"无法读取 Excel 文件 {path.name}：文件已损坏或不完整（{type(exc).__name__}）",
            f"Cannot read Excel file {path.name}: it is damaged or incomplete ({type(exc).__name__})",
            str(path)) from exc  # fmt: skip


def _xlsx_cell(value: Any, formula: Any) -> str:
    if value is None:
        if isinstance(formula, str):
            literal = _formula_literal(formula)
            return "" if literal is None else literal.strip()
        return ""
    return _clean(_cell_text(value))


def _cell_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value == int(value):
            return str(int(value))
        # Excel keeps 15 significant digits; 29.9 reads "29.9", not "29.899999999999999".
        return format(Decimal(format(value, ".15g")), "f")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _read_csv(path: Path) -> list[list[str]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"无法打开文件 {path.name}：{exc.strerror}",
                              f"Cannot open {path.name}: {exc.strerror}", str(path)) from exc  # fmt: skip
    text = _decode(data, path)
    if "\x00" in text:
        raise ImportFileError(f"{path.name} 不是文本格式的 CSV 文件",
                              f"{path.name} is not a text CSV file", str(path))  # fmt: skip
    first_line = text.split("\n", 1)[0]
    # Excel's "Unicode text" and some platform exports are tab-separated under a .csv name.
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[_clean(c) for c in row] for row in reader]
    except csv.Error as exc:
        raise ImportFileError(f"CSV 文件 {path.name} 格式错误：{exc}",
                              f"CSV file {path.name} is malformed: {exc}", str(path)) from exc  # fmt: skip


def _decode(data: bytes, path: Path) -> str:
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data.decode("utf-8-sig")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise _undecodable(path) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise ImportFileError(
                f"CSV 文件 {path.name} 不完整（在一个字符中间结束），请重新导出",
                f"CSV file {path.name} is incomplete (it ends inside a character); export it again",
                str(path)) from exc  # fmt: skip
    try:
        return data.decode("gb18030")  # also covers GBK and GB2312, what Excel on Chinese Windows writes
    except UnicodeDecodeError as exc:
        raise _undecodable(path) from exc


def _undecodable(path: Path) -> ImportFileError:
    return ImportFileError(
        f"无法识别 {path.name} 的文字编码（支持 UTF-8、UTF-16、GB18030/GBK）",
        f"Cannot tell the text encoding of {path.name} (UTF-8, UTF-16 and GB18030/GBK are supported)",
        str(path))  # fmt: skip


_FORMULA_LITERAL = re.compile(r'=\s*"((?:[^"]|"")*)"\s*')
_FORMULA_NUMBER = re.compile(r"=\s*([+-]?\d+(?:\.\d+)?)\s*")
_NUMBERISH = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?")
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"


def _formula_literal(text: str) -> str | None:
    """="123" → 123 and =123 → 123 (the tricks that keep a spreadsheet from mangling ids)."""
    if m := _FORMULA_LITERAL.fullmatch(text):
        return m.group(1).replace('""', '"')
    if m := _FORMULA_NUMBER.fullmatch(text):
        return m.group(1)
    return None


def _clean(text: str) -> str:
    s = text.strip().strip(_INVISIBLE).strip()
    literal = _formula_literal(s)
    if literal is not None:
        return literal.strip()
    if s.startswith("'") and len(s) > 1:
        rest = s[1:]
        # '123 keeps a number as text; '=… is how our own exports neutralise formulas.
        if rest[0] in "=+-@\t\r" or _NUMBERISH.fullmatch(rest.strip()):
            return rest.strip()
    return s


# --------------------------------------------------------------------------- the result


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


# --------------------------------------------------------------------------- headers


@dataclass(frozen=True)
class _Field:
    key: str
    slot: str  # two headers filling one slot (重量(g) and 重量(kg)) cannot both be present
    zh: str
    en: str
    aliases: tuple[str, ...]


FIELDS: tuple[_Field, ...] = (
    _Field("sku", "sku", "商家编码", "SKU", ("商家编码", "SKU", "sku编码", "商家SKU", "商品SKU")),
    _Field("name", "name", "商品名称", "name", ("名称", "商品名称", "品名", "name", "product name")),
    _Field("category", "category", "类目", "category", ("类目", "商品类目", "分类", "商品分类", "category")),
    _Field("price", "price", "单价(元)", "price", ("单价(元)", "单价", "价格", "价格(元)", "售价",
                                                   "售价(元)", "price", "price(元)", "price(yuan)",
                                                   "unit price", "unit price(yuan)")),
    _Field("weight_g", "weight", "重量(g)", "weight_g", ("重量(g)", "重量(克)", "weight_g", "weight(g)")),
    _Field("weight_kg", "weight", "重量(kg)", "weight_kg", ("重量(kg)", "重量(千克)", "重量(公斤)",
                                                           "weight_kg", "weight(kg)")),
    _Field("barcode", "barcode", "条码", "barcode", ("条码", "条形码", "商品条码", "barcode", "barcodes")),
    _Field("low_stock", "low_stock", "低库存阈值", "low_stock", ("低库存阈值", "预警数量", "库存预警",
                                                               "预警库存", "low_stock",
                                                               "low stock threshold")),
    _Field("warehouse", "warehouse", "仓库", "warehouse", ("仓库", "仓库名称", "仓库编码", "warehouse")),
    _Field("bin", "bin", "库位", "bin", ("库位", "货位", "库位号", "bin")),
    _Field("on_hand", "on_hand", "库存", "on_hand", ("库存", "在库数量", "库存数量", "on_hand", "stock")),
)  # fmt: skip
_FIELD = {f.key: f for f in FIELDS}


def _norm_header(text: str) -> str:
    """（元）→ (元), Ｗｅｉｇｈｔ → weight; spaces, *, _ and - are dropped: "* SKU 编码" → "sku编码"."""
    return re.sub(r"[\s*_\-]", "", unicodedata.normalize("NFKC", text)).lower()


_ALIASES: dict[str, str] = {_norm_header(a): f.key for f in FIELDS for a in f.aliases}


def _expected_headers(lang: str) -> str:
    if lang == "zh":
        return "、".join(f"{f.zh}（必填）" if f.key == "sku" else f.zh for f in FIELDS)
    return ", ".join(f"{f.en} (required)" if f.key == "sku" else f.en for f in FIELDS)


def _map_header(
    rows: Sequence[Sequence[str]], source: str
) -> tuple[int, dict[str, int], dict[str, str], list[str]]:
    """(index of the header row, field key → column index, field key → header text, ignored headers)."""
    name = source or "导入文件"
    name_en = source or "the import file"
    candidates = [i for i, row in enumerate(rows) if any(c.strip() for c in row)][:_HEADER_SEARCH_ROWS]
    if not candidates:
        raise ImportFileError(f"{name} 是空的，没有表头", f"{name_en} is empty: no header row", source or None)
    header_idx = next((i for i in candidates if any(_ALIASES.get(_norm_header(c)) == "sku" for c in rows[i])),
                      candidates[0])  # fmt: skip
    header = [c.strip() for c in rows[header_idx]]
    found = [h for h in header if h]
    by_key: dict[str, int] = {}
    by_slot: dict[str, str] = {}
    ignored: list[str] = []
    for col, text in enumerate(header):
        if not text:
            continue
        key = _ALIASES.get(_norm_header(text))
        if key is None:
            ignored.append(text)
            continue
        slot = _FIELD[key].slot
        if slot in by_slot:
            other = header[by_key[by_slot[slot]]]
            raise ImportFileError(
                f"{name} 的表头中「{other}」和「{text}」是同一列，请只保留一个",
                f"In {name_en} the headers '{other}' and '{text}' mean the same column; keep only one",
                source or None)  # fmt: skip
        by_slot[slot] = key
        by_key[key] = col
    missing: list[_Field] = []
    if "sku" not in by_key:
        missing.append(_FIELD["sku"])
    if "on_hand" in by_key and "warehouse" not in by_key:
        missing.append(_FIELD["warehouse"])
    if ("warehouse" in by_key or "bin" in by_key) and "on_hand" not in by_key:
        missing.append(_FIELD["on_hand"])
    if missing:
        raise ImportFileError(
            f"{name} 缺少必需的列：{'、'.join(f.zh for f in missing)}。"
            f"找到的列：{'、'.join(found) or '（无）'}。可用的列：{_expected_headers('zh')}",
            f"{name_en} lacks required column(s): {', '.join(f.en for f in missing)}. "
            f"Found: {', '.join(found) or '(none)'}. Expected: {_expected_headers('en')}",
            source or None)  # fmt: skip
    if len(by_key) == 1:
        raise ImportFileError(
            f"{name} 只有商家编码一列，没有可导入的内容。找到的列：{'、'.join(found)}。"
            f"可用的列：{_expected_headers('zh')}",
            f"{name_en} has only the SKU column, nothing to import. Found: {', '.join(found)}. "
            f"Expected: {_expected_headers('en')}", source or None)  # fmt: skip
    return header_idx, by_key, {k: header[c] for k, c in by_key.items()}, ignored


# --------------------------------------------------------------------------- cell values


class _CellError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _decimal(text: str, unit: str, zh: str, en: str) -> Decimal:
    """A number as written by a person: NFKC, spaces dropped, an optional unit suffix (regex),
    commas only as thousands separators."""
    t = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    if unit:
        t = re.sub(rf"(?:{unit})$", "", t, flags=re.IGNORECASE)
    if "," in t:
        if not _THOUSANDS.fullmatch(t):
            raise _CellError(f"{zh}「{text}」不是有效的数字", f"{en} '{text}' is not a valid number")
        t = t.replace(",", "")
    try:
        value = Decimal(t)
    except InvalidOperation:
        raise _CellError(f"{zh}「{text}」不是有效的数字", f"{en} '{text}' is not a valid number") from None
    if not value.is_finite():
        raise _CellError(f"{zh}「{text}」不是有效的数字", f"{en} '{text}' is not a valid number")
    return value


def _price_fen(text: str) -> int:
    cleaned = re.sub(r"^(?:¥|rmb|cny)|元$", "", re.sub(r"\s", "", unicodedata.normalize("NFKC", text)),
                     flags=re.IGNORECASE)  # fmt: skip
    yuan = _decimal(cleaned, "", "单价", "Price")
    if yuan < 0:
        raise _CellError(f"单价不能为负数：{text}", f"Price cannot be negative: {text}")
    fen = yuan * 100
    if fen != fen.to_integral_value():
        raise _CellError(f"单价「{text}」最多两位小数（精确到分）",
                         f"Price '{text}' has more than two decimals (finer than a fen)")  # fmt: skip
    return int(fen)


def _grams(text: str, per_unit: int) -> int:
    unit = "g|克" if per_unit == 1 else "kg|千克|公斤"
    value = _decimal(text, unit, "重量", "Weight")
    if value < 0:
        raise _CellError(f"重量不能为负数：{text}", f"Weight cannot be negative: {text}")
    return int((value * per_unit).to_integral_value(rounding=ROUND_HALF_UP))  # to the nearest gram


def _count(text: str, zh: str, en: str) -> int:
    value = _decimal(text, "", zh, en)
    if value != value.to_integral_value():
        raise _CellError(f"{zh}必须是整数：{text}", f"{en} must be a whole number: {text}")
    if value < 0:
        raise _CellError(f"{zh}不能为负数：{text}", f"{en} cannot be negative: {text}")
    return int(value)


def ean13_check_digit(first12: str) -> str:
    """The EAN-13 check digit for 12 leading digits (weights 1,3,1,3,… from the left)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


_BARCODE_SEPARATORS = re.compile(r"[,;/、|\s]+")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?e\+?\d+", re.IGNORECASE)


def classify_barcode(code: str) -> str:
    """EAN13 or CODE128 for one barcode, or _CellError saying why it is neither."""
    if re.fullmatch(r"[0-9]{13}", code):
        expected = ean13_check_digit(code[:12])
        if code[12] != expected:
            raise _CellError(f"条码 {code} 的 EAN-13 校验位错误（最后一位应为 {expected}）",
                             f"Barcode {code}: wrong EAN-13 check digit (should end in {expected})")
        return EAN13
    if _SCIENTIFIC.fullmatch(code):
        raise _CellError(
            f"条码 {code} 被 Excel 显示成了科学计数法，数字已丢失；请把该列设为文本后重新填写",
            f"Barcode {code} was turned into scientific notation by Excel and its digits are lost; "
            "format the column as text and enter it again")  # fmt: skip
    if len(code) > MAX_CODE128_LEN:
        raise _CellError(f"条码 {code} 太长（最多 {MAX_CODE128_LEN} 个字符）",
                         f"Barcode {code} is too long (at most {MAX_CODE128_LEN} characters)")  # fmt: skip
    if not all(33 <= ord(ch) <= 126 for ch in code):
        raise _CellError(f"条码 {code} 含有不能打印成 CODE128 的字符（只能用英文字母、数字和符号）",
                         f"Barcode {code} has characters CODE128 cannot print (use ASCII letters, "
                         "digits, symbols)")  # fmt: skip
    return CODE128


def _split_barcodes(text: str) -> list[str]:
    codes = _BARCODE_SEPARATORS.split(unicodedata.normalize("NFKC", text))
    return list(dict.fromkeys(c for c in codes if c))


# --------------------------------------------------------------------------- rows


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
