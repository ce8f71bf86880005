"""One cell of an order export read as what it means: an id, an amount in fen, a count, a time.

Amounts arrive as `¥1,234.50`, `1234.5` or `￥12`; ids as digits that must never pass through a
float; times in Beijing time as the back-ends print them (or as Excel dates).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache

from ..products_file.cells import _CellError, _count, _decimal

CellError = _CellError
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
_EMPTY = frozenset({"", "-", "--", "—", "无", "null", "NULL", "None"})
_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_\-]*")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
_TIME = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_YUAN_MARKS = re.compile(r"^(?:¥|rmb|cny)|元$", re.IGNORECASE)
_PLAIN_AMOUNT = re.compile(r"(-?)(\d+)(?:\.(\d{1,2}))?")


def blank(text: str) -> bool:
    """The placeholders exports write for "nothing here"."""
    return text.strip() in _EMPTY


def order_id(text: str) -> str:
    """A platform order number as written ('240501-… kept as text too); refused when Excel turned
    it into 2.87E+18."""
    s = text.strip().removeprefix("'").strip()
    if _SCIENTIFIC.fullmatch(s):
        raise CellError(f"编号 {s} 被 Excel 显示成了科学计数法，数字已丢失；请从平台重新导出，不要用 Excel 另存",
                        f"The number {s} was turned into scientific notation by Excel and its digits are lost; "
                        "export the file again instead of re-saving it in Excel")  # fmt: skip
    if not _ID.fullmatch(s):
        raise CellError(f"编号「{s}」无效", f"'{s}' is not a valid order number")
    return s


@lru_cache(maxsize=4096)  # prices, "0" and the order's times repeat row after row
def amount_fen(text: str) -> int:
    """Yuan as written (¥, commas, 元) → fen; 0 for an empty cell. Exact: Decimal, never float."""
    if m := _PLAIN_AMOUNT.fullmatch(text):  # the common case, without Decimal
        fen = int(m.group(2)) * 100 + int((m.group(3) or "0").ljust(2, "0"))
        return -fen if m.group(1) else fen
    if blank(text):
        return 0
    cleaned = _YUAN_MARKS.sub("", re.sub(r"\s", "", unicodedata.normalize("NFKC", text)))
    fen = _decimal(cleaned, "", "金额", "Amount") * 100
    if fen != fen.to_integral_value():
        raise CellError(f"金额「{text}」最多两位小数", f"Amount '{text}' has more than two decimals")
    return int(fen)


def count(text: str) -> int:
    if blank(text):
        raise CellError("数量为空", "the quantity is empty")
    return _count(text, "数量", "Quantity")


@lru_cache(maxsize=4096)
def moment(text: str) -> datetime | None:
    """A time in Beijing time (2024-05-01 10:00:00, 2024/5/1 10:00, an Excel day number); None if empty."""
    s = text.strip()
    if len(s) == 19 and s[4] == "-" and s[10] == " ":  # 2024-05-01 10:00:00, the common case
        try:
            return datetime.fromisoformat(s).replace(tzinfo=BEIJING)
        except ValueError:
            pass
    if blank(s) or s.startswith("0000"):
        return None
    if m := _TIME.fullmatch(s):
        y, mo, d, h, mi, sec = (int(g) if g else 0 for g in m.groups())
        try:
            return datetime(y, mo, d, h, mi, sec, tzinfo=BEIJING)
        except ValueError:
            pass
    elif re.fullmatch(r"\d{5}(?:\.\d+)?", s):  # an Excel serial date that lost its date format
        seconds = (Decimal(s) * 86400).to_integral_value()
        return (_EXCEL_EPOCH + timedelta(seconds=int(seconds))).replace(tzinfo=BEIJING)
    raise CellError(f"时间「{s}」无法识别（应为 2024-05-01 10:00:00）",
                    f"'{s}' is not a time (expected 2024-05-01 10:00:00)")  # fmt: skip
