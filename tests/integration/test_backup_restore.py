"""`orderdesk db backup` / `db restore`: a restore gives back exactly the orders of the backup; files
that are not OrderDesk databases, or from a newer OrderDesk, are refused and change nothing."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from orderdesk.bootstrap import open_store
from orderdesk.demo.seed import seed_demo
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.services.orders import change_status, list_orders
from orderdesk.services.read_models import OrderFilter
from orderdesk.store.backup import backup_database, check_backup, restore_database, scheduled_backup
from orderdesk.store.errors import StoreError
from orderdesk.store.migrate import head_revision
from tests.helpers.builders import channel_order
from tests.helpers.cli_inproc import run_cli


def _orders(make_uow) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(r.order_no, r.status) for r in list_orders(make_uow, "system", OrderFilter(), limit=10_000)}


@pytest.fixture
def shop(tmp_path: Path):  # noqa: ANN201
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    store = open_store(url, create=True)
    seed_demo(store.make_uow, 40, seed=3, with_rules=True)
    yield url, store
    store.close()


def test_a_restore_gives_back_the_same_orders(shop, tmp_path: Path) -> None:  # noqa: ANN001
    url, store = shop
    before = _orders(store.make_uow)
    out = run_cli("--lang", "en", "--db", url, "db", "backup", str(tmp_path / "monday.db"))
    assert out.code == 0 and "Backed up to" in out.out, out.err
    from orderdesk.services.intake import intake_orders

    intake_orders(store.make_uow, [channel_order("90001")], actor="system")  # work goes on after the backup
    some = next(no for no, st in before if st == "ALLOCATED")
    change_status(store.make_uow, some, OrderEvent.REQUEST_REFUND, "system", reason="buyer asked")
    assert _orders(store.make_uow) != before
    store.close()

    out = run_cli("--lang", "en", "--db", url, "db", "restore", str(tmp_path / "monday.db"))
    assert out.code == 0, out.err
    assert f"(schema {head_revision()})" in out.out and "The previous database was kept as" in out.out
    again = open_store(url)
    try:
        assert _orders(again.make_uow) == before
    finally:
        again.close()
    kept = open_store(f"sqlite:///{next(tmp_path.glob('shop.before-restore-*.db'))}")  # what was replaced is not lost
    try:
        assert "TB90001" in {no for no, _ in _orders(kept.make_uow)}
    finally:
        kept.close()


def test_restore_refuses_a_file_that_is_not_an_orderdesk_database(shop, tmp_path: Path) -> None:  # noqa: ANN001
    url, store = shop
    before = _orders(store.make_uow)
    text = tmp_path / "notes.db"
    text.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE stuff (x)")
    for bad in (text, other):
        out = run_cli("--lang", "en", "--db", url, "db", "restore", str(bad))
        assert out.code == 1 and "is not an OrderDesk database backup" in out.err and not out.crashed
    assert _orders(store.make_uow) == before
    assert not list(tmp_path.glob("shop.before-restore-*"))


def test_restore_refuses_a_backup_from_a_newer_orderdesk(shop, tmp_path: Path) -> None:  # noqa: ANN001
    url, store = shop
    newer = backup_database(store.engine, tmp_path / "newer.db")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreError) as refused:
        restore_database(store.engine, newer)
    assert "newer OrderDesk" in refused.value.en and "9999_future" in refused.value.en
    assert _orders(store.make_uow)  # the live database still answers, unchanged


def test_backup_never_overwrites_a_file(shop, tmp_path: Path) -> None:  # noqa: ANN001
    url, _store = shop
    target = tmp_path / "exists.db"
    target.write_bytes(b"precious")
    out = run_cli("--lang", "en", "--db", url, "db", "backup", str(target))
    assert out.code == 1 and "already exists" in out.err and target.read_bytes() == b"precious"


def test_the_daily_backup_keeps_the_newest_n(shop, tmp_path: Path) -> None:  # noqa: ANN001
    _url, store = shop
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "readme.txt").write_text("kept", encoding="utf-8")
    start = datetime(2026, 11, 1, 2, 0)
    made = [scheduled_backup(store.engine, folder, keep=3, now=start + timedelta(days=d)) for d in range(5)]
    assert sorted(p.name for p in folder.iterdir()) == sorted([p.name for p in made[-3:]] + ["readme.txt"])
    assert check_backup(made[-1]) == head_revision()


@pytest.mark.postgres
def test_postgresql_backup_uses_pg_dump_or_says_how(pg_server, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    url = pg_server.create_database("backup_src")
    store = open_store(url, create=True)
    try:
        monkeypatch.setenv("PATH", str(tmp_path / "empty"))
        with pytest.raises(StoreError) as missing:
            backup_database(store.engine, tmp_path / "pg.dump")
        assert "pg_dump was not found" in missing.value.en and "pg_dump -Fc" in missing.value.en
        monkeypatch.setenv("PATH", str(pg_server.bin_dir))
        made = backup_database(store.engine, tmp_path / "pg.dump")
        assert made.read_bytes().startswith(b"PGDMP")
        with pytest.raises(StoreError) as restore:
            restore_database(store.engine, made)
        assert "pg_restore" in restore.value.en
    finally:
        store.close()
