"""Write a header and rows to .csv or .xlsx, chosen by the file name."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "Sheet1") -> int:
    """Write and return the number of data rows; the file is complete or not there at all."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise DomainError(f"不支持的导出格式：{path.name}（请用 .csv 或 .xlsx）",
                          f"Unsupported export format: {path.name} (use .csv or .xlsx)")  # fmt: skip
    tmp = path.with_name(path.name + ".part")
    try:
        count = _write_csv(tmp, headers, rows) if suffix == ".csv" else _write_xlsx(tmp, headers, rows, sheet)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DomainError(f"无法写入文件 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}") from exc
    return count


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, @SUM) gets a leading
    apostrophe; numbers and ordinary text pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        for row in rows:
            w.writerow([safe_cell(c) for c in row])
            count += 1
    return count


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.append(list(headers))
    count = 0
    for row in rows:
        ws.append([safe_cell(c) for c in row])
        count += 1
    wb.save(path)
    return count
