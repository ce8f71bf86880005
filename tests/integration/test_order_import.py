"""Importing export files into a real database (SQLite and PostgreSQL): what a seller sees afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.demo.seed import load_demo_master_data
from orderdesk.domain.access import NotAllowed, Permission
from orderdesk.domain.errors import DomainError
from orderdesk.services.actors import ensure_user
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.channels import add_channel
from orderdesk.services.order_import import import_files
from orderdesk.services.orders import list_orders, order_detail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.rule_sets import save_rule_set
from tests.helpers.export_files import pdd_csv, pdd_row, taobao_csvs

LATER = "2026-11-21 08:30:00"


def _pdd(tmp_path: Path, *rows: dict[str, str], name: str = "pdd.csv") -> Path:
    return pdd_csv(tmp_path / name, *rows)


def _counts(report) -> tuple[int, int, int]:  # noqa: ANN001
    return report.new, report.updated, report.unchanged


def _orders(store, status: str | None = None) -> dict[str, object]:  # noqa: ANN001
    return {r.order_no: r for r in list_orders(store.make_uow, "system", OrderFilter(status=status), limit=1000)}


def _timeline_lengths(store) -> dict[str, int]:  # noqa: ANN001
    return {no: len(order_detail(store.make_uow, "system", no).events) for no in _orders(store)}


def test_orders_land_with_their_lines_in_the_platform_import_shop(store, tmp_path):
    path = _pdd(tmp_path, pdd_row("P1", qty="2", paid="59.80"), pdd_row("P1", sku="STOR-BOX-L-WHT", paid="45.90"),
                pdd_row("P2"))  # fmt: skip
    report = import_files(store.make_uow, "system", [path])
    assert _counts(report) == (2, 0, 0) and report.written and report.rejected == []
    d = order_detail(store.make_uow, "system", "PDDP1")
    assert d.row.status == "PAID" and d.row.shop_name == "拼多多（文件导入）" and d.row.total_fen == 10570
    assert [(ln.sku, ln.quantity) for ln in d.lines] == [("BASIN-FOLD-32-BLU", 2), ("STOR-BOX-L-WHT", 1)]
    assert d.row.receiver_phone == "138****1234"


def test_importing_the_same_file_again_changes_nothing(store, tmp_path):
    path = _pdd(tmp_path, pdd_row("R1"), pdd_row("R2", province="火星"))
    import_files(store.make_uow, "system", [path])
    before = _timeline_lengths(store)
    again = import_files(store.make_uow, "system", [path])
    assert _counts(again) == (0, 0, 2) and again.held == 0
    assert _timeline_lengths(store) == before
    assert len(_orders(store)) == 2


def test_a_newer_export_updates_the_order(store, tmp_path):
    import_files(store.make_uow, "system", [_pdd(tmp_path, pdd_row("N1"))])
    newer = _pdd(tmp_path, pdd_row("N1", status="已发货，待签收", 发货时间=LATER, 快递单号="SF123"), name="newer.csv")
    report = import_files(store.make_uow, "system", [newer])
    assert _counts(report) == (0, 1, 0)
    d = order_detail(store.make_uow, "system", "PDDN1")
    assert d.row.status == "SHIPPED" and d.extras["tracking_no"] == "SF123"


def test_an_unrecognised_province_is_imported_and_held_for_review(store, tmp_path):
    report = import_files(store.make_uow, "system", [_pdd(tmp_path, pdd_row("H1", province="火星"), pdd_row("H2"))])
    assert _counts(report) == (2, 0, 0) and report.held == 1
    held = _orders(store, "ON_HOLD")
    assert list(held) == ["PDDH1"] and "火星" in held["PDDH1"].hold_reason
    assert _orders(store)["PDDH2"].status == "PAID"
    steps = [(e.from_status, e.to_status) for e in order_detail(store.make_uow, "system", "PDDH1").events]
    assert ("PAID", "ON_HOLD") in steps


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(store, tmp_path):
    path = _pdd(tmp_path, pdd_row("D1"), pdd_row("D2", province="火星"), pdd_row("D3", qty="x"))
    report = import_files(store.make_uow, "system", [path], dry_run=True)
    assert _counts(report) == (2, 0, 0) and report.held == 1 and not report.written
    assert report.actions == {"PDDD1": "new", "PDDD2": "new"}
    assert [p.row for p in report.rejected] == [4]
    assert _orders(store) == {}
    assert audit_trail(store.make_uow, "system", AuditFilter(object_type="orders")) == []


def test_bad_rows_are_rejected_and_the_good_orders_kept(store, tmp_path):
    path = _pdd(tmp_path, pdd_row("G1"), pdd_row("B1", status="乱码"), pdd_row("B1"), pdd_row("G2"))
    report = import_files(store.make_uow, "system", [path])
    assert _counts(report) == (2, 0, 0)
    assert sorted(p.row for p in report.rejected) == [3, 4]
    assert set(_orders(store)) == {"PDDG1", "PDDG2"}


def _taobao(folder: Path, orders: bool = True, items: bool = True, **order_fields: str) -> list[Path]:
    return taobao_csvs(folder, "T1", orders, items, **order_fields)


def test_taobao_order_report_first_is_held_until_its_items_arrive(store, tmp_path):
    first = import_files(store.make_uow, "system", _taobao(tmp_path, items=False))
    assert _counts(first) == (1, 0, 0) and first.held == 1
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.row.status == "ON_HOLD" and "宝贝报表" in d.row.hold_reason and [ln.sku for ln in d.lines] == [""]
    items = import_files(store.make_uow, "system", _taobao(tmp_path, orders=False))
    assert _counts(items) == (0, 1, 0)
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.row.status == "PAID" and d.row.hold_reason == ""
    assert [(ln.sku, ln.quantity) for ln in d.lines] == [("BASIN-FOLD-32-BLU", 2), ("STOR-BOX-L-WHT", 1)]
    assert _counts(import_files(store.make_uow, "system", _taobao(tmp_path))) == (0, 0, 1)


def test_taobao_item_report_first_is_kept_and_held_for_the_order_report(store, tmp_path):
    items = import_files(store.make_uow, "system", _taobao(tmp_path, orders=False))
    assert _counts(items) == (1, 0, 0) and items.rejected == [] and items.held == 1
    assert "订单报表" in order_detail(store.make_uow, "system", "TBT1").row.hold_reason
    both = import_files(store.make_uow, "system", _taobao(tmp_path)[::-1])
    assert _counts(both) == (0, 1, 0) and both.held == 0
    assert order_detail(store.make_uow, "system", "TBT1").row.status == "PAID"
    assert [ln.sku for ln in order_detail(store.make_uow, "system", "TBT1").lines] == ["BASIN-FOLD-32-BLU", "STOR-BOX-L-WHT"]


def test_a_newer_taobao_order_report_alone_keeps_the_items(store, tmp_path):
    import_files(store.make_uow, "system", _taobao(tmp_path))
    newer = _taobao(tmp_path / "newer", items=False, 订单备注="改发顺丰", 订单创建时间=LATER)
    report = import_files(store.make_uow, "system", newer)
    assert _counts(report) == (0, 1, 0)
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.seller_note == "改发顺丰" and [ln.sku for ln in d.lines] == ["BASIN-FOLD-32-BLU", "STOR-BOX-L-WHT"]


def test_the_named_channel_must_be_of_the_files_platform(store, tmp_path, monkeypatch):
    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    add_channel(store.make_uow, "system", "douyin", "抖店旗舰", "key", "secret")
    add_channel(store.make_uow, "system", "pdd", "拼多多主店", "key", "secret")
    path = _pdd(tmp_path, pdd_row("C1"))
    with pytest.raises(DomainError) as refused:
        import_files(store.make_uow, "system", [path], channel_name="抖店旗舰")
    assert "pdd.csv" in refused.value.zh and "拼多多" in refused.value.zh and _orders(store) == {}
    import_files(store.make_uow, "system", [path], channel_name="拼多多主店")
    assert _orders(store)["PDDC1"].shop_name == "拼多多主店"


def test_an_import_is_audited_with_its_file_and_counts(store, tmp_path):
    import_files(store.make_uow, "system", [_pdd(tmp_path, pdd_row("A1"), pdd_row("A2", qty="?"))])
    entries = [e for e in audit_trail(store.make_uow, "system", AuditFilter(object_type="orders")) if e.action == "orders.import"]
    assert len(entries) == 1
    assert entries[0].object_id == "pdd.csv"
    assert (entries[0].details["new"], entries[0].details["rejected_rows"]) == (1, 1)


def test_a_packer_may_not_import(store, tmp_path):
    with store.make_uow(write=True) as uow:
        ensure_user(uow, "packer1", "打包员一", "packer")
        uow.commit()
    with pytest.raises(NotAllowed):
        import_files(store.make_uow, "packer1", [_pdd(tmp_path, pdd_row("X1"))])
    assert _orders(store) == {}


def test_new_orders_are_allocated_by_the_rules_but_held_ones_wait(store, tmp_path):
    load_demo_master_data(store.make_uow)
    save_rule_set(store.make_uow, "system", DEMO_RULES, permission=Permission.LOAD_DEMO_DATA)
    path = _pdd(tmp_path, pdd_row("W1", sku="STOR-BOX-L-WHT", province="江苏省"), pdd_row("W2", province="火星"))
    import_files(store.make_uow, "system", [path])
    orders = _orders(store)
    assert orders["PDDW1"].status == "ALLOCATED"
    assert orders["PDDW2"].status == "ON_HOLD" and "火星" in orders["PDDW2"].hold_reason
