"""Repeated rows and Taobao's two reports arriving apart: what a seller sees after the import.

A row repeated in an export is named and counted once; an item report's lines tie out to its order
report or the order waits for a person; the two Taobao reports may come in either order, in one
import or two; a bad item row is rejected alone and its order held, never silently short.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orderdesk.services.order_import import import_files
from orderdesk.services.orders import order_detail
from tests.helpers.export_files import (
    DOUYIN_HEADER,
    TAOBAO_ITEM_HEADER,
    TAOBAO_ORDER_HEADER,
    douyin_row,
    pdd_csv,
    pdd_row,
    table,
    taobao_item_rows,
    taobao_order_row,
    write_csv,
    write_xlsx,
)


def _lines(store, order_no: str) -> list[tuple[str, int, int]]:  # noqa: ANN001
    return [(ln.sku, ln.quantity, ln.paid_fen) for ln in order_detail(store.make_uow, "system", order_no).lines]


def _orders_csv(folder: Path, *rows: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_csv(folder / "ExportOrderList.csv", table(TAOBAO_ORDER_HEADER, list(rows)), "gbk")


def _items_csv(folder: Path, *rows: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_csv(folder / "ExportOrderDetailList.csv", table(TAOBAO_ITEM_HEADER, list(rows)), "gbk")


def _rejected(report) -> list[tuple[str, int]]:  # noqa: ANN001
    return sorted((p.file, p.row) for p in report.rejected)


def _says_repeated(report, row: int) -> bool:  # noqa: ANN001
    p = next(p for p in report.rejected if p.row == row)
    return "重复" in p.zh and "repeat" in p.en and "第 2 行" in p.zh


BASIN, BOX = taobao_item_rows("T1")
ITEMS_FEN = [("BASIN-FOLD-32-BLU", 2, 4400), ("STOR-BOX-L-WHT", 1, 4570)]


def test_a_repeated_pdd_row_is_named_and_the_order_counted_once(store, tmp_path):
    row = pdd_row("P1", qty="2", paid="59.80")
    report = import_files(store.make_uow, "system", [pdd_csv(tmp_path / "pdd.csv", row, row)])
    assert (report.new, report.updated) == (1, 0)
    assert _rejected(report) == [("pdd.csv", 3)] and _says_repeated(report, 3)
    d = order_detail(store.make_uow, "system", "PDDP1")
    assert d.row.total_fen == 5980 and d.row.status == "PAID"
    assert _lines(store, "PDDP1") == [("BASIN-FOLD-32-BLU", 2, 5980)]


def test_a_repeated_douyin_row_is_named_and_the_order_counted_once(store, tmp_path):
    rows = [douyin_row("D1", "D1-1", amount="29.90"), douyin_row("D1", "D1-2", sku="STOR-BOX-L-WHT", amount="45.90")]
    path = write_xlsx(tmp_path / "douyin.xlsx", table(DOUYIN_HEADER, [rows[0], rows[0], rows[1]]))
    report = import_files(store.make_uow, "system", [path])
    assert report.new == 1 and _rejected(report) == [("douyin.xlsx", 3)] and _says_repeated(report, 3)
    assert order_detail(store.make_uow, "system", "DYD1").row.total_fen == 2990 + 4590
    assert _lines(store, "DYD1") == [("BASIN-FOLD-32-BLU", 1, 2990), ("STOR-BOX-L-WHT", 1, 4590)]


def test_a_repeated_taobao_order_row_keeps_the_order_once(store, tmp_path):
    orders = _orders_csv(tmp_path, taobao_order_row("T1"), taobao_order_row("T1"))
    items = _items_csv(tmp_path, BASIN, BOX)
    report = import_files(store.make_uow, "system", [orders, items])
    assert report.new == 1 and report.held == 0
    assert _rejected(report) == [("ExportOrderList.csv", 3)] and _says_repeated(report, 3)
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.row.status == "PAID" and d.row.total_fen == 8970
    assert _lines(store, "TBT1") == ITEMS_FEN


def test_a_different_order_row_under_the_same_number_still_rejects_the_order(store, tmp_path):
    orders = _orders_csv(tmp_path, taobao_order_row("T1"), taobao_order_row("T1", total="10.00"))
    report = import_files(store.make_uow, "system", [orders, _items_csv(tmp_path, BASIN, BOX)])
    assert report.new == 0 and ("ExportOrderList.csv", 3) in _rejected(report)


def test_a_repeated_taobao_item_row_is_counted_once(store, tmp_path):
    line = dict(BASIN, 购买数量="3", 价格="25.90")
    orders = _orders_csv(tmp_path, taobao_order_row("T1", total="77.70", 宝贝种类="1", 宝贝总数量="3"))
    report = import_files(store.make_uow, "system", [orders, _items_csv(tmp_path, line, line)])
    assert report.new == 1 and report.held == 0
    assert _rejected(report) == [("ExportOrderDetailList.csv", 3)] and _says_repeated(report, 3)
    assert _lines(store, "TBT1") == [("BASIN-FOLD-32-BLU", 3, 7770)]
    assert order_detail(store.make_uow, "system", "TBT1").row.status == "PAID"


@pytest.mark.parametrize(("changed", "said"), [
    ({"购买数量": "4"}, ["5 件", "3 件"]),  # 4 basins + 1 box against 宝贝总数量 3
    ({"价格": "32.00"}, ["¥109.70", "¥89.70"]),  # same count, lines worth more than the order's goods
], ids=["count", "amount"])  # fmt: skip
def test_lines_that_do_not_tie_out_to_the_order_report_hold_the_order(store, tmp_path, changed, said):
    orders = _orders_csv(tmp_path, taobao_order_row("T1"))
    report = import_files(store.make_uow, "system", [orders, _items_csv(tmp_path, BASIN | changed, BOX)])
    assert report.new == 1 and report.held == 1 and report.rejected == []
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.row.status == "ON_HOLD" and "宝贝明细与订单报表不符" in d.row.hold_reason
    assert all(s in d.row.hold_reason for s in said), d.row.hold_reason


@pytest.mark.parametrize("status", ["交易关闭", "卖家已发货，等待买家确认", "交易成功"])
def test_the_item_report_imported_after_the_order_report_gives_any_order_its_lines(store, tmp_path, status):
    first = import_files(store.make_uow, "system", [_orders_csv(tmp_path, taobao_order_row("T1", status=status))])
    assert first.new == 1 and _lines(store, "TBT1") == [("", 3, 8970)]
    later = import_files(store.make_uow, "system", [_items_csv(tmp_path, dict(BASIN, 订单状态=status), BOX)])
    assert later.updated == 1 and later.rejected == []
    assert _lines(store, "TBT1") == ITEMS_FEN


def test_the_item_report_first_keeps_its_lines_until_the_order_report_arrives(store, tmp_path):
    items = import_files(store.make_uow, "system", [_items_csv(tmp_path, BASIN, BOX)])
    assert items.rejected == [] and items.held == 1
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.row.status == "ON_HOLD" and "订单报表" in d.row.hold_reason
    assert _lines(store, "TBT1") == ITEMS_FEN
    orders = import_files(store.make_uow, "system", [_orders_csv(tmp_path, taobao_order_row("T1"))])
    assert orders.updated == 1 and orders.rejected == [] and orders.held == 0
    d = order_detail(store.make_uow, "system", "TBT1")
    assert (d.row.status, d.row.hold_reason, d.row.province, d.row.total_fen) == ("PAID", "", "浙江省", 8970)
    assert _lines(store, "TBT1") == ITEMS_FEN
    assert import_files(store.make_uow, "system", [_orders_csv(tmp_path, taobao_order_row("T1"))]).unchanged == 1


def test_a_bad_item_row_is_rejected_alone_and_its_order_held(store, tmp_path):
    orders = _orders_csv(tmp_path, taobao_order_row("T1"))
    report = import_files(store.make_uow, "system", [orders, _items_csv(tmp_path, dict(BASIN, 购买数量="两件"), BOX)])
    assert _rejected(report) == [("ExportOrderDetailList.csv", 2)] and report.new == 1 and report.held == 1
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.row.status == "ON_HOLD" and "一行商品无法读取" in d.row.hold_reason
    assert _lines(store, "TBT1") == [("STOR-BOX-L-WHT", 1, 4570)]


def test_a_bad_item_row_in_a_later_item_report_keeps_the_order_held(store, tmp_path):
    import_files(store.make_uow, "system", [_orders_csv(tmp_path, taobao_order_row("T1"))])
    report = import_files(store.make_uow, "system", [_items_csv(tmp_path, dict(BASIN, 购买数量="两件"), BOX)])
    assert _rejected(report) == [("ExportOrderDetailList.csv", 2)]
    d = order_detail(store.make_uow, "system", "TBT1")
    assert d.row.status == "ON_HOLD" and "一行商品无法读取" in d.row.hold_reason
    assert _lines(store, "TBT1") == [("STOR-BOX-L-WHT", 1, 4570)]
