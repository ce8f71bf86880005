"""Packing slips and pick lists: the right paper, everything the packer and picker need, and
barcodes that scan back to SKUs and order numbers."""

from __future__ import annotations

from datetime import datetime

import pytest
from reportlab.lib.pagesizes import A4, A5

from orderdesk.labels import (InvalidDocumentData, LabelError, PickLine, PickListData, SlipLine,
                              render_packing_slips, render_pick_list)  # fmt: skip
from orderdesk.labels.picklist import bin_sort_key, group_lines, order_slots
from orderdesk.labels.samples import sample_packing_slip, sample_pick_list
from tests.helpers.pdf_tools import code128, pdf_pages, pdf_text


@pytest.mark.parametrize(("page", "size"), [("A5", A5), ("A4", A4)])
def test_packing_slip_on_a5_and_a4(page: str, size: tuple[float, float]) -> None:
    d = sample_packing_slip()
    pdf = render_packing_slips([d], page)
    [(w, h)] = pdf_pages(pdf)
    assert (round(w), round(h)) == (round(size[0]), round(size[1]))
    text = pdf_text(pdf)
    for wanted in (d.order_no, "FB-40-BLUE", "可折叠洗脸盆", "×2", "赠品", "收纳挂钩", "请不要放发票", "李*"):
        assert wanted in text
    assert code128(pdf, dpi=300) == {d.order_no, "FB-40-BLUE", "FT-10L-GRY", "FB-30-PINK", "GIFT-HOOK"}


def test_long_slip_continues_on_a_second_page_with_page_numbers() -> None:
    lines = tuple(SlipLine(f"SKU-{i:03d}", f"商品 {i} 号 可折叠收纳箱", 1 + i % 3, "大号") for i in range(30))
    pdf = render_packing_slips([sample_packing_slip(lines=lines)], "A5")
    pages = len(pdf_pages(pdf))
    assert pages >= 3
    text = pdf_text(pdf)
    assert f"第 {pages}/{pages} 页" in text and "SKU-029" in text and "装箱单（续）" in text


def test_sku_no_barcode_can_hold_is_printed_as_text_and_says_so() -> None:
    d = sample_packing_slip(lines=(SlipLine("折叠盆-蓝", "可折叠洗脸盆", 1),))
    text = pdf_text(render_packing_slips([d]))
    assert "折叠盆-蓝" in text and "无法生成条码" in text


def test_slip_refuses_zero_quantities_and_unknown_paper() -> None:
    with pytest.raises(InvalidDocumentData):
        render_packing_slips([sample_packing_slip(lines=(SlipLine("A-1", "x", 0),))])
    with pytest.raises(LabelError):
        render_packing_slips([sample_packing_slip()], "Letter")


def test_bins_sort_naturally() -> None:
    bins = ["A-01-10", "B-1", "A-01-2", "a-01-3"]
    assert sorted(bins, key=bin_sort_key) == ["A-01-2", "a-01-3", "A-01-10", "B-1"]


def test_pick_lines_group_by_bin_and_sku_with_slot_quantities() -> None:
    lines = (PickLine("S1", "盆", "A-10", 2, "O1", 1), PickLine("S1", "盆", "A-10", 1, "O2", 2),
             PickLine("S2", "桶", "A-2", 1, "O1", 1), PickLine("S1", "盆", "A-10", 1, "O1", 1))  # fmt: skip
    groups = group_lines(lines)
    assert [(g.bin_code, g.sku, g.qty, g.slots) for g in groups] == [
        ("A-2", "S2", 1, ((1, 1),)), ("A-10", "S1", 4, ((1, 3), (2, 1)))]  # fmt: skip
    assert order_slots(lines) == [(1, "O1"), (2, "O2")]


def test_one_order_in_two_slots_is_refused() -> None:
    lines = (PickLine("S1", "盆", "A-1", 1, "O1", 1), PickLine("S2", "桶", "A-2", 1, "O1", 2))
    with pytest.raises(InvalidDocumentData):
        order_slots(lines)


def test_pick_list_renders_bins_in_walking_order_with_order_barcodes() -> None:
    pick = sample_pick_list(orders=40)
    pdf = render_pick_list(pick)
    pages = pdf_pages(pdf)
    assert len(pages) >= 2 and all((round(w), round(h)) == (round(A4[0]), round(A4[1])) for w, h in pages)
    text = pdf_text(pdf)
    bins = [text.index(b) for b in ("A-01-03", "A-01-10", "A-02-11", "B-03-02", "C-09-01")]
    assert bins == sorted(bins)
    assert pick.wave_id in text and "DY68001230039" in text
    decoded = set().union(*(code128(pdf, page, dpi=300) for page in range(1, len(pages) + 1)))
    assert {pick.wave_id, "DY68001230000", "DY68001230039"} <= decoded


def test_empty_pick_list_is_refused() -> None:
    with pytest.raises(InvalidDocumentData):
        render_pick_list(PickListData("W1", "仓", datetime(2026, 1, 1)))
