"""The customer service desk: one search box (searching as you type), every order of the customer
found, the selected order's whole story, and the actions the user's role allows."""

from __future__ import annotations

from ...domain.access import Permission
from ...domain.lifecycle import OrderEvent
from ...services.allocation import reallocate_orders
from ...domain.customers import BUILTIN_NAMES
from ...domain.model import Channel
from ...services.customers import CustomerProfile, customer_profile
from ...services.desk import add_note, hold_order, order_story, search
from ...services.desk_models import DeskResult, OrderStory
from ...services.orders import change_status, order_detail
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QApplication,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Qt,
    Signal,
)

DEBOUNCE_MS = 300
_ENABLED_IN = {  # the statuses an action applies to (the service refuses the others anyway)
    "deskRefund": {"PAID", "ON_HOLD", "ALLOCATED", "PACKED", "SHIPPED", "DELIVERED"},
    "deskHold": {"PAID"},
    "deskRelease": {"ON_HOLD"},
    "deskReallocate": {"PAID", "ALLOCATED"},
}


class DeskView(QWidget):
    """Signals:
        status_message(str): a line for the main window's status bar.

    Attributes:
        result: the last search's answer shown (stale answers are dropped, never shown).
        story: the story on screen.
    """

    status_message = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 permissions: frozenset[Permission], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor, self.permissions = make_uow, jobs, lang, actor, permissions
        self.result: DeskResult | None = None
        self.story: OrderStory | None = None
        self._search_ticket = self._story_ticket = 0
        self.search_box = QLineEdit(objectName="deskSearch", clearButtonEnabled=True,
                                    placeholderText=self.tr("Phone, last 4 digits + name, order no., waybill, "
                                                            "nickname or name"))  # fmt: skip
        big = QFont(self.search_box.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.search_box.setFont(big)
        self.message = QLabel(objectName="deskMessage", wordWrap=True)
        self.profile = QLabel(objectName="deskProfile", wordWrap=True)
        self.profile.setStyleSheet("QLabel { background: #e3f2fd; padding: 6px; }")
        self.profile.setVisible(False)
        self._profile_ticket = 0
        self.customer: CustomerProfile | None = None
        self.results = QTableWidget(0, 7, objectName="deskResults")
        self.results.setHorizontalHeaderLabels([self.tr("Order"), self.tr("Channel / shop"), self.tr("Status"),
                                                self.tr("Paid at"), self.tr("Total (¥)"), self.tr("Receiver"),
                                                self.tr("Found by")])  # fmt: skip
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results.currentCellChanged.connect(lambda row, *_: self._select(row))
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.results)
        splitter.addWidget(self._story_panel())
        splitter.setSizes([220, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.message)
        layout.addWidget(self.profile)
        layout.addWidget(splitter, 1)

    def _story_panel(self) -> QWidget:
        panel = QWidget()
        self.status_text = QLabel(self.tr("Type what the buyer reads out; results appear as you type."),
                                  objectName="deskStatus", wordWrap=True)  # fmt: skip
        font = QFont(self.status_text.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.status_text.setFont(font)
        self.status_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parcels = QLabel(objectName="deskParcels", wordWrap=True)
        self.revealed = QLabel(objectName="deskRevealed", wordWrap=True)
        self.timeline = QTreeWidget(objectName="deskTimeline")
        self.timeline.setHeaderLabels([self.tr("Time"), self.tr("Who"), self.tr("What happened")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.header().setStretchLastSection(True)
        self.buyer_text = QLabel(objectName="deskBuyerText", wordWrap=True)
        self.buyer_text.setStyleSheet("QLabel { background: #f1f8e9; padding: 6px; }")
        self.copy_button = QPushButton(self.tr("Copy for the buyer"), objectName="deskCopy", enabled=False)
        self.copy_button.clicked.connect(self.copy_for_buyer)
        buyer_row = QHBoxLayout()
        buyer_row.addWidget(self.buyer_text, 1)
        buyer_row.addWidget(self.copy_button)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.status_text)
        layout.addWidget(self.parcels)
        layout.addWidget(self.revealed)
        layout.addWidget(self.timeline, 1)
        layout.addLayout(buyer_row)
        layout.addLayout(self._actions())
        return panel

    def _actions(self) -> QHBoxLayout:
        """Only the actions the role allows are shown."""
        p = self.permissions
        specs = [
            ("deskNote", self.tr("Add note…"), Permission.ADD_NOTES, self._note),
            ("deskRefund", self.tr("Refund request…"), Permission.REQUEST_REFUND, self._refund),
            ("deskHold", self.tr("Hold…"), Permission.ALLOCATE_ORDERS, self._hold),
            ("deskRelease", self.tr("Release and allocate"), Permission.ALLOCATE_ORDERS, self._reallocate),
            ("deskReallocate", self.tr("Re-send to allocation"), Permission.ALLOCATE_ORDERS, self._reallocate),
            ("deskReveal", self.tr("Show full phone and address"), Permission.VIEW_PII, self._reveal),
        ]  # fmt: skip
        row = QHBoxLayout()
        self.actions: dict[str, QPushButton] = {}
        for name, text, permission, slot in specs:
            if permission not in p:
                continue
            button = QPushButton(text, objectName=name, enabled=False)
            button.clicked.connect(slot)
            self.actions[name] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- searching -----------------------------------------------------------------------------------

    def run_search(self) -> None:
        """Search for the box's text off the GUI thread; only the newest search's answer is shown."""
        self._timer.stop()
        self._search_ticket += 1
        ticket, text = self._search_ticket, self.search_box.text()
        if not text.strip():
            self._show_result(None)
            return

        def done(result: DeskResult) -> None:
            if ticket == self._search_ticket:
                self._show_result(result)

        def failed(exc: Exception) -> None:
            if ticket == self._search_ticket:
                self.message.setText(error_text(exc, self.lang))

        make_uow, actor, lang = self.make_uow, self.actor, self.lang
        self.jobs.submit(lambda: search(make_uow, actor, text, lang=lang), done, failed)

    def _show_result(self, result: DeskResult | None) -> None:
        self.result = result
        self.results.blockSignals(True)
        self.results.setRowCount(0)
        hits = result.hits if result else []
        for h in hits:
            j = h.to_json(self.lang)
            row = self.results.rowCount()
            self.results.insertRow(row)
            paid = h.paid_at.astimezone().strftime("%Y-%m-%d %H:%M") if h.paid_at else ""
            cells = [h.order_no, f"{j['channel_name']} / {h.shop_name}", j["status_name"], paid, j["total"],
                     f"{h.receiver_name} {h.receiver_phone}", j["found_by_name"]]  # fmt: skip
            for col, text in enumerate(cells):
                self.results.setItem(row, col, QTableWidgetItem(text))
        self.results.blockSignals(False)
        if not hits:
            self._profile_ticket += 1
            self._show_profile(None)
        if result is None:
            self.message.setText("")
        elif result.state != "found":
            self.message.setText(result.message)
        else:
            more = self.tr(" (newest shown)") if result.truncated else ""
            self.message.setText(self.tr("%n order(s) found", "", len(hits)) + more)
        self._show_story(result.story if result else None)
        if hits and result.customer is not None:
            self._profile_ticket += 1
            self._show_profile(result.customer)
        if hits:
            self.results.selectRow(0)

    def _select(self, row: int) -> None:
        if self.result is None or not 0 <= row < len(self.result.hits):
            return
        self.load_profile(self.result.hits[row].profile_id)
        order_no = self.result.hits[row].order_no
        if self.story is not None and self.story.order_no == order_no:
            return
        self.load_story(order_no)

    def load_profile(self, profile_id: int) -> None:
        """The customer behind the selected order: one profile across channels, with its tags."""
        if self.customer is not None and self.customer.id == profile_id:
            return
        self._profile_ticket += 1
        ticket = self._profile_ticket
        make_uow, actor = self.make_uow, self.actor

        def done(p: CustomerProfile) -> None:
            if ticket == self._profile_ticket:
                self._show_profile(p)

        def failed(exc: Exception) -> None:
            if ticket == self._profile_ticket:
                self.profile.setText(error_text(exc, self.lang))

        self.jobs.submit(lambda: customer_profile(make_uow, actor, str(profile_id)), done, failed)

    def _show_profile(self, p: CustomerProfile | None) -> None:
        self.customer = p
        self.profile.setVisible(p is not None)
        if p is None:
            return
        f, en = p.facts, self.lang.startswith("en")
        day = lambda m: m.astimezone().strftime("%Y-%m-%d") if m else "—"  # noqa: E731
        channels = "、".join(Channel(c).label(self.lang) for c in f.channels)
        tags = " ".join(BUILTIN_NAMES[t][1] if en and t in BUILTIN_NAMES else n for t, n in zip(p.tags, p.tag_names, strict=True)) or "—"
        self.profile.setText(
            self.tr("Customer %1: %2 %3 · %4 orders · spent ¥%5 · refunds %6 · channels: %7 · first %8, last %9 · tags: %10")
            .replace("%10", tags).replace("%1", str(p.id)).replace("%2", p.name).replace("%3", p.phone)
            .replace("%4", str(f.orders)).replace("%5", f"{f.spend_fen / 100:,.2f}").replace("%6", str(f.refunds))
            .replace("%7", channels).replace("%8", day(f.first_at)).replace("%9", day(f.last_at)))  # fmt: skip

    def load_story(self, order_no: str) -> None:
        self._story_ticket += 1
        ticket = self._story_ticket
        make_uow, actor, lang = self.make_uow, self.actor, self.lang

        def done(story: OrderStory) -> None:
            if ticket == self._story_ticket:
                self._show_story(story)

        def failed(exc: Exception) -> None:
            if ticket == self._story_ticket:
                self.status_text.setText(error_text(exc, self.lang))

        self.jobs.submit(lambda: order_story(make_uow, actor, order_no, lang=lang), done, failed)

    def _show_story(self, story: OrderStory | None) -> None:
        self._story_ticket += 1  # a story asked for earlier must not replace this one
        self.story = story
        self.revealed.setText("")
        self.timeline.clear()
        self.copy_button.setEnabled(story is not None)
        for name, button in self.actions.items():
            button.setEnabled(story is not None and story.status in _ENABLED_IN.get(name, {story.status}))
        if story is None:
            self.status_text.setText(self.tr("Type what the buyer reads out; results appear as you type."))
            self.parcels.setText("")
            self.buyer_text.setText("")
            return
        s = story.story
        self.status_text.setText(f"{story.order_no}  {s.status_text}")
        self.parcels.setText("\n".join(s.parcels))
        for t in reversed(s.timeline):  # newest on top
            self.timeline.addTopLevelItem(QTreeWidgetItem([t.when, t.who, t.text]))
        self.timeline.resizeColumnToContents(0)
        self.buyer_text.setText(s.buyer_text)

    def copy_for_buyer(self) -> None:
        if self.story is not None:
            QApplication.clipboard().setText(self.story.story.buyer_text)
            self.status_message.emit(self.tr("Copied the message for the buyer"))

    # -- actions -------------------------------------------------------------------------------------

    def _run(self, work, done_text: str) -> None:  # noqa: ANN001
        """Run an action off the GUI thread, then tell the status bar and re-read the story."""
        order_no = self.story.order_no if self.story else None
        if order_no is None:
            return

        def done(_value: object) -> None:
            self.status_message.emit(f"{order_no}: {done_text}")
            self.load_story(order_no)

        self.jobs.submit(lambda: work(order_no), done, lambda exc: self.status_message.emit(error_text(exc, self.lang)))

    def _ask(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text.strip() if ok and text.strip() else None

    def _note(self) -> None:
        if (text := self._ask(self.tr("Add note"), self.tr("Note for the timeline:"))) is not None:
            self._run(lambda no: add_note(self.make_uow, self.actor, no, text), self.tr("note added"))

    def _refund(self) -> None:
        if (reason := self._ask(self.tr("Refund request"), self.tr("Reason (required), e.g. 买家申请仅退款:"))) is not None:
            self._run(lambda no: change_status(self.make_uow, no, OrderEvent.REQUEST_REFUND, self.actor, reason=reason),
                      self.tr("refund request registered"))  # fmt: skip

    def _hold(self) -> None:
        if (reason := self._ask(self.tr("Hold"), self.tr("Why hold this order?"))) is not None:
            self._run(lambda no: hold_order(self.make_uow, self.actor, no, reason), self.tr("put on hold"))

    def _reallocate(self) -> None:
        self._run(lambda no: reallocate_orders(self.make_uow, self.actor, [no]), self.tr("sent to allocation"))

    def _reveal(self) -> None:
        """The full phone and address of the order on screen; the service audits the reveal."""
        order_no = self.story.order_no if self.story else None
        if order_no is None:
            return

        def done(d) -> None:  # noqa: ANN001 - an OrderDetail
            if self.story is not None and self.story.order_no == order_no:
                r = d.row
                self.revealed.setText(f"{r.receiver_name}  {r.receiver_phone}  {r.province or d.province_raw} "
                                      f"{r.city} {d.district} {d.street} {d.address_detail}")  # fmt: skip

        self.jobs.submit(lambda: order_detail(self.make_uow, self.actor, order_no, reveal=True), done,
                         lambda exc: self.status_message.emit(error_text(exc, self.lang)))  # fmt: skip
