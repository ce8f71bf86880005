"""An export file is imported whole or not at all, on SQLite and PostgreSQL: every value checked
against its column before anything is written, one transaction for the writing, then allocation
and an audit row, as after a channel sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.demo.seed import load_demo_master_data
from orderdesk.domain.access import Permission
from orderdesk.domain.errors import DomainError
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.order_import import import_files
from orderdesk.services.orders import list_orders
from orderdesk.services.ports import AuditFilter
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.rule_sets import save_rule_set
from tests.helpers.export_files import pdd_csv, pdd_row

PAID_COLUMN = "用户实付金额(元)"


def _orders(store) -> dict[str, str]:  # noqa: ANN001
    return {r.order_no: r.status for r in list_orders(store.make_uow, "system", OrderFilter(), limit=10_000)}


def _imports(store) -> list:  # noqa: ANN001
    trail = audit_trail(store.make_uow, "system", AuditFilter(object_type="orders"), limit=None)
    return [e for e in trail if e.action == "orders.import"]


def _hostile(tmp_path: Path) -> Path:
    return pdd_csv(tmp_path / "hostile.csv",
                   pdd_row("G1"),                                            # row 2: good
                   pdd_row("Q1", qty="99999999999999999999"),                 # row 3
                   pdd_row("A1", **{PAID_COLUMN: "1e308"}),                   # row 4
                   pdd_row("N1", 收货人="张" * 100_000),                       # row 5
                   pdd_row("M1"), pdd_row("M1", sku="STOR-BOX-L-WHT", paid="1e308"),  # rows 6, 7
                   pdd_row("G2"))  # fmt: skip


def test_values_beyond_their_columns_are_rejected_row_by_row_and_the_rest_imported(store, tmp_path):
    path = _hostile(tmp_path)
    preview = import_files(store.make_uow, "system", [path], dry_run=True)
    report = import_files(store.make_uow, "system", [path])
    for r in (preview, report):
        assert (r.new, sorted(r.actions)) == (2, ["PDDG1", "PDDG2"])
        assert sorted(p.row for p in r.rejected) == [3, 4, 5, 6, 7]
    reasons = {p.row: (p.column, p.zh, p.en) for p in report.rejected}
    # the row reader already refuses a quantity beyond any stored integer, naming the limit
    assert reasons[3][0] == "商品数量(件)" and "99999999999999999999" in reasons[3][1] and "2147483647" in reasons[3][1]
    assert reasons[4][0] == PAID_COLUMN and "21,474,836.47" in reasons[4][2]
    assert reasons[5][0] == "收货人" and "100,000" in reasons[5][1] and "at most 64" in reasons[5][2]
    assert "第 7 行" in reasons[6][1]  # the good row of a rejected order says why it went too
    assert _orders(store) == {"PDDG1": "PAID", "PDDG2": "PAID"}
    assert [e.details["rejected_rows"] for e in _imports(store)] == [5]


def test_with_rules_the_good_orders_are_allocated_and_the_import_audited(store, tmp_path):
    load_demo_master_data(store.make_uow)
    save_rule_set(store.make_uow, "system", DEMO_RULES, permission=Permission.LOAD_DEMO_DATA)
    rows = [pdd_row(f"W{i}", sku="STOR-BOX-L-WHT", province="江苏省") for i in range(30)]
    path = pdd_csv(tmp_path / "big.csv", *rows, pdd_row("LAST", **{PAID_COLUMN: "1e308"}))
    report = import_files(store.make_uow, "system", [path])
    assert report.new == 30 and [p.row for p in report.rejected] == [32]
    assert set(_orders(store).values()) == {"ALLOCATED"} and len(_orders(store)) == 30
    assert [(e.details["new"], e.details["rejected_rows"]) for e in _imports(store)] == [(30, 1)]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_disk_filling_up_mid_import_leaves_nothing_and_says_so(store, tmp_path):
    path = pdd_csv(tmp_path / "many.csv", *[pdd_row(f"D{i}") for i in range(3000)])

    @event.listens_for(store.engine, "connect")
    def _small_disk(dbapi_conn, _record) -> None:  # noqa: ANN001 - a real SQLite size cap: the disk is "full"
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 400}")

    store.engine.dispose()
    with pytest.raises(DomainError) as failed:
        import_files(store.make_uow, "system", [path])
    assert _orders(store) == {} and _imports(store) == []
    assert "磁盘已满" in failed.value.zh and "nothing was done" in failed.value.en
    assert "network" not in failed.value.en
