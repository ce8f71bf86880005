"""Setting a pack station up, once per PC: its warehouse, its name, its label printer, sounds on or off.

Kept with the PC (QSettings), not in the shared database: two benches share the database but each
has its own printer. Keys: station/warehouse, station/name, station/sounds; the printer is the
station printer of `orderdesk.printing` (printing/default_printer), which the labels page uses too.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from ...printing import set_station_printer, station_printer
from ...printing.raw import is_tcp, parse_raw_printer
from ..qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSettings,
    QVBoxLayout,
    QWidget,
)

WAREHOUSE_KEY, NAME_KEY, SOUNDS_KEY = "station/warehouse", "station/name", "station/sounds"


def _flag(value: object, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


@dataclass(frozen=True)
class StationSetup:
    warehouse: str = ""
    name: str = ""
    printer: str = ""  # "" = this PC's default printer
    sounds: bool = True

    @property
    def ready(self) -> bool:
        return bool(self.warehouse and self.name)

    @classmethod
    def load(cls, settings: QSettings) -> StationSetup:
        return cls(str(settings.value(WAREHOUSE_KEY, "") or ""),
                   str(settings.value(NAME_KEY, "") or "") or socket.gethostname(),
                   station_printer(settings) or "", _flag(settings.value(SOUNDS_KEY), True))  # fmt: skip

    def save(self, settings: QSettings) -> None:
        settings.setValue(WAREHOUSE_KEY, self.warehouse)
        settings.setValue(NAME_KEY, self.name)
        settings.setValue(SOUNDS_KEY, self.sounds)
        set_station_printer(self.printer or None, settings)  # syncs the settings
        settings.sync()


class StationSetupDialog(QDialog):
    """The form; `setup()` is what was chosen (read it after `accepted`). With `name_new` and no
    warehouses (a new database's first start) the warehouse is typed in: the caller creates it."""

    def __init__(self, current: StationSetup, warehouses: list[tuple[str, str]], printers: list[str],
                 parent: QWidget | None = None, name_new: bool = False) -> None:  # fmt: skip
        super().__init__(parent, objectName="stationSetup")
        self.setWindowTitle(self.tr("Station setup"))
        self.setStyleSheet("QWidget { font-size: 16px; }")
        self.warehouse = QComboBox(objectName="setupWarehouse")
        for code, name in warehouses:
            self.warehouse.addItem(f"{name} ({code})", code)
        if current.warehouse and self.warehouse.findData(current.warehouse) < 0:
            self.warehouse.addItem(current.warehouse, current.warehouse)
        self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(current.warehouse)))
        if name_new and self.warehouse.count() == 0:  # a new database: the first station names one
            self.warehouse.setEditable(True)
            self.warehouse.lineEdit().setPlaceholderText(self.tr("A new warehouse's code, e.g. MAIN"))
        self.name = QLineEdit(current.name or socket.gethostname(), objectName="setupName")
        raw = parse_raw_printer(current.printer)
        chosen = raw.printer if raw else current.printer
        self.printer = QComboBox(objectName="setupPrinter")
        self.printer.addItem(self.tr("This computer's default printer"), "")
        for name in printers:
            self.printer.addItem(name, name)
        if chosen and self.printer.findData(chosen) < 0:
            label = chosen if is_tcp(chosen) else self.tr("%1 (not installed)").replace("%1", chosen)
            self.printer.addItem(label, chosen)
        self.printer.setCurrentIndex(max(0, self.printer.findData(chosen)))
        self.address = QLineEdit(objectName="setupPrinterAddress")  # a network label printer, port 9100
        self.address.setPlaceholderText("tcp://192.168.1.50:9100")
        if chosen and is_tcp(chosen):
            self.address.setText(chosen)
        self.raw = QComboBox(objectName="setupRaw")
        self.raw.addItem(self.tr("No: through the printer driver (PDF)"), "")
        self.raw.addItem(self.tr("ZPL (Zebra and compatibles)"), "zpl")
        self.raw.addItem(self.tr("TSPL (TSC and compatibles)"), "tspl")
        self.raw.setCurrentIndex(max(0, self.raw.findData(raw.language if raw else "")))
        self.sounds = QCheckBox(self.tr("Beeps and spoken refusals"), objectName="setupSounds")
        self.sounds.setChecked(current.sounds)
        form = QFormLayout()
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Station name"), self.name)
        form.addRow(self.tr("Label printer"), self.printer)
        form.addRow(self.tr("Raw thermal printing"), self.raw)
        form.addRow(self.tr("Or network printer"), self.address)
        form.addRow(self.tr("Sounds"), self.sounds)
        hint = QLabel(self.tr("Set once per PC. The station packs only parcels of this warehouse."), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel(objectName="setupProblem", wordWrap=True)
        self.problem.setStyleSheet("color: #c62828; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def setup(self) -> StationSetup:
        printer = self.address.text().strip() or self.printer.currentData() or ""
        language = self.raw.currentData() or ""
        if language:  # the label goes out as ZPL/TSPL bytes: spooler (Windows), CUPS raw, or port 9100
            printer = f"{language}:{printer}"
        typed = self.warehouse.currentText().strip() if self.warehouse.isEditable() else ""
        return StationSetup(self.warehouse.currentData() or typed, self.name.text().strip(), printer,
                            self.sounds.isChecked())  # fmt: skip

    def _accept(self) -> None:
        chosen = self.setup()
        if not chosen.warehouse:
            self.problem.setText(self.tr("Choose the warehouse this station packs for."))
            return
        if not chosen.name:
            self.problem.setText(self.tr("Give the station a name (other stations see it)."))
            return
        self.accept()
