"""The returns desk (退货入库): the pack station's always-focused scan field, banner, colours and sounds,
for parcels coming back: scan the parcel, then each item with its condition, then DONE.

The condition applies to the scans that follow: F2 resellable, F3 damaged (asks for the reason
once), F4 missing. A parcel that names no order is recorded as an unknown parcel; the unknown
parcels tab matches one to its order later. Scans queue in order and go to the returns-desk service
one at a time on the job pool, as at the pack station: the GUI thread never touches the database.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, time

from ...domain.returns import Condition
from ...services.catalog_queries import warehouse_choices
from ...services.returns import ReturnDesk, ReturnVerdict
from ...services.returns_records import list_returns, match_unknown, unknown_parcels
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QComboBox, QHBoxLayout, QInputDialog, QKeySequence, QLabel, QPushButton, QShortcut, Qt, QTableWidget,
    QTableWidgetItem, QTabWidget, QTimer, QVBoxLayout, QWidget, Signal,
)  # fmt: skip
from .station_feedback import RED, SLATE, StationSounds, VerdictBanner, colour_for, sound_for
from .station_scan_field import ScanField

FOCUS_CHECK_MS = 500


class ReturnsView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
        verdict_shown(object): a ReturnVerdict was put on the screen.
        idle(): the scan queue ran empty.

    Attributes:
        desk: the returns desk of the chosen warehouse (None until one is chosen).
        condition: "resellable", "damaged" or "missing": what the next item scans are.
    """

    status_message = Signal(str)
    verdict_shown = Signal(object)
    idle = Signal()

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, station: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.station_name = station or "returns"
        self.desk: ReturnDesk | None = None
        self.queue: deque[tuple[str, str, str]] = deque()  # (line, condition, reason) as chosen when scanned
        self.busy = False
        self.verdicts: list[ReturnVerdict] = []
        self.condition, self.reason = "resellable", ""
        self.sounds = StationSounds(True, self)
        self._build()
        self.focus_timer = QTimer(self, interval=FOCUS_CHECK_MS)
        self.focus_timer.timeout.connect(self.scan_field.reclaim_focus)
        jobs.submit(lambda: warehouse_choices(make_uow, actor), self._set_warehouses, lambda exc: None)

    # -- layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.scan_field = ScanField(self, objectName="returnsScan")
        self.scan_field.setPlaceholderText(self.tr("Scan the returned parcel (waybill or order), then each item"))
        self.scan_field.setStyleSheet("QLineEdit { font-size: 30px; padding: 8px; border: 3px solid #6a1b9a; }")
        self.scan_field.scanned.connect(self.enqueue_scan)
        self.scan_field.command.connect(self._command)
        self.warehouse = QComboBox(objectName="returnsWarehouse")
        self.warehouse.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.warehouse.currentIndexChanged.connect(self._warehouse_chosen)
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 1)
        top.addWidget(QLabel(self.tr("Warehouse")))
        top.addWidget(self.warehouse)
        self.buttons = {}
        keys = QHBoxLayout()
        for key, name, text in (("F2", "resellable", self.tr("F2 Resellable")), ("F3", "damaged", self.tr("F3 Damaged…")),
                                ("F4", "missing", self.tr("F4 Missing")), ("F6", "unknown", self.tr("F6 Unknown parcel")),
                                ("F10", "done", self.tr("F10 Done")), ("Esc", "cancel", self.tr("Esc Cancel"))):  # fmt: skip
            button = QPushButton(text, objectName=f"returns_{name}")
            button.setCheckable(name in ("resellable", "damaged", "missing"))
            button.clicked.connect(lambda _c=False, n=name: self.choose(n))
            if key != "Esc":
                QShortcut(QKeySequence(key), self, activated=lambda n=name: self.choose(n))
            self.buttons[name] = button
            keys.addWidget(button)
        self.mode = QLabel(objectName="returnsMode")
        self.mode.setStyleSheet("font-size: 18px; font-weight: bold; padding: 4px;")
        keys.addWidget(self.mode, 1)
        self.banner = VerdictBanner(self)
        self.lines = _table(["SKU", self.tr("Item"), self.tr("Shipped"), self.tr("Back before"), self.tr("Resellable"),
                             self.tr("Damaged"), self.tr("Missing")], "returnsLines")  # fmt: skip
        self.today = _table([self.tr("Time"), self.tr("Order"), self.tr("Parcel"), self.tr("Outcome"), self.tr("Items")],
                            "returnsToday")  # fmt: skip
        self.unknown = _table(["#", self.tr("Time"), self.tr("Parcel"), self.tr("Items"), self.tr("Note")], "returnsUnknown")
        match = QPushButton(self.tr("Match to an order…"), objectName="returnsMatch")
        match.clicked.connect(self.ask_match)
        unknown_page = QWidget()
        box = QVBoxLayout(unknown_page)
        box.addWidget(self.unknown, 1)
        box.addWidget(match, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs = QTabWidget(objectName="returnsTabs")
        self.tabs.addTab(self.lines, self.tr("This parcel"))
        self.tabs.addTab(self.today, self.tr("Today's check-ins"))
        self.tabs.addTab(unknown_page, self.tr("Unknown parcels"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(keys)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        for w in (*self.buttons.values(), match, self.warehouse, self.tabs, self.lines, self.today, self.unknown):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(self.scan_field)
        self._show_mode()
        self.banner.show_text(self.tr("Ready: scan a returned parcel"), SLATE)

    def _set_warehouses(self, choices: list[tuple[str, str]]) -> None:
        for code, name in choices:
            self.warehouse.addItem(f"{name} ({code})", code)

    def _warehouse_chosen(self, _index: int) -> None:
        code = self.warehouse.currentData()
        self.desk = ReturnDesk(self.make_uow, self.actor, code, self.station_name) if code else None
        self.refresh()

    # -- conditions and commands ---------------------------------------------------------------------

    def choose(self, name: str) -> None:
        if name == "damaged":
            reason, ok = QInputDialog.getText(self, self.tr("Damaged"), self.tr("What is wrong with it (required):"))
            if ok and reason.strip():
                self.condition, self.reason = "damaged", " ".join(reason.split())
        elif name in ("resellable", "missing"):
            self.condition, self.reason = name, ""
        else:
            self._enqueue({"unknown": "UNKNOWN", "done": "DONE", "cancel": "CANCEL"}[name])
        self._show_mode()
        QTimer.singleShot(0, lambda: self.scan_field.reclaim_focus(activate=True))

    def _show_mode(self) -> None:
        for name in ("resellable", "damaged", "missing"):
            self.buttons[name].setChecked(self.condition == name)
        text = {"resellable": self.tr("Next items: resellable"), "missing": self.tr("Next items: missing"),
                "damaged": self.tr("Next items: damaged — %1").replace("%1", self.reason)}[self.condition]  # fmt: skip
        self.mode.setText(text)
        self.mode.setStyleSheet("font-size: 18px; font-weight: bold; padding: 4px; color: %s;"
                                % ("#2e7d32" if self.condition == "resellable" else "#c62828"))  # fmt: skip

    def _command(self, name: str) -> None:
        self._enqueue({"undo": "UNDO", "leave": "CANCEL"}.get(name, ""))

    def enqueue_scan(self, code: str) -> None:
        """The scan goes with the condition chosen now; the service applies it once a parcel is open."""
        self._enqueue(code)

    # -- the scan queue -------------------------------------------------------------------------------

    def _enqueue(self, line: str) -> None:
        if line:
            self.queue.append((line, self.condition, self.reason))
            self._pump()

    def _pump(self) -> None:
        if self.busy:
            return
        if not self.queue:
            self.idle.emit()
            return
        (line, condition, reason), desk = self.queue.popleft(), self.desk
        if desk is None:
            self._show(ReturnVerdict(line, False, "refused", "请先选择仓库", "Choose the warehouse first", refusal="not_set_up"))
            self._pump()
            return
        self.busy = True
        self.jobs.submit(lambda: desk.scan(line, Condition(condition), reason), self._on_verdict, lambda exc: self._on_failure(line, exc))

    def _on_verdict(self, verdict: ReturnVerdict) -> None:
        self.busy = False
        self._show(verdict)
        if verdict.kind in ("checked_in", "unknown_recorded"):
            self.condition, self.reason = "resellable", ""
            self._show_mode()
            self.refresh()
        self._pump()

    def _on_failure(self, line: str, exc: Exception) -> None:
        self.busy = False
        text = self.tr("This scan was not recorded, scan again: %1").replace("%1", error_text(exc, self.lang))
        self._show(ReturnVerdict(line, False, "refused", text, text, refusal="error"))
        self._pump()

    def _show(self, verdict: ReturnVerdict) -> None:
        self.verdicts = (self.verdicts + [verdict])[-200:]
        self.banner.show_text(verdict.message(self.lang), colour_for(verdict))
        self.sounds.play(sound_for(verdict))
        if verdict.lines or verdict.kind in ("cancelled", "unknown_opened"):
            self._fill(self.lines, [[li.sku, li.title, li.shipped, li.returned_before, li.resellable, li.damaged, li.missing]
                                    for li in verdict.lines] or [[i["sku"], "", "", "", i["quantity"], "", ""]
                                                                 for i in verdict.items])  # fmt: skip
        self.status_message.emit(verdict.message(self.lang))
        self.verdict_shown.emit(verdict)

    # -- lists ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        code, mk, actor = self.warehouse.currentData(), self.make_uow, self.actor
        midnight = datetime.combine(datetime.now().date(), time()).astimezone()
        self.jobs.submit(lambda: (list_returns(mk, actor, code, since=midnight, state="DONE"), unknown_parcels(mk, actor, code)),
                         self._show_lists, lambda exc: self.status_message.emit(error_text(exc, self.lang)))  # fmt: skip

    def _show_lists(self, found: tuple[list, list]) -> None:
        today, unknown = found
        self._fill(self.today, [[r.at.astimezone().strftime("%H:%M"), r.order_no, r.parcel_code or "—",
                                 r.outcome_label(self.lang) + (self.tr(" (no refund request)") if r.no_refund_request else ""),
                                 r.items_text(self.lang)] for r in today])  # fmt: skip
        self._fill(self.unknown, [[r.id, r.at.astimezone().strftime("%m-%d %H:%M"), r.parcel_code or "—",
                                   r.items_text(self.lang), r.note] for r in unknown])  # fmt: skip
        self.tabs.setTabText(2, self.tr("Unknown parcels (%1)").replace("%1", str(len(unknown))))

    def ask_match(self) -> None:
        row = self.unknown.currentRow()
        if row < 0:
            self.banner.show_text(self.tr("Choose an unknown parcel in the list first"), RED)
            return
        parcel_id = int(self.unknown.item(row, 0).text())
        order, ok = QInputDialog.getText(self, self.tr("Match to an order"),
                                         self.tr("Order number or waybill of unknown parcel #%1:").replace("%1", str(parcel_id)))  # fmt: skip
        if ok and order.strip():
            mk, actor = self.make_uow, self.actor
            self.jobs.submit(lambda: match_unknown(mk, actor, parcel_id, order.strip(), self.station_name),
                             self._matched, lambda exc: self.banner.show_text(error_text(exc, self.lang), RED))  # fmt: skip
        QTimer.singleShot(0, lambda: self.scan_field.reclaim_focus(activate=True))

    def _matched(self, done) -> None:  # noqa: ANN001 - a CheckedIn
        text = self.tr("Unknown parcel #%1 checked in against %2: %3").replace("%1", str(done.return_id)) \
            .replace("%2", done.order_no).replace("%3", done.outcome.label(self.lang))
        self.banner.show_text(text, colour_for(ReturnVerdict("", True, "checked_in", text, text)))
        self.refresh()

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[object]]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        table.resizeColumnsToContents()

    # -- focus ----------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.focus_timer.start()
        QTimer.singleShot(0, self.scan_field.reclaim_focus)

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().hideEvent(event)
        self.focus_timer.stop()


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.setStyleSheet("QTableWidget { font-size: 18px; }")
    return table
