"""Hostile files: an .xlsx that unpacks to hundreds of MB, a .csv with more rows than any export.

Each is refused with a message, quickly, by every command that reads a user's file; nothing is
written. "Quickly" is a generous bound (the command finishes inside a 20 s subprocess time-out;
before the bounds existed the same files kept openpyxl busy for minutes). The bounded commands run
as subprocesses, so the time-out can stop them; set-up and read-back run in-process.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orderdesk.imports.file_limits import MAX_ROWS
from tests.e2e.test_cli import cli_env, orderdesk, orderdesk_inproc, refused  # noqa: F401 - fixture and runners shared
from tests.helpers.export_files import PDD_HEADER, pdd_row, table, write_csv, xlsx_bomb

QUICK = 20  # seconds: a bound no slow machine should reach, far below what unbounded reading takes


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Under 1 MB on disk, 300 MB of sheet XML once unpacked."""
    return xlsx_bomb(tmp_path_factory.mktemp("bomb") / "订单导出.xlsx", PDD_HEADER, 300)


@pytest.mark.parametrize("command", [["import"], ["products", "import"]], ids=["import", "products-import"])
def test_an_xlsx_unpacking_to_hundreds_of_mb_is_refused_at_once(cli_env, tmp_path, bomb, command):  # noqa: F811
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    orderdesk_inproc(cli_env, "--db", db, "db", "upgrade")
    proc = orderdesk(cli_env, "--db", db, *command, str(bomb), ok=False, timeout=QUICK)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "订单导出.xlsx 太大，未读取" in proc.stderr and "200 MB" in proc.stderr
    english = orderdesk(cli_env, "--db", db, "--lang", "en", *command, str(bomb), ok=False, timeout=QUICK)
    assert "is too large and was not read" in english.stderr
    assert json.loads(orderdesk_inproc(cli_env, "--db", db, "orders", "list", "--json").stdout) == []


def test_a_csv_with_more_rows_than_the_bound_is_refused(cli_env, tmp_path):  # noqa: F811
    rows = [pdd_row(f"R{i}") for i in range(MAX_ROWS + 1)]
    path = write_csv(tmp_path / "太多行.csv", table(PDD_HEADER, rows))
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    orderdesk_inproc(cli_env, "--db", db, "db", "upgrade")
    proc = orderdesk(cli_env, "--db", db, "import", str(path), "--dry-run", ok=False, timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "太多行.csv 太大，未读取" in proc.stderr and f"{MAX_ROWS:,} 行" in proc.stderr


def test_a_last_row_of_1e308_is_reported_by_the_preview_and_the_import_and_nothing_else_is_lost(cli_env, tmp_path):  # noqa: F811
    rows = [pdd_row(f"B{i}") for i in range(40)] + [pdd_row("LAST", **{"用户实付金额(元)": "1e308"})]
    path = write_csv(tmp_path / "big.csv", table(PDD_HEADER, rows))
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    orderdesk_inproc(cli_env, "--db", db, "db", "upgrade")
    preview = json.loads(orderdesk_inproc(cli_env, "--db", db, "import", str(path), "--dry-run", "--json").stdout)
    done = json.loads(orderdesk_inproc(cli_env, "--db", db, "import", str(path), "--json").stdout)
    for report in (preview, done):
        assert report["new"] == 40 and [(r["row"], r["file"]) for r in report["rejected"]] == [(42, "big.csv")]
        assert "用户实付金额(元)" in json.dumps(report["rejected"], ensure_ascii=False)
    assert len(json.loads(orderdesk_inproc(cli_env, "--db", db, "orders", "list", "--json", "--limit", "100").stdout)) == 40
