"""`orderdesk credit-notes …` as finance uses it: issue, reverse, show, the PDF read back with
pdftotext, the xlsx read back with openpyxl (numbers with two decimals, negative totals, sums that
tie out), refusals as sentences, and no partial file when the export fails."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from orderdesk.domain.model import OrderLine, RefundState
from orderdesk.services.intake import intake_orders
from tests.helpers.builders import channel_order
from tests.helpers.cli_inproc import run_cli
from tests.helpers.pdf_tools import pdf_text

LINES = (OrderLine("BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", 3, 2990, 8970),
         OrderLine("STOR-BOX-L-WHT", "=HYPERLINK(\"http://x\") 收纳箱", 1, 4590, 4590))  # fmt: skip


@pytest.fixture
def cli(store, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.delenv("ORDERDESK_USER", raising=False)
    monkeypatch.delenv("ORDERDESK_DB", raising=False)
    orders = [channel_order(p, refund=RefundState.REFUNDED, lines=LINES) for p in ("501", "502")]
    orders = [o.__class__(**{**o.__dict__, "total_fen": 8970 + 4590 + 800, "freight_fen": 800}) for o in orders]
    intake_orders(store.make_uow, orders + [channel_order("503")], actor="system")
    url = store.engine.url.render_as_string(hide_password=False)

    def run(*args: str, ok: bool = True):  # noqa: ANN202
        out = run_cli("--lang", "en", "--db", url, *args)
        assert not out.crashed, out.err
        assert (out.code == 0) == ok, out.err or out.out
        return out

    return run


def test_finance_issues_reverses_and_reads_notes(cli):  # noqa: ANN001
    one = json.loads(cli("credit-notes", "issue", "TB501", "--line", "BASIN-FOLD-32-BLU:1", "--freight", "8",
                         "--reason", "退一个盆和运费", "--json").out)
    assert (one["goods"], one["freight"], one["total"]) == ("-29.90", "-8.00", "-37.90")
    two = json.loads(cli("credit-notes", "issue", "TB502", "--all", "--reason", "整单退款", "--json").out)
    assert two["total"] == "-143.60" and [ln["quantity"] for ln in two["lines"]] == [-3, -1]
    back = json.loads(cli("credit-notes", "reverse", two["number"], "--reason", "平台驳回退款", "--json").out)
    assert (back["total"], back["reverses"]) == ("143.60", two["number"])
    shown = json.loads(cli("credit-notes", "show", two["number"], "--json").out)
    assert shown["reversed_by"] == back["number"]
    listed = json.loads(cli("credit-notes", "list", "--json").out)
    assert [n["number"] for n in listed] == [one["number"], two["number"], back["number"]]
    refused = cli("credit-notes", "issue", "TB503", "--all", "--reason", "误操作", ok=False)
    assert "has nothing refunded" in refused.err
    over = cli("credit-notes", "issue", "TB501", "--line", "STOR-BOX-L-WHT:1:45.91", "--reason", "多退", ok=False)
    assert "more than was paid" in over.err


def test_the_pdf_says_what_finance_files(cli, tmp_path: Path):  # noqa: ANN001
    number = json.loads(cli("credit-notes", "issue", "TB501", "--all", "--reason", "买家收到破损，整单退款",
                            "--json").out)["number"]  # fmt: skip
    out = tmp_path / "cn.pdf"
    cli("credit-notes", "pdf", number, "--out", str(out))
    text = pdf_text(out)
    for expected in ("红字凭证", "Credit note", number, "TB501", "淘宝/天猫", "张* 138****5678", "BASIN-FOLD-32-BLU",
                     "折叠洗脸盆 32cm 蓝色", "-89.70", "-45.90", "-8.00", "-143.60", "买家收到破损，整单退款",
                     "系统 (system)"):  # fmt: skip
        assert expected in text, expected
    assert "13812345678" not in text


def test_the_export_ties_out_to_the_cent(cli, tmp_path: Path):  # noqa: ANN001
    cli("credit-notes", "issue", "TB501", "--line", "BASIN-FOLD-32-BLU:1", "--reason", "退一个")
    cli("credit-notes", "issue", "TB501", "--line", "BASIN-FOLD-32-BLU:2", "--freight", "8", "--reason", "退其余")
    cli("credit-notes", "issue", "TB502", "--line", "STOR-BOX-L-WHT:0:10.05", "--reason", "仅退款 10.05")
    out = tmp_path / "notes.xlsx"
    cli("credit-notes", "export", "--from", "2000-01-01", "--to", "2100-12-31", "--out", str(out))
    wb = load_workbook(out)
    notes, lines = (list(ws.iter_rows(min_row=2)) for ws in wb.worksheets)
    totals = [Decimal(str(r[8].value)) for r in notes]
    assert totals == [Decimal("-29.90"), Decimal("-67.80"), Decimal("-10.05")]
    assert all(r[c].number_format == "#,##0.00;-#,##0.00" for r in notes for c in (6, 7, 8))
    assert all(isinstance(r[c].value, (int, float)) for r in notes for c in (6, 7, 8))
    per_note = {}
    for r in lines:
        per_note[r[0].value] = per_note.get(r[0].value, Decimal(0)) + Decimal(str(r[7].value))
    for r in notes:  # goods = the sum of the note's lines; goods + freight = total
        assert per_note[r[0].value] == Decimal(str(r[6].value))
        assert Decimal(str(r[6].value)) + Decimal(str(r[7].value)) == Decimal(str(r[8].value))
    assert sum(per_note[n] for n in per_note if n in {r[0].value for r in notes[:2]}) == Decimal("-89.70")
    assert lines[-1][4].value.startswith("'=HYPERLINK")  # a title is never run as a formula
    assert [r[9].value for r in notes] == ["CNY"] * 3


def test_a_failed_export_leaves_no_partial_file_and_keeps_the_old_one(cli, tmp_path: Path):  # noqa: ANN001
    cli("credit-notes", "issue", "TB501", "--all", "--reason", "整单退款")
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "notes.xlsx"
    out.write_bytes(b"last month's export")
    (folder / "notes.xlsx.part").mkdir()  # the temp file cannot be written
    failed = cli("credit-notes", "export", "--from", "2000-01-01", "--to", "2100-12-31", "--out", str(out), ok=False)
    assert "Cannot write" in failed.err
    assert out.read_bytes() == b"last month's export"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.xlsx", "notes.xlsx.part"]
    (folder / "notes.xlsx.part").rmdir()
    cli("credit-notes", "export", "--from", "2000-01-01", "--to", "2100-12-31", "--out", str(out))
    assert load_workbook(out).worksheets[0].max_row == 2
