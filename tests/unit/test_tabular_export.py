"""Exports open safely in Excel: text that looks like a formula is not run as one."""

import csv
from pathlib import Path

from openpyxl import load_workbook

from orderdesk.exports.tabular import write_table

ROWS = [["=HYPERLINK(\"http://x\",\"y\")", "-5.00", "+cmd", "@SUM(A1)", "正常文本"]]


def test_csv_and_xlsx_neutralise_formulas(tmp_path: Path) -> None:
    write_table(tmp_path / "a.csv", ["a", "b", "c", "d", "e"], ROWS)
    with (tmp_path / "a.csv").open(encoding="utf-8-sig") as f:
        row = list(csv.reader(f))[1]
    assert row == ["'=HYPERLINK(\"http://x\",\"y\")", "-5.00", "'+cmd", "'@SUM(A1)", "正常文本"]
    write_table(tmp_path / "a.xlsx", ["a", "b", "c", "d", "e"], ROWS)
    ws = load_workbook(tmp_path / "a.xlsx").active
    values = [c.value for c in next(ws.iter_rows(min_row=2, max_row=2))]
    assert values[0].startswith("'=") and values[1] == "-5.00" and ws.cell(2, 1).data_type != "f"
