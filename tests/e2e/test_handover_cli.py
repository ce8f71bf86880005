"""`orderdesk handover` as the dock runs it: scans on stdin, one whole verdict per stdout line, the
manifest closed at the end (or at a CLOSE scan) and named on the last line; `handover list`, `show`
and `print` read it back. On PostgreSQL two leads at two docks scan the same parcels at the same
moment: each parcel is handed over exactly once."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from orderdesk.bootstrap import open_store
from tests.e2e.test_cli import REPO, cli_env, orderdesk  # noqa: F401
from tests.helpers.cli_inproc import run_in_env
from tests.helpers.handover import WH, ready_parcels
from tests.helpers.pdf_tools import code128, pdf_text


def handover(env: dict[str, str], db: str, *args: str, scans: str = "", user: str = "lead") -> subprocess.CompletedProcess:
    """A dock scanning into a real process's standard input."""
    proc = subprocess.run([sys.executable, "-m", "orderdesk", "--db", db, "--user", user, "handover", *args],
                          cwd=REPO, env=dict(env, ORDERDESK_PASSWORD="demo1234"), input=scans, capture_output=True,
                          text=True, encoding="utf-8", timeout=180)  # fmt: skip
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return proc


def handover_read(env: dict[str, str], db: str, *args: str) -> subprocess.CompletedProcess:
    """`handover list|show|print`, which read a manifest back: run in-process."""
    proc = run_in_env(dict(env, ORDERDESK_PASSWORD="demo1234"), "--db", db, "--user", "lead", "handover", *args)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def dock(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[tuple[str, str]]]:
    """A SQLite demo database with packed, labelled Suzhou parcels: (url, [(order_no, waybill)])."""
    url = f"sqlite:///{tmp_path_factory.mktemp('dock') / 'orderdesk.db'}"
    store = open_store(url, create=True)
    try:
        return url, ready_parcels(store.make_uow, 880_000, 10)
    finally:
        store.close()


def test_scans_from_stdin_give_one_json_verdict_per_line_and_a_closed_manifest(cli_env, dock):  # noqa: ANN001, F811
    url, ready = dock
    (a, wa), (b, _wb) = ready[0], ready[1]
    scans = [wa, b, "7312 扫码乱码", "73129999999999", wa, ""]
    proc = handover(cli_env, url, "--courier", "中通快递", "--warehouse", WH, "--json", scans="\n".join(scans) + "\n")
    lines = proc.stdout.splitlines()
    assert len(lines) == len(scans) + 1  # one verdict per scan, then the manifest
    verdicts = [json.loads(line) for line in lines]
    assert [(v["ok"], v["refusal"]) for v in verdicts[:-1]] == [
        (True, None), (True, None), (False, "garbage"), (False, "unknown"), (False, "handed_over"), (False, "empty")]
    assert verdicts[0]["order"] == a and verdicts[1]["order"] == b and verdicts[1]["count"] == 2
    last = verdicts[-1]
    assert last["status"] == "CLOSED" and last["count"] == 2 and last["refused"] == 3  # the empty scan is not kept
    listed = json.loads(handover_read(cli_env, url, "list", "--json").stdout)
    assert listed[0]["manifest"] == last["manifest"] and listed[0]["count"] == 2 and listed[0]["opened_by"] == "lead"
    shown = json.loads(handover_read(cli_env, url, "show", str(last["manifest"]), "--json").stdout)
    assert [p["order"] for p in shown["parcels"]] == [a, b]
    assert sorted(r["reason"] for r in shown["refused"]) == ["garbage", "handed_over", "unknown"]


