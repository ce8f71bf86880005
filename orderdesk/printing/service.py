"""Print to a named system printer: choose it, check it is ready, send, and report the job.

Every function here either returns a PrintResult (the print system accepted the job) or raises a
PrintError with a reason in Chinese and English; only after a result may the caller mark orders
as printed and write the audit event. Calls block: run them off the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from ..gui.qt import QPainter, QPrinter, QSettings
from ..labels import LabelError, LabelTemplate, ShippingLabelData, to_tspl, to_zpl
from ..labels.shipping import plan_shipping_label
from . import cups
from .errors import (NoPrinterChosen, NoPrinterInstalled, PrinterUnavailable, PrintError, PrintFailed,
                     PrintSystemMissing, UnknownPrinter)  # fmt: skip
from .model import PrinterInfo, PrintMethod, PrintResult
from .qt_paint import open_pdf, page_mm, paint_pdf_pages, paint_plans
from .raw import parse_raw_printer, raw_sender_for
from .qt_printers import default_printer_name, ensure_gui_app, find_printer, list_printers, open_printer
from .station import station_printer

JOB_APPEAR_S = 5.0  # how long to wait for CUPS to list a job Qt has just handed over


def resolve_printer(name: str | None = None, settings: QSettings | None = None) -> str:
    """The printer to use: the one named, else this station's, else the OS default."""
    if not list_printers():
        raise NoPrinterInstalled()
    chosen = name or station_printer(settings) or default_printer_name()
    if not chosen:
        raise NoPrinterChosen()
    return chosen


def check_printer(name: str) -> PrinterInfo:
    """Refuse unknown, stopped, offline or job-rejecting printers before anything is sent."""
    info = find_printer(name)
    if info is None:
        raise UnknownPrinter(name, [p.name for p in list_printers()])
    if cups.available():
        st = cups.check_queue(name)
        info = replace(info, accepting=st.accepting, reason=st.reason)
    if info.state == "error":
        raise PrinterUnavailable(name, info.reason)
    return info


def print_shipping_labels(labels: Sequence[ShippingLabelData], template: LabelTemplate,
                          printer: str | None = None, *, title: str = "OrderDesk labels", copies: int = 1,
                          settings: QSettings | None = None) -> PrintResult:  # fmt: skip
    """N labels in one job through Qt, painted as vectors (real text and bars)."""
    pairs = [(d, template) for d in labels]
    return print_label_batch(pairs, printer, title=title, copies=copies, settings=settings)


def print_label_batch(pairs: Sequence[tuple[ShippingLabelData, LabelTemplate]], printer: str | None = None,
                      *, title: str = "OrderDesk labels", copies: int = 1,
                      settings: QSettings | None = None) -> PrintResult:  # fmt: skip
    """Labels with their own templates (fields per courier/channel) in one job.

    All must share one size: a printer holds one roll of label stock, and CUPS gives a job one
    media size, so a 76×130 label in a 100×150 job would be cut or shrunk. Group by size first.
    """
    plans = []
    for data, template in pairs:  # every layout error surfaces before anything is sent
        try:
            plans.append(plan_shipping_label(data, template))
        except LabelError as exc:
            raise exc.in_context(f"订单 {data.order_no}", f"Order {data.order_no}") from exc
    if not plans:
        raise PrintError("没有要打印的面单", "No labels to print")
    _one_size([(p.width, p.height) for p in plans])

    def paint(painter: QPainter, qp: QPrinter) -> int:
        paint_plans(painter, qp, plans)
        return len(plans)

    return _print_qt(printer, settings, title, copies, (plans[0].width, plans[0].height), paint)


