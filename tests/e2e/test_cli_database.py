"""Which database a command works on (issue 11): never another program's, never one it made up.

A foreign file is refused byte for byte untouched; a missing path is not created by an ordinary
command; a station whose file is deleted under it refuses scans instead of "packing" into the void;
SQLite's own failures (read-only file, full disk) are said as what they are, not as a lost network.

Commands run in-process (same `main()`, same exit codes and messages); the station and
`sync --forever`, which are about a long-running process, run as subprocesses.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.test_cli import REPO, cli_env, refused  # noqa: F401 - fixture and runners shared
from tests.e2e.test_cli import orderdesk_inproc as orderdesk

PACKER_PASSWORD = "demo1234"  # the demo shop's users (orderdesk/demo/seed.py)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _journal_mode(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def shop(cli_env, tmp_path_factory) -> Path:  # noqa: ANN001, F811
    """The reporter's set-up: `db upgrade`, then 300 demo orders (seed 7) with the demo rules."""
    path = tmp_path_factory.mktemp("shop") / "base.db"
    orderdesk(cli_env, "--db", f"sqlite:///{path}", "db", "upgrade")
    orderdesk(cli_env, "--db", f"sqlite:///{path}", "demo-data", "--orders", "300", "--seed", "7", "--with-rules")
    return path


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file, so the file alone is the whole database."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _copy_db(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    _checkpoint(src)
    shutil.copy(src, dst)
    return dst


# -- another program's database ------------------------------------------------------------------


@pytest.mark.parametrize("verb", [["orders", "list"], ["db", "upgrade"], ["db", "status"],
                                  ["demo-data", "--orders", "5"]])  # fmt: skip
def test_a_foreign_sqlite_file_is_refused_and_left_untouched(cli_env, tmp_path, verb):  # noqa: ANN001, F811
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table invoices(id int)")
    conn.close()
    before = _digest(path)

    proc = orderdesk(cli_env, "--db", f"sqlite:///{path}", *verb, ok=False)
    message = refused(proc)
    assert "不是 OrderDesk 数据库" in message and "invoices" in message
    assert _digest(path) == before  # not one byte changed: no tables added
    assert _journal_mode(path) == "delete"  # and not switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]  # no -wal, -shm or backup beside it

    en = refused(orderdesk(cli_env, "--lang", "en", "--db", f"sqlite:///{path}", *verb, ok=False))
    assert "is not an OrderDesk database" in en and "left untouched" in en


def test_a_file_that_is_not_a_database_is_refused_untouched(cli_env, tmp_path):  # noqa: ANN001, F811
    path = tmp_path / "notes.db"
    path.write_text("shopping list: rice, tea\n" * 100, encoding="utf-8")
    before = _digest(path)
    message = refused(orderdesk(cli_env, "--lang", "en", "--db", f"sqlite:///{path}", "orders", "list", ok=False))
    assert "is not an OrderDesk database" in message and "not a SQLite database file" in message
    assert _digest(path) == before


def test_another_alembic_managed_database_is_not_taken_for_a_newer_orderdesk(cli_env, tmp_path):  # noqa: ANN001, F811
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table alembic_version(version_num varchar(32) primary key)")
        conn.execute("insert into alembic_version values ('ae1027a6acf')")
        conn.execute("create table contacts(id int)")
    conn.close()
    before = _digest(path)
    message = refused(orderdesk(cli_env, "--db", f"sqlite:///{path}", "orders", "list", ok=False))
    assert "不是 OrderDesk 数据库" in message and "更新版本" not in message
    assert _digest(path) == before


def test_an_orderdesk_database_from_a_newer_version_still_says_so(cli_env, shop, tmp_path):  # noqa: ANN001, F811
    path = _copy_db(shop, tmp_path / "newer.db")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    message = refused(orderdesk(cli_env, "--lang", "en", "--db", f"sqlite:///{path}", "orders", "list", ok=False))
    assert "newer OrderDesk" in message and "not an OrderDesk database" not in message


# -- a path with no database ---------------------------------------------------------------------


