"""Painting onto a QPrinter: label plans as vectors, any PDF as page images (QtPdf).

Labels are painted from their plan (the same layout the PDF has) with QPainter, so the driver
gets real text and bars it rasterises at the head's own resolution, and a PDF queue keeps the text.
Other PDFs (slips, pick lists, a file from the command line) are rendered page by page with QtPdf
at `dpi` and sent as 1-bit images: sharp for barcodes, small in the spool.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..gui.qt import (QBuffer, QByteArray, QColor, QFont, QFontMetricsF, QImage, QIODevice, QPainter,
                      QPdfDocument, QPointF, QPrinter, QRectF, QSize, Qt)  # fmt: skip
from ..labels.barcode import code128_bars
from ..labels.plan import Barcode, LabelPlan, Rect, Tag, Text
from .errors import UnreadablePdf
from .qt_printers import label_font_family, set_page

PT_PER_INCH = 72.0
MM_PER_INCH = 25.4


def paint_plans(painter: QPainter, printer: QPrinter, plans: Sequence[LabelPlan]) -> None:
    """Paint one plan per page on an open painter (also usable from a print preview)."""
    for i, plan in enumerate(plans):
        if i:
            set_page(printer, (plan.width, plan.height))
            printer.newPage()
        _PlanPainter(painter, printer.resolution()).paint(plan)


class _PlanPainter:
    def __init__(self, painter: QPainter, dpi: int) -> None:
        self.p, self.k, self.dpi = painter, dpi / MM_PER_INCH, dpi
        self.family = label_font_family()

    def paint(self, plan: LabelPlan) -> None:
        for e in plan.elements:
            if isinstance(e, Text):
                self.text(e.x, e.baseline, e.text, e.size_pt, e.bold, e.align, Qt.GlobalColor.black)
            elif isinstance(e, Barcode):
                self.barcode(e)
            elif isinstance(e, Rect):
                self.rect(e)
            else:
                self.tag(e)

    def font(self, size_pt: float) -> QFont:
        f = QFont(self.family)
        f.setPixelSize(max(1, round(size_pt * self.dpi / PT_PER_INCH)))
        return f

    def text(self, x: float, baseline: float, s: str, size_pt: float, bold: bool, align: str,
             color: Qt.GlobalColor) -> None:  # fmt: skip
        """Bold is the text drawn twice, a hair apart: the font has no bold face and Qt's PDF
        output does not embolden, and it stays one searchable text (viewers merge the copies)."""
        font = self.font(size_pt)
        px = x * self.k
        if align != "left":
            w = QFontMetricsF(font, self.p.device()).horizontalAdvance(s)
            px -= w / 2 if align == "center" else w
        self.p.setFont(font)
        self.p.setPen(QColor(color))
        self.p.drawText(QPointF(px, baseline * self.k), s)
        if bold:
            self.p.drawText(QPointF(px + max(1.0, font.pixelSize() * 0.045), baseline * self.k), s)

    def barcode(self, e: Barcode) -> None:
        """Bars with edges rounded to device pixels so every module keeps the same width."""
        top, height = round(e.y * self.k), round(e.height * self.k)
        for start, width in code128_bars(e.value):
            x0 = round((e.x + start * e.module) * self.k)
            x1 = round((e.x + (start + width) * e.module) * self.k)
            self.p.fillRect(x0, top, x1 - x0, height, Qt.GlobalColor.black)

    def rect(self, e: Rect) -> None:
        r = QRectF(e.x * self.k, e.y * self.k, e.w * self.k, e.h * self.k)
        if not e.line:
            self.p.fillRect(r, Qt.GlobalColor.black)
            return
        t = e.line * self.k
        edges = (QRectF(r.left(), r.top(), r.width(), t), QRectF(r.left(), r.bottom() - t, r.width(), t),
                 QRectF(r.left(), r.top(), t, r.height()), QRectF(r.right() - t, r.top(), t, r.height()))
        for edge in edges:
            self.p.fillRect(edge, Qt.GlobalColor.black)

    def tag(self, e: Tag) -> None:
        side = e.side * self.k
        box = QRectF(e.x * self.k, e.y * self.k, side, side)
        if e.inverted:
            self.p.fillRect(box, Qt.GlobalColor.black)
        else:
            self.rect(Rect(e.x, e.y, e.side, e.side, line=0.35))
        size_pt = e.side * 0.72 / MM_PER_INCH * PT_PER_INCH
        color = Qt.GlobalColor.white if e.inverted else Qt.GlobalColor.black
        self.text(e.x + e.side / 2, e.y + e.side / 2 + e.side * 0.26, e.text, size_pt, True, "center", color)


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """Load PDF bytes with QtPdf; the buffer must outlive the document, so both are returned."""
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
        raise UnreadablePdf(f"{doc.error().name}")
    return doc, buf


def page_mm(doc: QPdfDocument, page: int) -> tuple[float, float]:
    size = doc.pagePointSize(page)
    return size.width() / PT_PER_INCH * MM_PER_INCH, size.height() / PT_PER_INCH * MM_PER_INCH


def paint_pdf_pages(painter: QPainter, printer: QPrinter, doc: QPdfDocument, dpi: int) -> int:
    """Each page as a 1-bit image filling the paper; returns the number of pages."""
    for i in range(doc.pageCount()):
        if i:
            set_page(printer, page_mm(doc, i))
            printer.newPage()
        painter.drawImage(printer.paperRect(QPrinter.Unit.DevicePixel), _page_image(doc, i, dpi))
    return doc.pageCount()


def _page_image(doc: QPdfDocument, page: int, dpi: int) -> QImage:
    w, h = (round(v / MM_PER_INCH * dpi) for v in page_mm(doc, page))
    rendered = doc.render(page, QSize(w, h))
    flat = QImage(w, h, QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)  # QtPdf leaves the paper transparent
    p = QPainter(flat)
    p.drawImage(0, 0, rendered)
    p.end()
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.MonoOnly
    return flat.convertToFormat(QImage.Format.Format_Mono, flags)
