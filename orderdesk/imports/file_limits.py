"""Bounds on what a user's .xlsx or .csv may expand to, checked before and while it is read.

A 2.8 MB .xlsx can hold a gigabyte of sheet XML; openpyxl would read all of it, for minutes and a
gigabyte of memory. The zip's own directory says how big each member is once unpacked, so a file
beyond the bounds is refused at once, before openpyxl opens it; rows and cells are counted while
reading, so a file within the byte bound but with millions of rows stops early too. Every reader
of user files (orders, products, later settlements) goes through here.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .products_file.results import ImportFileError

MAX_BYTES = 200 * 2**20  # unpacked: a 50,000-row export is about 25 MB as .csv, 60 MB of sheet XML
MAX_RATIO = 100  # unpacked / packed of one zip member: sheet XML packs 5–30 times, never 100
RATIO_FROM = 2**20  # small members (styles, a one-line sheet) may pack better; they cannot hurt
MAX_ROWS = 200_000  # four times the busiest day's export
MAX_CELLS = 20_000_000

T = TypeVar("T", bound=Sequence)


def check_zip(path: Path) -> None:
    """Refuse an .xlsx whose members unpack beyond the bounds, from its directory alone."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the reader says "damaged" in its own words
    total = sum(m.file_size for m in members)
    packed = next((m for m in members if m.file_size > RATIO_FROM
                   and m.file_size > MAX_RATIO * max(m.compress_size, 1)), None)  # fmt: skip
    if total > MAX_BYTES or packed is not None:
        raise _too_big(path, f"{total / 2**20:,.0f} MB")


def check_size(path: Path) -> None:
    """Refuse a text file larger than the bound before reading it into memory."""
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader names the problem
    if size > MAX_BYTES:
        raise _too_big(path, f"{size / 2**20:,.0f} MB")


def bounded_rows(rows: Iterable[T], path: Path) -> Iterator[T]:
    """The rows, refusing the file as soon as it has more rows or cells than the bounds."""
    cells = 0
    for n, row in enumerate(rows, start=1):
        cells += len(row)
        if n > MAX_ROWS:
            raise _too_big(path, f"> {MAX_ROWS:,} 行 / rows")
        if cells > MAX_CELLS:
            raise _too_big(path, f"> {MAX_CELLS:,} 个单元格 / cells")
        yield row


def _too_big(path: Path, found: str) -> ImportFileError:
    from .products_file.results import ImportFileError  # noqa: PLC0415 - products_file reads through here

    return ImportFileError(
        f"{path.name} 太大，未读取（{found}）：导入文件最多 {MAX_BYTES // 2**20} MB（解压后）、{MAX_ROWS:,} 行、"
        f"{MAX_CELLS:,} 个单元格。请按时间段分几次导出，或检查文件是否损坏",
        f"{path.name} is too large and was not read ({found}): an import file may hold at most "
        f"{MAX_BYTES // 2**20} MB (unpacked), {MAX_ROWS:,} rows and {MAX_CELLS:,} cells. Export it in "
        "several date ranges, or check that it is not damaged",
        str(path))  # fmt: skip
