"""A red credit note (红字凭证) on A4: number, order, buyer, the credited lines and the totals.

Finance files it with the month's refunds, so every figure is printed with two decimals and its
sign, the totals under the lines add up to the cent, and the reason and the issuer are on the page.
Amounts are drawn in red, as a red-ink reversal is.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..domain.credit_notes import BEIJING, REVERSAL, CreditNote, NoteLine, yuan
from ..domain.model import Channel
from . import draw
from .flow import Row, draw_pages, paginate
from .pdf import render_pages
from .textfit import wrap

MARGIN = 15 * mm
HEADER_H = 52 * mm
CONT_HEADER_H = 14 * mm
FOOTER_H = 8 * mm
SIZE = 9.5
RED = (0.75, 0.05, 0.05)


def render_credit_note(note: CreditNote) -> bytes:
    return render_pages([note], A4, f"Credit note {note.number}", draw_credit_note,
                        lambda n: (f"红字凭证 {n.number}", f"Credit note {n.number}"))  # fmt: skip


def draw_credit_note(c: Canvas, note: CreditNote) -> None:
    w, h = A4
    cols = _Columns(MARGIN, w - 2 * MARGIN)
    body = h - 2 * MARGIN - FOOTER_H
    pages = paginate(_rows(note, cols), body - HEADER_H, body - CONT_HEADER_H)

    def frame(c: Canvas, n: int, total: int) -> float:
        _footer(c, note, w, n, total)
        return _header(c, note, w, h) if n == 1 else _cont_header(c, note, h)

    draw_pages(c, pages, frame)


class _Columns:
    """# | SKU | item | qty | unit price | amount, right-aligned figures."""

    def __init__(self, x: float, width: float) -> None:
        self.x, self.width = x, width
        self.no_x, self.sku_x, self.item_x = x + 1 * mm, x + 8 * mm, x + 50 * mm
        self.item_w = width - 50 * mm - 75 * mm
        self.qty_r, self.price_r, self.amount_r = x + width - 55 * mm, x + width - 28 * mm, x + width - 1 * mm


def _rows(note: CreditNote, cols: _Columns) -> list[Row]:
    head = _table_header(cols)
    rows = [head] + [_line_row(i, ln, cols, head) for i, ln in enumerate(note.lines, 1)]
    if not note.lines:
        rows.append(_text_row("（无商品行，仅运费 / freight only）", cols))
    rows += [_total_row("商品金额 Goods", note.goods_fen, cols), _total_row("运费 Freight", note.freight_fen, cols),
             _total_row("合计 Total (CNY)", note.total_fen, cols, big=True), _reason_row(note, cols)]  # fmt: skip
    return rows


def _table_header(cols: _Columns) -> Row:
    def paint(c: Canvas, top: float) -> None:
        c.setFillGray(0.88)
        c.rect(cols.x, top - 7 * mm, cols.width, 7 * mm, stroke=0, fill=1)
        c.setFillGray(0)
        y = top - 5 * mm
        for x, s in ((cols.no_x, "#"), (cols.sku_x, "SKU"), (cols.item_x, "商品 Item")):
            draw.text(c, x, y, s, 8.5, bold=True)
        for x, s in ((cols.qty_r, "数量 Qty"), (cols.price_r, "单价 Unit price"), (cols.amount_r, "金额 Amount")):
            draw.text(c, x, y, s, 8.5, bold=True, align="right")

    return Row(7 * mm, paint)


def _line_row(n: int, ln: NoteLine, cols: _Columns, head: Row) -> Row:
    title = wrap(ln.title or "—", cols.item_w, SIZE)
    sku = wrap(ln.sku, cols.item_x - cols.sku_x - 2 * mm, SIZE)
    height = max(len(title), len(sku)) * SIZE * 1.25 + 4 * mm

    def paint(c: Canvas, top: float) -> None:
        y = top - 2 * mm - SIZE
        draw.text(c, cols.no_x, y, str(n), SIZE)
        for i, s in enumerate(sku):
            draw.text(c, cols.sku_x, y - i * SIZE * 1.25, s, SIZE)
        for i, s in enumerate(title):
            draw.text(c, cols.item_x, y - i * SIZE * 1.25, s, SIZE)
        draw.text(c, cols.qty_r, y, f"{ln.quantity:d}", SIZE, align="right")
        draw.text(c, cols.price_r, y, yuan(ln.unit_price_fen), SIZE, align="right")
        _red(c, lambda: draw.text(c, cols.amount_r, y, yuan(ln.amount_fen), SIZE, align="right"))
        draw.hline(c, cols.x, cols.x + cols.width, top - height, 0.4)

    return Row(height, paint, header=head)


