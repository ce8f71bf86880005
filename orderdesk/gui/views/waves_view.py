"""Waves (波次) for the warehouse lead: make a wave of one warehouse's allocated orders (by count,
channel, courier, single-item orders first), see the open waves with what is packed and what waits
at the pack stations, and preview or print a wave's pick list (WavePickPanel)."""

from __future__ import annotations

from ...domain.couriers import COURIERS
from ...domain.model import Channel
from ...services.catalog_queries import warehouse_choices
from ...services.unit_of_work import UowFactory
from ...services.wave_queries import WaveSummary, open_waves
from ...services.waves import MAX_WAVE, WaveMade, create_wave
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .wave_pick_panel import WavePickPanel

REFRESH_MS = 30_000


class WavesView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
        waves_loaded(): the open waves table was refilled.

    Attributes:
        waves: the WaveSummary rows last loaded; made: the last wave made here (or None).
    """

    status_message = Signal(str)
    waves_loaded = Signal()

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_print: bool = True,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.waves: list[WaveSummary] = []
        self.made: WaveMade | None = None
        self.loaded = False
        self._generation = 0  # only the newest refresh is shown
        self._select = ""
        self.panel = WavePickPanel(make_uow, jobs, lang, actor, can_print, self)
        self.panel.printed.connect(self.status_message)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_left())
        split.addWidget(self.panel)
        split.setSizes([480, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def _build_left(self) -> QWidget:
        self.warehouse = QComboBox(objectName="waveWarehouse")
        self.warehouse.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count = QSpinBox(objectName="waveCount", minimum=1, maximum=MAX_WAVE, value=50)
        self.channel = QComboBox(objectName="waveChannel")
        self.channel.addItem(self.tr("Any channel"), "")
        for c in Channel:
            self.channel.addItem(c.label(self.lang), c.value)
        self.courier = QComboBox(objectName="waveCourier")
        self.courier.addItem(self.tr("Any courier"), "")
        for c in COURIERS:
            self.courier.addItem(c.label(self.lang), c.code)
        self.single_first = QCheckBox(self.tr("Single-item orders first"), objectName="waveSingleFirst", checked=True)
        self.make_button = QPushButton(self.tr("Make wave"), objectName="waveMake")
        self.make_button.clicked.connect(self.make_wave)
        form = QFormLayout()
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Orders"), self.count)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Courier"), self.courier)
        form.addRow("", self.single_first)
        form.addRow("", self.make_button)
        self.message = QLabel(objectName="wavesMessage", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 5, objectName="wavesTable")
        self.table.setHorizontalHeaderLabels([self.tr("Wave"), self.tr("Created"), self.tr("Orders"),
                                              self.tr("Packed"), self.tr("Waiting")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)
        title = QLabel(self.tr("Open waves (orders still waiting at the pack stations)"))
        title.setStyleSheet("font-weight: bold;")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        return box

    # -- loading --------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.timer.start()
        if self.loaded:
            self.refresh()
            return
        self.loaded = True
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: warehouse_choices(make_uow, actor), self._set_warehouses, self._failed)
        self.jobs.submit(_printers, lambda found: self.panel.set_printers(*found), self._failed)

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().hideEvent(event)
        self.timer.stop()

    def _set_warehouses(self, choices: list[tuple[str, str]]) -> None:
        for code, name in choices:
            self.warehouse.addItem(f"{name} ({code})", code)

    def refresh(self) -> None:
        warehouse = self.warehouse.currentData()
        if not warehouse:
            return
        self._generation += 1
        make_uow, actor, generation = self.make_uow, self.actor, self._generation
        self.jobs.submit(lambda: (generation, open_waves(make_uow, actor, warehouse)), self._show_waves,
                         self._failed)  # fmt: skip

    def _show_waves(self, found: tuple[int, list[WaveSummary]]) -> None:
        generation, waves = found
        if generation != self._generation:
            return  # a newer refresh (another warehouse, a new wave) is on its way
        keep = self._select or self.panel.code
        self._select = ""
        self.waves = waves
        self.table.blockSignals(True)
        self.table.setRowCount(len(waves))
        for r, w in enumerate(waves):
            created = w.created_at.astimezone().strftime("%m-%d %H:%M")
            for c, value in enumerate((w.code, created, str(w.orders), str(w.packed), str(w.waiting))):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter if c >= 2 else Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(r, c, item)
        codes = [w.code for w in waves]
        self.table.clearSelection()
        if keep in codes:
            self.table.selectRow(codes.index(keep))
        self.table.blockSignals(False)
        if keep not in codes or keep != self.panel.code:
            self.panel.show_wave(keep if keep in codes else "")
        if not waves and not self.message.text():
            self.message.setText(self.tr("No open waves in this warehouse."))
        self.waves_loaded.emit()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.panel.show_wave(self.waves[rows[0].row()].code if rows else "")

    # -- making a wave --------------------------------------------------------------------------------

    def make_wave(self) -> None:
        warehouse = self.warehouse.currentData()
        if not warehouse:
            self.message.setText(self.tr("Choose a warehouse first."))
            return
        args = (warehouse, self.count.value(), self.channel.currentData(), self.courier.currentData(),
                self.single_first.isChecked())  # fmt: skip
        make_uow, actor = self.make_uow, self.actor
        self.make_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Making the wave…"))
        self.jobs.submit(lambda: create_wave(make_uow, actor, *args), self._made, self._make_failed)

    def _made(self, wave: WaveMade) -> None:
        self.made = wave
        self.make_button.setEnabled(True)
        text = self.tr("Wave %1 made: %2 order(s)").replace("%1", wave.code).replace("%2", str(len(wave.order_nos)))
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(text)
        self.status_message.emit(text)
        self._select = wave.code
        self.refresh()

    def _make_failed(self, exc: Exception) -> None:
        self.make_button.setEnabled(True)
        self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setText(error_text(exc, self.lang))


def _printers() -> tuple[list[str], str | None]:
    from ...printing import default_printer_name, list_printers, station_printer

    return [p.name for p in list_printers()], station_printer() or default_printer_name()