@pytest.mark.parametrize("verb", [["orders", "list"], ["db", "status"], ["demo-data", "--orders", "5"],
                                  ["user", "list"]])  # fmt: skip
def test_a_command_on_a_missing_path_creates_nothing_and_says_how(cli_env, tmp_path, verb):  # noqa: ANN001, F811
    path = tmp_path / "typo" / "shop.db"
    url = f"sqlite:///{path}"
    message = refused(orderdesk(cli_env, "--db", url, *verb, ok=False))
    assert "没有 OrderDesk 数据库" in message and "db upgrade" in message
    assert not path.parent.exists()  # neither the file nor its folder
    en = refused(orderdesk(cli_env, "--lang", "en", "--db", url, *verb, ok=False))
    assert "holds no OrderDesk database" in en and f"orderdesk --db {url} db upgrade" in en


def test_an_empty_file_is_set_up_only_by_db_upgrade(cli_env, tmp_path):  # noqa: ANN001, F811
    path = tmp_path / "empty.db"
    path.touch()
    url = f"sqlite:///{path}"
    message = refused(orderdesk(cli_env, "--db", url, "orders", "list", ok=False))
    assert "空数据库" in message and "db upgrade" in message
    assert path.stat().st_size == 0
    orderdesk(cli_env, "--db", url, "db", "upgrade")
    assert orderdesk(cli_env, "--db", url, "orders", "list", "--json").stdout.strip() == "[]"


def test_an_orderdesk_database_that_is_behind_is_still_upgraded(cli_env, tmp_path):  # noqa: ANN001, F811
    from alembic import command
    from sqlalchemy import create_engine

    from orderdesk.store.migrate import alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")  # as if the last start had been an OrderDesk with schema 0007
    with engine.begin() as conn:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
    engine.dispose()
    status = json.loads(orderdesk(cli_env, "--db", f"sqlite:///{path}", "db", "status", "--json").stdout)
    assert json.loads(orderdesk(cli_env, "--db", f"sqlite:///{path}", "orders", "list", "--json").stdout) == []
    assert any(p.name.startswith("old.before-0007-") for p in tmp_path.iterdir())
    after = json.loads(orderdesk(cli_env, "--db", f"sqlite:///{path}", "db", "status", "--json").stdout)
    assert status != after and after["state"] == "CURRENT", (status, after)


# -- a station whose database file disappears ------------------------------------------------------


def _one_parcel_orders(env, url: str, count: int) -> list[tuple[str, list[str]]]:  # noqa: ANN001
    """Allocated Suzhou orders with one parcel: (order number, the SKU scans that pack it)."""
    listed = json.loads(orderdesk(env, "--db", url, "orders", "list", "--status", "ALLOCATED",
                                  "--warehouse", "SZ-SUZHOU", "--json", "--limit", "50").stdout)  # fmt: skip
    found = []
    for row in listed:
        detail = json.loads(orderdesk(env, "--db", url, "orders", "show", row["order_no"], "--json").stdout)
        if len(detail["shipments"]) == 1:
            scans = [ln["sku"] for ln in detail["shipments"][0]["lines"] for _ in range(ln["quantity"])]
            found.append((row["order_no"], scans))
        if len(found) == count:
            return found
    raise AssertionError("the demo shop should hold enough one-parcel Suzhou orders")


def _scan(station: subprocess.Popen, code: str) -> dict:
    station.stdin.write(code + "\n")
    station.stdin.flush()
    return json.loads(station.stdout.readline())


