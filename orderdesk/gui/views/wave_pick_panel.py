"""One wave's orders by slot, and its pick list: preview it (QPdfView) or print it on this station's
printer. A print is recorded (and audited) only after the print system reports the job done."""

from __future__ import annotations

from ...domain.status import OrderStatus
from ...labels.pdf import render_pick_list
from ...services.labels import record_print
from ...services.unit_of_work import UowFactory
from ...services.wave_queries import WaveSlot, wave_pick_list, wave_slots
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPdfDocument,
    QPdfView,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)


class WavePickPanel(QWidget):
    """Signals:
        printed(str): text for the status bar after a pick list went out.

    Attributes:
        code: the wave shown ("" for none); slots: its WaveSlot rows last loaded.
    """

    printed = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_print: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor, self.can_print = make_uow, jobs, lang, actor, can_print
        self.code = ""
        self.slots: list[WaveSlot] = []
        self.pdf = QPdfDocument(self)
        self.title = QLabel(self.tr("Choose a wave"), objectName="waveTitle")
        self.title.setStyleSheet("font-size: 17px; font-weight: bold;")
        self.table = QTableWidget(0, 3, objectName="waveSlots")
        self.table.setHorizontalHeaderLabels([self.tr("Slot"), self.tr("Order"), self.tr("State")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.printer = QComboBox(objectName="wavePrinter")
        self.preview_button = QPushButton(self.tr("Preview pick list"), objectName="wavePreview", enabled=False)
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button = QPushButton(self.tr("Print pick list"), objectName="wavePrint", enabled=False)
        self.print_button.clicked.connect(self.print_now)
        self.message = QLabel(objectName="waveMessage", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.preview = QPdfView(self, objectName="wavePdf")
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._layout()

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Printer")))
        buttons.addWidget(self.printer, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.preview, 3)

    def set_printers(self, names: list[str], chosen: str | None) -> None:
        self.printer.clear()
        for name in names:
            self.printer.addItem(name, name)
        if chosen and chosen in names:
            self.printer.setCurrentIndex(names.index(chosen))

    # -- the wave's slots -----------------------------------------------------------------------------

    def show_wave(self, code: str) -> None:
        self.code = code
        self.title.setText(self.tr("Wave %1").replace("%1", code) if code else self.tr("Choose a wave"))
        self.preview_button.setEnabled(bool(code) and self.can_print)
        self.print_button.setEnabled(bool(code) and self.can_print)
        self.pdf.close()
        self.message.clear()
        if not code:
            self.table.setRowCount(0)
            return
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: wave_slots(make_uow, actor, code), lambda rows: self._show_slots(code, rows),
                         self._failed)  # fmt: skip

    def _show_slots(self, code: str, rows: list[WaveSlot]) -> None:
        if code != self.code:
            return  # another wave was chosen meanwhile
        self.slots = rows
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            for c, text in enumerate((s.slot_code, s.order_no, self._state(s))):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _state(self, s: WaveSlot) -> str:
        if s.waiting:
            return self.tr("Waiting")
        if s.packed:
            return self.tr("Packed")
        return OrderStatus(s.status).label(self.lang)

    # -- the pick list --------------------------------------------------------------------------------

    def show_preview(self) -> None:
        make_uow, actor, code = self.make_uow, self.actor, self.code
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Preparing…"))
        self.jobs.submit(lambda: render_pick_list(wave_pick_list(make_uow, actor, code)), self._show_pdf, self._failed)

    def _show_pdf(self, data: bytes) -> None:
        from ..qt import QBuffer, QByteArray, QIODevice

        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        self.message.setText(self.tr("Pick list ready: %1 page(s)").replace("%1", str(self.pdf.pageCount())))

    def print_now(self) -> None:
        printer, make_uow, actor, code = self.printer.currentData(), self.make_uow, self.actor, self.code
        if not printer:
            self.message.setText(self.tr("Choose a printer first."))
            return
        self.print_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Printing on %1…").replace("%1", printer))
        self.jobs.submit(lambda: print_pick_list(make_uow, actor, code, printer), self._printed, self._print_failed)

    def _printed(self, pages: int) -> None:
        self.print_button.setEnabled(bool(self.code) and self.can_print)
        text = self.tr("Pick list of %1 sent to the printer").replace("%1", self.code)
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(text)
        self.printed.emit(text)

    def _print_failed(self, exc: Exception) -> None:
        self.print_button.setEnabled(bool(self.code) and self.can_print)
        self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setText(error_text(exc, self.lang))


def print_pick_list(make_uow: UowFactory, actor: str, code: str, printer: str) -> int:
    """Print a wave's pick list, wait until the print system says the job is done, then record it."""
    from ...printing import print_pdf, wait_printed

    pick = wave_pick_list(make_uow, actor, code)
    result = wait_printed(print_pdf(render_pick_list(pick), printer, title=f"OrderDesk {code}"))
    order_nos = list(dict.fromkeys(li.order_no for li in pick.lines))
    record_print(make_uow, actor, "picklist", order_nos, result.printer, result.job_id or "")
    return result.pages
