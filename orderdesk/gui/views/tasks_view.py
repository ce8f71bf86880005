"""Warehouse tasks (仓库任务): the inbox of one warehouse (parcels to pull back, courier intercepts,
returns expected with their age, refund alerts, unknown parcels) and the scan that does them.

The scan field is the pack station's (always focused, input methods off); scans queue and go to
the service one at a time on the job pool. A timer refreshes the count shown in the navigation and
drains the warehouse robot's notices on a one-thread pool of its own: nothing here blocks the GUI
thread or waits on the network.
"""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime

from ...domain.refunds import RefundStep, TaskItem, TaskKind
from ...services.catalog_queries import warehouse_choices
from ...services.notices import drain_notices
from ...services.unit_of_work import UowFactory
from ...services.warehouse_tasks import TaskVerdict, courier_intercepted, inbox_count, pull_back, task_inbox
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (QAbstractItemView, QColor, QComboBox, QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                  Qt, QTimer, QVBoxLayout, QWidget, Signal)  # fmt: skip
from .station_feedback import GREEN, RED, SLATE, StationSounds, VerdictBanner
from .station_scan_field import ScanField

REFRESH_MS = 30_000
_COLOURS = {TaskKind.PULL_BACK: "#c62828", TaskKind.COURIER_INTERCEPT: "#ef6c00", TaskKind.REFUND_ALERT: "#6a1b9a"}


class TasksView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
        count_changed(int): how many tasks wait in all warehouses (for the navigation entry).
        verdict_shown(object): a TaskVerdict was put on the screen.

    Attributes:
        items: the inbox rows shown; verdicts: every verdict shown.
    """

    status_message = Signal(str)
    count_changed = Signal(int)
    verdict_shown = Signal(object)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_scan: bool = True,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor, self.can_scan = make_uow, jobs, lang, actor, can_scan
        self.items: list[TaskItem] = []
        self.verdicts: list[TaskVerdict] = []
        self.queue: deque[str] = deque()
        self.busy = False
        self.sounds = StationSounds(True, self)
        self.notices = JobRunner(max_threads=1, parent=self)
        self._build()
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.jobs.submit(lambda: warehouse_choices(make_uow, actor), self._set_warehouses, self._show_error)
        self.tick()

    def _build(self) -> None:
        self.warehouse = QComboBox(objectName="tasksWarehouse")
        self.warehouse.currentIndexChanged.connect(lambda _i: self.refresh())
        self.mode = QComboBox(objectName="tasksMode")
        self.mode.addItem(self.tr("Pull back from the outgoing pile"), "pull_back")
        self.mode.addItem(self.tr("Courier confirmed the intercept"), "courier_intercept")
        self.refresh_button = QPushButton(self.tr("Refresh"), objectName="tasksRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Warehouse")), self.warehouse, QLabel(self.tr("Scan does")), self.mode,
                       self.refresh_button):  # fmt: skip
            bar.addWidget(widget)
        bar.addStretch(1)
        self.scan_field = ScanField(self, commands=False, objectName="tasksScan", enabled=self.can_scan)
        self.scan_field.setPlaceholderText(self.tr("Scan the parcel's waybill (or order number)"))
        self.scan_field.setStyleSheet("QLineEdit { font-size: 26px; padding: 6px; border: 3px solid #1565c0; }")
        self.scan_field.scanned.connect(self._enqueue)
        self.banner = VerdictBanner(self)
        self.table = QTableWidget(0, 6, objectName="tasksTable")
        self.table.setHorizontalHeaderLabels([self.tr("Task"), self.tr("Order"), self.tr("Waybill"), self.tr("Age"),
                                              self.tr("Refund"), self.tr("Detail")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        for w in (self.warehouse, self.mode, self.refresh_button, self.table):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(self.scan_field)
        self.banner.show_text(self.tr("Scan parcels to pull back, or those the courier intercepted"), SLATE)

    def _set_warehouses(self, choices: list[tuple[str, str]]) -> None:
        for code, name in choices:
            self.warehouse.addItem(f"{name} ({code})", code)

    # -- reading --------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Every REFRESH_MS: the navigation count, the open warehouse's list, the robot's notices."""
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: inbox_count(make_uow, actor), self.count_changed.emit, lambda exc: None)
        self.notices.submit(lambda: drain_notices(make_uow), lambda report: None, lambda exc: None)
        self.refresh()

    def refresh(self) -> None:
        warehouse = self.warehouse.currentData()
        if not warehouse:
            return
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: task_inbox(make_uow, actor, warehouse), self._show_items, self._show_error)

    def _show_items(self, items: list[TaskItem]) -> None:
        self.items = items
        now = datetime.now(UTC)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            hours = (now - item.since).total_seconds() / 3600 if isinstance(item.since, datetime) else 0.0
            age = self.tr("%1 h").replace("%1", f"{hours:.1f}")
            detail = item.detail
            if item.kind is TaskKind.RETURN_EXPECTED and detail in RefundStep.__members__:
                detail = RefundStep(detail).label(self.lang)
            cells = (item.kind.label(self.lang), item.order_no, item.waybill, age, item.refund, detail)
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 0 and item.kind in _COLOURS:
                    cell.setForeground(Qt.GlobalColor.white)
                    cell.setBackground(QColor(_COLOURS[item.kind]))
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()

    # -- scanning ------------------------------------------------------------------------------------

    def _enqueue(self, code: str) -> None:
        self.queue.append(code)
        self._pump()

    def _pump(self) -> None:
        warehouse = self.warehouse.currentData()
        if self.busy or not self.queue or not warehouse:
            return
        self.busy = True
        code, make_uow, actor = self.queue.popleft(), self.make_uow, self.actor
        act = pull_back if self.mode.currentData() == "pull_back" else courier_intercepted
        self.jobs.submit(lambda: act(make_uow, actor, warehouse, code), self._show_verdict, self._scan_failed)

    def _show_verdict(self, verdict: TaskVerdict) -> None:
        self.busy = False
        self.verdicts.append(verdict)
        self.banner.show_text(verdict.message(self.lang), GREEN if verdict.ok else RED)
        self.sounds.play("ok" if verdict.ok else "error")
        self.verdict_shown.emit(verdict)
        self.refresh()
        self.jobs.submit(lambda: inbox_count(self.make_uow, self.actor), self.count_changed.emit, lambda exc: None)
        self._pump()

    def _scan_failed(self, exc: Exception) -> None:
        self.busy = False
        self.banner.show_text(error_text(exc, self.lang), RED)
        self._pump()

    def _show_error(self, exc: Exception) -> None:
        self.status_message.emit(error_text(exc, self.lang))
