"""The navigation shell: a list of screens on the left, the chosen one on the right."""

from __future__ import annotations

from collections.abc import Callable

from ..about import AboutInfo
from ..domain.access import Permission, Role, allows
from ..services.actors import Actor
from ..services.catalog_queries import warehouse_choices
from ..services.report_ports import ChangeFeed
from ..services.unit_of_work import UowFactory
from .forms.ui_main_window import Ui_MainWindow
from .jobs import JobRunner
from .qt import QColor, QLabel, QListWidgetItem, QMainWindow, QMessageBox, QSettings, QTabWidget, Qt, QWidget, Signal
from .views.audit_view import AuditView
from .models.dashboard_model import DashboardModel
from .views.channels_view import ChannelsView
from .views.dashboard_view import DashboardView
from .views.labels_view import LabelsView
from .views.handover_view import HandoverView
from .views.held_view import HeldView
from .views.reallocate_button import ReallocateButton
from .views.orders_view import OrdersView
from .views.returns_view import ReturnsView
from .views.rules_view import RulesView
from .views.station_view import StationView
from .views.tasks_view import TasksView
from .views.throughput_view import ThroughputView
from .views.desk_view import DeskView
from .views.not_permitted_view import NotPermittedView
from .views.waves_view import WavesView


class MainWindow(QMainWindow):
    """The shell for one logged-in user; a user switch builds a new one.

    Signals:
        switch_user_requested(): the user chose File > Switch user.
        lock_requested(): the user locked the station.
    """

    switch_user_requested = Signal()
    lock_requested = Signal()

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor, db_label: str,
                 change_feed: Callable[[], ChangeFeed] | None = None,
                 about: Callable[[], AboutInfo] | None = None) -> None:  # fmt: skip
        super().__init__()
        self.change_feed = change_feed
        self.about, self.about_box = about, None
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.lang, self.jobs, self.actor, self.make_uow = lang, jobs, actor, make_uow
        self.tour = None
        self.setWindowTitle(self.tr("OrderDesk — order hub"))
        can_reveal = allows(actor.role, Permission.VIEW_PII)
        self.orders = OrdersView(make_uow, jobs, lang, actor.username, can_reveal=can_reveal,
                                 can_import=allows(actor.role, Permission.INTAKE_ORDERS),
                                 can_refund=allows(actor.role, Permission.REQUEST_REFUND))  # fmt: skip
        self.orders.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._add_page(self.tr("Orders"), self.orders)
        self._add_allocation_page(make_uow, jobs, lang, actor)
        self.channels = ChannelsView(make_uow, jobs, lang, actor.username,
                                     can_manage=allows(actor.role, Permission.MANAGE_CHANNELS),
                                     can_set_moment=allows(actor.role, Permission.MANAGE_MASTER_DATA))  # fmt: skip
        self.channels.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._add_page(self.tr("Channels"), self.channels, self.tr("Shop connections and their sync state."))
        self.labels = LabelsView(make_uow, jobs, lang, actor.username,
                                 can_print=allows(actor.role, Permission.PRINT_LABELS))  # fmt: skip
        self.labels.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        pack, returns, desk, dashboard = (self.tr("Pick & pack"), self.tr("Returns"), self.tr("Customer service"),
                                          self.tr("Dashboard"))  # fmt: skip
        purpose = dict(self._purposes())
        self._add_pack_page(make_uow, jobs, lang, actor, pack, purpose[pack])
        self._add_handover_page(make_uow, jobs, lang, actor)
        self._add_tasks_page(make_uow, jobs, lang, actor)
        self._add_returns_page(make_uow, jobs, lang, actor, returns, purpose[returns])
        self._add_page(self.tr("Labels"), self.labels, self.tr("Shipping labels, packing slips and pick "
                                                               "lists on any printer."))  # fmt: skip
        self._add_desk_page(make_uow, jobs, lang, actor, purpose[desk])
        self._add_dashboard_page(make_uow, jobs, lang, actor, dashboard, purpose[dashboard])
        self.audit = None
        if allows(actor.role, Permission.VIEW_AUDIT):
            self.audit = AuditView(make_uow, jobs, lang, actor.username)
            self._add_page(self.tr("Audit log"), self.audit)
        self.ui.navList.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px 12px; }")
        self.ui.navList.currentRowChanged.connect(self.ui.pages.setCurrentIndex)
        self.ui.navList.setCurrentRow(0)
        self.ui.actionRefresh.triggered.connect(self.orders.refresh)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionSwitchUser.triggered.connect(self.switch_user_requested)
        self.ui.actionLock.triggered.connect(self.lock_requested)
        self.ui.actionAbout.triggered.connect(self._about)
        self.ui.actionChinese.setChecked(lang != "en")
        self.ui.actionEnglish.setChecked(lang == "en")
        self.ui.actionChinese.triggered.connect(lambda: self._choose_language("zh_CN"))
        self.ui.actionEnglish.triggered.connect(lambda: self._choose_language("en"))
        self.busy = QLabel()
        self.demo_label = QLabel()
        role = Role(actor.role).label(lang) if actor.role in Role._value2member_map_ else (actor.role or "")
        who = f"{actor.display_name} ({actor.username}, {role})"
        for text in (self.tr("Database: %1").replace("%1", db_label), self.tr("User: %1").replace("%1", who)):
            self.statusBar().addPermanentWidget(QLabel(text))
        self.sync_label = QLabel(objectName="syncStatus")
        self.statusBar().addPermanentWidget(self.sync_label)
        self.ship_by_label = QLabel(objectName="shipByAlertStatus")
        self.ship_by_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.ship_by_label)
        self.orders.ship_by_alert.connect(self.ship_by_label.setText)
        self.statusBar().addPermanentWidget(self.demo_label)
        self.statusBar().addPermanentWidget(self.busy)
        jobs.busy_changed.connect(self._show_busy)  # a bound slot: Qt drops it when this window goes
        jobs.submit(lambda: warehouse_choices(make_uow, actor.username), self.orders.set_warehouses, lambda exc: None)

    def _show_busy(self, busy: bool) -> None:
        self.busy.setText(self.tr("Working…") if busy else "")

    def _add_page(self, title: str, widget: QWidget, tooltip: str = "") -> None:
        item = QListWidgetItem(title)
        item.setToolTip(tooltip)
        self.ui.navList.addItem(item)
        self.ui.pages.addWidget(widget)

    def _add_allocation_page(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor) -> None:
        """分仓: the rule editor and the exception queue; every role may look, only some may change."""
        self.rules = RulesView(make_uow, jobs, lang, actor.username,
                               can_edit=allows(actor.role, Permission.EDIT_RULES))  # fmt: skip
        self.held = HeldView(make_uow, jobs, lang, actor.username,
                             can_allocate=allows(actor.role, Permission.ALLOCATE_ORDERS))  # fmt: skip
        self.allocation = QTabWidget(objectName="allocationTabs")
        rules_title = self.tr("Allocation rules")
        self.allocation.addTab(self.rules, rules_title)
        self.allocation.addTab(self.held, self.tr("Held orders"))
        self.reallocate = ReallocateButton(make_uow, jobs, lang, actor.username,
                                           enabled=allows(actor.role, Permission.ALLOCATE_ORDERS))  # fmt: skip
        self.allocation.setCornerWidget(self.reallocate)
        self.reallocate.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.reallocate.done.connect(self.held.refresh)
        self.reallocate.done.connect(self.orders.refresh)
        self.rules.dirty_changed.connect(
            lambda dirty: self.allocation.setTabText(0, rules_title + (" *" if dirty else "")))
        for view in (self.rules, self.held):
            view.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._add_page(self.tr("Allocation"), self.allocation,
                       self.tr("Rules that send each order to a warehouse, and the exception queue."))

    def _add_pack_page(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor, title: str,
                       purpose: str) -> None:  # fmt: skip
        """拣货打包: the pack station for roles that pack (the others see what it is), and throughput (产能)."""
        self.station = None
        if allows(actor.role, Permission.PACK_ORDERS):
            self.station = StationView(make_uow, jobs, lang, actor.username, f"{actor.display_name} ({actor.username})")
            self.station.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.throughput = ThroughputView(make_uow, jobs, lang, actor.username)
        self.pack_tabs = QTabWidget(objectName="packTabs")
        not_allowed = NotPermittedView(title, purpose, actor.role, Permission.PACK_ORDERS, lang)
        self.pack_tabs.addTab(self.station or not_allowed, self.tr("Packing station"))
        self.pack_tabs.addTab(self.throughput, self.tr("Throughput"))
        self.waves = None
        if allows(actor.role, Permission.ALLOCATE_ORDERS):
            self.waves = WavesView(make_uow, jobs, lang, actor.username, allows(actor.role, Permission.PRINT_LABELS))
            self.waves.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
            self.pack_tabs.addTab(self.waves, self.tr("Waves"))
        self._add_page(title, self.pack_tabs, purpose)

    def _add_dashboard_page(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor, title: str,
                            purpose: str) -> None:  # fmt: skip
        """数据看板: live queues and alerts; an order behind an alert opens in the orders page."""
        self.dashboard_model = DashboardModel(make_uow, jobs, actor.username, lang, self.change_feed)
        self.dashboard = DashboardView(self.dashboard_model, make_uow, jobs, lang, actor.username)
        self.dashboard.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.dashboard.open_order.connect(self.show_order)
        self._add_page(title, self.dashboard, purpose)

    def show_order(self, order_no: str) -> None:
        """Switch to the orders page with the order searched for."""
        self.ui.navList.setCurrentRow(0)
        self.orders.search.setText(order_no)
        self.orders.apply_filters()

    def start_tour(self) -> None:
        """On a user's first login, their role's three-step tour (once; dismissing it counts)."""
        from ..domain.onboarding import tour_for  # noqa: PLC0415
        from ..services.dashboard import tours_seen  # noqa: PLC0415

        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: tour_for(actor.role, tours_seen(make_uow, actor.username)), self._show_tour,
                         lambda exc: None)  # fmt: skip

    def _show_tour(self, tour) -> None:  # noqa: ANN001 - (name, steps) or None
        from .views.onboarding_tour import HIGHLIGHT, TourBubble  # noqa: PLC0415

        if tour is None:
            return
        name, steps = tour
        titles = {"Pick & pack": self.tr("Pick & pack"), "Orders": self.tr("Orders"), "Dashboard": self.tr("Dashboard"),
                  "Allocation": self.tr("Allocation"), "Courier handover": self.tr("Courier handover"),
                  "Audit log": self.tr("Audit log"), "Channels": self.tr("Channels")}  # fmt: skip

        def show_step(step) -> None:  # noqa: ANN001
            nav = self.ui.navList
            for row in range(nav.count()):
                item = nav.item(row)
                item.setBackground(HIGHLIGHT if item.text() == titles.get(step.page, step.page) else QColor(0, 0, 0, 0))
                if item.text() == titles.get(step.page, step.page):
                    nav.setCurrentRow(row)

        def finished(outcome: str) -> None:
            for row in range(self.ui.navList.count()):
                self.ui.navList.item(row).setBackground(QColor(0, 0, 0, 0))
            from ..services.dashboard import mark_tour  # noqa: PLC0415

            make_uow, actor = self.make_uow, self.actor.username
            self.jobs.submit(lambda: mark_tour(make_uow, actor, name, outcome), lambda _r: None, lambda exc: None)

        self.tour = TourBubble(steps, self.lang, show_step, self)
        self.tour.finished.connect(finished)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        if getattr(self, "tour", None) is not None and self.tour.isVisible():
            self.tour.place()

    def stop_live(self) -> None:
        """Stop listening for other stations' changes (before this window goes away)."""
        if getattr(self, "dashboard_model", None) is not None:
            self.dashboard_model.stop()

    def _add_handover_page(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor) -> None:
        """快递交接: scanning the parcels onto the courier's van, for roles that ship."""
        self.handover = None
        if allows(actor.role, Permission.SHIP_ORDERS):
            self.handover = HandoverView(make_uow, jobs, lang, actor.username, f"{actor.display_name} ({actor.username})")
            self.handover.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
            self._add_page(self.tr("Courier handover"), self.handover,
                           self.tr("Scan the parcels into the courier's manifest at pick-up, and print it."))

    def _add_tasks_page(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor) -> None:
        """仓库任务: parcels to pull back, courier intercepts, returns expected; the count shows in the list."""
        self.tasks = TasksView(make_uow, jobs, lang, actor.username,
                               can_scan=allows(actor.role, Permission.RECEIVE_RETURNS))  # fmt: skip
        self.tasks.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._add_page(self.tr("Warehouse tasks"), self.tasks,
                       self.tr("Parcels to pull back, courier intercepts, returns expected and unknown parcels."))
        self.tasks_item = self.ui.navList.item(self.ui.navList.count() - 1)
        self.tasks.count_changed.connect(self.show_task_count)

    def show_task_count(self, n: int) -> None:
        """The navigation entry says how many tasks wait: "仓库任务 (3)"."""
        title = self.tr("Warehouse tasks")
        self.tasks_item.setText(f"{title} ({n})" if n else title)
    def _add_returns_page(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor, title: str,
                          purpose: str) -> None:  # fmt: skip
        """退货入库: the returns desk for roles that receive returns (the others see what it is)."""
        self.returns = None
        if allows(actor.role, Permission.RECEIVE_RETURNS):
            self.returns = ReturnsView(make_uow, jobs, lang, actor.username, f"returns-{actor.username}")
            self.returns.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        not_allowed = NotPermittedView(title, purpose, actor.role, Permission.RECEIVE_RETURNS, lang)
        self._add_page(title, self.returns or not_allowed, purpose)

    def _add_desk_page(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: Actor, purpose: str) -> None:
        perms = frozenset(p for p in Permission if allows(actor.role, p))
        self.desk = DeskView(make_uow, jobs, lang, actor.username, perms)
        self.desk.status_message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._add_page(self.tr("Customer service"), self.desk, purpose)

    def _purposes(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Pick & pack"), self.tr("The packing station: scan the order, every item and the waybill.")),
            (self.tr("Returns"), self.tr("Scan returned parcels back in: each item resellable, damaged or missing.")),
            (self.tr("Customer service"), self.tr("One search over every channel: a buyer's orders and each order's "
                                                 "whole story.")),
            (self.tr("Dashboard"), self.tr("Queues per warehouse, alerts, delivery accuracy and pay-to-ship time.")),
        ]

    def show_sync_status(self, text: str, alert: bool) -> None:
        """Per-channel sync state; a channel failing for minutes turns it red until it recovers."""
        self.sync_label.setText(text)
        self.sync_label.setStyleSheet("color: white; background: #c62828; padding: 0 6px;" if alert else "")

    def on_demo_orders(self, n: int) -> None:
        """The demo's shoppers paid for more orders on the (fake) platforms; the sync brings them in."""
        self.demo_label.setText(self.tr("Demo: %n new order(s) paid in the shops", "", n))

    def _choose_language(self, lang: str) -> None:
        QSettings().setValue("ui/lang", lang)
        self.ui.actionChinese.setChecked(lang != "en")
        self.ui.actionEnglish.setChecked(lang == "en")
        QMessageBox.information(self, self.tr("Language"), self.tr("The new language is used from the next start."))

    def _about(self) -> None:
        """Help > About: the version, the database in use and its schema revision, Python and Qt
        (read off the GUI thread), in a box whose text can be selected and copied for a support call."""
        from .. import __version__

        if self.about is None:
            self._show_about(self.tr("OrderDesk %1 — a light order hub for small e-commerce warehouses.")
                             .replace("%1", __version__))  # fmt: skip
            return
        self.jobs.submit(self.about, lambda info: self._show_about(info.text(self.lang)),
                         lambda exc: self._show_about(f"OrderDesk {__version__}\n{exc}"))  # fmt: skip

    def _show_about(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About OrderDesk"), text,
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_box = box
        box.open()