def test_a_station_refuses_scans_once_its_database_folder_is_deleted(cli_env, shop, tmp_path):  # noqa: ANN001, F811
    path = _copy_db(shop, tmp_path / "bench" / "shop.db")
    url = f"sqlite:///{path}"
    (first, first_scans), (second, second_scans) = _one_parcel_orders(cli_env, url, 2)
    station = subprocess.Popen(
        [sys.executable, "-m", "orderdesk", "--db", url, "--user", "packer1", "station", "--warehouse", "SZ-SUZHOU"],
        cwd=REPO, env=dict(cli_env, ORDERDESK_PASSWORD=PACKER_PASSWORD), stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    try:
        verdicts = [_scan(station, code) for code in [first, *first_scans]]
        assert verdicts[-1]["kind"] == "packed"  # the station works while its file is there

        shutil.rmtree(path.parent)
        after = [_scan(station, code) for code in [second, *second_scans]]
    finally:
        _out, err = station.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert all(not v["ok"] for v in after), after
    assert not any(v["kind"] == "packed" for v in after)
    assert all(str(path) in v["message"] and "已被删除" in v["message"] for v in after), after

    message = refused(orderdesk(cli_env, "--db", url, "orders", "list", ok=False))  # and nothing is made up
    assert "没有 OrderDesk 数据库" in message
    assert not path.parent.exists()


def test_sync_forever_stops_when_its_database_file_is_deleted(cli_env, tmp_path):  # noqa: ANN001, F811
    path = tmp_path / "hub" / "sync.db"
    orderdesk(cli_env, "--db", f"sqlite:///{path}", "db", "upgrade")
    sync = subprocess.Popen([sys.executable, "-m", "orderdesk", "--db", f"sqlite:///{path}", "sync", "--forever",
                             "--interval", "0.2"], cwd=REPO, env=cli_env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")  # fmt: skip
    try:
        shm = path.with_name(path.name + "-shm")
        deadline = time.monotonic() + 60
        while not shm.exists() and time.monotonic() < deadline and sync.poll() is None:
            time.sleep(0.1)  # until it has the file open (SQLite's shared-memory file appears)
        time.sleep(1)  # and a few rounds on it
        assert sync.poll() is None, sync.communicate()
        shutil.rmtree(path.parent)
        _out, err = sync.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        sync.kill()
        sync.communicate()
        pytest.fail("sync --forever went on after its database file was deleted")
    assert sync.returncode != 0
    assert "Traceback" not in err and str(path) in err and "已被删除" in err, err
    assert not path.parent.exists()


# -- what SQLite says, said to the person ------------------------------------------------------------


def test_a_read_only_database_file_is_said_to_be_read_only(cli_env, shop, tmp_path):  # noqa: ANN001, F811
    path = _copy_db(shop, tmp_path / "ro.db")
    order = json.loads(orderdesk(cli_env, "--db", f"sqlite:///{path}", "orders", "list", "--json", "--limit", "1").stdout)[0]
    _checkpoint(path)
    url = f"sqlite:///file:{path}?mode=ro&uri=true"  # opened read-only: what root's chmod cannot show
    before = _digest(path)
    listed = orderdesk(cli_env, "--db", url, "orders", "list", "--limit", "5")  # reading still works
    assert len(listed.stdout.splitlines()) == 2 + 5  # header, rule, five orders
    message = refused(orderdesk(cli_env, "--db", url, "refund", order["order_no"], "--reason", "x", ok=False))
    assert "只读" in message and "网络" not in message
    en = refused(orderdesk(cli_env, "--lang", "en", "--db", url, "refund", order["order_no"], "--reason", "x", ok=False))
    assert "read-only" in en and "network" not in en
    assert _digest(path) == before


@pytest.fixture
def tiny_disk(tmp_path: Path):  # noqa: ANN201
    """A 1.5 MB tmpfs: a real full disk. Needs root (mount); skipped where mounting is not allowed."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(mnt)],
                          capture_output=True, check=False)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    yield mnt
    subprocess.run(["umount", str(mnt)], check=True)


def test_a_full_disk_is_said_to_be_full(cli_env, tiny_disk):  # noqa: ANN001, F811
    url = f"sqlite:///{tiny_disk / 'shop.db'}"
    orderdesk(cli_env, "--db", url, "db", "upgrade")
    proc = orderdesk(cli_env, "--db", url, "demo-data", "--orders", "3000", "--seed", "2", ok=False)
    message = refused(proc)
    assert "磁盘已满" in message and "网络" not in message, message
