"""Documents to PDF bytes: many labels in one PDF, one page each, font registered once.

These are the entry points the services call. A bad record stops the whole document with an error
naming its order, so a batch is either printed complete or not at all.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import TypeVar

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .errors import LabelError
from .fonts import ensure_font
from .model import LabelTemplate, PackingSlipData, PickListData, ShippingLabelData
from .picklist import PAGE, draw_pick_list
from .plan import paint_pdf
from .shipping import plan_shipping_label
from .slip import draw_packing_slip, slip_pagesize

T = TypeVar("T")


def new_canvas(buf: io.BytesIO, pagesize: tuple[float, float], title: str) -> Canvas:
    ensure_font()
    c = Canvas(buf, pagesize=pagesize, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("OrderDesk")
    c.setCreator("OrderDesk")
    return c


def render_pages(items: Iterable[T], pagesize: tuple[float, float], title: str,
                 draw_one: Callable[[Canvas, T], None],
                 name: Callable[[T], tuple[str, str]]) -> bytes:  # fmt: skip
    """One drawing call per item, each ending its own page(s); an error names its record."""
    buf = io.BytesIO()
    c = new_canvas(buf, pagesize, title)
    count = 0
    for item in items:
        try:
            draw_one(c, item)
        except LabelError as exc:
            raise exc.in_context(*name(item)) from exc
        c.showPage()
        count += 1
    if not count:
        raise LabelError("没有要打印的内容", "Nothing to print")
    c.save()
    return buf.getvalue()


def _order(d: ShippingLabelData | PackingSlipData) -> tuple[str, str]:
    return f"订单 {d.order_no}", f"Order {d.order_no}"


def render_shipping_labels(labels: Iterable[ShippingLabelData], template: LabelTemplate) -> bytes:
    """Shipping labels, one per page, all at the template's size, in the order given."""
    size = (template.size.width_mm * mm, template.size.height_mm * mm)

    def draw_one(c: Canvas, d: ShippingLabelData) -> None:
        paint_pdf(c, plan_shipping_label(d, template))

    return render_pages(labels, size, "Shipping labels", draw_one, _order)


def render_shipping_label(label: ShippingLabelData, template: LabelTemplate) -> bytes:
    return render_shipping_labels([label], template)


def render_packing_slips(slips: Iterable[PackingSlipData], page: str = "A5") -> bytes:
    """Packing slips on A5 or A4 paper; a long slip continues on further pages."""
    size = slip_pagesize(page)
    return render_pages(slips, size, "Packing slips", lambda c, d: draw_packing_slip(c, d, size),
                        _order)  # fmt: skip


def render_pick_list(pick: PickListData) -> bytes:
    """A wave's pick list on A4: bins in walking order, then the order slots with barcodes."""
    return render_pages([pick], PAGE, f"Pick list {pick.wave_id}", draw_pick_list,
                        lambda p: (f"波次 {p.wave_id}", f"Wave {p.wave_id}"))  # fmt: skip
