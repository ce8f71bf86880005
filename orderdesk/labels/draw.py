"""Small drawing helpers over a reportlab canvas: text (with a faux bold), tags, rules, boxes.

The bundled font has no bold face; bold is the filled text plus a thin outline of the same glyphs
drawn over it, which prints dark and thick on a thermal head and stays searchable text.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from . import code128
from .fonts import FONT, text_width
from .textfit import FittedText

BOLD_STROKE = 0.045  # outline width as a share of the font size


def text(c: Canvas, x: float, y: float, s: str, size: float, bold: bool = False, align: str = "left") -> None:
    """Draw one line with its baseline at y; align is left, center or right of x."""
    if align != "left":
        w = text_width(s, size)
        x -= w / 2 if align == "center" else w
    _text(c, x, y, s, size, 0)
    if bold:  # the outline goes on top as a separate stroke-only text: the filled text stays plain
        c.saveState()  # text that survives conversion to PostScript and back (gs outlines mode 2)
        c.setLineWidth(size * BOLD_STROKE)
        _text(c, x, y, s, size, 1)
        c.restoreState()


def _text(c: Canvas, x: float, y: float, s: str, size: float, mode: int) -> None:
    t = c.beginText(x, y)
    t.setFont(FONT, size)
    if mode:
        t.setTextRenderMode(mode)
    t.textOut(s)
    c.drawText(t)


def block(c: Canvas, x: float, top: float, fitted: FittedText, bold: bool = False) -> float:
    """Draw fitted lines hanging from `top`; returns the y just below the last line."""
    y = top - fitted.size * 0.9
    for line in fitted.lines:
        text(c, x, y, line, fitted.size, bold)
        y -= fitted.leading
    return top - fitted.height


def tag(c: Canvas, x: float, top: float, side: float, s: str, inverted: bool = True) -> None:
    """A square tag such as 收 / 寄: white on black (inverted) or black in a frame."""
    c.setLineWidth(1)
    c.rect(x, top - side, side, side, stroke=1, fill=1 if inverted else 0)
    c.saveState()
    if inverted:
        c.setFillGray(1)
        c.setStrokeGray(1)
    size = side * 0.72
    text(c, x + side / 2, top - side / 2 - size * 0.36, s, size, bold=True, align="center")
    c.restoreState()


def hline(c: Canvas, x0: float, x1: float, y: float, width: float = 0.8, dashed: bool = False) -> None:
    c.setLineWidth(width)
    if dashed:
        c.setDash(3, 2)
    c.line(x0, y, x1, y)
    if dashed:
        c.setDash()


def vline(c: Canvas, x: float, y0: float, y1: float, width: float = 0.8) -> None:
    c.setLineWidth(width)
    c.line(x, y0, x, y1)


def frame(c: Canvas, x: float, y: float, w: float, h: float, width: float = 1.0) -> None:
    c.setLineWidth(width)
    c.rect(x, y, w, h, stroke=1, fill=0)


def paint_bars(c: Canvas, value: str, x: float, y: float, module: float, height: float) -> None:
    """Code128 bars of `value` from (x, y) upwards, in points: one filled rectangle per bar."""
    for start, width in code128.bars(value):
        c.rect(x + start * module, y, width * module, height, stroke=0, fill=1)
