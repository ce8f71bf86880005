"""Channels (渠道设置): each shop connection with its sync state in words, and what to do about it;
below, the ship-confirm outbox with its alerts and the courier codes dialog.

Per channel: last success, orders pulled, next run, runs failed in a row, the last error as the
platform put it, and the bad orders it delivered. A channel failing for more than a few minutes is
shown red until it recovers: channels are never switched off silently.
"""

from __future__ import annotations

from datetime import UTC, datetime

from ...domain.model import Channel
from ...services.channels import channel_problems, list_channels, test_channel
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from .refreshing import RefreshWhileVisible
from ..qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..sync_worker import ALERT_AFTER

REFRESH_MS = 2000
ALERT_BG = QColor("#fde2e1")
ERROR_FG = QColor("#c62828")
OK_FG = QColor("#2e7d32")


def _local(t: datetime | None) -> str:
    return t.astimezone().strftime("%m-%d %H:%M:%S") if t else "—"


class ChannelsView(RefreshWhileVisible, QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
    """

    status_message = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_manage: bool,
                 parent: QWidget | None = None, can_set_moment: bool = False) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor, self.can_manage = make_uow, jobs, lang, actor, can_manage
        self.records: list = []
        self.next_run: datetime | None = None
        self._loading = False
        self.add_button = QPushButton(self.tr("Connect a shop…"), objectName="channelAdd", enabled=can_manage)
        self.add_button.clicked.connect(self.add_channel)
        self.test_button = QPushButton(self.tr("Test connection"), objectName="channelTest", enabled=False)
        self.test_button.clicked.connect(self.test_selected)
        self.message = QLabel(objectName="channelMessage", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        bar = QHBoxLayout()
        intro = QLabel(self.tr("Orders are pulled from every shop in the background, every few seconds."))
        intro.setStyleSheet("color: #6b7280;")
        bar.addWidget(intro)
        bar.addStretch(1)
        bar.addWidget(self.test_button)
        bar.addWidget(self.add_button)
        self.table = self._table("channelTable", [
            self.tr("Name"), self.tr("Platform"), self.tr("State"), self.tr("Last success"),
            self.tr("Orders pulled"), self.tr("Next run"), self.tr("Failed runs"), self.tr("Bad orders"),
            self.tr("Last error")])  # fmt: skip
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._on_selected(row))
        self.problems = self._table("channelProblems", [
            self.tr("Platform order no."), self.tr("First seen"), self.tr("Last seen"), self.tr("Times"),
            self.tr("Problem")])  # fmt: skip
        self.problems_title = QLabel(self.tr("Bad orders of the chosen channel (kept out until a good copy arrives)"))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.problems_title)
        lower_layout.addWidget(self.problems)
        from .outbox_panel import OutboxPanel

        self.outbox = OutboxPanel(make_uow, jobs, lang, actor, can_manage, self._table, can_set_moment=can_set_moment)
        self.outbox.status_message.connect(self.status_message)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.addWidget(self.outbox)
        split.setSizes([250, 150, 250])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.message)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    @staticmethod
    def _table(name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), objectName=name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- loading ------------------------------------------------------------------------------------

    def set_next_run(self, when: object) -> None:
        """From the sync worker: when its next round starts."""
        self.next_run = when if isinstance(when, datetime) else None

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: list_channels(make_uow, actor), self._show, self._load_failed)
        self.outbox.refresh()

    def on_confirmed(self, done: int, alerts: list) -> None:
        """From the sync worker's drain: parcels confirmed, and refusals to act on (said at once)."""
        en = self.lang.startswith("en")
        if alerts:
            self.status_message.emit(("; " if en else "；").join(f"{no}: {e}" if en else f"{no}：{z}" for no, z, e in alerts))
        if self.isVisible():
            self.outbox.refresh()

    def _load_failed(self, exc: Exception) -> None:
        self._loading = False
        self.message.setText(error_text(exc, self.lang))

    def _show(self, records: list) -> None:
        self._loading = False
        keep = self.selected_name()
        self.records = list(records)
        now = datetime.now(UTC)
        self.table.setRowCount(len(self.records))
        for i, r in enumerate(self.records):
            alert = bool(r.last_error and r.error_since and now - r.error_since > ALERT_AFTER)
            cells = [r.name, Channel(r.platform).label(self.lang), self._state(r, alert), _local(r.last_success_at),
                     f"{r.orders_pulled:,}", self._next_run(r), str(r.failed_runs), str(r.open_problems),
                     r.last_error or ""]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if alert:
                    item.setBackground(QBrush(ALERT_BG))
                if col == 2:
                    item.setForeground(QBrush(ERROR_FG if r.last_error else OK_FG))
                self.table.setItem(i, col, item)
        if self.table.currentRow() < 0 and self.records:
            names = [r.name for r in self.records]
            self.table.selectRow(names.index(keep) if keep in names else 0)
        elif not self.records:
            self.message.setText(self.tr("No shop is connected yet."))

    def _state(self, r, alert: bool) -> str:  # noqa: ANN001 - a ChannelRecord
        if not r.enabled:
            return self.tr("Paused")
        if alert:
            return self.tr("ALERT: failing since %1").replace("%1", _local(r.error_since))
        if r.last_error:
            return self.tr("Retrying")
        return self.tr("OK") if r.last_success_at else self.tr("Waiting for the first run")

    def _next_run(self, r) -> str:  # noqa: ANN001 - a ChannelRecord
        if not r.enabled or self.next_run is None:
            return "—"
        return _local(self.next_run)

    def selected_name(self) -> str | None:
        row = self.table.currentRow()
        return self.records[row].name if 0 <= row < len(self.records) else None

    def _on_selected(self, row: int) -> None:
        self.test_button.setEnabled(self.can_manage and 0 <= row < len(self.records))
        name = self.selected_name()
        if name is None:
            self.problems.setRowCount(0)
            return
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: channel_problems(make_uow, actor, name), self._show_problems, self._load_failed)

    def _show_problems(self, problems: list) -> None:
        self.problems.setRowCount(len(problems))
        for i, p in enumerate(problems):
            ref = p.order_ref if not p.order_ref.startswith("?") else self.tr("(no order number)")
            for col, text in enumerate([ref, _local(p.first_seen), _local(p.last_seen), str(p.times), p.reason]):
                self.problems.setItem(i, col, QTableWidgetItem(text))

    # -- actions --------------------------------------------------------------------------------------

    def add_channel(self) -> None:
        from ..dialogs.add_channel_dialog import AddChannelDialog

        dialog = AddChannelDialog(self.make_uow, self.jobs, self.lang, self.actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.message.setText(self.tr("Shop %1 connected; its orders arrive with the next run.")
                                 .replace("%1", dialog.name.text().strip()))  # fmt: skip
            self.refresh()

    def test_selected(self) -> None:
        from ...channels.registry import adapter_for  # the adapters are built only when one is called

        name = self.selected_name()
        if name is None:
            return
        self.test_button.setEnabled(False)
        self.message.setText(self.tr("Testing %1…").replace("%1", name))
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: test_channel(make_uow, actor, name, adapter_for),
                         lambda _r: self._tested(name, ""), lambda exc: self._tested(name, error_text(exc, self.lang)))

    def _tested(self, name: str, error: str) -> None:
        self.test_button.setEnabled(self.can_manage)
        if error:
            self.message.setStyleSheet(f"color: {ERROR_FG.name()};")
            self.message.setText(self.tr("%1: the test call failed: %2").replace("%1", name).replace("%2", error))
        else:
            self.message.setStyleSheet(f"color: {OK_FG.name()};")
            self.message.setText(self.tr("%1: the credentials work.").replace("%1", name))
        self.status_message.emit(self.message.text())
