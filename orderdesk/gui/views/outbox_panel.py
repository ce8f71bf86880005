"""The ship-confirm outbox on the channels page: per platform what waits, fails and was refused,
how old the oldest waiting parcel is, and the alerts of parcels a platform refused (intercept them);
beside it, the open tracking alerts (problem, refused, returned and stalled parcels).
"""

from __future__ import annotations

from datetime import UTC, datetime

from ...domain.model import Channel
from ...domain.ship_confirm import alert_text
from ...domain.tracking import AlertKind
from ...services.courier_codes import close_alert, outbox_overview
from ...services.tracking_setup import TrackingOverview, tracking_overview
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import QBrush, QColor, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget, Signal

ALERT_FG = QColor("#c62828")


def _age(t: datetime | None, now: datetime) -> str:
    if t is None:
        return "—"
    s = int((now - t).total_seconds())
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class OutboxPanel(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
    """

    status_message = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_manage: bool,
                 table_factory, parent: QWidget | None = None,
                 can_set_moment: bool = False) -> None:  # noqa: ANN001 - ChannelsView._table
        super().__init__(parent)
        from .confirm_moment_control import ConfirmMomentControl

        self.moment = ConfirmMomentControl(make_uow, jobs, lang, actor, can_set_moment, self)
        self.moment.status_message.connect(self.status_message)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.alerts: list = []
        self._loading = False
        self.title = QLabel(self.tr("Ship-confirm outbox (waybills sent to the platforms)"))
        self.codes_button = QPushButton(self.tr("Courier codes…"), objectName="courierCodes", enabled=can_manage)
        self.codes_button.clicked.connect(self.edit_codes)
        self.close_button = QPushButton(self.tr("Parcel intercepted — close alert"), objectName="confirmCloseAlert",
                                        enabled=False)  # fmt: skip
        self.close_button.clicked.connect(self.close_selected)
        self.tracking_alerts = QLabel(objectName="trackingAlerts")
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addSpacing(16)
        bar.addWidget(self.tracking_alerts)
        bar.addStretch(1)
        bar.addWidget(self.close_button)
        bar.addWidget(self.codes_button)
        self.table = table_factory("confirmOutbox", [
            self.tr("Platform"), self.tr("Waiting"), self.tr("Sending"), self.tr("Failing"), self.tr("Refused"),
            self.tr("Confirmed"), self.tr("Oldest waiting")])  # fmt: skip
        self.alert_table = table_factory("confirmAlerts", [
            self.tr("Order no."), self.tr("Platform"), self.tr("Waybill"), self.tr("Alert"), self.tr("Platform said")])
        self.alert_table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self.close_button.setEnabled(0 <= r < len(self.alerts)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.moment)
        layout.addWidget(self.table)
        layout.addWidget(self.alert_table)

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        if not self.moment.moments:
            self.moment.refresh()
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: (outbox_overview(make_uow, actor), tracking_overview(make_uow, actor)),
                         self._show_all, self._failed)  # fmt: skip

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.status_message.emit(error_text(exc, self.lang))

    def _show_all(self, data: tuple[tuple[list, list], TrackingOverview]) -> None:
        outbox, tracking = data
        self._show(outbox)
        self._show_tracking(tracking.alerts)

    def _show_tracking(self, alerts: dict[str, int]) -> None:
        """"物流预警：问题件 2 · 超过48小时无新轨迹 1", parcel alerts first, in red; "无" when none."""
        parcels = [AlertKind.PROBLEM, AlertKind.REFUSED, AlertKind.RETURNED, AlertKind.STALLED]
        kinds = parcels + [k for k in AlertKind if k not in parcels]
        parts = [f"{k.label(self.lang)} {alerts[k.value]}" for k in kinds if alerts.get(k.value)]
        self.tracking_alerts.setText(self.tr("Tracking alerts: %1").replace("%1", " · ".join(parts) or self.tr("none")))
        self.tracking_alerts.setStyleSheet("color: #c62828; font-weight: bold;" if parts else "")

    def _show(self, data: tuple[list, list]) -> None:
        self._loading = False
        summary, self.alerts = data
        now = datetime.now(UTC)
        self.table.setRowCount(len(summary))
        for i, s in enumerate(summary):
            cells = [Channel(s.channel).label(self.lang), str(s.waiting), str(s.sending), str(s.failing),
                     str(s.refused), str(s.done), _age(s.oldest_open, now)]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if (col == 4 and s.refused) or (col == 3 and s.failing):
                    item.setForeground(QBrush(ALERT_FG))
                self.table.setItem(i, col, item)
        self.alert_table.setRowCount(len(self.alerts))
        for i, a in enumerate(self.alerts):
            cells = [a.order_no, Channel(a.channel).label(self.lang), a.waybill or "", alert_text(a.reason_code, self.lang),
                     a.last_error]  # fmt: skip
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setForeground(QBrush(ALERT_FG))
                self.alert_table.setItem(i, col, item)

    def close_selected(self) -> None:
        row = self.alert_table.currentRow()
        if not 0 <= row < len(self.alerts):
            return
        alert, make_uow, actor = self.alerts[row], self.make_uow, self.actor
        self.close_button.setEnabled(False)
        self.jobs.submit(lambda: close_alert(make_uow, actor, alert.id), lambda _r: self.refresh(), self._failed)

    def edit_codes(self) -> None:
        from ..dialogs.courier_codes_dialog import CourierCodesDialog

        CourierCodesDialog(self.make_uow, self.jobs, self.lang, self.actor, self).exec()
        self.refresh()
