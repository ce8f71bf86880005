"""The product and stock import file: read as text (ids never as floats), headers by name in Chinese
or English, every bad row reported with its spreadsheet row number in both languages."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from orderdesk.domain.errors import DomainError
from orderdesk.imports.products_file import (
    CODE128,
    EAN13,
    ImportFileError,
    ProductRow,
    StockRow,
    load_products_file,
    parse_products,
    read_table,
)

HEADER = ["商家编码", "商品名称", "类目", "单价（元）", "重量（g）", "条码", "低库存阈值", "仓库", "库位", "库存"]


def ean13(first12: str) -> str:
    """A valid EAN-13, computed here independently: odd positions (1-based) weigh 1, even weigh 3."""
    odd = sum(int(first12[i]) for i in range(0, 12, 2))
    even = sum(int(first12[i]) for i in range(1, 12, 2))
    return first12 + str(-(odd + 3 * even) % 10)


def wrong_check_digit(code: str) -> str:
    return code[:12] + str((int(code[12]) + 1) % 10)


EAN_A = ean13("690123456789")  # 6901234567892
EAN_B = ean13("697521800101")
EAN_C = ean13("697521800102")


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def good_rows() -> list[list[str]]:
    return [
        HEADER,
        ["BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", "折叠盆", "29.90", "420", f"{EAN_B},JJ000101", "5",
         "SZ-SUZHOU", "A-01-02", "120"],
        ["BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", "折叠盆", "29.90", "420", f"{EAN_B},JJ000101", "5",
         "深圳仓", "", "30"],
        ["GIFT-TOWEL", "赠品 毛巾", "赠品", "0", "80", EAN_C, "", "", "", ""],
    ]  # fmt: skip


def parse(rows: list[list[str]], **kw: object):
    return parse_products(rows, **kw)  # type: ignore[arg-type]


def errors_of(result) -> list[tuple[int, str, str]]:
    return [(e.row_no, e.column, e.zh) for e in result.errors]


# --------------------------------------------------------------------------- reading files


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_in_every_usual_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "products.csv", good_rows(), encoding)
    result = load_products_file(path)

    assert result.errors == []
    assert result.products == [
        ProductRow(2, "BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", "折叠盆", 2990, 420,
                   ((EAN_B, EAN13), ("JJ000101", CODE128)), 5),
        ProductRow(4, "GIFT-TOWEL", "赠品 毛巾", "赠品", 0, 80, ((EAN_C, EAN13),), None),
    ]  # fmt: skip
    assert result.stock == [
        StockRow(2, "BASIN-FOLD-32-BLU", "SZ-SUZHOU", "A-01-02", 120),
        StockRow(3, "BASIN-FOLD-32-BLU", "深圳仓", None, 30),
    ]
    assert result.columns["price"] == "单价（元）"


def test_gb18030_text_is_not_mistaken_for_utf8(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gbk.csv", good_rows(), "gb18030")
    assert path.read_bytes().decode("utf-8", errors="replace") != path.read_text(encoding="gb18030")
    assert read_table(path)[0][:2] == ["商家编码", "商品名称"]


def test_xlsx_numbers_never_become_floats(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "products.xlsx", [
        HEADER,
        ["KIT-OIL-SPRAY", "玻璃油壶喷雾瓶 200ml", "厨房用品", 19.9, 280, 6901234567892.0, 3, "TJ", None, 40],
        ["KIT-RACK-DISH", "沥水碗碟架", "厨房用品", 69.9, 2300.0, int(EAN_B), None, None, None, None],
    ])  # fmt: skip
    table = read_table(path)
    assert table[1] == ["KIT-OIL-SPRAY", "玻璃油壶喷雾瓶 200ml", "厨房用品", "19.9", "280", "6901234567892", "3",
                        "TJ", "", "40"]  # fmt: skip
    assert table[2][3:6] == ["69.9", "2300", EAN_B]

    result = parse(table)
    assert result.errors == []
    assert [(p.sku, p.unit_price_fen, p.weight_g, p.barcodes) for p in result.products] == [
        ("KIT-OIL-SPRAY", 1990, 280, (("6901234567892", EAN13),)),
        ("KIT-RACK-DISH", 6990, 2300, ((EAN_B, EAN13),)),
    ]
    assert result.stock == [StockRow(2, "KIT-OIL-SPRAY", "TJ", None, 40)]


def test_xlsx_formula_literal_without_cached_value_is_unwrapped(tmp_path: Path) -> None:
    # openpyxl saves ="…" as a formula with no cached value, as other non-Excel tools do.
    path = write_xlsx(tmp_path / "f.xlsx", [["SKU", "名称", "条码"], ["A-1", "甲", f'="{EAN_A}"']])
    assert read_table(path)[1] == ["A-1", "甲", EAN_A]


def test_spreadsheet_tricks_around_ids_are_unwrapped(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ids.csv", [
        ["SKU", "名称", "条码", "库存", "仓库"],
        ['="0012"', "甲", f'="{EAN_A}"', "\t7", "TJ"],
        ["B-2", "乙", f"'{EAN_B}", "'8", "TJ"],
        ["C-3", "丙", f"\t{EAN_C}", '="9"', "TJ"],
        ["D-4", "'-not-a-formula", "", "", ""],
    ])  # fmt: skip
    table = read_table(path)
    assert table[1] == ["0012", "甲", EAN_A, "7", "TJ"]
    assert table[2] == ["B-2", "乙", EAN_B, "8", "TJ"]
    assert table[3] == ["C-3", "丙", EAN_C, "9", "TJ"]
    assert table[4][1] == "-not-a-formula"  # how our own exports neutralise formulas, undone

    result = parse(table)
    assert result.errors == []
    assert [p.barcodes[0] for p in result.products[:3]] == [(EAN_A, EAN13), (EAN_B, EAN13), (EAN_C, EAN13)]


def test_truncated_xlsx_is_a_file_error_naming_the_file(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "货品.xlsx", good_rows())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])

    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert isinstance(info.value, DomainError)
    assert "货品.xlsx" in info.value.zh and "货品.xlsx" in info.value.en
    assert "损坏" in info.value.zh and "damaged" in info.value.en


@pytest.mark.parametrize("name", ["products.txt", "products.json", "products"])
def test_unknown_extension_is_a_file_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("SKU,名称\nA,甲\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert name in info.value.zh and name in info.value.en


def test_old_xls_and_missing_files_are_file_errors(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(ImportFileError, match="xls"):
        read_table(xls)
    with pytest.raises(ImportFileError, match="not found"):
        read_table(tmp_path / "nowhere.csv")


def test_bytes_in_no_supported_encoding_are_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(b"SKU,\xff\xfe\xff\n")
    with pytest.raises(ImportFileError) as info:
        read_table(path)
    assert "junk.csv" in info.value.zh and "GB18030" in info.value.en


def test_csv_cut_inside_a_character_is_reported_as_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes("SKU,名称\nA,甲乙".encode()[:-1])
    with pytest.raises(ImportFileError, match="incomplete"):
        read_table(path)


def test_tab_separated_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "tabs.csv"
    path.write_text("SKU\t名称\t单价\nA-1\t甲\t¥1,299.50\n", encoding="utf-16")
    result = load_products_file(path)
    assert [(p.sku, p.unit_price_fen) for p in result.products] == [("A-1", 129950)]


# --------------------------------------------------------------------------- headers


def test_headers_are_found_by_name_in_any_order_and_either_language() -> None:
    rows = [
        ["weight_kg", "Barcode", "price", "Name", "sku", "Category", "LOW_STOCK", "remark"],
        ["0.42", "JJ000101", "29.9", "Basin", "B-1", "折叠盆", "0", "ignored"],
    ]
    result = parse(rows)
    assert result.errors == []
    assert result.products == [ProductRow(2, "B-1", "Basin", "折叠盆", 2990, 420, (("JJ000101", CODE128),), 0)]
    assert result.ignored_columns == ["remark"]


@pytest.mark.parametrize("header", ["单价(元)", "单价（元）", " 单价 ( 元 ) ", "价格", "PRICE", "*单价(元)"])
def test_price_header_spellings(header: str) -> None:
    result = parse([["SKU编码", "名称", header], ["A", "甲", "12"]])
    assert result.products[0].unit_price_fen == 1200


@pytest.mark.parametrize(("header", "cell", "grams"), [
    ("重量(g)", "420", 420), ("重量（克）", "420g", 420), ("重量(kg)", "0.42", 420),
    ("重量（kg）", "1.2505", 1251), ("重量(公斤)", "2kg", 2000),
])  # fmt: skip
def test_weight_in_grams_or_kilograms(header: str, cell: str, grams: int) -> None:
    assert parse([["SKU", "名称", header], ["A", "甲", cell]]).products[0].weight_g == grams


def test_missing_sku_header_lists_found_and_expected_headers() -> None:
    with pytest.raises(ImportFileError) as info:
        parse_products([["编号", "商品名称", "价格"], ["A", "甲", "1"]], source="p.csv")
    zh, en = info.value.zh, info.value.en
    assert "p.csv" in zh and "商家编码" in zh
    assert "编号、商品名称、价格" in zh  # what was found
    assert "单价(元)" in zh and "低库存阈值" in zh  # what is expected
    assert "SKU" in en and "Found: 编号, 商品名称, 价格" in en


def test_stock_without_warehouse_column_is_a_file_error() -> None:
    with pytest.raises(ImportFileError) as info:
        parse([["SKU", "库存"], ["A", "3"]])
    assert "仓库" in info.value.zh and "warehouse" in info.value.en


def test_two_columns_for_one_field_are_a_file_error() -> None:
    with pytest.raises(ImportFileError, match="same column"):
        parse([["SKU", "名称", "重量(g)", "重量(kg)"], ["A", "甲", "1", "1"]])


def test_empty_file_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFileError, match="empty"):
        load_products_file(path)


def test_title_line_above_header_and_blank_rows_keep_spreadsheet_row_numbers() -> None:
    rows = [
        ["商品导入模板（2026）"],
        [],
        ["SKU", "名称", "库存", "仓库"],
        ["A", "甲", "1", "TJ"],
        [],
        ["B", "乙", "-2", "TJ"],
    ]
    result = parse(rows)
    assert [p.row_no for p in result.products] == [4]
    assert errors_of(result) == [(6, "库存", "库存不能为负数：-2")]


# --------------------------------------------------------------------------- values


def test_price_with_yuan_sign_and_thousands_separator_is_exact_fen() -> None:
    rows = [["SKU", "名称", "单价(元)"], ["A", "甲", "¥1,299.50"], ["B", "乙", "￥ 0.10"], ["C", "丙", "19.99元"]]
    assert [p.unit_price_fen for p in parse(rows).products] == [129950, 10, 1999]


@pytest.mark.parametrize(("cell", "zh"), [
    ("12.345", "最多两位小数"), ("-1", "不能为负数"), ("abc", "不是有效的数字"), ("12,5", "不是有效的数字"),
])  # fmt: skip
def test_bad_prices_are_row_errors(cell: str, zh: str) -> None:
    result = parse([["SKU", "名称", "价格"], ["A", "甲", cell]])
    assert result.products == []
    [error] = result.errors
    assert (error.row_no, error.column) == (2, "价格") and zh in error.zh and error.en


def test_ean13_classification_and_other_barcodes() -> None:
    assert EAN_A == "6901234567892"
    bad = wrong_check_digit(EAN_B)
    rows = [
        ["SKU", "名称", "条码"],
        ["A", "甲", f"{EAN_A}; JJ-0001 / {EAN_B}、abc"],
        ["B", "乙", bad],
        ["C", "丙", "123456789012"],  # 12 digits: not an EAN-13, printed as CODE128
        ["D", "丁", "条码一"],
        ["E", "戊", "X" * 49],
        ["F", "己", "6.90123E+12"],
    ]
    result = parse(rows)
    by_sku = {p.sku: p.barcodes for p in result.products}
    assert by_sku == {
        "A": ((EAN_A, EAN13), ("JJ-0001", CODE128), (EAN_B, EAN13), ("abc", CODE128)),
        "C": (("123456789012", CODE128),),
    }
    assert [(e.row_no, e.column) for e in result.errors] == [(3, "条码"), (5, "条码"), (6, "条码"), (7, "条码")]
    assert "EAN-13 校验位错误" in result.errors[0].zh and bad in result.errors[0].zh
    assert "check digit" in result.errors[0].en
    assert "CODE128" in result.errors[1].zh
    assert "太长" in result.errors[2].zh
    assert "科学计数法" in result.errors[3].zh


def test_low_stock_threshold_must_be_a_whole_number_not_below_zero() -> None:
    rows = [["SKU", "名称", "预警数量"], ["A", "甲", "10"], ["B", "乙", "-1"], ["C", "丙", "2.5"], ["D", "丁", ""]]
    result = parse(rows)
    assert [(p.sku, p.low_stock_threshold) for p in result.products] == [("A", 10), ("D", None)]
    assert [(e.row_no, e.column) for e in result.errors] == [(3, "预警数量"), (4, "预警数量")]
    assert "不能为负数" in result.errors[0].zh and "整数" in result.errors[1].zh


# --------------------------------------------------------------------------- row rules


def test_missing_sku_is_an_error_and_the_row_is_kept_out() -> None:
    rows = good_rows()
    rows.insert(2, ["", "没有编码的商品", "收纳", "9.9", "100", "", "", "TJ", "", "5"])
    result = parse(rows)
    assert errors_of(result) == [(3, "商家编码", "缺少商家编码（SKU），该行未导入")]
    assert result.errors[0].en == "SKU is missing; the row was not imported"
    assert [p.sku for p in result.products] == ["BASIN-FOLD-32-BLU", "GIFT-TOWEL"]
    assert all(s.row_no != 3 for s in result.stock)


def test_new_sku_needs_a_name_but_a_known_one_does_not() -> None:
    rows = [["SKU", "名称", "仓库", "库存"], ["NEW-1", "", "TJ", "3"], ["OLD-1", "", "TJ", "4"]]
    result = parse(rows, known_skus={"OLD-1"})
    assert [(e.row_no, e.column) for e in result.errors] == [(2, "名称")]
    assert "NEW-1" in result.errors[0].zh and "NEW-1" in result.errors[0].en
    assert result.products == [ProductRow(3, "OLD-1", None, None, None, None, (), None)]
    assert result.stock == [StockRow(3, "OLD-1", "TJ", None, 4)]


def test_name_column_absent_is_a_row_error_for_new_skus_only() -> None:
    result = parse([["SKU", "单价"], ["OLD", "1"], ["NEW", "2"]], known_skus={"OLD"})
    assert errors_of(result) == [(3, "商品名称", "新商品 NEW 缺少商品名称")]


def test_same_sku_twice_with_different_data_is_an_error_on_the_later_row() -> None:
    rows = [
        ["SKU", "名称", "单价(元)", "仓库", "库存"],
        ["A", "甲", "10", "TJ", "1"],
        ["A", "甲", "10", "CD", "2"],  # same product, another warehouse: fine
        ["A", "", "", "SZ-SUZHOU", "3"],  # blanks mean "as above": fine
        ["A", "甲", "12", "SZ-SHENZHEN", "4"],  # different price: error, row kept out
        ["A", "甲乙", "10", "", ""],  # different name
    ]
    result = parse(rows)
    assert [(e.row_no, e.column) for e in result.errors] == [(5, "单价(元)"), (6, "名称")]
    assert "第 2 行" in result.errors[0].zh and "10.00 ≠ 12.00" in result.errors[0].zh
    assert "row 2" in result.errors[0].en
    assert result.products == [ProductRow(2, "A", "甲", None, 1000, None, (), None)]
    assert [(s.row_no, s.warehouse) for s in result.stock] == [(2, "TJ"), (3, "CD"), (4, "SZ-SUZHOU")]


def test_later_rows_fill_in_what_the_first_left_blank() -> None:
    rows = [["SKU", "名称", "类目", "条码"], ["A", "甲", "", ""], ["A", "", "收纳", EAN_A]]
    assert parse(rows).products == [ProductRow(2, "A", "甲", "收纳", None, None, ((EAN_A, EAN13),), None)]


def test_same_barcode_on_two_skus_is_an_error_on_the_later_row_naming_both() -> None:
    rows = [
        ["SKU", "名称", "条码"],
        ["A", "甲", f"{EAN_A},JJ1"],
        ["A", "甲", f"{EAN_A},JJ1"],  # same SKU again: not a clash
        ["B", "乙", f"JJ2 {EAN_A}"],
    ]
    result = parse(rows)
    [error] = result.errors
    assert (error.row_no, error.column) == (4, "条码")
    assert EAN_A in error.zh and "SKU A" in error.zh and "SKU B" in error.zh and "第 2 行" in error.zh
    assert "SKU A" in error.en and "SKU B" in error.en
    assert [p.sku for p in result.products] == ["A"]
    assert result.barcodes_by_sku == {"A": (EAN_A, "JJ1")}
    assert result.barcode_owner == {EAN_A: ("A", 2), "JJ1": ("A", 2)}


def test_negative_or_fractional_stock_and_stock_without_warehouse_are_row_errors() -> None:
    rows = [
        ["SKU", "名称", "仓库", "库位", "在库数量"],
        ["A", "甲", "TJ", "A-1", "-5"],
        ["B", "乙", "TJ", "", "1.5"],
        ["C", "丙", "", "", "3"],
        ["D", "丁", "TJ", "B-2", "0"],
        ["D", "丁", "TJ", "B-2", "7"],  # same place, other quantity
        ["E", "戊", "TJ", "", ""],  # no quantity: no stock line
    ]
    result = parse(rows)
    assert [(e.row_no, e.column) for e in result.errors] == [(2, "在库数量"), (3, "在库数量"), (4, "仓库"),
                                                             (6, "在库数量")]  # fmt: skip
    assert result.errors[0].zh == "库存不能为负数：-5"
    assert result.errors[0].en == "Stock on hand cannot be negative: -5"
    assert result.stock == [StockRow(5, "D", "TJ", "B-2", 0)]
    assert [p.sku for p in result.products] == ["D", "E"]


def test_good_rows_survive_bad_ones_and_every_error_of_a_row_is_reported() -> None:
    rows = good_rows()
    rows.append(["BAD-1", "坏商品", "收纳", "abc", "-3", wrong_check_digit(EAN_A), "", "TJ", "", "-1"])
    result = parse(rows)
    assert [e.column for e in result.errors if e.row_no == 5] == ["单价（元）", "重量（g）", "库存", "条码"]
    assert result.error_rows == {5}
    assert [p.sku for p in result.products] == ["BASIN-FOLD-32-BLU", "GIFT-TOWEL"]
    assert not result.ok


def test_row_error_formats_in_both_languages() -> None:
    result = parse([["SKU", "名称", "库存", "仓库"], ["A", "甲", "-1", "TJ"]])
    [error] = result.errors
    assert error.format("zh") == "第 2 行【库存】：库存不能为负数：-1"
    assert error.format("en") == "Row 2 [库存]: Stock on hand cannot be negative: -1"
    assert error.reason("en") == error.en


def test_the_demo_catalog_round_trips_through_xlsx(tmp_path: Path) -> None:
    from orderdesk.demo.catalog import PRODUCTS

    rows: list[list[object]] = [["商家编码", "商品名称", "商品类目", "单价(元)", "重量(克)", "条码"]]
    rows += [[p.sku, p.name, p.category, p.unit_price_fen / 100, p.weight_g, " / ".join(c for c, _ in p.barcodes)]
             for p in PRODUCTS]  # fmt: skip
    result = load_products_file(write_xlsx(tmp_path / "catalog.xlsx", rows))
    assert result.errors == []
    assert [(p.sku, p.name, p.category, p.unit_price_fen, p.weight_g, p.barcodes) for p in result.products] == [
        (p.sku, p.name, p.category, p.unit_price_fen, p.weight_g, p.barcodes) for p in PRODUCTS
    ]
