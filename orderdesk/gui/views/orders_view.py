"""The orders screen: filters, a paged table over all orders, and the selected order's panel."""

from __future__ import annotations

from datetime import timedelta

from ...domain.model import Channel
from ...domain.status import OrderStatus
from ...services.orders import count_orders, list_orders, order_detail
from ...services.refunds import request_refund, withdraw_any
from ...services.read_models import OrderFilter, ShipByAlert
from ...services.ship_by import ship_by_alert
from ...services.tracking_setup import parcel_scans, tracking_summaries
from ...services.unit_of_work import UowFactory
from ..dialogs.import_wizard import ImportWizard
from ..jobs import JobRunner
from ..models.orders_model import PAID_COL, SHIP_BY_COL, TRACKING_COL, OrdersTableModel
from .order_detail_panel import OrderDetailPanel
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ..errors import error_text


ALERT_EVERY_MS = 60_000  # deadlines move with the clock: recount once a minute


class OrdersView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
        ship_by_alert(str): "N 单即将超时发货", or "" when no unshipped order is near its deadline.
    """

    status_message = Signal(str)
    ship_by_alert = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_reveal: bool = False,
                 can_import: bool = False, can_refund: bool = False,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.can_import = can_import
        self.import_wizard: ImportWizard | None = None
        self._detail_request = 0
        self._pending = 0
        self._reselect: str | None = None
        self.model = OrdersTableModel(
            jobs,
            lambda flt, after, n: list_orders(make_uow, actor, flt, limit=n, after=after),
            lambda flt: count_orders(make_uow, actor, flt),
            lang,
            self,
            fetch_tracking=lambda ids: tracking_summaries(make_uow, actor, ids),
        )
        self._build_filters()
        self._build_table()
        self.detail = OrderDetailPanel(lang, can_reveal=can_reveal, can_refund=can_refund)
        self.detail.reveal_requested.connect(self._reveal)
        self.detail.refund_requested.connect(self._refund)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filter_bar)
        layout.addWidget(splitter, 1)
        self._search_timer = QTimer(self, singleShot=True, interval=300)
        self._search_timer.timeout.connect(self.apply_filters)
        self.model.total_changed.connect(self._on_total)
        self.model.load_failed.connect(self._on_load_failed)
        self.model.rowsInserted.connect(lambda *_: self._restore_selection())
        self.sort = "paid"
        self._alert_timer = QTimer(self, interval=ALERT_EVERY_MS)
        self._alert_timer.timeout.connect(self.refresh_alert)
        self._alert_timer.start()
        self.apply_filters()

    def _build_filters(self) -> None:
        self.search = QLineEdit(placeholderText=self.tr("Order no. or phone"), clearButtonEnabled=True)
        self.search.setObjectName("orderSearch")
        self.search.setMinimumWidth(220)
        self.status = QComboBox(objectName="statusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for s in OrderStatus:
            self.status.addItem(s.label(self.lang), s.value)
        self.channel = QComboBox(objectName="channelFilter")
        self.channel.addItem(self.tr("All channels"), None)
        for c in Channel:
            self.channel.addItem(c.label(self.lang), c.value)
        self.warehouse = QComboBox(objectName="warehouseFilter")
        self.warehouse.addItem(self.tr("All warehouses"), None)
        hours = int(self.model.due_soon.total_seconds() // 3600)
        self.deadline = QComboBox(objectName="deadlineFilter")
        self.deadline.addItem(self.tr("Any ship-by"), None)
        self.deadline.addItem(self.tr("Due within %n hour(s)", "", hours), "due")
        self.deadline.addItem(self.tr("Overdue"), "overdue")
        self.alert = QPushButton(objectName="shipByAlert", flat=True)
        self.alert.setStyleSheet("color: #c62828; font-weight: bold;")
        self.alert.setVisible(False)
        self.alert.clicked.connect(lambda: self.deadline.setCurrentIndex(self.deadline.findData("due")))
        self.total = QLabel(objectName="orderTotal")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.model.refresh)
        self.import_button = QPushButton(self.tr("Import orders…"), objectName="importOrders")
        self.import_button.setVisible(self.can_import)
        self.import_button.clicked.connect(self.open_import)
        self.filter_bar = QHBoxLayout()
        for w in (self.search, self.status, self.channel, self.warehouse, self.deadline):
            self.filter_bar.addWidget(w)
        self.filter_bar.addStretch(1)
        self.filter_bar.addWidget(self.alert)
        self.filter_bar.addWidget(self.total)
        self.filter_bar.addWidget(refresh)
        self.filter_bar.addWidget(self.import_button)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        for combo in (self.status, self.channel, self.warehouse, self.deadline):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())

    def _build_table(self) -> None:
        self.table = QTableView(objectName="ordersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((210, 80, 130, 70, 90, 110, 70, 100, 90, 80, 45, 80)):
            self.table.setColumnWidth(col, width)
        header = self.table.horizontalHeader()
        header.moveSection(TRACKING_COL, SHIP_BY_COL + 1)  # where the parcel is, next to when it must leave
        self.table.setColumnWidth(TRACKING_COL, 150)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(PAID_COL, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self._header_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._load_detail(cur.row()))

    def open_import(self) -> ImportWizard:
        """The import wizard for platform export files; the list reloads after an import."""
        if self.import_wizard is not None and not self.jobs.busy:  # no job of it can still call back
            self.import_wizard.deleteLater()
        self.import_wizard = ImportWizard(self.make_uow, self.jobs, self.lang, self.actor, self)
        self.import_wizard.imported.connect(lambda _n: self.refresh())
        self.import_wizard.open()
        return self.import_wizard

    def set_warehouses(self, warehouses: list[tuple[str, str]]) -> None:
        """Fill the warehouse filter once the list has been read in the background."""
        self.warehouse.blockSignals(True)
        for code, name in warehouses:
            if self.warehouse.findData(code) < 0:
                self.warehouse.addItem(name, code)
        self.warehouse.blockSignals(False)

    def current_filter(self) -> OrderFilter:
        """The filter bar as a query; a deadline filter lists earliest deadline first."""
        deadline = self.deadline.currentData()
        return OrderFilter(status=self.status.currentData(), channel=self.channel.currentData(),
                           warehouse_code=self.warehouse.currentData(),
                           search=self.search.text().strip() or None,
                           due_within=self.model.due_soon if deadline == "due" else None,
                           overdue=deadline == "overdue", sort="ship_by" if deadline else self.sort)  # fmt: skip

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.total.setText(self.tr("Counting…"))
        self.model.set_filter(self.current_filter())
        self.refresh_alert()

    def refresh(self) -> None:
        self._pending = 0
        self._reselect = self._selected_order_no()
        self.model.refresh()
        self.refresh_alert()

    def set_due_soon_hours(self, hours: int) -> None:
        """The "due soon" setting changed: recolour, relabel the filter, recount."""
        self.model.set_due_soon(timedelta(hours=hours))
        self.deadline.setItemText(1, self.tr("Due within %n hour(s)", "", hours))
        self.apply_filters()

    def refresh_alert(self) -> None:
        """Count unshipped orders near their deadline in the background; shown here and in the status bar."""
        make_uow, actor, within = self.make_uow, self.actor, self.model.due_soon
        self.jobs.submit(lambda: ship_by_alert(make_uow, actor, within), self._show_alert, lambda exc: None)

    def _show_alert(self, alert: ShipByAlert) -> None:
        text = alert.text(self.lang)
        self.alert.setText(text)
        self.alert.setVisible(bool(text))
        self.ship_by_alert.emit(text)

    def _header_clicked(self, col: int) -> None:
        """Click 发货截止 to list earliest deadline first, 付款时间 for newest paid first."""
        wanted = {SHIP_BY_COL: "ship_by", PAID_COL: "paid"}.get(col)
        header = self.table.horizontalHeader()
        if wanted is None:
            header.setSortIndicator(SHIP_BY_COL if self.sort == "ship_by" else PAID_COL,
                                    Qt.SortOrder.AscendingOrder if self.sort == "ship_by" else Qt.SortOrder.DescendingOrder)  # fmt: skip
            return
        self.sort = wanted
        header.setSortIndicator(col, Qt.SortOrder.AscendingOrder if wanted == "ship_by" else Qt.SortOrder.DescendingOrder)
        self.apply_filters()

    def _restore_selection(self) -> None:
        """After a reload, select the order the user had selected, if it is still listed."""
        if not self._reselect:
            return
        for i, row in enumerate(self.model.rows):
            if row.order_no == self._reselect:
                self.table.selectRow(i)
                break
        self._reselect = None

    def on_tracked(self, n: int) -> None:
        """Couriers moved orders (shipped, delivered): refresh only when it cannot move the list under the user."""
        if self.table.verticalScrollBar().value() == 0 and not self._selected_order_no():
            self.refresh()

    def on_new_orders(self, n: int) -> None:
        """New orders arrived: show them at once if the user is at the top and not reading one,
        otherwise say so and let F5 bring them in, so the list never jumps under the user."""
        at_top = self.table.verticalScrollBar().value() == 0
        if at_top and not self._selected_order_no():
            self.refresh()
            return
        self._pending += n
        self.status_message.emit(self.tr("%n new order(s) arrived — press F5 to show them", "", self._pending))

    def _selected_order_no(self) -> str | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.order_no if row else None

    def _on_total(self, n: int) -> None:
        # %n prints plain digits; a million orders reads better as 1,000,000.
        self.total.setText(self.tr("%n order(s)", "", n).replace(str(n), f"{n:,}"))

    def _on_load_failed(self, message: str) -> None:
        self.total.setText(self.tr("Could not load orders"))
        self.status_message.emit(message)

    def _load_detail(self, row: int) -> None:
        r = self.model.row_at(row)
        if r is None:
            return
        self._detail_request += 1
        ticket, order_no = self._detail_request, r.order_no

        def done(got: tuple) -> None:
            if ticket == self._detail_request:
                detail, parcels = got
                self.detail.show_detail(detail)
                self.detail.show_tracking(parcels)

        def failed(exc: Exception) -> None:
            if ticket == self._detail_request:
                self.detail.show_message(error_text(exc, self.lang))

        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: (order_detail(make_uow, actor, order_no), parcel_scans(make_uow, actor, order_no)),
                         done, failed)  # fmt: skip

    def _refund(self, order_no: str, withdraw: bool) -> None:
        """Customer service registers (or withdraws) a refund request: an unshipped order is
        intercepted at once and every pack station refuses it; the reason goes to the timeline."""
        title = self.tr("Withdraw refund") if withdraw else self.tr("Refund request")
        reason, ok = QInputDialog.getText(self, title, self.tr("Reason (required), e.g. 买家申请仅退款:"))
        if not ok or not reason.strip():
            return
        make_uow, actor, why = self.make_uow, self.actor, reason.strip()

        def work() -> object:  # a refund record of its own, followed down its path (services.refunds)
            if withdraw:
                return withdraw_any(make_uow, actor, order_no, why)
            return request_refund(make_uow, actor, order_no, (), why)

        def done(change: object) -> None:
            self.status_message.emit(f"{order_no}: {change.from_status.label(self.lang)} → "  # type: ignore[attr-defined]
                                     f"{change.to_status.label(self.lang)}")  # type: ignore[attr-defined]
            self.refresh()
            self._load_detail(self.table.currentIndex().row())

        self.jobs.submit(work, done, lambda exc: self.status_message.emit(error_text(exc, self.lang)))

    def _reveal(self, order_no: str) -> None:
        """Show the full phone and street of the open order; the service audits the reveal."""
        self._detail_request += 1
        ticket = self._detail_request

        def done(detail: object) -> None:
            if ticket == self._detail_request:
                self.detail.show_detail(detail, revealed=True)  # type: ignore[arg-type]

        def failed(exc: Exception) -> None:
            self.status_message.emit(error_text(exc, self.lang))

        self.jobs.submit(lambda: order_detail(self.make_uow, self.actor, order_no, reveal=True), done, failed)
