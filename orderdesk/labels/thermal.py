"""Raw printer languages for the shipping label: ZPL (Zebra) and TSPL (TSC), from the same plan.

Thermal printers driven raw are fast and crisp, but know nothing of our font: Chinese text needs a
TrueType font stored on the printer (by default under the name ORDERDESK.TTF; download
resources/fonts/wqy-microhei.ttc, or any CJK TTF, to it under that name). Text positions and
sizes are approximate (the printer's font has its own metrics); the barcodes are exact: Code128,
whole-dot module widths no thinner than the PDF's, quiet zones kept. Send ZPL and TSPL as UTF-8
(both programs switch the printer to UTF-8 first). For a batch, concatenate the programs.
"""

from __future__ import annotations

import math

from .barcode import QUIET_MODULES, code128_modules
from .errors import BarcodeTooLong
from .fonts import text_width
from .model import LabelTemplate, ShippingLabelData
from .plan import Barcode, LabelPlan, Rect, Tag, Text
from .shipping import plan_shipping_label

DEFAULT_FONT = "ORDERDESK.TTF"


class _Dots:
    """Millimetres and points to printer dots at a given resolution."""

    def __init__(self, dpi: int) -> None:
        self.dpi = dpi
        self.dot_mm = 25.4 / dpi

    def mm(self, v: float) -> int:
        return round(v / self.dot_mm)

    def pt(self, v: float) -> int:
        return round(v * self.dpi / 72)

    def text_x(self, e: Text) -> int:
        w = text_width(e.text, e.size_pt) * 25.4 / 72  # mm
        shift = {"left": 0.0, "center": w / 2, "right": w}[e.align]
        return max(0, self.mm(e.x - shift))

    def text_top(self, e: Text) -> int:
        return max(0, self.mm(e.baseline) - round(self.pt(e.size_pt) * 0.8))

    def barcode(self, e: Barcode) -> tuple[int, int]:
        """(x in dots, module in dots): whole dots, never below the plan's floor, inside its box."""
        modules = code128_modules(e.value)
        floor = math.ceil(e.min_module / self.dot_mm - 1e-6)
        dots = max(round(e.module / self.dot_mm), floor)
        box = self.mm(e.box_w)
        while dots > floor and (modules + 2 * QUIET_MODULES) * dots > box:
            dots -= 1
        if (modules + 2 * QUIET_MODULES) * dots > box:
            raise BarcodeTooLong("条码内容", "barcode value", e.value, e.box_w)
        centered = abs((e.x - e.box_x) - (e.box_w - modules * e.module) / 2) < 0.01
        left = self.mm(e.box_x) + ((box - modules * dots) // 2 if centered else QUIET_MODULES * dots)
        return left, dots


def to_zpl(data: ShippingLabelData, template: LabelTemplate, dpi: int = 203, font: str = DEFAULT_FONT,
           copies: int = 1) -> str:  # fmt: skip
    """The shipping label as one ZPL II program (^XA … ^XZ)."""
    plan, d = plan_shipping_label(data, template), _Dots(dpi)
    font = font if ":" in font else f"E:{font}"  # fonts live on a printer drive, E: (flash) by default
    out = ["^XA", "^CI28", f"^CW1,{font}", f"^PW{d.mm(plan.width)}", f"^LL{d.mm(plan.height)}", "^LH0,0"]
    for e in plan.elements:
        out += _zpl(e, d)
    out += [f"^PQ{copies}", "^XZ"]
    return "\n".join(out) + "\n"


def _zpl_escape(s: str) -> str:
    """For ^FH_: the three characters ZPL would read as commands or escapes, as hex."""
    return s.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")


def _zpl(e: object, d: _Dots) -> list[str]:
    if isinstance(e, Text):
        h, x, y = d.pt(e.size_pt), d.text_x(e), d.text_top(e)
        field = f"^A1N,{h},{h}^FH_^FD{_zpl_escape(e.text)}^FS"
        return [f"^FO{x},{y}{field}"] + ([f"^FO{x + 1},{y}{field}"] if e.bold else [])
    if isinstance(e, Barcode):
        x, m = d.barcode(e)
        h = d.mm(e.height)
        mode, value = ("N", e.value.replace(">", "><")) if ">" in e.value else ("A", e.value)
        return [f"^FO{x},{d.mm(e.y)}^BY{m},3,{h}^BCN,{h},N,N,N,{mode}^FH_^FD{_zpl_escape(value)}^FS"]
    if isinstance(e, Rect):
        w, h = max(1, d.mm(e.w)), max(1, d.mm(e.h))
        t = max(1, d.mm(e.line)) if e.line else min(w, h)
        return [f"^FO{d.mm(e.x)},{d.mm(e.y)}^GB{w},{h},{t}^FS"]
    assert isinstance(e, Tag)
    side, size = d.mm(e.side), round(d.mm(e.side) * 0.75)
    inner = f"^FO{d.mm(e.x) + (side - size) // 2},{d.mm(e.y) + (side - size) // 2}"
    box = f"^FO{d.mm(e.x)},{d.mm(e.y)}^GB{side},{side},{side if e.inverted else 2}^FS"
    return [box, f"{inner}{'^FR' if e.inverted else ''}^A1N,{size},{size}^FH_^FD{_zpl_escape(e.text)}^FS"]


def to_tspl(data: ShippingLabelData, template: LabelTemplate, dpi: int = 203, font: str = DEFAULT_FONT,
            copies: int = 1, gap_mm: float = 2.0) -> str:  # fmt: skip
    """The shipping label as one TSPL2 program (SIZE … PRINT)."""
    plan, d = plan_shipping_label(data, template), _Dots(dpi)
    out = [f"SIZE {plan.width:g} mm,{plan.height:g} mm", f"GAP {gap_mm:g} mm,0 mm", "DIRECTION 1,0",
           "REFERENCE 0,0", "CODEPAGE UTF-8", "CLS"]  # fmt: skip
    for e in plan.elements:
        out += _tspl(e, d, font)
    out.append(f"PRINT 1,{copies}")
    return "\n".join(out) + "\n"


def _tspl_quote(s: str) -> str:
    return '"' + s.replace('"', '\\["]') + '"'


def _tspl(e: object, d: _Dots, font: str) -> list[str]:
    if isinstance(e, Text):
        x, y, size = d.text_x(e), d.text_top(e), max(1, round(e.size_pt))
        line = f"TEXT {{}},{y},{_tspl_quote(font)},0,{size},{size},{_tspl_quote(e.text)}"
        return [line.format(x)] + ([line.format(x + 1)] if e.bold else [])
    if isinstance(e, Barcode):
        x, m = d.barcode(e)
        return [f'BARCODE {x},{d.mm(e.y)},"128",{d.mm(e.height)},0,0,{m},{m},{_tspl_quote(e.value)}']
    if isinstance(e, Rect):
        x, y, w, h = d.mm(e.x), d.mm(e.y), max(1, d.mm(e.w)), max(1, d.mm(e.h))
        return [f"BOX {x},{y},{x + w},{y + h},{max(1, d.mm(e.line))}"] if e.line else [f"BAR {x},{y},{w},{h}"]
    assert isinstance(e, Tag)
    x, y, side = d.mm(e.x), d.mm(e.y), d.mm(e.side)
    size = max(1, round(e.side * 0.75 / 25.4 * 72))
    text = f"TEXT {x + side // 8},{y + side // 8},{_tspl_quote(font)},0,{size},{size},{_tspl_quote(e.text)}"
    if e.inverted:
        return [text, f"REVERSE {x},{y},{side},{side}"]
    return [f"BOX {x},{y},{x + side},{y + side},2", text]
