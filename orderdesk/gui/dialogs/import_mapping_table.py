"""The import wizard's column mapping: per file its format and, for each of our fields, the column
it is read from. Required fields the file lacks are red, and the wizard waits until they are mapped."""

from __future__ import annotations

from ...imports.orders_file import FIELD, FORMATS, FileFormat, FileResult, fields_of
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QComboBox,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
    Signal,
)
from .import_files_page import WizardFile, read_file

MISSING_FG = QColor("#c62828")
MISSING_BG = QColor("#fde2e1")


class MappingTable(QTableWidget):
    """Our field | the file's column (a combo of its headers, or "not in file") | required.

    Signals:
        changed(): the person chose another column for a field.
    """

    changed = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent, objectName="importMappingTable")
        self.lang = lang
        self.keys: list[str] = []
        self._red: dict[str, bool] = {}  # field key → shown red
        self.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Column in the file"), self.tr("Required")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(30)
        self.setColumnWidth(0, 190)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(2, 190)

    def show_file(self, fmt: FileFormat, header: list[str], mapping: dict[str, str]) -> None:
        fields = fields_of(fmt)
        self.keys = [f.key for f in fields]
        self._red = {}
        self.setRowCount(len(fields))
        columns = list(dict.fromkeys(h for h in header if h.strip()))
        for row, f in enumerate(fields):
            self.setItem(row, 0, QTableWidgetItem(f.label(self.lang)))
            combo = QComboBox(objectName=f"map_{f.key}")  # item 0: not in the file; then the headers
            chosen = mapping.get(f.key, "")
            items = columns + ([chosen] if chosen and chosen not in columns else [])
            combo.addItems([self.tr("(not in file)"), *items])
            combo.setCurrentIndex(items.index(chosen) + 1 if chosen else 0)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            self.setCellWidget(row, 1, combo)
            self.setItem(row, 2, QTableWidgetItem(self.tr("Required") if f.key in fmt.required else ""))

    def combo(self, key: str) -> QComboBox:
        return self.cellWidget(self.keys.index(key), 1)  # type: ignore[return-value]

    def mapping(self) -> dict[str, str]:
        combos = {key: self.combo(key) for key in self.keys}
        return {key: combo.currentText() for key, combo in combos.items() if combo.currentIndex() > 0}

    def mark(self, fmt: FileFormat, missing: list[str]) -> None:
        """Red rows for the required fields without a column; a time or item column counts when any
        of them is there, which the required column says. Only rows whose state changed are touched."""
        for row, key in enumerate(self.keys):
            red = key in missing
            if self._red.get(key, False) == red:
                continue
            self._red[key] = red
            self.item(row, 2).setText(self._need(fmt, key, red))
            font = QFont()
            font.setBold(red)
            for col in (0, 2):
                item = self.item(row, col)
                item.setForeground(QBrush(MISSING_FG) if red else QBrush())
                item.setBackground(QBrush(MISSING_BG) if red else QBrush())
                item.setFont(font)
            self.combo(key).setStyleSheet("QComboBox { border: 2px solid #c62828; }" if red else "")

    def scroll_to(self, key: str) -> None:
        if key in self.keys:
            self.scrollToItem(self.item(self.keys.index(key), 0))

    def _need(self, fmt: FileFormat, key: str, missing: bool) -> str:
        if key in fmt.required:
            return self.tr("Required")
        if missing and key == "paid_at":
            return self.tr("A time column is required")
        if missing and key == "sku":
            return self.tr("An item column is required")
        return ""


