"""One cell's value as a person wrote it: prices in yuan, weights, counts and barcodes (EAN-13 or CODE128)."""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Barcode kinds, spelt as in orderdesk.demo.catalog and the barcodes table.
EAN13 = "EAN13"
CODE128 = "CODE128"
MAX_CODE128_LEN = 48

# What the columns of orderdesk/store/models.py hold, the same on SQLite and PostgreSQL: a 32-bit
# INTEGER for amounts and counts, varchar(n) lengths in characters for texts.
MAX_INT = 2**31 - 1
MAX_LEN = {"sku": 64, "name": 255, "category": 64, "bin": 32, "warehouse": 64}
_SHOWN_MAX = 24  # a cell quoted in a message is cut to this many characters


class _CellError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


_SPACE = re.compile(r"\s")
_CURRENCY = re.compile(r"^(?:¥|rmb|cny)|元$", re.IGNORECASE)
_PRINTABLE_ASCII = re.compile(r"[!-~]*")


@functools.cache
def _unit_suffix(unit: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{unit})$", re.IGNORECASE)


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def shorten(text: str) -> str:
    """A cell as quoted in a message: a 100,000-character value must not make a 100,000-character error."""
    return text if len(text) <= _SHOWN_MAX else text[:_SHOWN_MAX] + "…"


def too_long(key: str, text: str, zh: str, en: str) -> _CellError | None:
    """Why `text` does not fit the column of field `key`, or None."""
    limit = MAX_LEN[key]
    if len(text) <= limit:
        return None
    return _CellError(f"{zh}「{shorten(text)}」太长（{len(text)} 个字符，最多 {limit} 个）",
                      f"{en} '{shorten(text)}' is too long ({len(text)} characters, at most {limit})")  # fmt: skip


def _at_most(value: Decimal, limit: Decimal, text: str, zh: str, en: str, shown: tuple[str, str]) -> None:
    """Refuse a value the database column cannot hold, before any arithmetic on it (1e999999999 would
    overflow the decimal context, 1e308 make a 300-digit int)."""
    if value > limit:
        raise _CellError(f"{zh}「{shorten(text)}」太大（最多 {shown[0]}）",
                         f"{en} '{shorten(text)}' is too large (at most {shown[1]})")  # fmt: skip


def _not_a_number(text: str, zh: str, en: str) -> _CellError:
    return _CellError(f"{zh}「{shorten(text)}」不是有效的数字", f"{en} '{shorten(text)}' is not a valid number")


def _decimal(text: str, unit: str, zh: str, en: str) -> Decimal:
    """A number as written by a person: NFKC, spaces dropped, an optional unit suffix (regex),
    commas only as thousands separators."""
    t = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    if unit:
        t = _unit_suffix(unit).sub("", t)
    if "," in t:
        if not _THOUSANDS.fullmatch(t):
            raise _not_a_number(text, zh, en)
        t = t.replace(",", "")
    try:
        value = Decimal(t)
    except InvalidOperation:
        raise _not_a_number(text, zh, en) from None
    if not value.is_finite():
        raise _not_a_number(text, zh, en)
    return value


def _price_fen(text: str) -> int:
    cleaned = _CURRENCY.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", text)))
    yuan = _decimal(cleaned, "", "单价", "Price")
    if yuan < 0:
        raise _CellError(f"单价不能为负数：{text}", f"Price cannot be negative: {text}")
    _at_most(yuan, Decimal(MAX_INT) / 100, text, "单价", "Price",
             (f"{MAX_INT / 100:.2f} 元", f"{MAX_INT / 100:,.2f} yuan"))
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
    _at_most(value, Decimal(MAX_INT) / per_unit, text, "重量", "Weight", (f"{MAX_INT} 克", f"{MAX_INT:,} g"))
    return int((value * per_unit).to_integral_value(rounding=ROUND_HALF_UP))  # to the nearest gram


def _count(text: str, zh: str, en: str) -> int:
    value = _decimal(text, "", zh, en)
    _at_most(value, Decimal(MAX_INT), text, zh, en, (str(MAX_INT), f"{MAX_INT:,}"))
    if value != value.to_integral_value():
        raise _CellError(f"{zh}必须是整数：{text}", f"{en} must be a whole number: {text}")
    if value < 0:
        raise _CellError(f"{zh}不能为负数：{text}", f"{en} cannot be negative: {text}")
    return int(value)


def ean13_check_digit(first12: str) -> str:
    """The EAN-13 check digit for 12 leading digits (weights 1,3,1,3,… from the left)."""
    total = sum(map(int, first12[0::2])) + 3 * sum(map(int, first12[1::2]))
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
    if not _PRINTABLE_ASCII.fullmatch(code):
        raise _CellError(f"条码 {code} 含有不能打印成 CODE128 的字符（只能用英文字母、数字和符号）",
                         f"Barcode {code} has characters CODE128 cannot print (use ASCII letters, "
                         "digits, symbols)")  # fmt: skip
    return CODE128


def _split_barcodes(text: str) -> list[str]:
    codes = _BARCODE_SEPARATORS.split(unicodedata.normalize("NFKC", text))
    return list(dict.fromkeys(c for c in codes if c))
