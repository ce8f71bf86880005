"""A laid-out label as a list of simple elements in millimetres, and the PDF painter for it.

The shipping label is planned once and then painted as PDF, ZPL or TSPL, so a thermal printer
driven raw prints the same zones, the same wrapped lines and the same barcodes as the PDF.
Coordinates are from the top-left corner, like label printers count them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import draw

PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Text:
    x: float
    baseline: float
    size_pt: float
    text: str
    bold: bool = False
    align: str = "left"  # left | center | right of x


@dataclass(frozen=True)
class Barcode:
    """Code128 bars: left edge x, top y, bar height; module width chosen by the planner."""

    x: float
    y: float
    height: float
    value: str
    module: float
    min_module: float
    box_x: float  # the box the bars (with quiet zones) must stay inside: thermal re-centres in it
    box_w: float


@dataclass(frozen=True)
class Rect:
    """A filled rectangle (rules, dashes) or, with `line` > 0, a frame of that thickness."""

    x: float
    y: float
    w: float
    h: float
    line: float = 0.0


@dataclass(frozen=True)
class Tag:
    """A square tag with one character, white on black or black in a frame (收 / 寄)."""

    x: float
    y: float
    side: float
    text: str
    inverted: bool


Element = Text | Barcode | Rect | Tag


@dataclass(frozen=True)
class LabelPlan:
    width: float
    height: float
    elements: tuple[Element, ...]


def paint_pdf(c: Canvas, plan: LabelPlan) -> None:
    """Paint a plan on the current page (whose size is the plan's)."""
    top = plan.height * mm
    for e in plan.elements:
        if isinstance(e, Text):
            draw.text(c, e.x * mm, top - e.baseline * mm, e.text, e.size_pt, e.bold, e.align)
        elif isinstance(e, Barcode):
            draw.paint_bars(c, e.value, e.x * mm, top - (e.y + e.height) * mm, e.module * mm, e.height * mm)
        elif isinstance(e, Rect):
            _rect(c, e, top)
        else:
            draw.tag(c, e.x * mm, top - e.y * mm, e.side * mm, e.text, e.inverted)


def _rect(c: Canvas, e: Rect, top: float) -> None:
    if e.line:
        c.setLineWidth(e.line * mm)
        c.rect(e.x * mm, top - (e.y + e.h) * mm, e.w * mm, e.h * mm, stroke=1, fill=0)
    else:
        c.rect(e.x * mm, top - (e.y + e.h) * mm, e.w * mm, e.h * mm, stroke=0, fill=1)
