"""Throughput for the lead (产能): parcels packed and scans refused per station and hour, today.

One row per station, one column per hour that saw work, each cell "packed / refused", and the
day's totals at the right. Refreshed every 30 s while the page is on screen, never when hidden.
"""

from __future__ import annotations

from ...services.unit_of_work import UowFactory
from ...services.waves import StationHour, throughput
from ..errors import error_text
from ..jobs import JobRunner
from .refreshing import RefreshWhileVisible
from ..qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QFont,
    QHeaderView,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
)

REFRESH_MS = 30_000


class ThroughputView(RefreshWhileVisible, QWidget):
    """Attributes:
        rows: the StationHour rows last loaded.
    """

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.rows: list[StationHour] = []
        self._loading = False
        self.title = QLabel(self.tr("Today: parcels packed / scans refused, per station and hour"))
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.table = QTableWidget(0, 0, objectName="throughputTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setStyleSheet("QTableWidget { font-size: 22px; }"
                                 " QHeaderView::section { font-size: 17px; padding: 4px 8px; }")  # fmt: skip
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.horizontalHeader().setMinimumSectionSize(96)
        self.message = QLabel(objectName="throughputMessage", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: throughput(make_uow, actor), self._loaded, self._failed)

    def _loaded(self, rows: list[StationHour]) -> None:
        self._loading = False
        self.rows = rows
        stations = sorted({r.station for r in rows})
        hours = sorted({r.hour for r in rows})
        cells = {(r.station, r.hour): r for r in rows}
        self.table.clear()
        self.table.setRowCount(len(stations))
        self.table.setColumnCount(len(hours) + 1)
        self.table.setHorizontalHeaderLabels([h[-2:] + ":00" for h in hours] + [self.tr("Today")])
        self.table.setVerticalHeaderLabels(stations)
        for row, station in enumerate(stations):
            packed = refused = 0
            for col, hour in enumerate(hours):
                r = cells.get((station, hour))
                if r is not None:
                    packed, refused = packed + r.packed, refused + r.refused
                    self.table.setItem(row, col, _cell(r.packed, r.refused))
            self.table.setItem(row, len(hours), _cell(packed, refused, bold=True))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if rows:
            self.message.setText(self.tr("Each cell: parcels packed / scans refused. Refreshed every 30 s."))
        else:
            self.message.setText(self.tr("Nothing packed today yet."))

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.message.setText(error_text(exc, self.lang))
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")

    def cell_text(self, station: str, column: int) -> str:
        """What the table shows for a station (a test reads it); "" when the cell is empty."""
        for row in range(self.table.rowCount()):
            if self.table.verticalHeaderItem(row).text() == station:
                item = self.table.item(row, column)
                return item.text() if item else ""
        return ""


def _cell(packed: int, refused: int, bold: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(f"{packed} / {refused}")
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    font = QFont()
    font.setBold(bold)
    item.setFont(font)
    if refused:  # a station that refuses much needs a look: its cells are tinted
        item.setBackground(QBrush(QColor("#ffcdd2")))
    return item
