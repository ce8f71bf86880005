"""Reading order exports as the back-ends write them: every encoding, Excel's tricks, cut-short files."""

from __future__ import annotations

from pathlib import Path

import pytest

from orderdesk.domain.model import Channel
from orderdesk.imports.orders_file import inspect_file, parse_files
from tests.helpers.export_files import PDD_HEADER, pdd_row, table, write_csv, write_xlsx


def _orders(path: Path) -> dict[str, object]:
    result = parse_files([path])
    assert not result.file_errors, result.file_errors[0].error
    return {p.order.platform_order_id: p.order for p in result.orders}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_each_encoding_reads_the_same_chinese_text(tmp_path, encoding):
    rows = table(PDD_HEADER, [pdd_row("A1", 收货人="欧阳*", 买家留言="请尽快发货，谢谢")])
    orders = _orders(write_csv(tmp_path / "pdd.csv", rows, encoding))
    o = orders["A1"]
    assert o.channel is Channel.PDD
    assert (o.receiver.name, o.receiver.province, o.buyer_note) == ("欧阳*", "浙江省", "请尽快发货，谢谢")


def test_a_name_only_gb18030_can_write_is_read(tmp_path):
    rows = table(PDD_HEADER, [pdd_row("A2", 收货人="王䶮")])
    assert _orders(write_csv(tmp_path / "pdd.csv", rows, "gb18030"))["A2"].receiver.name == "王䶮"


def test_excel_text_tricks_keep_long_ids_exact(tmp_path):
    rows = table(PDD_HEADER, [
        pdd_row('="240501-987654321098765"', sku="\tBASIN-FOLD-32-BLU"),
        pdd_row("'240501-000000000000042", sku=" STOR-BOX-L-WHT "),
    ])  # fmt: skip
    orders = _orders(write_csv(tmp_path / "pdd.csv", rows))
    assert set(orders) == {"240501-987654321098765", "240501-000000000000042"}
    assert orders["240501-987654321098765"].lines[0].sku == "BASIN-FOLD-32-BLU"
    assert orders["240501-000000000000042"].lines[0].sku == "STOR-BOX-L-WHT"


def test_xlsx_export_with_a_title_line_above_the_header(tmp_path):
    rows = [["拼多多订单导出 2026-11-20"], *table(PDD_HEADER, [pdd_row("X1", paid="1,234.50")])]
    path = write_xlsx(tmp_path / "pdd.xlsx", rows)
    assert inspect_file(path).header_row == 2
    assert _orders(path)["X1"].total_fen == 123450


def test_an_unknown_header_is_refused_naming_the_row(tmp_path):
    path = write_csv(tmp_path / "stock.csv", [["商家编码", "库存"], ["BASIN-FOLD-32-BLU", "5"]])
    result = parse_files([path])
    assert result.orders == []
    error = result.file_errors[0].error
    assert "stock.csv 第 1 行" in error.zh and "商家编码" in error.zh
    assert "row 1" in error.en


def test_a_csv_cut_short_keeps_the_good_orders_and_names_the_cut_row(tmp_path):
    rows = table(PDD_HEADER, [pdd_row("G1"), pdd_row("G2"), pdd_row("CUT")])
    path = write_csv(tmp_path / "pdd.csv", rows, "gbk")
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex("CUT".encode()) + 60])  # stops in the middle of the last row
    result = parse_files([path])
    assert sorted(p.order.platform_order_id for p in result.orders) == ["G1", "G2"]
    assert [(p.row, "不完整" in p.zh, "incomplete" in p.en) for p in result.problems] == [(4, True, True)]


def test_a_gbk_csv_cut_inside_a_chinese_character_still_reads(tmp_path):
    rows = table(PDD_HEADER, [pdd_row("G1"), pdd_row("G2", 买家留言="快递别放驿站")])
    path = write_csv(tmp_path / "pdd.csv", rows, "gbk")
    data = path.read_bytes()
    path.write_bytes(data[: data.index("驿".encode("gbk")) + 1])  # half of a two-byte character
    result = parse_files([path])
    assert [p.order.platform_order_id for p in result.orders] == ["G1"]
    assert {p.row for p in result.problems} == {3}


def test_a_csv_cut_inside_a_quoted_cell_rejects_that_row_only(tmp_path):
    rows = table(PDD_HEADER, [pdd_row("G1"), pdd_row("G2", 买家留言="第一行\n第二行")])
    path = write_csv(tmp_path / "pdd.csv", rows)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("第二行")], encoding="utf-8")
    result = parse_files([path])
    assert [p.order.platform_order_id for p in result.orders] == ["G1"]
    assert {p.row for p in result.problems} == {3}


def test_a_truncated_xlsx_is_a_clear_file_error(tmp_path):
    path = write_xlsx(tmp_path / "pdd.xlsx", table(PDD_HEADER, [pdd_row("X1")]))
    path.write_bytes(path.read_bytes()[:1500])
    result = parse_files([path])
    assert result.orders == []
    assert "pdd.xlsx" in result.file_errors[0].error.zh and "不完整" in result.file_errors[0].error.zh


def test_one_unreadable_file_does_not_stop_the_others(tmp_path):
    good = write_csv(tmp_path / "pdd.csv", table(PDD_HEADER, [pdd_row("G1")]))
    result = parse_files([tmp_path / "missing.csv", good])
    assert [p.order.platform_order_id for p in result.orders] == ["G1"]
    assert [f.name for f in result.file_errors] == ["missing.csv"]
