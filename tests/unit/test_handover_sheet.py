"""The A4 handover manifest as the courier and the warehouse read it: header, count, every waybill
as text and as a Code128 barcode a scanner reads back, and the two signature lines; a long
manifest runs over pages with every barcode still readable."""

from __future__ import annotations

from datetime import datetime

from orderdesk.labels.handover import HandoverSheetData, render_handover_sheet
from tests.helpers.pdf_tools import code128, pdf_pages, pdf_text

A4 = (595.3, 841.9)


def _sheet(n: int) -> HandoverSheetData:
    shapes = ("7312{:010d}", "YT{:013d}", "SF1{:012d}")
    parcels = tuple((shapes[i % 3].format(4_000_000 + i), f"TB20261201{i:06d}") for i in range(n))
    return HandoverSheetData(27, "苏州仓", "SZ-SUZHOU", "中通快递", "ZTO", datetime(2026, 12, 1, 16, 5),
                             datetime(2026, 12, 1, 16, 40), "lead", datetime(2026, 12, 1, 16, 41), parcels)  # fmt: skip


def test_the_sheet_names_who_handed_what_to_whom_with_signature_lines() -> None:
    d = _sheet(7)
    pdf = render_handover_sheet(d)
    text = pdf_text(pdf)
    assert len(pdf_pages(pdf)) == 1 and all(abs(a - b) < 1 for a, b in zip(pdf_pages(pdf)[0], A4))
    for needle in ("快递交接单", "No. 27", "苏州仓 (SZ-SUZHOU)", "中通快递 (ZTO)", "2026-12-01 16:05",
                   "2026-12-01 16:40", "lead", "共 7 件", "快递员签字", "仓库交接人签字", "日期 Date"):
        assert needle in text, needle
    for waybill, order_no in d.parcels:
        assert waybill in text and order_no in text
    assert code128(pdf) == {w for w, _o in d.parcels}


def test_a_long_manifest_runs_over_pages_and_every_barcode_reads_back() -> None:
    d = _sheet(45)
    pdf = render_handover_sheet(d)
    pages = len(pdf_pages(pdf))
    assert pages >= 2
    text = pdf_text(pdf)
    assert f"第 {pages}/{pages} 页" in text and "共 45 件" in text and "Manifest 27, continued" in text
    read = set().union(*(code128(pdf, page) for page in range(1, pages + 1)))
    assert read == {w for w, _o in d.parcels}
    assert text.rindex("快递员签字") > text.rindex(d.parcels[-1][0])  # the signatures come after the last parcel
