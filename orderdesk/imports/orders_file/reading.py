"""Reading an export into rows of text, keeping what a truncated CSV still holds.

An .xlsx goes through the product importer's `read_table` (ids never become floats). A .csv is read
here with the same decoding and cell cleaning, but a file cut short (a broken download, a partial
copy) is not refused as a whole: its rows up to the cut are kept and the cut row is named, so the
good orders of the file can still be imported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..file_limits import bounded_rows, check_size
from ..products_file.results import ImportFileError
from ..products_file.table import _ZIP_MAGIC, _clean, _decode, _trim, read_table


MAY_NEED_CLEANING = frozenset("='\" \t\r\n\u3000\ufeff\u200b\u200c\u200d\u2060")


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]  # rows[i] is spreadsheet row i + 1
    truncated_row: int | None = None  # the spreadsheet row where the file ends mid-way, if it does
    raw: bool = False  # cells not yet cleaned (="123", '123): a CSV's, cleaned only where mapped

    def clean(self, text: str) -> str:
        return clean_cell(text) if self.raw else text


def clean_cell(text: str) -> str:
    """="123" → 123, '123 → 123, spaces and tabs stripped; most cells need none of it."""
    if not text or (text[0] not in MAY_NEED_CLEANING and text[-1] not in MAY_NEED_CLEANING):
        return text
    return _clean(text)


def read_rows(path: str | Path) -> Table:
    """The first sheet of an .xlsx, or a .csv, as rows of text. ImportFileError if unusable."""
    p = Path(path)
    if p.suffix.lower() != ".csv" or _magic(p) == _ZIP_MAGIC:
        return Table(read_table(p))
    check_size(p)
    data = p.read_bytes()
    text, cut = _decode_salvaging(data, p)
    raw, open_quote = _csv_rows(text, p)
    truncated = cut or open_quote or _short_last_line(text, raw)
    rows = [_trim(r) for r in raw]
    while rows and not rows[-1]:
        rows.pop()
    return Table(rows, len(rows) if truncated and rows else None, raw=True)


def _magic(p: Path) -> bytes:
    try:
        with p.open("rb") as f:
            return f.read(4)
    except FileNotFoundError:
        raise ImportFileError(f"找不到文件：{p}", f"File not found: {p}", str(p)) from None
    except OSError as exc:
        raise ImportFileError(f"无法打开文件 {p.name}：{exc.strerror}",
                              f"Cannot open {p.name}: {exc.strerror}", str(p)) from exc  # fmt: skip


def _decode_salvaging(data: bytes, path: Path) -> tuple[str, bool]:
    """(text, whether the last bytes were a cut character). UTF-8 is tried before GB18030 so a
    UTF-8 file cut inside a character is not misread as GB18030."""
    try:
        return _decode(data, path), False
    except ImportFileError as exc:
        error = exc
    for encoding in ("utf-8-sig", "gb18030"):
        for cut in (1, 2, 3):
            try:
                return data[:-cut].decode(encoding), True
            except UnicodeDecodeError:
                continue
    raise error


def _csv_rows(text: str, path: Path) -> tuple[list[list[str]], bool]:
    """(rows of cells as written, whether the text ends inside a quoted cell).

    Read strictly first, since only a strict reader notices a quote left open at the end; the
    record it fails on is then read leniently, so the cut row still shows its order number.
    """
    if "\x00" in text:
        raise ImportFileError(f"{path.name} 不是文本格式的 CSV 文件", f"{path.name} is not a text CSV file", str(path))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","

    def lenient(source: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(source, newline=""), delimiter=delimiter))

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    bounded = bounded_rows(reader, path)
    rows: list[list[str]] = []
    while True:
        start = reader.line_num
        try:
            rows.append(next(bounded))
        except StopIteration:
            return rows, False
        except csv.Error as exc:
            if "unexpected end of data" not in str(exc):
                return lenient(text), False  # a stray quote mid-cell: tolerated as Excel does
            tail = "".join(io.StringIO(text, newline="").readlines()[start:])
            return rows + lenient(tail)[:1], True


def _short_last_line(text: str, rows: list[list[str]]) -> bool:
    """No final line break and fewer cells than the rows above: the file stops inside its last row."""
    if len(rows) < 2 or text.endswith(("\n", "\r")):
        return False
    return len(rows[-1]) < max(len(r) for r in rows[:10])
