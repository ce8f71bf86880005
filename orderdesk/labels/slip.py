"""Packing slip (装箱单) on A5 or A4: what goes in the box, each SKU as a barcode to scan.

The packer reads it at arm's length: quantities big and bold, gifts in their own section so they
are not forgotten, the buyer's note in a framed box at the end.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import draw
from .barcode import draw_code128
from .errors import BarcodeTooLong, BarcodeValueInvalid, InvalidDocumentData, LabelError
from .flow import Row, draw_pages, paginate
from .model import PackingSlipData, SlipLine
from .textfit import fit, wrap

MARGIN = 10 * mm
HEADER_H = 40 * mm
CONT_HEADER_H = 14 * mm
FOOTER_H = 8 * mm
ROW_MIN_H = 15 * mm
NAME_SIZE = 10.0


def slip_pagesize(page: str) -> tuple[float, float]:
    sizes = {"A5": A5, "A4": A4}
    if page.upper() not in sizes:
        raise LabelError(f"装箱单纸张只能是 A5 或 A4，不是「{page}」", f"Packing slip paper must be A5 or A4, not '{page}'")
    return sizes[page.upper()]


def draw_packing_slip(c: Canvas, d: PackingSlipData, size: tuple[float, float]) -> None:
    _check(d)
    w, h = size
    cols = _Columns(MARGIN, w - 2 * MARGIN)
    rows = _rows(d, cols)
    body = h - 2 * MARGIN - FOOTER_H
    pages = paginate(rows, body - HEADER_H, body - CONT_HEADER_H)

    def frame(c: Canvas, n: int, total: int) -> float:
        _footer(c, d, w, n, total)
        return _header(c, d, w, h) if n == 1 else _cont_header(c, d, w, h)

    draw_pages(c, pages, frame)


def _check(d: PackingSlipData) -> None:
    if not d.lines:
        raise InvalidDocumentData("装箱单没有商品行", "The packing slip has no item lines")
    bad = [ln.sku for ln in d.lines + d.gift_lines if ln.qty <= 0]
    if bad:
        names = ", ".join(bad)
        raise InvalidDocumentData(f"商品数量必须大于 0：{names}", f"Quantities must be above 0: {names}")


class _Columns:
    """Column x positions: no. | SKU barcode | name and spec | quantity."""

    def __init__(self, x: float, width: float) -> None:
        self.x, self.width = x, width
        self.no_w, self.sku_w, self.qty_w = width * 0.06, width * 0.38, width * 0.13
        self.sku_x = x + self.no_w
        self.name_x = self.sku_x + self.sku_w
        self.name_w = width - self.no_w - self.sku_w - self.qty_w
        self.qty_x = self.name_x + self.name_w


def _rows(d: PackingSlipData, cols: _Columns) -> list[Row]:
    head = _table_header(cols)
    rows = [head] + [_item_row(i, ln, cols, head) for i, ln in enumerate(d.lines, 1)]
    if d.gift_lines:
        rows.append(_section_title(cols, f"赠品 Gifts（{sum(g.qty for g in d.gift_lines)} 件）", head))
        rows += [_item_row(i, g, cols, head, gift=True) for i, g in enumerate(d.gift_lines, 1)]
    rows.append(_total_row(d, cols))
    for label, note in (("买家留言 Buyer note", d.buyer_note), ("商家备注 Seller note", d.seller_note)):
        if note.strip():
            rows.append(_note_row(label, note, cols))
    return rows


def _table_header(cols: _Columns) -> Row:
    def paint(c: Canvas, top: float) -> None:
        c.setFillGray(0.88)
        c.rect(cols.x, top - 7 * mm, cols.width, 7 * mm, stroke=0, fill=1)
        c.setFillGray(0)
        y = top - 5 * mm
        for x, s in ((cols.x + 1 * mm, "#"), (cols.sku_x + 1 * mm, "商品条码 SKU"),
                     (cols.name_x + 1 * mm, "商品名称 / 规格 Item")):  # fmt: skip
            draw.text(c, x, y, s, 8.5, bold=True)
        draw.text(c, cols.qty_x + cols.qty_w - 1 * mm, y, "数量 Qty", 8.5, bold=True, align="right")

    return Row(7 * mm, paint)


def _item_row(n: int, ln: SlipLine, cols: _Columns, head: Row, gift: bool = False) -> Row:
    name = f"【赠品】{ln.name}" if gift else ln.name
    name_lines = wrap(name, cols.name_w - 2 * mm, NAME_SIZE)
    spec_lines = wrap(ln.spec, cols.name_w - 2 * mm, 8.5) if ln.spec else []
    height = max(ROW_MIN_H, (len(name_lines) * NAME_SIZE + len(spec_lines) * 8.5) * 1.2 + 5 * mm)

    def paint(c: Canvas, top: float) -> None:
        draw.text(c, cols.x + 1 * mm, top - 6 * mm, str(n), 9)
        _sku_cell(c, ln.sku, cols, top)
        y = top - 2 * mm - NAME_SIZE
        for s in name_lines:
            draw.text(c, cols.name_x + 1 * mm, y, s, NAME_SIZE, bold=gift)
            y -= NAME_SIZE * 1.2
        for s in spec_lines:
            draw.text(c, cols.name_x + 1 * mm, y, s, 8.5)
            y -= 8.5 * 1.2
        draw.text(c, cols.qty_x + cols.qty_w - 2 * mm, top - 9 * mm, f"×{ln.qty}", 16, True, "right")
        draw.hline(c, cols.x, cols.x + cols.width, top - height, 0.5)

    return Row(height, paint, header=head)


def _sku_cell(c: Canvas, sku: str, cols: _Columns, top: float) -> None:
    """SKU as a barcode with its text below; a SKU no barcode can hold is said so, not hidden."""
    try:
        draw_code128(c, sku, (cols.sku_x, top - 10 * mm, cols.sku_w, 8 * mm), ("SKU", "SKU"),
                     max_mm=0.33, align="left")  # fmt: skip
        note = ""
    except (BarcodeValueInvalid, BarcodeTooLong):
        note = "  （无法生成条码 no barcode）"
    draw.text(c, cols.sku_x + 2.5 * mm, top - 13 * mm, sku + note, 8)


def _section_title(cols: _Columns, title: str, head: Row) -> Row:
    def paint(c: Canvas, top: float) -> None:
        draw.text(c, cols.x + 1 * mm, top - 6 * mm, title, 10.5, bold=True)
        draw.hline(c, cols.x, cols.x + cols.width, top - 8 * mm, 1.0)

    return Row(8 * mm, paint, header=head, keep_with_next=True)


def _total_row(d: PackingSlipData, cols: _Columns) -> Row:
    goods, gifts = sum(ln.qty for ln in d.lines), sum(g.qty for g in d.gift_lines)
    s = f"合计 {goods} 件商品" + (f" + {gifts} 件赠品" if gifts else "") + f"  Total {goods + gifts} pcs"

    def paint(c: Canvas, top: float) -> None:
        draw.text(c, cols.x + cols.width - 1 * mm, top - 6 * mm, s, 11, bold=True, align="right")

    return Row(9 * mm, paint)


def _note_row(label: str, note: str, cols: _Columns) -> Row:
    text_w = cols.width - 4 * mm
    lines = wrap(note, text_w, 10.5)
    height = len(lines) * 10.5 * 1.25 + 11 * mm
    fitted = fit(note, text_w, height, 10.5, 10.5, (label, label))

    def paint(c: Canvas, top: float) -> None:
        box_h = height - 2 * mm
        draw.frame(c, cols.x, top - box_h, cols.width, box_h, 1.2)
        draw.text(c, cols.x + 2 * mm, top - 5 * mm, label, 9, bold=True)
        draw.block(c, cols.x + 2 * mm, top - 7 * mm, fitted)

    return Row(height, paint)


def _header(c: Canvas, d: PackingSlipData, w: float, h: float) -> float:
    top = h - MARGIN
    draw.text(c, MARGIN, top - 16, "装箱单 Packing slip", 16, bold=True)
    box = (w - MARGIN - 70 * mm, top - 13 * mm, 70 * mm, 12 * mm)
    draw_code128(c, d.order_no, box, ("订单号", "order number"), max_mm=0.375)
    draw.text(c, w - MARGIN - 35 * mm, top - 17 * mm, d.order_no, 9, align="center")
    info = [f"订单 Order: {d.order_no}", f"渠道/店铺 Shop: {d.channel_name} · {d.shop_name}",
            f"收件人 To: {d.receiver_name}"]  # fmt: skip
    if d.courier_name or d.waybill_no:
        info.append(f"快递 Courier: {d.courier_name} {d.waybill_no}".rstrip())
    if d.paid_at:
        info.append(f"付款 Paid: {d.paid_at:%Y-%m-%d %H:%M}")
    y = top - 24
    for s in info:
        draw.text(c, MARGIN, y - 12, s, 9)
        y -= 11.5
    return top - HEADER_H


def _cont_header(c: Canvas, d: PackingSlipData, w: float, h: float) -> float:
    top = h - MARGIN
    draw.text(c, MARGIN, top - 12, f"装箱单（续） Packing slip, continued — {d.order_no}", 11, bold=True)
    return top - CONT_HEADER_H


def _footer(c: Canvas, d: PackingSlipData, w: float, page: int, total: int) -> None:
    y = MARGIN
    draw.text(c, MARGIN, y, f"打印 Printed {d.printed_at:%Y-%m-%d %H:%M}", 7.5)
    draw.text(c, w - MARGIN, y, f"第 {page}/{total} 页  Page {page} of {total}", 7.5, align="right")