def test_a_close_scan_closes_and_stops_and_text_mode_speaks_the_language(cli_env, dock):  # noqa: ANN001, F811
    url, ready = dock
    (_c, wc), (_d, wd) = ready[2], ready[3]
    proc = handover(cli_env, url, "--courier", "ZTO", "--warehouse", "苏州仓", "--lang", "en",
                    scans=f"{wc}\nCLOSE\n{wd}\n")  # fmt: skip
    lines = proc.stdout.splitlines()
    assert len(lines) == 3 and lines[0].startswith(f"✓ {wc}\t") and "handed to ZTO Express" in lines[0]
    assert "closed: 1 parcel(s)" in lines[1] and lines[2].startswith("Manifest ") and "closed, 1 parcel(s)" in lines[2]
    again = handover(cli_env, url, "--courier", "ZTO", "--warehouse", WH, "--json", scans=f"{wd}\n")
    assert json.loads(again.stdout.splitlines()[0])["ok"]  # the scan after CLOSE was never read: wd is still here


def test_print_writes_the_manifest_pdf_with_readable_barcodes(cli_env, dock, tmp_path: Path):  # noqa: ANN001, F811
    url, ready = dock
    scans = [w for _no, w in ready[5:9]]
    proc = handover(cli_env, url, "--courier", "ZTO", "--warehouse", WH, "--json", scans="\n".join(scans) + "\n")
    manifest = json.loads(proc.stdout.splitlines()[-1])["manifest"]
    out = tmp_path / "manifest.pdf"
    handover_read(cli_env, url, "print", str(manifest), "--out", str(out))
    text_ = pdf_text(out)
    assert f"No. {manifest}" in text_ and "共 4 件" in text_ and "苏州仓" in text_ and "快递员签字" in text_
    assert all(w in text_ for w in scans)
    assert code128(out) == set(scans)


@pytest.mark.postgres
@pytest.mark.slow
def test_two_docks_scanning_the_same_parcels_at_once_hand_each_over_once(cli_env, pg_server):  # noqa: ANN001, F811
    url = pg_server.create_database("orderdesk_handover_race")
    try:
        store = open_store(url, create=True)
        try:
            ready = ready_parcels(store.make_uow, 890_000, 40)
        finally:
            store.close()
        waybills = [w for _no, w in ready]
        # Each dock first scans a parcel of its own and answers it, so both processes are up and
        # connected before the contested parcels arrive; then both get all the rest, shuffled
        # differently, at the same moment.
        procs = [subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", url, "--user", user, "handover",
                                   "--courier", "ZTO", "--warehouse", WH, "--json"], cwd=REPO,
                                  env=dict(cli_env, ORDERDESK_PASSWORD="demo1234"), stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
                 for user in ("lead", "admin")]  # fmt: skip
        firsts = []
        for proc, own in zip(procs, waybills[:2], strict=True):
            proc.stdin.write(own + "\n")
            proc.stdin.flush()
            firsts.append(proc.stdout.readline())
        assert all(json.loads(line)["ok"] for line in firsts), firsts
        rest = waybills[2:]
        for i, proc in enumerate(procs):
            order = rest[:]
            random.Random(i).shuffle(order)
            proc.stdin.write("\n".join(order) + "\n")
            proc.stdin.flush()
        outputs = [(first + out, err) for first, (out, err) in
                   zip(firsts, (p.communicate(timeout=600) for p in procs), strict=True)]  # fmt: skip
        assert all(p.returncode == 0 for p in procs), [err for _out, err in outputs]
        verdicts = [[json.loads(line) for line in out.splitlines()[:-1]] for out, _err in outputs]
        accepted = [v["waybill"] for vs in verdicts for v in vs if v["ok"]]
        assert sorted(accepted) == sorted(waybills)  # each parcel once, by one dock or the other
        assert {v["refusal"] for vs in verdicts for v in vs if not v["ok"]} == {"handed_over"}
        check = open_store(url)
        try:
            with check.engine.connect() as conn:
                rows = conn.execute(text("SELECT count(*), count(DISTINCT shipment_id) FROM handover_parcels")).one()
                events = conn.execute(text("SELECT count(*) FROM order_events WHERE kind = 'HANDOVER'")).scalar()
        finally:
            check.close()
        assert len(waybills) >= 20 and tuple(rows) == (len(waybills), len(waybills)) and events == len(waybills)
    finally:
        pg_server.drop_database("orderdesk_handover_race")