class FileMappingPanel(QWidget):
    """One file's tab: its format (recognised, or chosen by hand), the mapping table, what is missing.

    Signals:
        format_chosen(str): the person picked another format (the page re-reads the file with it).
        changed(): the mapping changed.
    """

    format_chosen = Signal(str)
    changed = Signal()

    def __init__(self, entry: WizardFile, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry, self.lang = entry, lang
        self.format = QComboBox(objectName="importFormat")
        self.info = QLabel(objectName="importFileInfo")
        self.info.setStyleSheet("color: #6b7280;")
        self.table = MappingTable(lang)
        self.table.changed.connect(self._on_edited)
        self.missing = QLabel(objectName="importMissing", wordWrap=True)
        self.missing.setStyleSheet("color: #c62828; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Format:")))
        top.addWidget(self.format, 1)
        top.addWidget(self.info)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        self.format.currentIndexChanged.connect(lambda _i: self._on_format())
        self.show_entry()

    def show_entry(self) -> None:
        """Fill the format combo and the table from the file as last read."""
        e = self.entry
        self.format.blockSignals(True)
        self.format.clear()
        if e.fmt is None:
            self.format.addItem(self.tr("(choose the format)"), "")
        for fmt in FORMATS:
            self.format.addItem(fmt.label(self.lang), fmt.key)
        self.format.setCurrentIndex(max(0, self.format.findData(e.fmt.key if e.fmt else "")))
        self.format.blockSignals(False)
        self.set_busy(e.busy)
        if e.fmt is not None and e.result is not None:
            self.info.setText(self.tr("Header on row %1 · %2 data rows").replace("%1", str(e.result.header_row))
                              .replace("%2", str(e.result.data_rows)))  # fmt: skip
            self.table.show_file(e.fmt, e.result.header, e.mapping)
        else:
            self.info.clear()
            self.table.setRowCount(0)
        self._show_missing()
        if missing := e.missing():
            self.table.scroll_to(missing[0])

    def set_busy(self, busy: bool) -> None:
        self.format.setEnabled(not busy)
        self.table.setEnabled(not busy)
        if busy:
            self.missing.setText(self.tr("Reading the file…"))

    def _on_format(self) -> None:
        key = self.format.currentData()
        if key and (self.entry.fmt is None or key != self.entry.fmt.key):
            self.format_chosen.emit(key)

    def _on_edited(self) -> None:
        self.entry.mapping = self.table.mapping()
        self._show_missing()
        self.changed.emit()

    def _show_missing(self) -> None:
        e = self.entry
        if e.busy:
            return
        if e.fmt is None:
            why = error_text(e.result.error, self.lang) if e.result and e.result.error else ""
            self.missing.setText(self.tr("Choose the format of this file.") + (f"\n{why}" if why else ""))
            return
        missing = e.missing()
        self.table.mark(e.fmt, missing)
        names = ("、" if not self.lang.startswith("en") else ", ").join(FIELD[k].label(self.lang) for k in missing)
        self.missing.setText(self.tr("Missing required columns: %1. Choose the column of the file that holds "
                                     "each.").replace("%1", names) if missing else "")  # fmt: skip


class MappingPage(QWizardPage):
    """One tab per file; Next waits until every file has a format and all its required columns."""

    def __init__(self, files: list[WizardFile], jobs: JobRunner, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files, self.jobs, self.lang = files, jobs, lang
        self.panels: list[FileMappingPanel] = []
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr("Each field is read from the column chosen here. Red: a required field the "
                                 "file does not name; choose the column that holds it."))  # fmt: skip
        self.tabs = QTabWidget(objectName="importMappingTabs")
        QVBoxLayout(self).addWidget(self.tabs)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.tabs.clear()
        for panel in self.panels:
            panel.deleteLater()
        self.panels = []
        for entry in self.files:
            panel = FileMappingPanel(entry, self.lang)
            panel.format_chosen.connect(lambda key, e=entry: self.reread(e, key))
            panel.changed.connect(self._update)
            self.panels.append(panel)
            self.tabs.addTab(panel, entry.name)
        self._update()

    def panel(self, entry: WizardFile) -> FileMappingPanel | None:
        return next((p for p in self.panels if p.entry is entry), None)

    def reread(self, entry: WizardFile, format_key: str) -> None:
        """Read the file again as the chosen format: its header and automatic mapping for that format."""
        entry.result = None
        if panel := self.panel(entry):
            panel.set_busy(True)
        self._update()
        self.jobs.submit(lambda: read_file(entry.path, format_key), lambda found: self._on_read(entry, *found),
                         lambda exc: self._on_read(entry, None, False, exc))  # fmt: skip

    def _on_read(self, entry: WizardFile, result: FileResult | None, readable: bool,
                 exc: Exception | None = None) -> None:  # fmt: skip
        if result is None:
            result = FileResult(entry.path, entry.name, error=exc)  # type: ignore[arg-type]
        entry.take(result, readable)
        if panel := self.panel(entry):
            panel.show_entry()
        self._update()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.files) and all(f.ready() for f in self.files)

    def _update(self) -> None:
        for i, panel in enumerate(self.panels):
            ok = panel.entry.ready()
            self.tabs.tabBar().setTabTextColor(i, QColor() if ok else MISSING_FG)
        self.completeChanged.emit()
