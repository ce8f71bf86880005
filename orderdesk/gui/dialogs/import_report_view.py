"""What an import would do (the preview) or did: the counts, the rows not imported and why, and the
orders held for review."""

from __future__ import annotations

from ...services.order_import import ImportReport
from ..errors import error_text
from ..qt import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

COUNT_KEYS = ("new", "updated", "unchanged", "held", "skipped_unpaid", "rejected")


class ImportReportView(QWidget):
    """Attributes:
        counts: count key (COUNT_KEYS) → the label showing its number.
        problems: the rows not imported: file, row, column, reason in the UI language.
        held: the orders that are (or would be) held for review, with the reason.
        message: errors in red (files that could not be read, an allocation that failed).
    """

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        captions = (self.tr("New orders"), self.tr("Updated"), self.tr("Unchanged"), self.tr("Held for review"),
                    self.tr("Unpaid, skipped"), self.tr("Rows not imported"))  # fmt: skip
        tiles = QHBoxLayout()
        self.counts: dict[str, QLabel] = {}
        for key, caption in zip(COUNT_KEYS, captions, strict=True):
            tiles.addWidget(self._tile(key, caption))
        self.message = QLabel(objectName="importMessage", wordWrap=True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.problems = self._table("importProblems", [self.tr("File"), self.tr("Row"), self.tr("Column"),
                                                       self.tr("Reason")])  # fmt: skip
        self.held = self._table("importHeld", [self.tr("Order no."), self.tr("Reason")])
        self.tabs = QTabWidget(objectName="importReportTabs")
        self.tabs.addTab(self.problems, "")
        self.tabs.addTab(self.held, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tiles)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.clear()

    def _tile(self, key: str, caption: str) -> QFrame:
        frame = QFrame(objectName=f"tile_{key}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        number = QLabel("—", objectName=f"count_{key}", alignment=Qt.AlignmentFlag.AlignCenter)
        number.setStyleSheet("font-size: 22px; font-weight: bold;")
        text = QLabel(caption, alignment=Qt.AlignmentFlag.AlignCenter)
        text.setStyleSheet("color: #4b5563;")
        box = QVBoxLayout(frame)
        box.addWidget(number)
        box.addWidget(text)
        self.counts[key] = number
        return frame

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), objectName=name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        return table

    def clear(self) -> None:
        for label in self.counts.values():
            label.setText("—")
        self.message.clear()
        self.message.hide()
        for table in (self.problems, self.held):
            table.setRowCount(0)
        self._tab_titles()

    def show_report(self, report: ImportReport) -> None:
        values = (report.new, report.updated, report.unchanged, report.held, report.skipped_unpaid,
                  len(report.rejected))  # fmt: skip
        for key, n in zip(COUNT_KEYS, values, strict=True):
            self.counts[key].setText(str(n))
            alert = " color: #b45309;" if key in ("held", "rejected") and n > 0 else ""
            self.counts[key].setStyleSheet("font-size: 22px; font-weight: bold;" + alert)
        rejected = sorted(report.rejected, key=lambda p: (p.file, p.row))
        self._fill(self.problems, [(p.file, str(p.row), p.column, p.reason(self.lang)) for p in rejected])
        self._fill(self.held, sorted(report.hold_reasons.items()))
        self.problems.setColumnWidth(0, 150)
        self.problems.setColumnWidth(1, 50)
        self.problems.setColumnWidth(2, 110)
        self.held.setColumnWidth(0, 200)
        errors = [f"{f.name}: {error_text(f.error, self.lang)}" for f in report.file_errors if f.error]
        if report.allocation_error is not None:
            errors.append(self.tr("The new orders were imported but not allocated: %1")
                          .replace("%1", error_text(report.allocation_error, self.lang)))  # fmt: skip
        self.message.setText("\n".join(errors))
        self.message.setVisible(bool(errors))
        self._tab_titles()
        if not rejected and report.hold_reasons:
            self.tabs.setCurrentWidget(self.held)

    def _fill(self, table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        table.resizeRowsToContents()

    def _tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("Rows not imported (%1)").replace("%1", str(self.problems.rowCount())))
        self.tabs.setTabText(1, self.tr("Held for review (%1)").replace("%1", str(self.held.rowCount())))
