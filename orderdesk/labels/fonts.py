"""The bundled CJK font, registered with reportlab once per process.

Parsing the 5 MB TrueType collection costs ~75 ms, so it happens on first use and is reused for
every later label. The font is bundled (not taken from the OS) so a label looks the same on every
station; the path can be swapped in tests to check the "font missing" message.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..resources import resource_path
from .errors import LabelFontMissing

FONT = "OrderDeskCJK"
FONT_FILE = ("fonts", "wqy-microhei.ttc")
_SUBFONT = 0  # WenQuanYi Micro Hei (index 1 is the monospaced face)
_lock = threading.Lock()
_registered: Path | None = None


def font_path() -> Path:
    return resource_path(*FONT_FILE)


def ensure_font(path: Path | None = None) -> str:
    """Register the label font (first call only) and return its reportlab name."""
    global _registered
    wanted = path or font_path()
    with _lock:
        if _registered == wanted:
            return FONT
        if not wanted.is_file():
            raise LabelFontMissing(str(wanted))
        try:
            pdfmetrics.registerFont(TTFont(FONT, str(wanted), subfontIndex=_SUBFONT))
        except Exception as exc:  # reportlab raises TTFError and plain OSError alike
            raise LabelFontMissing(str(wanted), str(exc)) from exc
        _registered = wanted
    return FONT


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)
