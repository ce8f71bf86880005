"""The upgrade path a shop really takes: a database written by the first OrderDesk (schema 0001), with
orders in it, opened by this version is backed up, migrated through every revision to head, and its
orders read back unchanged through the app's own services; on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import JSON, Boolean, Integer, MetaData, String, Text, insert

from orderdesk.bootstrap import open_store
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import list_orders, order_detail
from orderdesk.services.read_models import OrderFilter
from orderdesk.store.engine import open_engine
from orderdesk.store.migrate import alembic_config, head_revision
from tests.helpers.builders import channel_order

FIRST = "0001"
ORDERS = 5
TABLES = ("customers", "shops", "warehouses", "products", "orders", "order_lines")  # parents first
FIXED = {"channel": "taobao", "status": "PAID", "trade_state": "PAID", "refund_state": "NONE", "is_gift": False,
         "quantity": 2, "unit_price_fen": 1990, "paid_fen": 3980, "total_fen": 3980, "version": 1}  # fmt: skip


def _value(table: str, column, i: int):  # noqa: ANN001, ANN202 - a reflected Column; any value
    if column.name in FIXED:
        return FIXED[column.name]
    if column.foreign_keys or column.name == "line_no":
        return i if column.name != "line_no" else 1
    if column.name == "order_no":
        return f"TB{800000 + i}"
    if column.name == "receiver_phone" or column.name == "phone":
        return f"1380000{i:04d}"
    kind = column.type
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Integer):
        return 0
    if isinstance(kind, JSON):
        return {}
    if isinstance(kind, (String, Text)):
        return f"{column.name[:20]}-{i}"[: getattr(kind, "length", None) or 200]
    return datetime(2026, 1, 5, 8, i, tzinfo=UTC)  # the date-time columns


def _first_version_with_orders(url: str) -> None:
    engine = open_engine(url, create=True)
    try:
        with engine.connect() as conn:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, FIRST)
            conn.commit()
            meta = MetaData()
            meta.reflect(conn, only=TABLES)
            for name in TABLES:
                table = meta.tables[name]
                rows = [{c.name: _value(name, c, i) for c in table.columns if not c.primary_key}
                        for i in range(1, ORDERS + 1)]  # fmt: skip
                conn.execute(insert(table), rows)
            conn.commit()
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shop.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database("upgrade_path")
    _first_version_with_orders(url)
    return url


def test_a_first_version_database_with_orders_upgrades_to_head_and_reads_back(old_db: str, tmp_path: Path) -> None:
    store = open_store(old_db)  # what the app does on start
    try:
        assert store.schema.current == head_revision()
        rows = {r.order_no: r for r in list_orders(store.make_uow, "system", OrderFilter(), limit=100)}
        assert sorted(rows) == [f"TB{800000 + i}" for i in range(1, ORDERS + 1)]
        assert {r.status for r in rows.values()} == {"PAID"} and {r.total_fen for r in rows.values()} == {3980}
        detail = order_detail(store.make_uow, "system", "TB800003", reveal=True)
        assert detail.row.receiver_phone == "13800000003"
        assert [(ln.sku, ln.quantity) for ln in detail.lines] == [("sku-3", 2)]
        report = intake_orders(store.make_uow, [channel_order("900001")], actor="system")  # and work goes on
        assert report.created == 1
    finally:
        store.close()
    if old_db.startswith("sqlite"):  # the file as the first version left it was copied aside first
        assert len(list(tmp_path.glob(f"shop.before-{FIRST}-*.db"))) == 1
