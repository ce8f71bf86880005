"""A batch of shipping labels whose templates differ (sizes per courier): one PDF, each page its size.

The PDF's keywords name what it holds ("orderdesk shipping TB1 PDD2 …"), so printing the file later
can record which orders were printed without the caller keeping a list.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm

from .errors import LabelError
from .model import LabelTemplate, ShippingLabelData
from .pdf import new_canvas
from .plan import paint_pdf
from .shipping import plan_shipping_label

KEYWORD_PREFIX = "orderdesk"


def keywords(kind: str, order_nos: Sequence[str]) -> str:
    return " ".join([KEYWORD_PREFIX, kind, *dict.fromkeys(order_nos)])


def parse_keywords(text: str) -> tuple[str, list[str]] | None:
    """(kind, order numbers) from a PDF made here, or None for any other PDF."""
    words = text.split()
    if len(words) < 2 or words[0] != KEYWORD_PREFIX:
        return None
    return words[1], words[2:]


def render_label_batch(pairs: Sequence[tuple[ShippingLabelData, LabelTemplate]]) -> bytes:
    """Labels in the order given, each page at its own template's size."""
    if not pairs:
        raise LabelError("没有要打印的内容", "Nothing to print")
    first = pairs[0][1].size
    buf = io.BytesIO()
    c = new_canvas(buf, (first.width_mm * mm, first.height_mm * mm), "Shipping labels")
    c.setKeywords(keywords("shipping", [d.order_no for d, _t in pairs]))
    for data, template in pairs:
        c.setPageSize((template.size.width_mm * mm, template.size.height_mm * mm))
        try:
            paint_pdf(c, plan_shipping_label(data, template))
        except LabelError as exc:
            raise exc.in_context(f"订单 {data.order_no}", f"Order {data.order_no}") from exc
        c.showPage()
    c.save()
    return buf.getvalue()
