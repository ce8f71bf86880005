"""The exception queue: orders the rules held back, and a manual allocation (with a reason) for each."""

from __future__ import annotations


from ...domain.model import Channel
from ...services.allocation import assign_by_hand
from ...services.catalog_queries import warehouse_choices
from ...services.orders import list_orders
from ...services.read_models import OrderFilter, OrderRow
from ...services.unit_of_work import UowFactory
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..errors import error_text

LIMIT = 1000
ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #6b7280;"


class HeldView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
    """

    status_message = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_allocate: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.can_allocate = can_allocate
        self.rows: list[OrderRow] = []
        self.loaded = False
        self._busy = False
        self.count = QLabel(objectName="heldCount")
        refresh = QPushButton(self.tr("Refresh"), objectName="heldRefresh")
        refresh.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        intro = QLabel(self.tr("Orders the rules could not allocate, or held for a person to check."))
        intro.setStyleSheet(HINT_STYLE)
        bar.addWidget(intro)
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(refresh)
        self.table = QTableWidget(0, 5, objectName="heldTable")
        self.table.setHorizontalHeaderLabels([self.tr("Order no."), self.tr("Channel"), self.tr("Province"),
                                              self.tr("Total (¥)"), self.tr("Hold reason")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((210, 90, 110, 90)):
            self.table.setColumnWidth(col, width)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._on_selected(row))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._build_assign())
        self._on_selected(-1)

    def _build_assign(self) -> QWidget:
        box = QGroupBox(self.tr("Allocate by hand"), objectName="heldAssignBox")
        self.selected = QLabel(objectName="heldSelected")
        self.selected.setTextFormat(Qt.TextFormat.PlainText)
        self.warehouse = QComboBox(objectName="heldWarehouse")
        self.warehouse.addItem(self.tr("Choose a warehouse…"), "")
        self.warehouse.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # filled later
        self.reason = QLineEdit(objectName="heldReason", clearButtonEnabled=True,
                                placeholderText=self.tr("Reason (required), e.g. 客户要求从苏州仓发"))  # fmt: skip
        self.reason.returnPressed.connect(self.assign)
        self.reason.textEdited.connect(lambda _t: self.error.clear())
        self.assign_button = QPushButton(self.tr("Allocate by hand"), objectName="assignButton")
        self.assign_button.clicked.connect(self.assign)
        self.error = QLabel(objectName="heldError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Warehouse")))
        row.addWidget(self.warehouse)
        row.addWidget(QLabel(self.tr("Reason")))
        row.addWidget(self.reason, 1)
        row.addWidget(self.assign_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.selected)
        layout.addLayout(row)
        layout.addWidget(self.error)
        if not self.can_allocate:
            note = QLabel(self.tr("Read only: your role may not allocate orders."), objectName="heldReadOnly")
            note.setStyleSheet(HINT_STYLE)
            layout.addWidget(note)
        return box

    # -- loading --------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            make_uow, actor = self.make_uow, self.actor
            self.jobs.submit(lambda: warehouse_choices(make_uow, actor), self.set_warehouses,
                             lambda _exc: None)  # fmt: skip
            self.refresh()

    def set_warehouses(self, warehouses: list[tuple[str, str]]) -> None:
        for code, name in warehouses:
            if self.warehouse.findData(code) < 0:
                self.warehouse.addItem(f"{name} ({code})", code)

    def refresh(self) -> None:
        self.count.setText(self.tr("Loading…"))
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: list_orders(make_uow, actor, OrderFilter(status="ON_HOLD"), limit=LIMIT),
                         self._show, self._load_failed)  # fmt: skip

    def _show(self, rows: list[OrderRow]) -> None:
        keep = self.selected_order_no()
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            self._fill_row(i, r)
        self._show_count()
        again = next((i for i, r in enumerate(self.rows) if r.order_no == keep), 0 if self.rows else -1)
        self.table.setCurrentCell(again, 0)
        self._on_selected(again)

    def _fill_row(self, i: int, r: OrderRow) -> None:
        try:
            channel = Channel(r.channel).label(self.lang)
        except ValueError:
            channel = r.channel
        total = QTableWidgetItem(f"{r.total_fen / 100:.2f}")
        total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        reason = QTableWidgetItem(r.hold_reason)
        reason.setToolTip(r.hold_reason)
        for col, item in enumerate((QTableWidgetItem(r.order_no), QTableWidgetItem(channel),
                                    QTableWidgetItem(r.province or ""), total, reason)):  # fmt: skip
            self.table.setItem(i, col, item)

    def _show_count(self) -> None:
        n = len(self.rows)
        text = self.tr("%n held order(s)", "", n)
        if n >= LIMIT:
            text = self.tr("The first %n held order(s)", "", n)
        self.count.setText(text)

    def _load_failed(self, exc: Exception) -> None:
        self.count.setText(self.tr("Could not load the held orders: %1").replace("%1", self._reason(exc)))

    # -- allocating by hand ---------------------------------------------------------------------------

    def selected_order_no(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].order_no if 0 <= row < len(self.rows) else None

    def _on_selected(self, row: int) -> None:
        self.error.clear()
        r = self.rows[row] if 0 <= row < len(self.rows) else None
        if r is None:
            self.selected.setText(self.tr("Select a held order to allocate it by hand."))
        else:
            text = self.tr("Order %1 — %2").replace("%1", r.order_no)
            self.selected.setText(text.replace("%2", r.hold_reason))
        can = self.can_allocate and r is not None and not self._busy
        for w in (self.warehouse, self.reason, self.assign_button):
            w.setEnabled(can)

    def assign(self) -> None:
        order_no = self.selected_order_no()
        if not self.can_allocate or order_no is None or self._busy:
            return
        warehouse, reason = self.warehouse.currentData(), self.reason.text().strip()
        if not warehouse:
            self.error.setText(self.tr("Choose the warehouse that ships this order."))
            self.warehouse.setFocus()
            return
        if not reason:
            self.error.setText(
                self.tr("Say why this order is allocated by hand; the reason goes into the log."))
            self.reason.setFocus()
            return
        self.error.clear()
        self._set_busy(True)
        make_uow, actor = self.make_uow, self.actor

        def done(_result: object) -> None:
            self._set_busy(False)
            self._remove(order_no)
            self.reason.clear()
            self.table.setFocus()
            name = self.warehouse.currentText()
            self.status_message.emit(self.tr("Order %1 allocated to %2 by hand.").replace("%1", order_no)
                                     .replace("%2", name))  # fmt: skip

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            self.error.setText(self._reason(exc))
            self.reason.setFocus()

        self.jobs.submit(lambda: assign_by_hand(make_uow, actor, order_no, warehouse, reason), done, failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.assign_button.setText(self.tr("Allocating…") if busy else self.tr("Allocate by hand"))
        self._on_selected_keep_error()

    def _on_selected_keep_error(self) -> None:
        can = self.can_allocate and self.selected_order_no() is not None and not self._busy
        for w in (self.warehouse, self.reason, self.assign_button):
            w.setEnabled(can)

    def _remove(self, order_no: str) -> None:
        i = next((i for i, r in enumerate(self.rows) if r.order_no == order_no), -1)
        if i < 0:
            return
        del self.rows[i]
        self.table.removeRow(i)
        self._show_count()
        nxt = min(i, len(self.rows) - 1)
        self.table.setCurrentCell(nxt, 0)
        self._on_selected(nxt)

    def _reason(self, exc: Exception) -> str:
        return error_text(exc, self.lang)
