"""Code128 barcodes sized for the scanner, not for the layout.

The bar (module) width is chosen first: whole printer dots of a 203 dpi thermal head (3 or 4 dots,
0.375 / 0.5 mm) when they fit, which prints crisp bars and scans from ~30 cm; never below the
given floor (0.33 mm for the waybill). Ten modules of white are kept on both sides (quiet zone).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import code128
from .draw import paint_bars
from .errors import BarcodeTooLong, BarcodeValueInvalid
from .plan import Barcode

QUIET_MODULES = 10
DOT_MM = 25.4 / 203  # one dot of a 203 dpi thermal head
WAYBILL_MIN_MODULE_MM = 0.33
WAYBILL_MAX_MODULE_MM = 0.5
SMALL_MIN_MODULE_MM = 0.25  # order / SKU codes, scanned at the bench from close up


def check_code128(value: str, what: tuple[str, str]) -> None:
    """Refuse what Code128 cannot hold: empty values and anything but printable ASCII."""
    if not value:
        raise BarcodeValueInvalid(what[0], what[1], value, None, 0)
    for pos, ch in enumerate(value, start=1):
        if not 32 <= ord(ch) <= 126:
            raise BarcodeValueInvalid(what[0], what[1], value, ch, pos)


def code128_modules(value: str) -> int:
    """How many modules wide the symbol is (start, data, checksum and stop; no quiet zones)."""
    return code128.modules(value)


def module_width_mm(modules: int, max_width_mm: float, min_mm: float, max_mm: float) -> float:
    """The widest module ≤ max_mm that fits; whole thermal dots when possible; 0 below min_mm."""
    fit = max_width_mm / (modules + 2 * QUIET_MODULES)
    capped = min(fit, max_mm)
    dots = int(capped / DOT_MM + 0.01)  # 3 dots is 0.3754 mm: treat a 0.375 cap as 3 dots
    if dots * DOT_MM > fit:
        dots -= 1
    snapped = dots * DOT_MM
    if snapped >= min_mm:
        return snapped
    return capped if capped >= min_mm else 0.0


@dataclass(frozen=True)
class PlacedBarcode:
    x: float  # left edge of the bars (points)
    width: float  # width of the bars only (points)
    module_mm: float


def draw_code128(c: Canvas, value: str, box: tuple[float, float, float, float], what: tuple[str, str],
                 min_mm: float = SMALL_MIN_MODULE_MM, max_mm: float = WAYBILL_MAX_MODULE_MM,
                 align: str = "center") -> PlacedBarcode:  # fmt: skip
    """Draw `value` as Code128 into box (x, y, width, height in points), bars `height` tall."""
    x, y, width, height = box
    check_code128(value, what)
    modules = code128_modules(value)
    module = module_width_mm(modules, width / mm, min_mm, max_mm)
    if not module:
        raise BarcodeTooLong(what[0], what[1], value, width / mm)
    quiet = QUIET_MODULES * module * mm
    left = x + quiet if align == "left" else x + (width - modules * module * mm) / 2
    paint_bars(c, value, left, y, module * mm, height)
    return PlacedBarcode(left, modules * module * mm, module)


def plan_code128(value: str, box: tuple[float, float, float, float], what: tuple[str, str],
                 min_mm: float = SMALL_MIN_MODULE_MM, max_mm: float = WAYBILL_MAX_MODULE_MM,
                 align: str = "center") -> Barcode:  # fmt: skip
    """Like draw_code128, but in millimetres from the top-left, as an element of a label plan."""
    x, y, width, height = box
    check_code128(value, what)
    modules = code128_modules(value)
    module = module_width_mm(modules, width, min_mm, max_mm)
    if not module:
        raise BarcodeTooLong(what[0], what[1], value, width)
    left = x + QUIET_MODULES * module if align == "left" else x + (width - modules * module) / 2
    return Barcode(left, y, height, value, module, min_mm, x, width)


def code128_bars(value: str) -> list[tuple[int, int]]:
    """The symbol as (first module, width in modules) of each bar, for painters other than PDF."""
    return code128.bars(value)
