"""`orderdesk returns`: a parcel checked in from stdin with one verdict per line and a summary, the
list of check-ins, unknown parcels and matching one to its order; and, in a real process, a verdict
that comes out as each line goes in (a scanner's desk waits for it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.services.orders import change_status, order_detail
from tests.helpers.cli_inproc import run_cli
from tests.helpers.parcels import packed_split_order

WH = "SZ-SUZHOU"
BASIN, BAG = "BASIN-FOLD-32-BLU", "CLN-BAG-100"


@pytest.fixture
def refunded(store, monkeypatch):  # noqa: ANN001
    for name in [k for k in os.environ if k.startswith("ORDERDESK_")]:
        monkeypatch.delenv(name)
    packed = packed_split_order(store.make_uow)
    change_status(store.make_uow, packed.order_no, OrderEvent.SHIP, "system")
    change_status(store.make_uow, packed.order_no, OrderEvent.REQUEST_REFUND, "system", reason="buyer returns it")
    return packed


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_checkin_reads_item_lines_and_answers_each_with_a_json_verdict(store, db_url, refunded):  # noqa: ANN001
    stdin = f"{BASIN} damaged 盆底裂开\nNOT-A-CODE\nMISSING {BAG}\nDONE\n"
    done = run_cli("--db", db_url, "returns", "checkin", refunded.order_no, "--warehouse", WH, "--json", stdin=stdin)
    assert done.code == 0, done.err
    *verdicts, summary = _lines(done.out)
    assert [v["kind"] for v in verdicts] == ["opened", "item", "refused", "missing", "checked_in"]
    assert not any(v.get("summary") for v in verdicts) and summary["summary"]  # its own line, the last
    assert verdicts[2]["refusal"] == "unknown_barcode" and verdicts[2]["message"] == "无法识别的条码：NOT-A-CODE"
    assert summary["outcome"] == "PARTLY_RETURNED" and summary["refused"] == 1
    assert order_detail(store.make_uow, "system", refunded.order_no).row.status == "REFUND_REQUESTED"


def test_checkin_ends_with_a_summary_and_end_of_input_closes_the_parcel(store, db_url, refunded):  # noqa: ANN001
    done = run_cli("--db", db_url, "--lang", "en", "returns", "checkin", refunded.order_no, "--warehouse", WH,
                   "--json", stdin=f"{BASIN}\n{BAG}\n")  # fmt: skip
    assert done.code == 0, done.err
    *verdicts, summary = _lines(done.out)
    assert verdicts[-1]["kind"] == "checked_in"
    assert summary["summary"] and summary["outcome"] == "RETURNED" and summary["state"] == "RETURNED"
    assert summary["refused"] == 0 and summary["message"].startswith("✓ Return checked in")
    again = run_cli("--db", db_url, "returns", "checkin", refunded.order_no, "--warehouse", WH, "--json", stdin="")
    first, summary = _lines(again.out)
    assert again.code == 1 and first["refusal"] == "already_checked_in" and not summary["ok"]
    listed = run_cli("--db", db_url, "returns", "list", "--warehouse", WH, "--json")
    rows = json.loads(listed.out)
    assert [(r["order"], r["outcome"], r["state"]) for r in rows] == [(refunded.order_no, "RETURNED", "DONE")]
    assert {(li["sku"], li["condition"]) for li in rows[0]["lines"]} == {(BASIN, "resellable"), (BAG, "resellable")}


def test_an_unknown_parcel_is_listed_and_matched_from_the_command_line(store, db_url, refunded):  # noqa: ANN001
    rec = run_cli("--db", db_url, "returns", "checkin", "73123456789012", "--warehouse", WH, "--note", "面单模糊",
                  stdin=f"{BASIN}\n{BAG}\n")  # fmt: skip
    assert rec.code == 0, rec.err
    assert rec.out.splitlines()[-1].startswith("== ✓ 已登记为未知包裹")
    unknown = json.loads(run_cli("--db", db_url, "returns", "unknown", "--json").out)
    assert [(u["parcel_code"], u["note"], u["state"]) for u in unknown] == [("73123456789012", "面单模糊", "UNKNOWN")]
    table = run_cli("--db", db_url, "returns", "unknown")
    assert "未知包裹" in table.out and "73123456789012" in table.out
    matched = run_cli("--db", db_url, "returns", "match", str(unknown[0]["id"]), refunded.order_no, "--json")
    assert matched.code == 0, matched.err
    assert json.loads(matched.out)["outcome"] == "RETURNED"
    assert json.loads(run_cli("--db", db_url, "returns", "unknown", "--json").out) == []
    twice = run_cli("--db", db_url, "returns", "match", str(unknown[0]["id"]), refunded.order_no)
    assert twice.code == 1 and "已匹配订单" in twice.err


def test_checkin_help_documents_the_line_grammar() -> None:
    shown = run_cli("returns", "checkin", "--help")
    for word in ("damaged REASON", "MISSING CODE", "UNDO", "CANCEL", "DONE", "N*CODE", "returns match"):
        assert word in shown.out


def test_a_checkin_process_answers_each_line_as_it_arrives(store, db_url, refunded, tmp_path):  # noqa: ANN001
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERDESK_")} | {"HOME": str(tmp_path)}
    desk = subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", db_url, "returns", "checkin",
                             refunded.order_no, "--warehouse", WH, "--json"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        assert json.loads(desk.stdout.readline())["kind"] == "opened"
        desk.stdin.write(f"{BASIN}\n")
        desk.stdin.flush()
        assert json.loads(desk.stdout.readline())["kind"] == "item"  # before any further input
        desk.stdin.write("DONE\n")
        desk.stdin.close()
        rest = [json.loads(line) for line in desk.stdout]
    finally:
        desk.wait(timeout=60)
    assert rest[0]["kind"] == "checked_in" and rest[-1]["summary"] and rest[-1]["outcome"] == "PARTLY_RETURNED"
