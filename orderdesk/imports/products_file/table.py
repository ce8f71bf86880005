"""Reading an .xlsx or .csv import file into rows of stripped strings, ids kept as written (never floats)."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
from contextlib import ExitStack
from datetime import date, datetime, time
from decimal import Decimal
from itertools import zip_longest
from pathlib import Path
from typing import Any

from ..file_limits import bounded_rows, check_size, check_zip
from .results import ImportFileError

_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_CSV_SUFFIXES = (".csv",)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


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

    check_zip(path)  # a zip bomb is refused before openpyxl unpacks it
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
                for row_v, row_f in zip_longest(bounded_rows(ws_v.iter_rows(values_only=True), path),
                                                bounded_rows(ws_f.iter_rows(values_only=True), path), fillvalue=())
            ]  # fmt: skip
    except ImportFileError:
        raise
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
    check_size(path)
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
        return [[_clean(c) for c in row] for row in bounded_rows(reader, path)]
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
