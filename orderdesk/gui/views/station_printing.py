"""The label of a parcel the station just sealed: sent at once, watched, then recorded as printed.

Three steps, so that a slow or offline printer never holds up the next scan: the labels are built
and handed to the print system in the app's job pool (a fraction of a second); waiting for the
printer to finish runs in this station's own one-thread pool, which touches no database; only a
finished job is then recorded (and audited) as printed. A failure on the way is shown in red and
the order stays packed: the label is reprinted from the labels page.
"""

from __future__ import annotations

from collections.abc import Callable

from ...printing import PrintResult, print_shipping_labels, print_thermal_labels, wait_printed
from ...printing.raw import parse_raw_printer
from ...services.labels import record_print, shipping_labels
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import QObject, Signal

PRINT_WAIT_S = 30.0  # an offline printer's job is cancelled after this, and said so


def send_label(make_uow: UowFactory, actor: str, order_no: str, printer: str | None,
               warehouse: str | None = None) -> list[PrintResult]:  # fmt: skip
    """Build the shipping label of the order's parcel from this warehouse (a waybill number is given
    now if it has none) and hand it to the printer; one job per label size."""
    pairs = shipping_labels(make_uow, actor, [order_no], warehouse=warehouse)
    groups: dict = {}
    for data, template in pairs:
        groups.setdefault(template, []).append(data)
    raw = parse_raw_printer(printer)
    if raw is not None:  # a thermal printer driven raw: one ZPL/TSPL job per label size
        return [print_thermal_labels(labels, template, raw.printer, language=raw.language, title=f"OrderDesk {order_no}")
                for template, labels in groups.items()]  # fmt: skip
    return [print_shipping_labels(labels, template, printer or None, title=f"OrderDesk {order_no}")
            for template, labels in groups.items()]  # fmt: skip


def finish_label(results: list[PrintResult], timeout_s: float = PRINT_WAIT_S) -> list[PrintResult]:
    """Wait until the print system says every job is done (no database here)."""
    return [wait_printed(r, timeout_s) for r in results]


class LabelPrinter(QObject):
    """Runs the three steps for one order after another and reports each in words.

    Signals:
        changed(str, str, str): the order, the text to show, and the step: "sending", "sent",
            "printed" or "failed".
    """

    changed = Signal(str, str, str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.watch = JobRunner(max_threads=1, parent=self)
        self.sent_at: dict[str, float] = {}  # order -> when its label job was submitted (monotonic)
        self.send: Callable[..., list[PrintResult]] = send_label  # a test may put a fake printer here

    def print_order(self, order_no: str, printer: str | None, warehouse: str | None = None) -> None:
        import time

        self.sent_at[order_no] = time.monotonic()
        make_uow, actor, send = self.make_uow, self.actor, self.send
        self.changed.emit(order_no, self.tr("Printing the label of %1…").replace("%1", order_no), "sending")
        self.warehouse = warehouse
        self.jobs.submit(lambda: send(make_uow, actor, order_no, printer, warehouse), lambda results: self._sent(order_no, results),
                         lambda exc: self._failed(order_no, exc))  # fmt: skip

    def _sent(self, order_no: str, results: list[PrintResult]) -> None:
        names = ", ".join(sorted({r.printer for r in results}))
        text = self.tr("Label of %1 sent to %2").replace("%1", order_no).replace("%2", names)
        self.changed.emit(order_no, text, "sent")
        self.watch.submit(lambda: finish_label(results), lambda done: self._record(order_no, done),
                          lambda exc: self._failed(order_no, exc))  # fmt: skip

    def _record(self, order_no: str, results: list[PrintResult]) -> None:
        make_uow, actor, warehouse = self.make_uow, self.actor, getattr(self, "warehouse", None)

        def record() -> list[PrintResult]:
            for r in results:
                record_print(make_uow, actor, "shipping", [order_no], r.printer, r.job_id or "", warehouse=warehouse)
            return results

        self.jobs.submit(record, lambda done: self._printed(order_no, done), lambda exc: self._failed(order_no, exc))

    def _printed(self, order_no: str, results: list[PrintResult]) -> None:
        names = ", ".join(sorted({r.printer for r in results}))
        self.changed.emit(order_no, self.tr("✓ Label of %1 printed on %2").replace("%1", order_no)
                          .replace("%2", names), "printed")  # fmt: skip

    def _failed(self, order_no: str, exc: Exception) -> None:
        text = self.tr("Label NOT printed, reprint it on the labels page (%1): %2")
        self.changed.emit(order_no, text.replace("%1", order_no).replace("%2", error_text(exc, self.lang)), "failed")

    def wait(self, msecs: int = 10_000) -> bool:
        return self.watch.wait(msecs)
