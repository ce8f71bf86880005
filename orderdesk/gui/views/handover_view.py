"""Courier handover (快递交接): the lead chooses the courier and the warehouse, opens a manifest, and
scans each parcel as it goes onto the courier's van; the verdict banner and the sounds are the pack
station's, and so is the scan field (always focused, input methods off, never merges fast scans).

Scans go into a FIFO queue and are sent to the handover service one at a time on the job pool, so
the GUI thread never touches the database; printing the A4 manifest runs on its own one-thread pool.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime

from ...domain.couriers import COURIERS
from ...services.catalog_queries import warehouse_choices
from ...services.handover import HandoverDesk, HandoverVerdict, ManifestRef, open_manifest
from ...services.handover_queries import handover_pdf, manifest_detail, record_handover_print
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSettings, Qt,
                  QTimer, QVBoxLayout, QWidget, Signal)  # fmt: skip
from .station_feedback import GREEN, RED, SLATE, StationSounds, VerdictBanner
from .station_scan_field import ScanField

PRINTER_KEY = "handover/printer"
SPOKEN = {"intercepted": "say_intercepted", "cancelled": "say_cancelled", "unknown": "say_unknown_barcode",
          "db_lost": "say_db_lost"}  # fmt: skip


def print_manifest(make_uow: UowFactory, actor: str, manifest_id: int, printer: str | None) -> str:
    """Render, print, wait for the print system, then record (audited); returns the printer used."""
    from ...printing import print_pdf, wait_printed

    result = wait_printed(print_pdf(handover_pdf(make_uow, actor, manifest_id), printer or None,
                                    title=f"OrderDesk handover {manifest_id}"))  # fmt: skip
    record_handover_print(make_uow, actor, manifest_id, result.printer, result.job_id or "")
    return result.printer


class HandoverView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
        verdict_shown(object): a HandoverVerdict was put on the screen.
        idle(): the scan queue ran empty.

    Attributes:
        desk: the open manifest's HandoverDesk (None until one is opened); verdicts: every verdict shown.
    """

    status_message = Signal(str)
    verdict_shown = Signal(object)
    idle = Signal()

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, user_label: str = "",
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.user_label = user_label or actor
        self.settings = settings if settings is not None else QSettings()
        self.desk: HandoverDesk | None = None
        self.queue: deque[str] = deque()
        self.busy = False
        self.verdicts: list[HandoverVerdict] = []
        self.sounds = StationSounds(True, self)
        self.printing = JobRunner(max_threads=1, parent=self)
        self._build()
        self.focus_timer = QTimer(self, interval=500)
        self.focus_timer.timeout.connect(self.scan_field.reclaim_focus)
        self.jobs.submit(lambda: warehouse_choices(make_uow, actor), self._set_warehouses, self._show_error)
        self._load_printers()

    # -- layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.courier = QComboBox(objectName="handoverCourier")
        for c in COURIERS:
            self.courier.addItem(f"{c.label(self.lang)} ({c.code})", c.code)
        self.warehouse = QComboBox(objectName="handoverWarehouse")
        for combo in (self.courier, self.warehouse):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.open_button = QPushButton(self.tr("Start handover"), objectName="handoverOpen")
        self.open_button.clicked.connect(self.open_manifest)
        self.close_button = QPushButton(self.tr("Close manifest"), objectName="handoverClose", enabled=False)
        self.close_button.clicked.connect(lambda: self._enqueue("CLOSE"))
        self.printer = QComboBox(objectName="handoverPrinter")
        self.print_button = QPushButton(self.tr("Print manifest"), objectName="handoverPrint", enabled=False)
        self.print_button.clicked.connect(self.print_current)
        bar = QHBoxLayout()
        for label, widget in ((self.tr("Courier"), self.courier), (self.tr("Warehouse"), self.warehouse)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        for widget in (self.open_button, self.close_button, QLabel(self.tr("Printer")), self.printer, self.print_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.scan_field = ScanField(self, commands=False, objectName="handoverScan")
        self.scan_field.setPlaceholderText(self.tr("Scan each parcel's waybill (or order number)"))
        self.scan_field.setStyleSheet("QLineEdit { font-size: 30px; padding: 8px; border: 3px solid #1565c0; }")
        self.scan_field.scanned.connect(self._enqueue)
        self.banner = VerdictBanner(self)
        self.count = QLabel(objectName="handoverCount")
        self.count.setStyleSheet("font-size: 34px; font-weight: bold; color: #263238; padding: 4px 10px;")
        self.accepted = QListWidget(objectName="handoverAccepted")
        self.accepted.setStyleSheet("QListWidget { font-size: 18px; } QListWidget::item { padding: 3px; }")
        self.status_strip = QLabel(objectName="handoverStatus")
        self.status_strip.setStyleSheet("background: #eceff1; color: #263238; font-size: 16px; padding: 6px 10px;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.banner)
        layout.addWidget(self.count)
        layout.addWidget(self.accepted, 1)
        layout.addWidget(self.status_strip)
        for w in (self.courier, self.warehouse, self.open_button, self.close_button, self.printer, self.print_button,
                  self.accepted, self.status_strip):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(self.scan_field)
        self.banner.show_text(self.tr("Choose the courier and the warehouse, then start the handover"), SLATE)
        self._show_status(None)

    def _set_warehouses(self, choices: list[tuple[str, str]]) -> None:
        for code, name in choices:
            self.warehouse.addItem(f"{name} ({code})", code)

    def _load_printers(self) -> None:
        def printers() -> tuple[list[str], str]:
            from ...printing import default_printer_name, list_printers

            return [p.name for p in list_printers()], default_printer_name() or ""

        self.printing.submit(printers, self._set_printers, lambda exc: None)

    def _set_printers(self, found: tuple[list[str], str]) -> None:
        names, default = found
        self.printer.addItems(names)
        chosen = str(self.settings.value(PRINTER_KEY, "") or "") or default
        if chosen in names:
            self.printer.setCurrentText(chosen)

    def _show_status(self, ref: ManifestRef | None) -> None:
        manifest = self.tr("Manifest %1").replace("%1", str(ref.id)) if ref else self.tr("No manifest open")
        where = f"{ref.courier_name(self.lang)} · {ref.warehouse_name}" if ref else "—"
        user = self.tr("User: %1").replace("%1", self.user_label)
        self.status_strip.setText("    |    ".join((manifest, where, user)))
        self.count.setText(self.tr("%n parcel(s) handed over", "", self.accepted.count()) if ref else "")

    # -- opening, closing, printing ---------------------------------------------------------------------

    def open_manifest(self) -> None:
        courier, warehouse = self.courier.currentData(), self.warehouse.currentData()
        if not courier or not warehouse:
            self.banner.show_text(self.tr("Choose the courier and the warehouse first"), RED)
            return
        make_uow, actor = self.make_uow, self.actor

        def work() -> tuple[ManifestRef, list]:
            ref = open_manifest(make_uow, actor, courier, warehouse, resume=True)
            return ref, manifest_detail(make_uow, actor, ref.id).parcels

        self.jobs.submit(work, self._opened, self._show_error)

    def _opened(self, found: tuple[ManifestRef, list]) -> None:
        ref, parcels = found
        self.desk = HandoverDesk(self.make_uow, self.actor, ref)
        self.accepted.clear()
        for p in parcels:
            self._add_parcel(p.waybill_no, p.order_no, p.at.astimezone())
        text = self.tr("Manifest %1 continued: scan the parcels") if ref.resumed else self.tr("Manifest %1 open: scan the parcels")
        self.banner.show_text(text.replace("%1", str(ref.id)), SLATE)
        self._set_open(True)
        self._show_status(ref)
        self.scan_field.reclaim_focus()

    def _set_open(self, is_open: bool) -> None:
        self.close_button.setEnabled(is_open)
        self.print_button.setEnabled(self.desk is not None or bool(self.verdicts))
        for w in (self.courier, self.warehouse, self.open_button):
            w.setEnabled(not is_open)

    def print_current(self) -> None:
        manifest = self.desk.manifest.id if self.desk else (self.verdicts[-1].manifest if self.verdicts else None)
        if manifest is None:
            return
        printer, make_uow, actor = self.printer.currentText(), self.make_uow, self.actor
        self.settings.setValue(PRINTER_KEY, printer)
        self.status_message.emit(self.tr("Printing manifest %1…").replace("%1", str(manifest)))
        self.printing.submit(lambda: print_manifest(make_uow, actor, manifest, printer), lambda name: self.status_message.emit(
            self.tr("Manifest %1 printed on %2").replace("%1", str(manifest)).replace("%2", name)), self._show_error)  # fmt: skip

    # -- the scan queue -------------------------------------------------------------------------------

    def _enqueue(self, code: str) -> None:
        self.queue.append(code)
        self._pump()

    def _pump(self) -> None:
        if self.busy:
            return
        if not self.queue:
            self.idle.emit()
            return
        code = self.queue.popleft()
        desk = self.desk
        if desk is None:
            self._show(HandoverVerdict(code, False, "refused", "请先选择快递公司和仓库，开始交接",
                                       "Choose the courier and the warehouse and start the handover first", 0,
                                       refusal="no_manifest"))  # fmt: skip
            self._pump()
            return
        self.busy = True
        self.jobs.submit(lambda: desk.scan(code), self._on_verdict, lambda exc: self._on_failure(code, exc))

    def _on_verdict(self, verdict: HandoverVerdict) -> None:
        self.busy = False
        self._show(verdict)
        self._pump()

    def _on_failure(self, code: str, exc: Exception) -> None:
        self.busy = False
        text = self.tr("This scan was not recorded, scan again: %1").replace("%1", error_text(exc, self.lang))
        self._show(HandoverVerdict(code, False, "refused", text, text, 0, refusal="error"))
        self._pump()

    def _show(self, verdict: HandoverVerdict) -> None:
        self.verdicts = (self.verdicts + [verdict])[-200:]
        colour = GREEN if verdict.ok else RED
        self.banner.show_text(verdict.message(self.lang), colour)
        self.sounds.play("packed" if verdict.kind == "closed" else "ok" if verdict.ok else SPOKEN.get(verdict.refusal, "error"))
        if verdict.kind == "accepted":
            self._add_parcel(verdict.waybill, verdict.order or "", datetime.now())
        ref = self.desk.manifest if self.desk else None
        if verdict.kind == "closed":
            self.desk = None
            self._set_open(False)
        self._show_status(ref if self.desk else None)
        if verdict.kind == "closed":
            self.count.setText(self.tr("Manifest %1 closed: %n parcel(s)", "", verdict.count).replace("%1", str(verdict.manifest)))
        self.verdict_shown.emit(verdict)

    def _add_parcel(self, waybill: str, order_no: str, at: datetime) -> None:
        item = QListWidgetItem(f"{self.accepted.count() + 1:>3}.  {waybill}    {order_no}    {at:%H:%M:%S}")
        self.accepted.insertItem(0, item)

    def _show_error(self, exc: Exception) -> None:
        self.banner.show_text(error_text(exc, self.lang), RED)
        self.status_message.emit(error_text(exc, self.lang))

    # -- focus ----------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.focus_timer.start()
        QTimer.singleShot(0, self.scan_field.reclaim_focus)

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().hideEvent(event)
        self.focus_timer.stop()
