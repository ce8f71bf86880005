"""Rows that flow over pages: measured first, then drawn, so every page knows "page 2 of 3".

Table headers repeat at the top of a continued page; a section title stays with its first row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from .errors import LabelError

Paint = Callable[[Canvas, float], None]  # draws a row whose top edge is at the given y


@dataclass(frozen=True)
class Row:
    height: float
    paint: Paint
    header: Row | None = None  # repeated first on a page that continues this row's table
    keep_with_next: bool = False


def paginate(rows: Sequence[Row], first_avail: float, avail: float) -> list[list[Row]]:
    """Split rows into pages; the first page has less room (it carries the document header)."""
    pages: list[list[Row]] = [[]]
    left = first_avail
    for i, row in enumerate(rows):
        nxt = rows[i + 1].height if row.keep_with_next and i + 1 < len(rows) else 0.0
        if row.height + nxt > left and pages[-1]:
            pages.append([])
            left = avail
            if row.header is not None:
                pages[-1].append(row.header)
                left -= row.header.height
        if row.height > left + 1e-6:
            raise LabelError("有一行内容比整页还高，无法排版", "A row is taller than a whole page")
        pages[-1].append(row)
        left -= row.height
    return pages


def draw_pages(c: Canvas, pages: list[list[Row]], frame: Callable[[Canvas, int, int], float]) -> None:
    """Draw each page's frame (header/footer; returns where rows start) and then its rows."""
    for n, rows in enumerate(pages, start=1):
        y = frame(c, n, len(pages))
        for row in rows:
            row.paint(c, y)
            y -= row.height
        if n < len(pages):
            c.showPage()
