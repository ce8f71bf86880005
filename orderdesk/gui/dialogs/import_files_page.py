"""The import wizard's first page: the export files (added or dropped), what each one is, the channel.

Each file is read in the background (`inspect_file`): the table shows the recognised platform and
format with the number of data rows, or why the file cannot be used, in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...domain.model import Channel
from ...imports.orders_file import FORMATS, FileFormat, FileResult, FileSpec, inspect_file, missing_fields
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

SUFFIXES = (".csv", ".xlsx")
ERROR_FG = QColor("#c62828")
WARN_FG = QColor("#b45309")
OK_FG = QColor("#2e7d32")


@dataclass(eq=False)
class WizardFile:
    """One file in the wizard: what reading it found, and the format and mapping a person chose.

    Attributes:
        result: the last `inspect_file` of it; None while it is being read.
        readable: False when nothing in it can be imported (damaged, empty, not a table).
        mapping: field key → header text, as shown (and corrected) on the mapping page.
    """

    path: str
    result: FileResult | None = None
    readable: bool = True
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def busy(self) -> bool:
        return self.result is None

    @property
    def fmt(self) -> FileFormat | None:
        return self.result.fmt if self.result else None

    def take(self, result: FileResult, readable: bool) -> None:
        self.result, self.readable, self.mapping = result, readable, dict(result.mapping)

    def missing(self) -> list[str]:
        return missing_fields(self.fmt, self.mapping) if self.fmt else []

    def ready(self) -> bool:
        return self.fmt is not None and not self.missing()

    def spec(self) -> FileSpec:
        return FileSpec(self.path, self.fmt.key if self.fmt else None, dict(self.mapping))


def read_file(path: str, format_key: str | None = None) -> tuple[FileResult, bool]:
    """(what the file is, whether it is readable at all). Runs on a pool thread.

    A file whose header is not recognised is tried once as a known format: if that finds a header,
    a person may still choose the format by hand on the mapping page.
    """
    result = inspect_file(path, format_key)
    if result.fmt is not None or format_key is not None:
        return result, result.fmt is not None
    return result, bool(inspect_file(path, FORMATS[0].key).header)


def dropped_paths(urls: list) -> list[str]:
    """The local .csv and .xlsx files among dropped URLs."""
    paths = [u.toLocalFile() for u in urls if u.isLocalFile()]
    return [p for p in paths if p.lower().endswith(SUFFIXES)]


class FilesPage(QWizardPage):
    """Add, drop or remove files; choose the channel (shop) the orders belong to.

    Attributes:
        files: the wizard's shared list of WizardFile, filled here.
        channel: the channel account combo; its data is the channel name, "" for the default shop
            (never None: PySide6 6.12 on Python 3.11 drops a reference to None when returning it).
    """

    def __init__(self, files: list[WizardFile], jobs: JobRunner, lang: str,
                 load_channels: Callable[[], list], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.files, self.jobs, self.lang = files, jobs, lang
        self.channels: list = []
        self.setTitle(self.tr("Choose the export files"))
        self.setSubTitle(self.tr("Order exports downloaded from the seller back-ends (.xlsx or .csv); you "
                                 "may also drop files here. The platform is recognised from the header row."))
        self.setAcceptDrops(True)
        add = QPushButton(self.tr("Add files…"), objectName="importAddFiles")
        add.clicked.connect(self.choose_files)
        self.remove = QPushButton(self.tr("Remove"), objectName="importRemoveFile", enabled=False)
        self.remove.clicked.connect(self.remove_selected)
        self.table = QTableWidget(0, 4, objectName="importFileTable")
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Recognised as"), self.tr("Data rows"),
                                              self.tr("State")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col, width in enumerate((200, 190, 70)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(lambda: self.remove.setEnabled(bool(self.table.selectedItems())))
        self.channel = QComboBox(objectName="importChannel")
        self.channel.addItem(self.tr("Detect from the files (the platform's import shop)"), "")
        self.hint = QLabel(objectName="importFilesHint", wordWrap=True)
        self.hint.setStyleSheet("color: #c62828;")
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        channel_row = QHBoxLayout()
        channel_row.addWidget(QLabel(self.tr("Orders belong to:")))
        channel_row.addWidget(self.channel, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(channel_row)
        jobs.submit(load_channels, self._on_channels, lambda exc: self.hint.setText(error_text(exc, lang)))

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Order export files"), "",
                                                self.tr("Order exports (*.csv *.xlsx)"))  # fmt: skip
        self.add_paths(paths)

    def add_paths(self, paths: list[str]) -> None:
        """Add files not yet in the list and read each one in the background."""
        known = {f.path for f in self.files}
        for path in dict.fromkeys(str(Path(p)) for p in paths):
            if path in known:
                continue
            entry = WizardFile(path)
            self.files.append(entry)
            self.jobs.submit(lambda p=path: read_file(p), lambda found, e=entry: self._on_read(e, *found),
                             lambda exc, e=entry: self._on_failed(e, exc))  # fmt: skip
        self.refresh()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            if row < len(self.files):
                del self.files[row]
        self.refresh()

    def dragEnterEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.mimeData().hasUrls() and dropped_paths(event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        paths = dropped_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.files) and all(not f.busy and f.readable for f in self.files)

    def refresh(self) -> None:
        """Redraw the file list, the channel choice and the hint; tell the wizard whether Next may go on."""
        self.table.setRowCount(len(self.files))
        for row, f in enumerate(self.files):
            state, colour = self._state(f)
            fmt = f.fmt.label(self.lang) if f.fmt else "—"
            rows = str(f.result.data_rows) if f.result and f.fmt else ""
            for col, text in enumerate((f.name, fmt, rows, state)):
                item = QTableWidgetItem(text)
                item.setToolTip(f.path if col == 0 else text)
                if col == 3:
                    item.setForeground(QBrush(colour))
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        unreadable = any(not f.busy and not f.readable for f in self.files)
        self.hint.setText(self.tr("Remove the files that cannot be read to go on.") if unreadable else "")
        self._fill_channels()
        self.completeChanged.emit()

    def _state(self, f: WizardFile) -> tuple[str, QColor]:
        if f.result is None:
            return self.tr("Reading…"), WARN_FG
        if not f.readable:
            why = error_text(f.result.error, self.lang) if f.result.error else self.tr("Cannot be read")
            return why, ERROR_FG
        if f.fmt is None:
            return self.tr("Header not recognised: choose the format on the next page."), WARN_FG
        if f.missing():
            return self.tr("Some required columns were not found: map them on the next page."), WARN_FG
        return self.tr("Ready"), OK_FG

    def _on_read(self, entry: WizardFile, result: FileResult, readable: bool) -> None:
        entry.take(result, readable)
        if any(f is entry for f in self.files):  # not removed meanwhile
            self.refresh()

    def _on_failed(self, entry: WizardFile, exc: Exception) -> None:
        entry.take(FileResult(entry.path, entry.name, error=exc), False)  # type: ignore[arg-type]
        if any(f is entry for f in self.files):  # not removed meanwhile
            self.refresh()

    def _on_channels(self, records: list) -> None:
        self.channels = list(records)
        self._fill_channels()

    def _fill_channels(self) -> None:
        """The default shop, plus the channel accounts of the files' platform (one platform only)."""
        platforms = {f.fmt.channel for f in self.files if f.fmt}
        wanted = [r for r in self.channels if not platforms or platforms == {Channel(r.platform)}]
        chosen = self.channel.currentData()
        self.channel.blockSignals(True)
        while self.channel.count() > 1:
            self.channel.removeItem(1)
        for r in wanted:
            platform = Channel(r.platform).label(self.lang)
            label = f"{r.name} ({platform})" if self.lang.startswith("en") else f"{r.name}（{platform}）"
            self.channel.addItem(label, r.name)
        self.channel.setCurrentIndex(max(0, self.channel.findData(chosen)) if chosen else 0)
        self.channel.blockSignals(False)
