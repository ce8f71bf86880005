"""One data row seen through the column mapping: cells by field key, problems noted, not raised.

A row keeps going after its first bad cell so the preview can list every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from .fields import FIELD, TIME_FIELDS
from .reading import MAY_NEED_CLEANING, clean_cell
from .results import RowProblem
from .values import CellError

T = TypeVar("T")


class Columns:
    """field key → column index, from a mapping field key → header text."""

    def __init__(self, header: Sequence[str], mapping: Mapping[str, str], raw: bool = False) -> None:
        first = {}
        for i, h in enumerate(header):
            first.setdefault(h.strip(), i)
        self.mapping = {k: v for k, v in mapping.items() if v and v.strip() in first}
        self.index = {k: first[v.strip()] for k, v in self.mapping.items()}
        self.times = tuple(k for k in TIME_FIELDS if k in self.index)  # read on every row: only mapped ones
        self.raw = raw  # cells as a CSV holds them: clean the mapped ones (a wide export has dozens more)
        self._pairs = tuple(self.index.items())

    def cells(self, row: Sequence[str]) -> dict[str, str]:
        """The mapped cells of a row, cleaned. Inlined: this runs for every cell of a large file."""
        n, out, need = len(row), {}, MAY_NEED_CLEANING
        for k, i in self._pairs:
            v = row[i] if i < n else ""
            if self.raw and v and (v[0] in need or v[-1] in need):
                v = clean_cell(v)
            out[k] = v
        return out


class Row:
    def __init__(self, file: str, row_no: int, cells: dict[str, str], columns: Columns) -> None:
        self.file = file
        self.row_no = row_no
        self.cells = cells
        self.columns = columns
        self.problems: list[RowProblem] = []

    def text(self, key: str) -> str:
        return self.cells.get(key, "")  # cells come cleaned: stripped, ="…" undone

    def has(self, key: str) -> bool:
        return key in self.cells

    def parsed(self, key: str, parse: Callable[[str], T], default: T) -> T:
        """The cell read by `parse`; `default` for an absent column, or after noting a problem."""
        if key not in self.cells:
            return default
        try:
            return parse(self.cells[key])
        except CellError as exc:
            self.fail(key, exc.zh, exc.en)
            return default

    def fail(self, key: str, zh: str, en: str) -> None:
        column = self.columns.mapping.get(key) or (FIELD[key].zh if key in FIELD else "")
        self.problems.append(RowProblem(self.row_no, column, zh, en, self.file))

    def required(self, key: str) -> str:
        value = self.text(key)
        if not value:
            label = FIELD[key]
            self.fail(key, f"缺少{label.zh}", f"{label.en} is missing")
        return value
