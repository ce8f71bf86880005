"""Courier handover manifest (快递交接单) on A4: who handed what to which courier, and both signatures.

The header names the warehouse, the courier, the manifest number, the time and who scanned; then
the parcel count in big type; then every waybill as a Code128 barcode with its number and order
(two per row, so the courier's own scanner can check the sheet against the pile); last, the lines
where the courier and the warehouse sign. Pure reportlab, in the bundled CJK font.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import draw
from .barcode import draw_code128
from .flow import Row, draw_pages, paginate
from .pdf import render_pages

PAGE = A4
MARGIN = 12 * mm
HEADER_H = 44 * mm
CONT_HEADER_H = 12 * mm
FOOTER_H = 8 * mm
PARCEL_ROW_H = 22 * mm
SIGN_H = 48 * mm


@dataclass(frozen=True)
class HandoverSheetData:
    manifest_id: int
    warehouse_name: str
    warehouse_code: str
    courier_name: str
    courier_code: str
    opened_at: datetime
    closed_at: datetime | None
    handled_by: str  # who opened (and closed) it
    printed_at: datetime
    parcels: tuple[tuple[str, str], ...]  # (waybill, order number), in scan order


def render_handover_sheet(d: HandoverSheetData) -> bytes:
    return render_pages([d], PAGE, f"Handover manifest {d.manifest_id}", draw_handover_sheet,
                        lambda s: (f"交接单 {s.manifest_id}", f"Manifest {s.manifest_id}"))  # fmt: skip


def draw_handover_sheet(c: Canvas, d: HandoverSheetData) -> None:
    w, h = PAGE
    rows = _parcel_rows(d, w) + [_signatures(d, w)]
    body = h - 2 * MARGIN - FOOTER_H
    pages = paginate(rows, body - HEADER_H, body - CONT_HEADER_H)

    def frame(c: Canvas, n: int, total: int) -> float:
        draw.text(c, MARGIN, MARGIN, f"打印 Printed {d.printed_at:%Y-%m-%d %H:%M}", 7.5)
        draw.text(c, w - MARGIN, MARGIN, f"第 {n}/{total} 页  Page {n} of {total}", 7.5, align="right")
        if n > 1:
            draw.text(c, MARGIN, h - MARGIN - 12, f"交接单（续） Manifest {d.manifest_id}, continued", 11, bold=True)
            return h - MARGIN - CONT_HEADER_H
        return _header(c, d, w, h)

    draw_pages(c, pages, frame)


def _header(c: Canvas, d: HandoverSheetData, w: float, h: float) -> float:
    top = h - MARGIN
    draw.text(c, MARGIN, top - 18, "快递交接单 Courier handover manifest", 18, bold=True)
    draw.text(c, w - MARGIN, top - 18, f"No. {d.manifest_id}", 18, bold=True, align="right")
    closed = f"{d.closed_at:%Y-%m-%d %H:%M}" if d.closed_at else "未关闭 open"
    lines = (f"仓库 Warehouse: {d.warehouse_name} ({d.warehouse_code})",
             f"快递公司 Courier: {d.courier_name} ({d.courier_code})",
             f"开单 Opened: {d.opened_at:%Y-%m-%d %H:%M}    签收 Closed: {closed}    经办 By: {d.handled_by}")  # fmt: skip
    for i, s in enumerate(lines):
        draw.text(c, MARGIN, top - 14 * mm - i * 5.5 * mm, s, 10.5)
    draw.text(c, w - MARGIN, top - 27 * mm, f"共 {len(d.parcels)} 件", 24, bold=True, align="right")
    draw.text(c, w - MARGIN, top - 33 * mm, f"{len(d.parcels)} parcel(s)", 10, align="right")
    draw.hline(c, MARGIN, w - MARGIN, top - 38 * mm, 1.2)
    return top - HEADER_H


def _parcel_rows(d: HandoverSheetData, w: float) -> list[Row]:
    """Two parcel cards per row: the running number, the waybill as barcode and text, the order."""
    half = (w - 2 * MARGIN) / 2
    numbered = list(enumerate(d.parcels, start=1))
    rows = []
    for i in range(0, len(numbered), 2):
        pair = numbered[i : i + 2]

        def paint(c: Canvas, top: float, pair: list = pair) -> None:
            for k, (n, (waybill, order_no)) in enumerate(pair):
                _card(c, MARGIN + k * half, top, half - 3 * mm, n, waybill, order_no)
            draw.hline(c, MARGIN, w - MARGIN, top - PARCEL_ROW_H, 0.3, dashed=True)

        rows.append(Row(PARCEL_ROW_H, paint))
    return rows


def _card(c: Canvas, x: float, top: float, width: float, n: int, waybill: str, order_no: str) -> None:
    draw.text(c, x + 8 * mm, top - 9 * mm, str(n), 13 if n < 1000 else 10, True, "right")
    bx = x + 10 * mm
    draw_code128(c, waybill, (bx, top - 14 * mm, width - 10 * mm, 11 * mm), ("运单号", "waybill number"),
                 max_mm=0.375, align="left")  # fmt: skip
    draw.text(c, bx + 4 * mm, top - 18 * mm, waybill, 10, bold=True)
    draw.text(c, bx + 4 * mm, top - 21 * mm, f"订单 Order {order_no}", 7.5)


def _signatures(d: HandoverSheetData, w: float) -> Row:
    def paint(c: Canvas, top: float) -> None:
        draw.text(c, MARGIN, top - 10 * mm, f"以上共 {len(d.parcels)} 件，件数核对无误后签字。"
                  f"  {len(d.parcels)} parcel(s) above; sign once the count is checked.", 9.5)  # fmt: skip
        half = (w - 2 * MARGIN) / 2
        for k, (zh, en) in enumerate((("快递员签字", "Courier signature"), ("仓库交接人签字", "Warehouse signature"))):
            x = MARGIN + k * half
            draw.text(c, x, top - 22 * mm, f"{zh} {en}:", 10.5, bold=True)
            draw.hline(c, x, x + half - 8 * mm, top - 32 * mm, 0.8)
            draw.text(c, x, top - 40 * mm, "日期 Date:", 9.5)
            draw.hline(c, x + 20 * mm, x + half - 8 * mm, top - 40 * mm, 0.8)

    return Row(SIGN_H, paint)
