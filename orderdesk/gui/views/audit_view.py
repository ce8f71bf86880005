"""The audit trail viewer: who did what, when, to which object; filtered, and exported on request."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from pathlib import Path

from ...exports.tabular import write_table
from ...services.audit_service import audit_trail, record_export
from ...services.ports import AuditFilter, AuditRecord
from ...services.unit_of_work import UowFactory
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ..errors import error_text

OBJECT_TYPES = ("order", "user", "secret", "master_data", "orders", "audit")


class AuditView(QWidget):
    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.rows: list[AuditRecord] = []
        self.by_user = QLineEdit(placeholderText=self.tr("User"), objectName="auditUser", clearButtonEnabled=True)
        self.object_type = QComboBox(objectName="auditObjectType")
        self.object_type.addItem(self.tr("All objects"), None)
        for t in OBJECT_TYPES:
            self.object_type.addItem(t, t)
        self.object_id = QLineEdit(placeholderText=self.tr("Object (e.g. order number)"), objectName="auditObject")
        today = QDate.currentDate()
        self.since = QDateEdit(today.addDays(-7), calendarPopup=True, objectName="auditSince")
        self.until = QDateEdit(today, calendarPopup=True, objectName="auditUntil")
        search, export = QPushButton(self.tr("Search")), QPushButton(self.tr("Export…"))
        search.clicked.connect(self.load)
        export.clicked.connect(self.export)
        self.status = QLabel()
        bar = QHBoxLayout()
        for w in (self.by_user, self.object_type, self.object_id, QLabel(self.tr("From")), self.since,
                  QLabel(self.tr("to")), self.until, search, export):  # fmt: skip
            bar.addWidget(w)
        bar.addStretch(1)
        self.table = QTableWidget(0, 6, objectName="auditTable")
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("User"), self.tr("Action"),
                                              self.tr("Object type"), self.tr("Object"), self.tr("Details")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        for edit in (self.by_user, self.object_id):
            edit.returnPressed.connect(self.load)

    def current_filter(self) -> AuditFilter:
        since = datetime.combine(self.since.date().toPython(), time()).astimezone()
        until = datetime.combine(self.until.date().toPython(), time()).astimezone() + timedelta(days=1)
        return AuditFilter(since=since, until=until, username=self.by_user.text().strip() or None,
                           object_type=self.object_type.currentData(),
                           object_id=self.object_id.text().strip() or None)  # fmt: skip

    def load(self) -> None:
        flt = self.current_filter()
        self.status.setText(self.tr("Loading…"))
        self.jobs.submit(lambda: audit_trail(self.make_uow, self.actor, flt), self._show, self._failed)

    def _show(self, rows: list[AuditRecord]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = (r.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), r.username, r.action, r.object_type,
                     r.object_id, json.dumps(r.details, ensure_ascii=False, sort_keys=True))  # fmt: skip
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.status.setText(self.tr("%n entries", "", len(rows)))

    def _failed(self, exc: Exception) -> None:
        self.status.setText(error_text(exc, self.lang))

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export audit trail"), "audit.xlsx",
                                              self.tr("Excel (*.xlsx);;CSV (*.csv)"))  # fmt: skip
        if not path:
            return
        flt, target = self.current_filter(), Path(path)

        def work() -> int:
            rows = audit_trail(self.make_uow, self.actor, flt, limit=None)
            table = [[r.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), r.username, r.action, r.object_type,
                      r.object_id, json.dumps(r.details, ensure_ascii=False)] for r in rows]  # fmt: skip
            n = write_table(target, ["时间", "用户", "动作", "对象类型", "对象", "详情"], table, sheet="audit")
            record_export(self.make_uow, self.actor, "audit", n, str(target))
            return n

        self.jobs.submit(work, lambda n: self.status.setText(self.tr("Exported %n entries", "", n)), self._failed)
