"""What parsing order export files gives: orders ready for intake, row problems, file errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ...domain.model import Channel, ChannelOrder
from ..products_file.results import ImportFileError, RowError
from .formats import FileFormat
from .tieout import Expected


class OrdersFileError(ImportFileError):
    """The file as a whole cannot be used (unreadable, damaged, a header we do not know)."""


class Part(StrEnum):
    """How much of an order the files gave.

    Taobao splits an order over two reports; either may come alone, and the service completes an
    order when the missing part arrives later.
    """

    FULL = "full"
    HEADER = "header"  # order report without its items: lines are one summary line (sku "")
    LINES = "lines"  # item report without its order: lines only, receiver and times unknown


@dataclass(frozen=True)
class RowProblem(RowError):
    """Why a row was not imported: the product importer's RowError, naming the file too (an import
    may read several). `row` is as the spreadsheet shows it (header = row 1)."""

    file: str = ""

    @property
    def row(self) -> int:
        return self.row_no

    def format(self, lang: str = "zh") -> str:
        return f"{self.file} {super().format(lang)}".replace("【】", "").replace(" []", "")

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "reason": self.reason(lang)}


@dataclass(frozen=True)
class ParsedOrder:
    order: ChannelOrder
    part: Part
    file: str
    rows: tuple[int, ...]  # every spreadsheet row that made the order, for messages
    expected: Expected | None = None  # what a Taobao order report says of its items, to tie lines out
    hold: str = ""  # why the order must wait for a person although it was read (Chinese, as held reasons are)


@dataclass
class FileResult:
    """One file: its format, the header and the mapping used (for the wizard to show)."""

    path: str
    name: str
    fmt: FileFormat | None = None
    header: list[str] = field(default_factory=list)
    header_row: int = 1
    mapping: dict[str, str] = field(default_factory=dict)
    data_rows: int = 0
    error: ImportFileError | None = None  # OrdersFileError, or the table reader's own

    def to_json(self, lang: str = "zh") -> dict[str, object]:
        return {
            "file": self.name, "format": self.fmt.key if self.fmt else None,
            "format_label": self.fmt.label(lang) if self.fmt else None, "rows": self.data_rows,
            "mapping": dict(self.mapping), "error": self.error.reason(lang) if self.error else None,
        }  # fmt: skip


@dataclass
class OrdersImport:
    """Everything the files held: orders to take in, rows rejected, unpaid orders skipped."""

    files: list[FileResult]
    orders: list[ParsedOrder] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped_unpaid: int = 0

    @property
    def channels(self) -> list[Channel]:
        return list(dict.fromkeys(f.fmt.channel for f in self.files if f.fmt and not f.error))

    @property
    def file_errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    @property
    def rows(self) -> int:
        return sum(f.data_rows for f in self.files)


def repeated_row(file: str, row: int, first: int) -> RowProblem:
    """A row that repeats an earlier one cell for cell: named, and counted once."""
    return RowProblem(row, "", f"本行与第 {first} 行完全相同（重复行），只计一次",
                      f"this row repeats row {first} exactly; counted once", file)  # fmt: skip