def _text_row(s: str, cols: _Columns) -> Row:
    return Row(8 * mm, lambda c, top: draw.text(c, cols.item_x, top - 5.5 * mm, s, SIZE))


def _total_row(label: str, fen: int, cols: _Columns, big: bool = False) -> Row:
    size = 12.0 if big else SIZE

    def paint(c: Canvas, top: float) -> None:
        y = top - size - 2 * mm
        if big:
            draw.hline(c, cols.price_r - 45 * mm, cols.x + cols.width, top - 0.5 * mm, 1.0)
        draw.text(c, cols.price_r, y, label, size, bold=big, align="right")
        _red(c, lambda: draw.text(c, cols.amount_r, y, yuan(fen), size, bold=big, align="right"))

    return Row(size + 4 * mm, paint)


def _reason_row(note: CreditNote, cols: _Columns) -> Row:
    lines = wrap(note.reason, cols.width - 6 * mm, 10.0)
    height = len(lines) * 12.5 + 14 * mm

    def paint(c: Canvas, top: float) -> None:
        box_top = top - 4 * mm
        draw.frame(c, cols.x, top - height, cols.width, height - 4 * mm, 1.0)
        draw.text(c, cols.x + 3 * mm, box_top - 5 * mm, "冲红原因 Reason", 9, bold=True)
        for i, s in enumerate(lines):
            draw.text(c, cols.x + 3 * mm, box_top - 10 * mm - i * 12.5, s, 10.0)

    return Row(height, paint)


def _header(c: Canvas, note: CreditNote, w: float, h: float) -> float:
    top = h - MARGIN
    title = "冲销凭证 Reversing note" if note.kind == REVERSAL else "红字凭证 Credit note"
    _red(c, lambda: draw.text(c, MARGIN, top - 18, title, 20, bold=True))
    draw.text(c, w - MARGIN, top - 16, note.number, 15, bold=True, align="right")
    if note.kind == REVERSAL and note.reverses:
        draw.text(c, w - MARGIN, top - 30, f"冲销 {note.reverses} / Reverses {note.reverses}", 9.5, align="right")
    if note.reversed_by:
        draw.text(c, w - MARGIN, top - 30, f"已被 {note.reversed_by} 冲销 / Reversed by {note.reversed_by}", 9.5,
                  align="right")  # fmt: skip
    info = [("日期 Date", f"{note.issued_at.astimezone(BEIJING):%Y-%m-%d %H:%M}"), ("订单 Order", note.order_no),
            ("渠道 Channel", _channel(note.channel)), ("买家 Buyer", note.buyer or "—"),
            ("开具人 Issued by", note.issued_by)]  # fmt: skip
    y = top - 46
    for label, value in info:
        draw.text(c, MARGIN, y, label, 9.5, bold=True)
        draw.text(c, MARGIN + 34 * mm, y, value, 10.5)
        y -= 15
    return top - HEADER_H


def _cont_header(c: Canvas, note: CreditNote, h: float) -> float:
    top = h - MARGIN
    draw.text(c, MARGIN, top - 12, f"红字凭证（续） Credit note, continued — {note.number}", 11, bold=True)
    return top - CONT_HEADER_H


def _footer(c: Canvas, note: CreditNote, w: float, page: int, total: int) -> None:
    draw.text(c, MARGIN, MARGIN, f"{note.number} · 订单 {note.order_no} · OrderDesk", 7.5)
    draw.text(c, w - MARGIN, MARGIN, f"第 {page}/{total} 页  Page {page} of {total}", 7.5, align="right")


def _channel(code: str) -> str:
    try:
        ch = Channel(code)
    except ValueError:
        return code
    return f"{ch.zh} {ch.en}"


def _red(c: Canvas, paint) -> None:  # noqa: ANN001 - a drawing callable
    c.saveState()
    c.setFillColorRGB(*RED)
    c.setStrokeColorRGB(*RED)
    paint()
    c.restoreState()
