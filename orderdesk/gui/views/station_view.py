"""The pack station (验货打包): one scan field that always has the keyboard, the open order in big type,
a verdict banner to read from a metre away, sounds, the last scans, and the station's set-up.

Every scan goes into a FIFO queue and is sent to the pack-station service one at a time, in order,
on the job pool: the next starts only when the previous verdict is back, so scans arriving faster
than the screen (ten a second from a scanner) are neither lost nor merged, and the GUI thread never
touches the database or a printer. A sealed parcel's label job is submitted the moment its verdict
arrives, before the screen is redrawn.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime

from ...services.catalog_queries import warehouse_choices
from ...services.packing import PackStation, Verdict
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QColor,
    QEvent,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPushButton,
    QSettings,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .station_feedback import GREEN, RED, SLATE, StationSounds, VerdictBanner, colour_for, sound_for
from .station_order_panel import OrderPanel
from .station_override_dialog import OverrideDialog
from .station_printing import LabelPrinter
from .station_scan_field import ScanField
from .station_setup_dialog import StationSetup, StationSetupDialog
from .station_waiting import WaitingLine

RECENT = 8
FOCUS_CHECK_MS = 500


class StationView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
        verdict_shown(object): a Verdict was put on the screen (after its label job was submitted).
        idle(): the scan queue ran empty.

    Attributes:
        setup: this PC's station set-up; station: its PackStation (None until set up).
    """

    status_message = Signal(str)
    verdict_shown = Signal(object)
    idle = Signal()

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, user_label: str = "",
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self._plain, self._tinted = self.palette().color(self.backgroundRole()), ""
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.user_label = user_label or actor
        self.settings = settings if settings is not None else QSettings()
        self.setup = StationSetup.load(self.settings)
        self.station: PackStation | None = None
        self.queue: deque[tuple[str, str, str]] = deque()  # (what, code/badge, reason)
        self.busy = False
        self.verdicts: list[Verdict] = []  # every verdict shown, oldest first (a test reads it)
        self.dialog = None
        self._asked_setup = False
        self.sounds = StationSounds(self.setup.sounds, self)
        self.labels = LabelPrinter(make_uow, jobs, lang, actor, self)
        self.labels.changed.connect(self._label_changed)
        self._build()
        self._apply_setup(self.setup)
        self.focus_timer = QTimer(self, interval=FOCUS_CHECK_MS)
        self.focus_timer.timeout.connect(self.scan_field.reclaim_focus)

    # -- layout ---------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.scan_field = ScanField(self, objectName="stationScan")
        self.scan_field.setPlaceholderText(self.tr("Scan here (order, waybill, slot, item)"))
        self.scan_field.setStyleSheet("QLineEdit { font-size: 30px; padding: 8px; border: 3px solid #1565c0; }")
        self.scan_field.scanned.connect(self.enqueue_scan)
        self.scan_field.command.connect(self._command)
        self.setup_button = QPushButton(self.tr("Station setup…"), objectName="stationSetupButton")
        self.setup_button.clicked.connect(self.open_setup)
        keys = QLabel(self.tr("Ctrl+Z undo · Esc put the order back · F9 supervisor override"))
        keys.setStyleSheet("color: #616161; font-size: 15px;")
        top = QHBoxLayout()
        top.addWidget(self.scan_field, 1)
        top.addWidget(self.setup_button)
        self.banner = VerdictBanner(self)
        self.panel = OrderPanel(self.lang, self)
        self.print_state = QLabel(objectName="stationPrint", wordWrap=True)
        self.print_state.setTextFormat(Qt.TextFormat.PlainText)
        self.recent = QListWidget(objectName="stationRecent")
        self.recent.setStyleSheet("QListWidget { font-size: 16px; } QListWidget::item { padding: 3px; }")
        self.recent.setWordWrap(True)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QVBoxLayout()
        recent_title = QLabel(self.tr("Last scans"))
        recent_title.setStyleSheet("font-size: 17px; font-weight: bold;")
        right.addWidget(recent_title)
        right.addWidget(self.recent, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.panel, 5)
        middle.addLayout(right, 2)
        self.status_strip = QLabel(objectName="stationStatus")
        self.status_strip.setTextFormat(Qt.TextFormat.PlainText)
        self.status_strip.setStyleSheet("background: #eceff1; color: #263238; font-size: 16px; padding: 6px 10px;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(keys)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addWidget(self.print_state)
        layout.addWidget(WaitingLine(self))  # orders of this warehouse's waves still to pack
        layout.addWidget(self.status_strip)
        for w in (self.setup_button, self.recent, self.print_state, self.status_strip, keys):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(self.scan_field)

    def _apply_setup(self, setup: StationSetup) -> None:
        self.setup = setup
        self.sounds.enabled = setup.sounds
        self.station = PackStation(self.make_uow, self.actor, setup.warehouse, setup.name) if setup.ready else None
        if self.station is None:
            self.banner.show_text(self.tr("Set this station up first: its warehouse and label printer"), SLATE)
        elif not self.verdicts:
            self.banner.show_text(self.tr("Ready: scan an order"), SLATE)
            station = self.station
            self.jobs.submit(station.resume, self._on_resumed, lambda exc: None)  # a refusal shows at the first scan
        self._show_status()

    def _on_resumed(self, verdict: Verdict | None) -> None:
        """After a restart the station shows the order it was packing, its scanned items counted."""
        if verdict is not None and not self.verdicts and not self.busy:
            self._show(verdict)

    def _show_status(self) -> None:
        parts = [self.tr("Station: %1").replace("%1", self.setup.name or "—"),
                 self.tr("Warehouse: %1").replace("%1", self.setup.warehouse or "—"),
                 self.tr("Printer: %1").replace("%1", self.setup.printer or self.tr("default")),
                 self.tr("User: %1").replace("%1", self.user_label)]  # fmt: skip
        waiting = len(self.queue) + (1 if self.busy else 0)
        if waiting:
            parts.append(self.tr("Scans waiting: %1").replace("%1", str(waiting)))
        self.status_strip.setText("    |    ".join(parts))

    # -- the scan queue -------------------------------------------------------------------------------

    def enqueue_scan(self, code: str) -> None:
        self._enqueue("scan", code)

    def _command(self, name: str) -> None:
        if name == "override":
            self.open_override()
        else:
            self._enqueue(name)

    def _enqueue(self, what: str, code: str = "", reason: str = "") -> None:
        self.queue.append((what, code, reason))
        self._show_status()
        self._pump()

    def _pump(self) -> None:
        if self.busy:
            return
        if not self.queue:
            self.idle.emit()
            return
        what, code, reason = self.queue.popleft()
        station = self.station
        if station is None:
            self._show(Verdict(code or what, False, "refused", "请先设置本工位（仓库、打印机）",
                               "Set this station up first (warehouse, printer)", refusal="not_set_up"))  # fmt: skip
            self._pump()
            return
        work = {"scan": lambda: station.scan(code), "undo": station.undo, "leave": station.leave,
                "override": lambda: station.override(code, reason)}[what]  # fmt: skip
        self.busy = True
        self._show_status()
        self.jobs.submit(work, self._on_verdict, lambda exc: self._on_failure(code or what, exc))

    def _on_verdict(self, verdict: Verdict) -> None:
        self.busy = False
        if verdict.print_label and verdict.order:
            self.labels.print_order(verdict.order, self.setup.printer or None, self.setup.warehouse or None)  # the label goes out first
        self._show(verdict)
        self._pump()

    def _on_failure(self, code: str, exc: Exception) -> None:
        """Not a refusal but a fault (the service answers refusals itself): said as what it is."""
        self.busy = False
        text = self.tr("This scan was not recorded, scan again: %1").replace("%1", error_text(exc, self.lang))
        self._show(Verdict(code, False, "refused", text, text, refusal="error"))
        self._pump()

    # -- showing a verdict ----------------------------------------------------------------------------

    def _show(self, verdict: Verdict) -> None:
        self.verdicts = (self.verdicts + [verdict])[-200:]
        text = verdict.message(self.lang)
        if verdict.kind == "packed" and not verdict.print_label:
            text = self.tr("✓ Packed with waybill %1").replace("%1", verdict.waybill)
        self.banner.show_text(text, colour_for(verdict))
        self._tint(colour_for(verdict))
        self.panel.show_verdict(verdict)
        self.sounds.play(sound_for(verdict))
        self._add_recent(verdict, text)
        self._show_status()
        self.verdict_shown.emit(verdict)

    def _tint(self, colour: str) -> None:
        """The whole station takes the verdict's colour, lightly: red after a refusal, green after a good scan."""
        light = {RED: "#ffcdd2", GREEN: "#e8f5e9"}.get(colour, "")
        if light == self._tinted:
            return
        self._tinted = light
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(light) if light else self._plain)
        self.setPalette(palette)

    def _add_recent(self, verdict: Verdict, text: str) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        mark = "✓" if verdict.ok else "✗"
        item = QListWidgetItem(f"{stamp}  {mark} {verdict.scan}\n      {text}")
        item.setForeground(Qt.GlobalColor.white)
        item.setBackground(Qt.GlobalColor.darkGreen if verdict.ok else Qt.GlobalColor.darkRed)
        if verdict.ok and colour_for(verdict) == SLATE:
            item.setBackground(Qt.GlobalColor.darkGray)
        self.recent.insertItem(0, item)
        while self.recent.count() > RECENT:
            self.recent.takeItem(self.recent.count() - 1)

    def _label_changed(self, order_no: str, text: str, step: str) -> None:
        styles = {"failed": f"font-size: 22px; font-weight: bold; color: white; background: {RED}; padding: 6px 10px;",
                  "printed": f"font-size: 20px; font-weight: bold; color: {GREEN}; padding: 4px 10px;"}  # fmt: skip
        self.print_state.setStyleSheet(styles.get(step, "font-size: 20px; color: #37474f; padding: 4px 10px;"))
        self.print_state.setText(text)
        last = self.verdicts[-1] if self.verdicts else None
        if step == "printed" and last is not None and last.kind == "packed" and last.order == order_no:
            self.banner.show_text(self.tr("✓ Packed, label printed"), GREEN)  # the screen is ready for the next
        if step == "failed":
            self.sounds.play("error")
            if last is not None and last.kind == "packed" and last.order == order_no:
                self.banner.show_text(self.tr("Packed, but the label did not print"), RED)
        self.status_message.emit(text)

    # -- dialogs --------------------------------------------------------------------------------------

    def open_override(self) -> None:
        dialog = OverrideDialog(self.panel.order_no, self)
        dialog.accepted.connect(lambda: self._enqueue("override", dialog.badge_code, dialog.reason.text()))
        self._open_dialog(dialog)

    def open_setup(self) -> None:
        make_uow, actor = self.make_uow, self.actor

        def choices() -> tuple[list[tuple[str, str]], list[str]]:
            from ...printing import list_printers

            return warehouse_choices(make_uow, actor), [p.name for p in list_printers()]

        self.jobs.submit(choices, self._show_setup, lambda exc: self.banner.show_text(error_text(exc, self.lang), RED))

    def _show_setup(self, found: tuple[list[tuple[str, str]], list[str]]) -> None:
        if self.dialog is not None:
            return
        dialog = StationSetupDialog(self.setup, found[0], found[1], self)
        dialog.accepted.connect(lambda: self._save_setup(dialog.setup()))
        self._open_dialog(dialog)

    def _save_setup(self, setup: StationSetup) -> None:
        setup.save(self.settings)
        self._apply_setup(setup)
        self.status_message.emit(self.tr("Station setup saved"))

    def _open_dialog(self, dialog) -> None:  # noqa: ANN001 - a QDialog
        """Window-modal and non-blocking; the scan field has the keyboard again the moment it closes."""
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog) -> None:  # noqa: ANN001
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if self.isVisible():  # our own dialog closed: our window is the one in front again
            self.window().activateWindow()
            self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, lambda: self.scan_field.reclaim_focus(activate=True))

    # -- focus and visibility -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.window().installEventFilter(self)
        self.focus_timer.start()
        QTimer.singleShot(0, self.scan_field.reclaim_focus)
        if self.station is None and not self._asked_setup:
            self._asked_setup = True
            self.open_setup()

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().hideEvent(event)
        self.focus_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.WindowActivate and self.isVisible():
            QTimer.singleShot(0, self.scan_field.reclaim_focus)
        return False
