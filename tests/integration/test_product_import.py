"""Importing products and stock through the service, on SQLite and on PostgreSQL: values that do not
fit the database are row errors in both languages, found before anything is written."""

from __future__ import annotations

import pytest

from orderdesk.bootstrap import Store
from orderdesk.demo.seed import load_demo_master_data
from orderdesk.imports.products_file import parse_products
from orderdesk.services.product_import import import_products, known_skus
from orderdesk.services.stock import stock_levels

HEADER = ["商家编码", "商品名称", "类目", "单价(元)", "重量(g)", "低库存阈值", "仓库", "库位", "库存"]
GOOD = ["NEW-OK-1", "好商品", "杂货", "9.90", "100", "3", "SZ-SUZHOU", "A-01", "10"]


def _import(store: Store, rows: list[list[str]], **kw: bool):  # noqa: ANN202
    parsed = parse_products([HEADER, *rows], known_skus=known_skus(store.make_uow))
    return import_products(store.make_uow, "system", parsed, **kw)


def _product_count(store: Store) -> int:
    with store.make_uow() as uow:
        return len(uow.directory.all_skus())


def _with(column: str, value: str, sku: str = "NEW-BAD-1") -> list[str]:
    row = [sku, *GOOD[1:]]
    row[HEADER.index(column)] = value
    return row


HUGE = ["99999999999999999999", "1e308", "2147483648", "1e999999999"]
CASES = [(col, v) for col in ("单价(元)", "重量(g)", "低库存阈值", "库存") for v in HUGE]


@pytest.mark.parametrize(("column", "value"), CASES)
def test_numbers_too_large_for_the_database_are_row_errors_and_nothing_is_written(
        store: Store, column: str, value: str) -> None:  # fmt: skip
    load_demo_master_data(store.make_uow)
    before = _product_count(store)
    report = _import(store, [GOOD, _with(column, value)])
    assert not report.written
    assert [(e.row_no, e.column) for e in report.errors] == [(3, column)]
    assert "太大" in report.errors[0].zh and "too large" in report.errors[0].en
    assert _product_count(store) == before
    assert stock_levels(store.make_uow, "system", sku="NEW-OK-1") == []


@pytest.mark.parametrize(("column", "length"), [("商家编码", 65), ("商家编码", 100_000), ("商品名称", 256),
                                                 ("类目", 65), ("库位", 33)])  # fmt: skip
def test_texts_longer_than_their_column_are_row_errors_with_a_short_message(
        store: Store, column: str, length: int) -> None:  # fmt: skip
    load_demo_master_data(store.make_uow)
    before = _product_count(store)
    report = _import(store, [GOOD, _with(column, "长" * length)])
    assert not report.written and [(e.row_no, e.column) for e in report.errors] == [(3, column)]
    assert "太长" in report.errors[0].zh and "too long" in report.errors[0].en
    assert len(report.errors[0].zh) < 200 and len(report.errors[0].en) < 200
    assert _product_count(store) == before


def test_the_largest_values_that_fit_are_written_and_read_back(store: Store) -> None:
    load_demo_master_data(store.make_uow)
    row = ["S" * 64, "名" * 255, "类" * 64, "21474836.47", "2147483647", "2147483647", "SZ-SUZHOU", "B" * 32,
           "2147483647"]  # fmt: skip
    report = _import(store, [row])
    assert report.written and not report.errors
    [level] = stock_levels(store.make_uow, "system", sku="S" * 64)
    assert (level.name, level.bin, level.on_hand, level.threshold) == ("名" * 255, "B" * 32, 2147483647, 2147483647)
    with store.make_uow() as uow:
        p = uow.directory.products_by_sku(["S" * 64])["S" * 64]
        assert (p.category, p.unit_price_fen, p.weight_g) == ("类" * 64, 2147483647, 2147483647)


def test_skip_errors_writes_the_good_rows_beside_an_overflowing_one(store: Store) -> None:
    load_demo_master_data(store.make_uow)
    report = _import(store, [GOOD, _with("单价(元)", "1e308"), _with("商家编码", "X" * 65)], skip_errors=True)
    assert report.written and report.new_products == 1 and len(report.errors) == 2
    assert [r.on_hand for r in stock_levels(store.make_uow, "system", sku="NEW-OK-1")] == [10]


def test_the_import_limits_are_those_of_the_database_columns() -> None:
    """The file check and the schema must agree, or a value passes the check and fails the write."""
    from orderdesk.imports.products_file.cells import MAX_INT, MAX_LEN
    from orderdesk.store.models import Product, StockLevel, Warehouse

    p, s = Product.__table__.c, StockLevel.__table__.c
    assert MAX_LEN["sku"] == p.sku.type.length and MAX_LEN["name"] == p.name.type.length
    assert MAX_LEN["category"] == p.category.type.length and MAX_LEN["bin"] == s.bin.type.length
    assert MAX_LEN["warehouse"] == max(Warehouse.__table__.c.code.type.length, Warehouse.__table__.c.name.type.length)
    assert all(type(c.type).__name__ == "Integer" for c in (p.unit_price_fen, p.weight_g, p.low_stock_threshold,
                                                             s.on_hand))  # fmt: skip
    assert MAX_INT == 2**31 - 1  # PostgreSQL's integer


def test_demo_data_again_keeps_what_a_products_import_changed(store: Store) -> None:
    load_demo_master_data(store.make_uow)
    row = ["BASIN-FOLD-32-BLU", "我的名字", "清仓", "19.90", "400", "9", "", "", ""]
    assert _import(store, [row]).written
    load_demo_master_data(store.make_uow)
    with store.make_uow() as uow:
        p = uow.directory.products_by_sku(["BASIN-FOLD-32-BLU"])["BASIN-FOLD-32-BLU"]
        assert (p.name, p.category, p.unit_price_fen, p.weight_g, p.low_stock_threshold) == \
            ("我的名字", "清仓", 1990, 400, 9)  # fmt: skip


def test_a_products_file_names_warehouses_like_the_cli_does(store: Store) -> None:
    load_demo_master_data(store.make_uow)
    rows = [_with("仓库", "深圳仓"), _with("仓库", "sz-suzhou", sku="NEW-BAD-2"), _with("仓库", "火星仓", sku="NEW-BAD-3")]
    report = _import(store, rows)
    assert [(e.row_no, e.column) for e in report.errors] == [(4, "仓库/warehouse")]
    assert "火星仓" in report.errors[0].zh and "深圳仓（SZ-SHENZHEN）" in report.errors[0].zh
    assert _import(store, rows[:2]).written
    assert [r.warehouse for r in stock_levels(store.make_uow, "system", sku="NEW-BAD-2")] == ["SZ-SUZHOU"]