def print_pdf(pdf: bytes | Path, printer: str | None = None, *, method: PrintMethod = PrintMethod.QT,
              title: str = "OrderDesk", copies: int = 1, dpi: int = 300,
              settings: QSettings | None = None) -> PrintResult:  # fmt: skip
    """A PDF (e.g. from labels.render_*) to a printer: via Qt (images at `dpi`), CUPS or raw."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    ensure_gui_app()
    doc, _buf = open_pdf(data)
    pages, first = doc.pageCount(), page_mm(doc, 0)
    _one_size([page_mm(doc, i) for i in range(pages)])
    if method is PrintMethod.QT:
        def paint(painter: QPainter, qp: QPrinter) -> int:
            return paint_pdf_pages(painter, qp, doc, dpi)

        return _print_qt(printer, settings, title, copies, first, paint)
    options = {} if method is PrintMethod.CUPS else {"raw": ""}
    if method is PrintMethod.CUPS:
        options["media"] = media_option(first)
    return _print_lp(printer, settings, data, title, copies, options, method, pages)


def _one_size(sizes: Sequence[tuple[float, float]]) -> None:
    """Refuse a job whose pages differ in size (one job, one paper size)."""
    w0, h0 = sizes[0]
    odd = next(((w, h) for w, h in sizes if abs(w - w0) > 0.5 or abs(h - h0) > 0.5), None)
    if odd is not None:
        a, b = f"{w0:.0f}×{h0:.0f}", f"{odd[0]:.0f}×{odd[1]:.0f}"
        raise PrintError(f"一次打印中纸张尺寸不同（{a} 与 {b} mm）：打印机只装一种纸，请按尺寸分开打印",
                         f"Pages of different sizes in one print ({a} and {b} mm); a printer holds one paper "
                         f"size, print each size separately")  # fmt: skip


def media_option(page_mm: tuple[float, float]) -> str:
    """CUPS media name for a page: the ISO name when it is one (drivers know those), else custom."""
    w, h = sorted(page_mm)
    for name, (iw, ih) in {"A4": (210, 297), "A5": (148, 210), "A6": (105, 148)}.items():
        if abs(w - iw) < 1 and abs(h - ih) < 1:
            return name
    return f"Custom.{page_mm[0]:.0f}x{page_mm[1]:.0f}mm"


def print_raw(data: bytes, printer: str | None = None, *, title: str = "OrderDesk raw",
              settings: QSettings | None = None) -> PrintResult:  # fmt: skip
    """Bytes the printer understands itself (ZPL, TSPL): to a tcp:// printer's port 9100, through
    the Windows spooler, or unfiltered through CUPS."""
    name = printer or station_printer(settings) or ""
    target = parse_raw_printer(name)
    name = target.printer if target else name  # "" = the system's default printer
    sender = raw_sender_for(name)
    if sender is not None:
        return sender.send(name, data, title)
    if not cups.available():
        raise PrintSystemMissing("lp / lpstat (CUPS)")
    return _print_lp(name or _cups_default(), settings, data, title, 1, {"raw": ""}, PrintMethod.RAW, 0)


def print_thermal_labels(labels: Sequence[ShippingLabelData], template: LabelTemplate,
                         printer: str | None = None, *, language: str = "zpl", dpi: int = 203,
                         title: str = "OrderDesk labels",
                         settings: QSettings | None = None) -> PrintResult:  # fmt: skip
    """N labels as one ZPL or TSPL job (UTF-8) to a thermal printer driven raw."""
    make = {"zpl": to_zpl, "tspl": to_tspl}.get(language.lower())
    if make is None:
        raise PrintError(f"不支持的打印语言「{language}」（可选 zpl、tspl）",
                         f"Unknown printer language '{language}' (zpl, tspl)")
    program = "".join(make(d, template, dpi=dpi) for d in labels)
    result = print_raw(program.encode("utf-8"), printer, title=title, settings=settings)
    return replace(result, pages=len(labels))


def wait_printed(result: PrintResult, timeout_s: float = 30.0, cancel_late: bool = True) -> PrintResult:
    """Block until CUPS reports the job done; raise if it failed or is still waiting at the deadline.

    An offline printer (unplugged, out of paper) usually still accepts jobs, which then wait. At
    the bench that must not count as printed, and the late job is cancelled so the label does not
    come out by surprise after a reprint. Without CUPS (Windows) the result is returned as is.
    """
    if result.job_id is None or not cups.available():
        return result
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        end = cups.job_end(result.job_id)
        if end.finished:
            if not end.ok:
                raise PrintFailed(result.printer, f"job {result.job_id} ended with errors ({end.detail})")
            return result
        time.sleep(0.2)
    if cancel_late:
        cups.cancel(result.job_id)
    detail = f"job {result.job_id} not finished within {timeout_s:g} s, printer offline?"
    raise PrintFailed(result.printer, detail + (" (job cancelled)" if cancel_late else ""))


def _print_qt(printer: str | None, settings: QSettings | None, title: str, copies: int,
              size_mm: tuple[float, float],
              paint: Callable[[QPainter, QPrinter], int]) -> PrintResult:  # fmt: skip
    ensure_gui_app()
    name = resolve_printer(printer, settings)
    check_printer(name)
    before = cups.job_ids(name) if cups.available() else set()
    qp = open_printer(name, size_mm, title, max(1, copies))
    painter = QPainter()
    if not painter.begin(qp):
        raise PrintFailed(name, "Qt could not open the printer")
    try:
        pages = paint(painter, qp)
    finally:
        ended = painter.end()
    if not ended or qp.printerState() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintFailed(name, "the print system reported an error")
    job = _new_job(name, before) if cups.available() else None
    return PrintResult(name, PrintMethod.QT, pages, max(1, copies), title, job)


def _new_job(name: str, before: set[str]) -> str:
    """The id CUPS gave the job Qt just submitted (Qt does not pass it on)."""
    deadline = time.monotonic() + JOB_APPEAR_S
    while True:
        new = cups.job_ids(name) - before
        if new:
            return max(new, key=lambda j: int(j.rsplit("-", 1)[-1]))
        if time.monotonic() > deadline:
            raise PrintFailed(name, "CUPS did not receive the job")
        time.sleep(0.05)


def _print_lp(printer: str | None, settings: QSettings | None, data: bytes, title: str, copies: int,
              options: dict[str, str], method: PrintMethod, pages: int) -> PrintResult:  # fmt: skip
    if not cups.available():
        raise PrintSystemMissing("lp / lpstat (CUPS)")
    name = printer or station_printer(settings) or _cups_default()
    cups.check_queue(name)
    job = cups.submit(name, data, title, options, max(1, copies))
    return PrintResult(name, method, pages, max(1, copies), title, job)


def _cups_default() -> str:
    if not cups.queue_names():
        raise NoPrinterInstalled()
    name = cups.default_queue()
    if not name:
        raise NoPrinterChosen()
    return name
