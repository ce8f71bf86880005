"""Bad rows are named by their spreadsheet row, in both languages; their whole order waits, the rest
goes on. The column mapping is shown and can be corrected, as the import wizard will."""

from __future__ import annotations

from orderdesk.imports.orders_file import FIELD, FORMAT, FileSpec, fields_of, inspect_file, parse_files
from tests.helpers.export_files import (
    PDD_HEADER,
    TAOBAO_ITEM_HEADER,
    TAOBAO_ORDER_HEADER,
    pdd_row,
    table,
    taobao_item_rows,
    taobao_order_row,
    write_csv,
)


def _parse(tmp_path, header, rows):  # noqa: ANN001, ANN202
    return parse_files([write_csv(tmp_path / "export.csv", table(header, rows))])


def test_bad_cells_reject_their_row_with_its_number_and_column(tmp_path):
    result = _parse(tmp_path, PDD_HEADER, [
        pdd_row("OK1"),
        pdd_row("B1", paid="12.3.4"),
        pdd_row("B2", status="火星状态"),
        pdd_row("B3", qty="两件"),
        pdd_row("OK2"),
    ])  # fmt: skip
    assert sorted(p.order.platform_order_id for p in result.orders) == ["OK1", "OK2"]
    problems = {p.row: p for p in result.problems}
    assert set(problems) == {3, 4, 5}
    assert {p.column for p in result.problems if p.row == 3} == {"商品总价(元)", "用户实付金额(元)"}  # every bad cell
    assert "12.3.4" in problems[3].zh and "12.3.4" in problems[3].en
    assert "火星状态" in problems[4].zh and "unknown order status" in problems[4].en
    assert problems[5].column == "商品数量(件)"
    assert problems[5].format("zh").startswith("export.csv 第 5 行【商品数量(件)】：")
    assert problems[5].format("en").startswith("export.csv Row 5 [商品数量(件)]: ")


def test_one_bad_item_rejects_its_whole_order_and_says_so_on_every_row(tmp_path):
    result = _parse(tmp_path, PDD_HEADER, [pdd_row("M1"), pdd_row("M1", qty="-1"), pdd_row("M2")])
    assert [p.order.platform_order_id for p in result.orders] == ["M2"]
    rows = {p.row: p for p in result.problems}
    assert set(rows) == {2, 3}
    assert "第 3 行" in rows[2].zh and "whole order" in rows[2].en


def test_an_id_turned_into_scientific_notation_is_refused(tmp_path):
    result = _parse(tmp_path, TAOBAO_ORDER_HEADER, [taobao_order_row("2.87123E+18")])
    assert result.orders == []
    assert "科学计数法" in result.problems[0].zh and result.problems[0].row == 2


def test_a_row_without_an_order_number_is_named(tmp_path):
    result = _parse(tmp_path, PDD_HEADER, [pdd_row(""), pdd_row("OK")])
    assert [p.order.platform_order_id for p in result.orders] == ["OK"]
    assert [(p.row, p.column) for p in result.problems] == [(2, "订单号")]


def test_a_repeated_order_row_in_the_order_report_is_named_and_counted_once(tmp_path):
    result = _parse(tmp_path, TAOBAO_ORDER_HEADER, [taobao_order_row("T1"), taobao_order_row("T1")])
    assert [p.order.platform_order_id for p in result.orders] == ["T1"] and result.orders[0].rows == (2,)
    assert [(p.row, "第 2 行" in p.zh, "repeats row 2" in p.en) for p in result.problems] == [(3, True, True)]


def test_a_different_row_under_the_same_order_number_rejects_the_order(tmp_path):
    result = _parse(tmp_path, TAOBAO_ORDER_HEADER, [taobao_order_row("T1"), taobao_order_row("T1", total="1.00")])
    assert result.orders == []
    assert any(p.row == 3 and "第 2 行已出现" in p.zh for p in result.problems)


def test_inspect_shows_the_format_and_the_automatic_mapping(tmp_path):
    path = write_csv(tmp_path / "items.csv", table(TAOBAO_ITEM_HEADER, taobao_item_rows("T1")))
    info = inspect_file(path)
    assert info.fmt is FORMAT["taobao_items"] and info.error is None
    assert info.mapping["order_id"] == "订单编号" and info.mapping["sku"] == "商家编码"
    assert info.mapping["product_code"] == "外部系统编号"
    assert all(FIELD[k].zh and FIELD[k].en for k in info.mapping)
    assert set(info.mapping) <= {f.key for f in fields_of(info.fmt)}  # the wizard lists these to choose from


def test_a_corrected_mapping_is_used(tmp_path):
    header = [h if h != "收货人" else "收件人姓名" for h in PDD_HEADER]  # a renamed column the wizard fixes
    row = pdd_row("C1")
    rows = [header, [row.get("收货人" if h == "收件人姓名" else h, "") for h in header]]
    path = write_csv(tmp_path / "pdd.csv", rows)
    info = inspect_file(path)
    assert info.error is not None and "收货人" in info.error.zh  # a required column has no header
    mapping = dict(info.mapping, receiver_name="收件人姓名")
    result = parse_files([FileSpec(path, info.fmt.key, mapping)])
    assert [p.order.receiver.name for p in result.orders] == ["张*"]
    assert result.files[0].mapping["receiver_name"] == "收件人姓名"


def test_a_mapping_naming_a_column_not_in_the_file_is_refused(tmp_path):
    path = write_csv(tmp_path / "pdd.csv", table(PDD_HEADER, [pdd_row("C2")]))
    info = inspect_file(path)
    result = parse_files([FileSpec(path, "pdd", dict(info.mapping, province="省份"))])
    assert result.orders == [] and "省份" in result.file_errors[0].error.zh
