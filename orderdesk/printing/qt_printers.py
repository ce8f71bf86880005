"""The printers the OS knows, through Qt print support (the same code on Windows and Linux).

QPrinter needs a QGuiApplication; the CLI has none, so one is created on demand (off-screen when
there is no display), which is harmless inside the desktop app where one already exists.
"""

from __future__ import annotations

import os
import sys

from ..gui.qt import (QApplication, QCoreApplication, QFontDatabase, QGuiApplication, QMarginsF, QPageLayout, QPageSize,
                      QPrinter, QPrinterInfo, QSizeF)  # fmt: skip
from ..resources import resource_path
from .errors import PrintError
from .model import PrinterInfo

_STATES = {
    QPrinter.PrinterState.Idle: "idle",
    QPrinter.PrinterState.Active: "printing",
    QPrinter.PrinterState.Aborted: "error",
    QPrinter.PrinterState.Error: "error",
}
_family: str | None = None
_app: QGuiApplication | None = None  # kept referenced: the CLI's application lives as long as the process


def ensure_gui_app() -> None:
    """Make sure a QGuiApplication exists (CLI use), headless-safe on Linux."""
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication):
        return
    if app is not None:
        raise PrintError("打印需要图形程序环境（QGuiApplication）",
                         "Printing needs a QGuiApplication, not a QCoreApplication")  # fmt: skip
    display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    no_display = sys.platform.startswith("linux") and not display
    if no_display and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    global _app
    # A QApplication (a QGuiApplication that also allows widgets): a process that prints first and
    # opens a window later (selftest, the tests running the CLI in-process) must not be left with an
    # application that aborts at the first widget.
    _app = QApplication(sys.argv[:1])


def label_font_family() -> str:
    """The bundled CJK font's family for painting labels with QPainter (loaded once)."""
    global _family
    if _family is None and "WenQuanYi Micro Hei" in QFontDatabase.families():  # the app loaded it already
        _family = "WenQuanYi Micro Hei"
    if _family is None:
        font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _family = families[0] if families else "WenQuanYi Micro Hei"
    return _family


def list_printers() -> list[PrinterInfo]:
    """Every printer the OS offers, the default one flagged."""
    ensure_gui_app()
    default = QPrinterInfo.defaultPrinterName()
    return [_info(p, default) for p in QPrinterInfo.availablePrinters()]


def default_printer_name() -> str:
    ensure_gui_app()
    return QPrinterInfo.defaultPrinterName()


def find_printer(name: str) -> PrinterInfo | None:
    ensure_gui_app()
    q = QPrinterInfo.printerInfo(name)
    return None if q.isNull() else _info(q, QPrinterInfo.defaultPrinterName())


def _info(q: QPrinterInfo, default: str) -> PrinterInfo:
    return PrinterInfo(q.printerName(), q.printerName() == default, _STATES.get(q.state(), "unknown"),
                       q.description(), q.location())  # fmt: skip


def open_printer(name: str, page_mm: tuple[float, float], title: str, copies: int) -> QPrinter:
    """A QPrinter for `name` with an exact page size (labels are not A6) and no margins."""
    printer = QPrinter(QPrinterInfo.printerInfo(name), QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setCopyCount(copies)
    printer.setFullPage(True)
    set_page(printer, page_mm)
    return printer


def set_page(printer: QPrinter, page_mm: tuple[float, float]) -> None:
    w, h = (round(v, 1) for v in page_mm)
    portrait = QSizeF(min(w, h), max(w, h))  # page sizes are portrait; orientation says which way
    size = QPageSize(portrait, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setPageLayout(layout)
