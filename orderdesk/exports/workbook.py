"""An .xlsx workbook of several sheets with typed columns (money with two decimals, times), written
through the formula-safe cell filter; the file is complete or not there at all."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from .tabular import safe_cell

MONEY = "#,##0.00;-#,##0.00"  # two decimals, the sign shown; the currency is in the header (CNY)
TIME = "yyyy-mm-dd hh:mm:ss"


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    formats: dict[int, str] = field(default_factory=dict)  # column index -> Excel number format
    widths: dict[int, float] = field(default_factory=dict)


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> dict[str, int]:
    """Write every sheet; returns data rows per sheet. A temp file is renamed into place only
    once it is whole, so a failure leaves no partial file (and an older file untouched)."""
    if path.suffix.lower() != ".xlsx":
        raise DomainError(f"导出文件必须是 .xlsx：{path.name}", f"The export file must be .xlsx: {path.name}")
    tmp = path.with_name(path.name + ".part")
    buf = io.BytesIO()
    counts = _write(buf, sheets)  # built in memory: a disk failure cannot leave openpyxl half-way
    try:
        tmp.write_bytes(buf.getvalue())
        tmp.replace(path)
    except OSError as exc:
        _discard(tmp)
        raise DomainError(f"无法写入文件 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}") from exc
    except BaseException:
        _discard(tmp)
        raise
    return counts


def _discard(tmp: Path) -> None:
    """Remove what was half written; something else in the way (a folder) is left alone."""
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def _write(target: io.BytesIO, sheets: Sequence[Sheet]) -> dict[str, int]:
    from openpyxl import Workbook  # noqa: PLC0415 - only when exporting
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    wb = Workbook(write_only=True)
    counts = {}
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        for col, width in sheet.widths.items():
            ws.column_dimensions[get_column_letter(col + 1)].width = width
        ws.freeze_panes = "A2"
        ws.append([safe_cell(h) for h in sheet.headers])
        styled = {i: _styled_cell(ws, fmt) for i, fmt in sheet.formats.items()}
        n = 0
        for row in sheet.rows:
            ws.append([_cell(styled.get(i), value) for i, value in enumerate(row)])
            n += 1
        counts[sheet.title] = n
    wb.save(target)
    return counts


def _styled_cell(ws, number_format: str):  # noqa: ANN001, ANN202 - openpyxl's write-only sheet and cell
    """One formatted cell per column, reused row after row: the write-only sheet serialises a row
    as it is appended, so the style is looked up once per column instead of once per cell."""
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415

    cell = WriteOnlyCell(ws)
    cell.number_format = number_format
    return cell


def _cell(styled, value: Any) -> Any:  # noqa: ANN001 - a formatted column's cell or None
    """A formatted column's value in its styled cell; anything else (and an empty cell) as a plain value."""
    if styled is None or value is None:
        return safe_cell(value)
    styled.value = safe_cell(value)
    return styled
