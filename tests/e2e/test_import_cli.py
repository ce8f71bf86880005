"""`orderdesk import FILE...` as a seller runs it on the exports downloaded from the back-ends.

Most commands run in-process on copies of one empty database; the channel test, which takes its
secret and secret store from the environment, runs them as subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_cli import cli_env, copy_sqlite, new_db, orderdesk, orderdesk_inproc, refused  # noqa: F401
from tests.helpers.export_files import pdd_csv, pdd_row, taobao_csvs, write_csv


@pytest.fixture(scope="module")
def empty_db(cli_env, tmp_path_factory: pytest.TempPathFactory) -> str:  # noqa: ANN001, F811
    return new_db(cli_env, f"sqlite:///{tmp_path_factory.mktemp('import') / 'import.db'}", inproc=True)


@pytest.fixture
def db(empty_db: str, tmp_path: Path) -> str:
    return copy_sqlite(empty_db, tmp_path)


@pytest.fixture
def pdd_file(tmp_path: Path) -> Path:
    return pdd_csv(tmp_path / "拼多多订单.csv", pdd_row("E1", qty="2", paid="￥1,234.50"), pdd_row("E2", province="火星"),
                   pdd_row("E3", qty="三"))  # fmt: skip


def _json(env, *args: str):  # noqa: ANN001, ANN202
    return json.loads(orderdesk_inproc(env, *args).stdout)


def test_import_reports_counts_rejected_rows_and_holds_then_a_reimport_changes_nothing(cli_env, db, pdd_file):  # noqa: F811
    first = _json(cli_env, "--db", db, "import", str(pdd_file), "--json")
    assert (first["new"], first["updated"], first["unchanged"], first["held"]) == (2, 0, 0, 1)
    assert first["platform"] == "pdd" and first["skipped_unpaid"] == 0
    assert [(r["file"], r["row"]) for r in first["rejected"]] == [("拼多多订单.csv", 4)]
    assert "三" in first["rejected"][0]["reason"]
    again = _json(cli_env, "--db", db, "import", str(pdd_file), "--json")
    assert (again["new"], again["updated"], again["unchanged"], again["held"]) == (0, 0, 2, 0)
    held = _json(cli_env, "--db", db, "held", "--json")
    assert [h["order_no"] for h in held] == ["PDDE2"] and "火星" in held[0]["hold_reason"]
    shown = _json(cli_env, "--db", db, "orders", "show", "PDDE1", "--json")
    assert shown["total"] == "1234.50" and shown["lines"][0]["quantity"] == 2


def test_a_dry_run_writes_nothing(cli_env, db, pdd_file):  # noqa: F811
    preview = _json(cli_env, "--db", db, "import", str(pdd_file), "--dry-run", "--json")
    assert (preview["new"], preview["held"], preview["written"]) == (2, 1, False)
    assert _json(cli_env, "--db", db, "orders", "list", "--json") == []


def test_human_output_is_chinese_by_default_and_english_on_request(cli_env, db, pdd_file):  # noqa: F811
    zh = orderdesk_inproc(cli_env, "--db", db, "import", str(pdd_file), "--dry-run").stdout
    assert "新增 2" in zh and "拒绝 1 行" in zh and "第 4 行" in zh and "待审核 1" in zh
    en = orderdesk_inproc(cli_env, "--db", db, "--lang", "en", "import", str(pdd_file)).stdout
    assert "2 new" in en and "1 rows rejected" in en and "Row 4" in en and "PDDE2" in en


def test_a_file_that_cannot_be_read_fails_the_command_but_not_the_other_files(cli_env, db, pdd_file, tmp_path):  # noqa: F811
    proc = orderdesk_inproc(cli_env, "--db", db, "import", str(tmp_path / "没有这个文件.csv"), str(pdd_file), "--json",
                            ok=False)  # fmt: skip
    assert proc.returncode == 1 and "找不到文件" in proc.stderr and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["new"] == 2
    assert len(_json(cli_env, "--db", db, "orders", "list", "--json")) == 2


def test_a_file_of_another_kind_is_named_with_its_header_row(cli_env, db, tmp_path):  # noqa: F811
    other = write_csv(tmp_path / "库存.csv", [["商家编码", "库存"], ["BASIN-FOLD-32-BLU", "5"]])
    proc = orderdesk_inproc(cli_env, "--db", db, "--lang", "en", "import", str(other), ok=False)
    assert proc.returncode == 1 and "库存.csv row 1" in proc.stderr


def test_taobao_reports_given_together_in_any_order(cli_env, db, tmp_path):  # noqa: F811
    orders, items = taobao_csvs(tmp_path, "T9")
    report = _json(cli_env, "--db", db, "import", str(items), str(orders), "--json")
    assert (report["new"], report["held"], report["platform"]) == (1, 0, "taobao")
    lines = _json(cli_env, "--db", db, "orders", "show", "TBT9", "--json")["lines"]
    assert [ln["sku"] for ln in lines] == ["BASIN-FOLD-32-BLU", "STOR-BOX-L-WHT"]


def test_a_channel_of_another_platform_is_refused(cli_env, db, pdd_file):  # noqa: F811
    env = cli_env | {"ORDERDESK_SECRET_BACKEND": "file", "ORDERDESK_CHANNEL_SECRET": "s3cret"}
    orderdesk(env, "--db", db, "channel", "add", "douyin", "--name", "抖店旗舰", "--app-key", "k")
    proc = orderdesk(env, "--db", db, "import", str(pdd_file), "--channel", "抖店旗舰", ok=False)
    assert "拼多多" in refused(proc) and "抖店旗舰" in proc.stderr
    assert _json(cli_env, "--db", db, "orders", "list", "--json") == []
