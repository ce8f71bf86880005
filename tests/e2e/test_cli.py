"""The real `orderdesk` command line, run against throw-away databases.

Each call sees an environment with ORDERDESK_* unset and HOME / XDG_* / TMPDIR pointing into a
temporary folder, so nothing reads or writes the real user profile. `orderdesk()` runs
`python -m orderdesk ...` as a subprocess: for what is about the process (exit codes, options from
the environment, start-up). `orderdesk_inproc()` runs the same `main()` inside the test process,
about 2 s of CPU cheaper per call: for what a command does with its data (listing, filters, show).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from orderdesk import __version__
from orderdesk.domain.model import Channel
from orderdesk.domain.provinces import FULL_NAMES
from orderdesk.domain.status import OrderStatus
from orderdesk.store.migrate import head_revision
from tests.helpers.cli_inproc import run_in_env

REPO = Path(__file__).resolve().parents[2]
DEMO_ORDERS, DEMO_SEED = 200, 3
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERDESK_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        TMPDIR=str(home / "tmp"),
        PYTHONIOENCODING="utf-8",
        PYTHONUTF8="1",
    )
    (home / "tmp").mkdir()
    return env


def orderdesk(env: dict[str, str], *args: str, ok: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "orderdesk", *args],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    if ok:
        assert proc.returncode == 0, f"orderdesk {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def orderdesk_inproc(env: dict[str, str], *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    """`orderdesk()` run inside the test process: the same parser, handlers, output and exit code,
    without the interpreter's start-up. For tests about what a command does, not about the process
    (exit on a signal, stdin streaming, a second process racing): those keep `orderdesk()`."""
    proc = run_in_env(env, *args)
    if ok:
        assert proc.returncode == 0, f"orderdesk {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def copy_sqlite(url: str, folder: Path) -> str:
    """A private copy of a closed SQLite database (its WAL file too, if one is left), as a URL."""
    src = Path(url.removeprefix("sqlite:///"))
    dst = folder / src.name
    for suffix in ("", "-wal"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{dst}{suffix}")
    return f"sqlite:///{dst}"


def new_db(env: dict[str, str], url: str, inproc: bool = False) -> str:
    """An empty OrderDesk database at `url`: commands other than `db upgrade` and `demo` never create one."""
    (orderdesk_inproc if inproc else orderdesk)(env, "--db", url, "db", "upgrade")
    return url


def as_json(proc: subprocess.CompletedProcess):  # noqa: ANN201
    return json.loads(proc.stdout)


def refused(proc: subprocess.CompletedProcess) -> str:
    """A refusal: non-zero exit, nothing on stdout, one readable message (no traceback) on stderr."""
    assert proc.returncode != 0
    assert proc.stdout == ""
    assert proc.stderr.strip() and "Traceback" not in proc.stderr, proc.stderr
    return proc.stderr


@pytest.fixture(scope="module")
def demo_db(cli_env, tmp_path_factory) -> tuple[str, dict]:
    """A SQLite file holding the demo shop with 200 orders (seed 3); returns (url, demo-data report)."""
    url = new_db(cli_env, f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}", inproc=True)
    report = as_json(orderdesk_inproc(cli_env, "--db", url, "demo-data", "--orders", str(DEMO_ORDERS),
                               "--seed", str(DEMO_SEED), "--json"))  # fmt: skip
    return url, report


@pytest.fixture(scope="module")
def demo_orders(cli_env, demo_db) -> list[dict]:
    url, _ = demo_db
    return as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "list", "--json", "--limit", "500"))


# -- basics -----------------------------------------------------------------------------------


def test_version(cli_env):
    proc = orderdesk(cli_env, "--version")
    assert proc.stdout.strip() == f"orderdesk {__version__}"


def test_db_upgrade_then_up_to_date_then_status(cli_env, tmp_path):
    url = f"sqlite:///{tmp_path / 'sub' / 'fresh.db'}"  # the folder does not exist yet
    head = head_revision()
    first = orderdesk_inproc(cli_env, "--db", url, "db", "upgrade")
    assert first.stdout.strip() == f"数据库已升级：空库 → {head}"
    second = orderdesk_inproc(cli_env, "db", "upgrade", "--db", url)  # options also accepted after the verb
    assert second.stdout.strip() == f"数据库已是最新版本（{head}）"
    third = orderdesk_inproc(cli_env, "--lang", "en", "--db", url, "db", "upgrade")
    assert third.stdout.strip() == f"Database already up to date ({head})"
    status = as_json(orderdesk_inproc(cli_env, "--db", url, "db", "status", "--json"))
    assert status == {"state": "CURRENT", "current": head, "head": head}


def test_default_database_lives_in_the_user_data_folder(cli_env):
    orderdesk(cli_env, "db", "upgrade")
    status = as_json(orderdesk(cli_env, "db", "status", "--json"))
    assert status["state"] == "CURRENT"
    assert (Path(cli_env["XDG_DATA_HOME"]) / "OrderDesk" / "orderdesk.db").exists()


def test_db_status_of_a_database_from_a_newer_orderdesk(cli_env, tmp_path):
    path = tmp_path / "newer.db"
    orderdesk(cli_env, "--db", f"sqlite:///{path}", "db", "upgrade")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    proc = orderdesk(cli_env, "--lang", "en", "--db", f"sqlite:///{path}", "db", "status", "--json", ok=False)
    assert proc.returncode != 0
    assert as_json(proc)["state"] == "NEWER"
    assert "newer OrderDesk" in proc.stderr
    proc = orderdesk(cli_env, "--db", f"sqlite:///{path}", "orders", "list", ok=False)
    assert "更新版本" in refused(proc)


# -- demo data and listing ---------------------------------------------------------------------


def test_demo_data_fills_every_channel_and_province(demo_db, demo_orders):
    _, report = demo_db
    assert report == {"created": DEMO_ORDERS, "updated": 0, "unchanged": 0}
    assert len(demo_orders) == DEMO_ORDERS
    assert len({o["order_no"] for o in demo_orders}) == DEMO_ORDERS
    assert {o["channel"] for o in demo_orders} == {c.value for c in Channel}
    assert {o["province"] for o in demo_orders} == FULL_NAMES
    assert len(FULL_NAMES) == 34
    assert {o["status"] for o in demo_orders} <= {s.value for s in OrderStatus}
    paid = [o["paid_at"] for o in demo_orders]
    assert paid == sorted(paid, reverse=True)  # newest paid first


def test_limit_caps_the_list(cli_env, demo_db):
    url, _ = demo_db
    rows = as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "list", "--json", "--limit", "7"))
    assert len(rows) == 7


def test_demo_data_again_with_the_same_seed_creates_nothing(cli_env, demo_db, demo_orders, tmp_path):
    """Same seed -> same order numbers, even though the generator's start defaults to "now".

    Platform ids come from the seeded RNG and the order's sequence number; only PDD and
    mini-program ids also embed the paid-at date (Asia/Shanghai), and paid_at moves with "now"
    by the second or so between the two runs. So a re-run finds every order again: created 0.
    The orders count as "updated" (their channel modified-at moved on with "now") unless both runs
    fall within the same second, when they are "unchanged".
    """
    url, _ = demo_db
    src = Path(url.removeprefix("sqlite:///"))
    copy = tmp_path / "again.db"
    shutil.copy(src, copy)
    for suffix in ("-wal", "-shm"):
        if Path(f"{src}{suffix}").exists():
            shutil.copy(f"{src}{suffix}", f"{copy}{suffix}")
    near_midnight = [
        o for o in demo_orders
        if o["channel"] in ("pdd", "miniprogram")
        and (datetime.fromisoformat(o["paid_at"]).astimezone(SHANGHAI) + timedelta(seconds=120)).date()
        != datetime.fromisoformat(o["paid_at"]).astimezone(SHANGHAI).date()
    ]  # fmt: skip
    if near_midnight:
        pytest.skip("an order paid just before midnight (Shanghai) would get a new date in its id")

    again_url = f"sqlite:///{copy}"
    report = as_json(orderdesk_inproc(cli_env, "--db", again_url, "demo-data", "--orders", str(DEMO_ORDERS),
                               "--seed", str(DEMO_SEED), "--json"))  # fmt: skip
    assert report["created"] == 0
    assert report["updated"] + report["unchanged"] == DEMO_ORDERS
    rows = as_json(orderdesk_inproc(cli_env, "--db", again_url, "orders", "list", "--json", "--limit", "500"))
    assert sorted(o["order_no"] for o in rows) == sorted(o["order_no"] for o in demo_orders)


def test_list_by_phone_returns_only_that_buyers_orders(cli_env, demo_db, demo_orders):
    url, _ = demo_db
    clear = Counter(o["receiver_phone"] for o in demo_orders
                    if o["receiver_phone"].isdigit() and len(o["receiver_phone"]) == 11)  # fmt: skip
    assert clear, "the demo data should hold unmasked phone numbers"
    phone, count = clear.most_common(1)[0]
    rows = as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "list", "--phone", phone, "--json",
                                    "--limit", "500"))  # fmt: skip
    assert len(rows) == count
    assert {r["receiver_phone"] for r in rows} == {phone}
    assert {r["order_no"] for r in rows} == {o["order_no"] for o in demo_orders if o["receiver_phone"] == phone}


def test_list_filters_by_channel_and_status(cli_env, demo_db, demo_orders):
    url, _ = demo_db
    rows = as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "list", "--channel", "pdd", "--json",
                                    "--limit", "500"))  # fmt: skip
    assert rows and {r["channel"] for r in rows} == {"pdd"}
    assert len(rows) == sum(o["channel"] == "pdd" for o in demo_orders)
    rows = as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "list", "--status", "已支付", "--json",
                                    "--limit", "500"))  # fmt: skip
    assert rows and {r["status"] for r in rows} == {"PAID"}


def test_list_as_a_table_masks_phones(cli_env, demo_db, demo_orders):
    url, _ = demo_db
    proc = orderdesk_inproc(cli_env, "--db", url, "orders", "list", "--limit", "500")
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["订单号", "渠道", "状态"]
    assert len(lines) == 2 + DEMO_ORDERS
    clear = [o["receiver_phone"] for o in demo_orders if o["receiver_phone"].isdigit()]
    assert not any(p in proc.stdout for p in clear)


# -- one order ---------------------------------------------------------------------------------


def test_show_has_lines_and_a_timeline_starting_with_creation(cli_env, demo_db, demo_orders):
    url, _ = demo_db
    order_no = demo_orders[0]["order_no"]
    detail = as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "show", order_no, "--json"))
    assert detail["order_no"] == order_no
    assert detail["lines"] and all(ln["quantity"] >= 1 for ln in detail["lines"])
    assert detail["timeline"][0]["kind"] == "CREATED"
    assert detail["timeline"][0]["user"] == "system"
    assert [ev["to"] for ev in detail["timeline"] if ev["to"]][-1] == detail["status"]
    text = orderdesk_inproc(cli_env, "--db", url, "orders", "show", order_no).stdout
    assert order_no in text and "CREATED" in text


def test_show_unknown_order_is_refused_in_the_users_language(cli_env, demo_db):
    url, _ = demo_db
    zh = refused(orderdesk_inproc(cli_env, "--db", url, "orders", "show", "NOPE", ok=False))
    assert zh.strip() == "找不到订单 NOPE"
    en = refused(orderdesk_inproc(cli_env, "--db", url, "--lang", "en", "orders", "show", "NOPE", ok=False))
    assert en.strip() == "Order NOPE not found"
    env_en = {**cli_env, "ORDERDESK_LANG": "en"}
    assert refused(orderdesk(env_en, "--db", url, "orders", "show", "NOPE", ok=False)).strip() == "Order NOPE not found"


def test_unsupported_database_is_refused(cli_env):
    zh = refused(orderdesk(cli_env, "--db", "mysql://x", "orders", "list", ok=False))
    assert "不支持的数据库" in zh and "mysql://x" in zh
    en = refused(orderdesk(cli_env, "--lang", "en", "--db", "mysql://x", "db", "upgrade", ok=False))
    assert "Unsupported database: mysql://x" in en


def test_unreachable_postgresql_is_refused(cli_env):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    en = refused(orderdesk(cli_env, "--lang", "en", "--db", f"postgresql://postgres@127.0.0.1:{port}/x",
                           "orders", "list", ok=False, timeout=30))  # fmt: skip
    assert "Cannot connect to the PostgreSQL server" in en


# -- benchmark ---------------------------------------------------------------------------------


def test_bench_prints_figures(cli_env):
    proc = orderdesk(cli_env, "bench", "--only", "intake", "--orders", "2000", "--lookups", "50", "--json")
    figures = as_json(proc)["intake"]
    assert figures["orders"] == 2000 and figures["lines"] >= 2000
    assert figures["intake_orders_per_s"] > 0 and figures["raw_orders_per_s"] > 0
    for kind in ("order_no", "phone"):
        p50, p99 = figures[f"lookup_{kind}_p50_ms"], figures[f"lookup_{kind}_p99_ms"]
        assert 0 <= p50 <= p99
    assert isinstance(figures["meets_floors"], bool)
    assert "2,000" in proc.stderr  # progress goes to stderr, keeping stdout pure JSON
    assert not any(Path(cli_env["TMPDIR"]).iterdir())  # the benchmark cleans up after itself


def test_sync_bench_times_the_gateway_to_the_orders_view(cli_env):
    proc = orderdesk(cli_env, "bench", "--only", "sync", "--sync-orders", "300", "--latency-samples", "3", "--json",
                     timeout=300)  # fmt: skip
    figures = as_json(proc)["sync"]
    assert figures["orders"] == 300 and figures["sync_orders_per_s"] > 0 and figures["pages"] >= 3
    assert figures["latency_samples"] == 3 and 0 < figures["latency_p50_s"] <= figures["latency_p99_s"] < 15
    assert figures["interval_s"] == 1.0 and isinstance(figures["meets_floors"], bool)
    assert not any(Path(cli_env["TMPDIR"]).iterdir())


def test_import_bench_reads_and_imports_an_export_file(cli_env):
    figures = as_json(orderdesk(cli_env, "bench", "--only", "import", "--import-rows", "500", "--json"))["import"]
    assert figures["rows"] == 500 and 0 < figures["orders"] <= 500 and figures["rows_per_s"] > 0
    assert not any(Path(cli_env["TMPDIR"]).iterdir())


# -- PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.postgres
def test_cli_on_postgresql(cli_env, pg_server):
    url = pg_server.create_database("orderdesk_cli_e2e")
    try:
        head = head_revision()
        upgraded = orderdesk_inproc(cli_env, "--db", url, "db", "upgrade").stdout.strip()
        assert upgraded == f"数据库已升级：空库 → {head}"
        assert as_json(orderdesk_inproc(cli_env, "--db", url, "db", "status", "--json"))["state"] == "CURRENT"
        report = as_json(orderdesk_inproc(cli_env, "--db", url, "demo-data", "--orders", "60", "--seed", "1",
                                          "--json"))  # fmt: skip
        assert report["created"] == 60
        rows = as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "list", "--json", "--limit", "500"))
        assert len(rows) == 60 and {r["province"] for r in rows} == FULL_NAMES
        detail = as_json(orderdesk_inproc(cli_env, "--db", url, "orders", "show", rows[0]["order_no"], "--json"))
        assert detail["lines"] and detail["timeline"][0]["kind"] == "CREATED"
        assert detail["timeline"][0]["user"] == "system"
    finally:
        pg_server.drop_database("orderdesk_cli_e2e")
