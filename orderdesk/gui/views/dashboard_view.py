"""数据看板: what is left to ship today per warehouse and channel, orders per hour against last
week, packing per station and hour, and the alerts with a click-through to what is behind them.
Updates itself when another station changes something (see DashboardModel)."""

from __future__ import annotations

from datetime import datetime

from ...domain.model import Channel
from ...services.dashboard import ALERTS, ORDER_ALERTS, DashboardSnapshot, alert_items
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..models.dashboard_model import DashboardModel
from ..qt import (
    QAbstractItemView, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, Signal,
)  # fmt: skip
from .hourly_chart import HourlyChart

BIG = "font-size: 26px; font-weight: bold;"


class DashboardView(QWidget):
    """Signals:
        open_order(str): the user chose an order behind an alert; the shell shows it in 订单.
        status_message(str): a line for the status bar.
    """

    open_order = Signal(str)
    status_message = Signal(str)

    def __init__(self, model: DashboardModel, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.model, self.make_uow, self.jobs, self.lang, self.actor = model, make_uow, jobs, lang, actor
        self.alert_names = {
            "unpacked": self.tr("Paid, not packed after %1 h").replace("%1", f"{model.unpacked_hours:g}"),
            "ship_by_overdue": self.tr("Past ship-by"), "ship_by_due": self.tr("Near ship-by"),
            "sync_failing": self.tr("Channel sync failing"), "confirm_refused": self.tr("Ship-confirm refused"),
            "low_stock": self.tr("Low stock"), "problem_parcels": self.tr("Problem or stalled parcels"),
            "intercepts_not_pulled_back": self.tr("Intercepts not pulled back"),
            "unknown_returns": self.tr("Unknown returned parcels"),
        }  # fmt: skip
        self.total = QLabel("—", objectName="toShipTotal")
        self.total.setStyleSheet("font-size: 40px; font-weight: bold; color: #1565c0;")
        self.by_warehouse = QLabel(objectName="toShipByWarehouse", wordWrap=True)
        self.by_channel = QLabel(objectName="toShipByChannel", wordWrap=True)
        for label in (self.by_warehouse, self.by_channel):
            label.setStyleSheet("font-size: 16px;")
        self.chart = HourlyChart()
        self.stations = QTableWidget(0, 0, objectName="stationHours")
        self.stations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.alert_buttons: dict[str, QPushButton] = {}
        self.updated_label = QLabel(objectName="dashboardUpdated")
        self._layout()
        model.updated.connect(self.show_snapshot)
        model.failed.connect(self.updated_label.setText)

    def _layout(self) -> None:
        ship = QGroupBox(self.tr("To ship today"))
        box = QVBoxLayout(ship)
        box.addWidget(self.total)
        box.addWidget(QLabel(self.tr("By warehouse"), styleSheet="color: #616161;"))
        box.addWidget(self.by_warehouse)
        box.addWidget(QLabel(self.tr("By channel"), styleSheet="color: #616161;"))
        box.addWidget(self.by_channel)
        box.addStretch(1)
        alerts = QGroupBox(self.tr("Alerts"))
        grid = QGridLayout(alerts)
        for i, name in enumerate(ALERTS):
            button = QPushButton(objectName=f"alert_{name}", flat=True)
            button.setStyleSheet("text-align: left; font-size: 15px; padding: 6px;")
            button.clicked.connect(lambda _c=False, n=name: self.open_alert(n))
            self.alert_buttons[name] = button
            grid.addWidget(button, i, 0)
        chart = QGroupBox(self.tr("Orders per hour: today against the same weekday last week"))
        QVBoxLayout(chart).addWidget(self.chart)
        packing = QGroupBox(self.tr("Parcels packed per station and hour"))
        QVBoxLayout(packing).addWidget(self.stations)
        top = QHBoxLayout()
        top.addWidget(ship, 1)
        top.addWidget(chart, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(alerts, 1)
        bottom.addWidget(packing, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addLayout(bottom, 2)
        layout.addWidget(self.updated_label)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        self.model.start()

    def show_snapshot(self, snap: DashboardSnapshot) -> None:
        self.total.setText(str(sum(n for _w, _c, n in snap.to_ship)))
        none = self.tr("Not allocated")
        self.by_warehouse.setText("\n".join(f"{w or none}：{n}" for w, n in snap.to_ship_by(0)) or "—")
        self.by_channel.setText("\n".join(f"{_channel(c, self.lang)}：{n}" for c, n in snap.to_ship_by(1)) or "—")
        self.chart.set_data(snap.today_by_hour, snap.last_week_by_hour, snap.at.astimezone().hour)
        for name, button in self.alert_buttons.items():
            n = snap.alerts.get(name, 0)
            button.setText(f"{self.alert_names[name]}：{n}")
            button.setStyleSheet("text-align: left; font-size: 15px; padding: 6px;"
                                 + (" color: #c62828; font-weight: bold;" if n else " color: #2e7d32;"))  # fmt: skip
        self._stations(snap)
        self.updated_label.setText(self.tr("Updated %1").replace("%1", f"{datetime.now():%H:%M:%S}"))

    def _stations(self, snap: DashboardSnapshot) -> None:
        stations = sorted({r.station for r in snap.stations})
        hours = sorted({r.hour for r in snap.stations})
        cells = {(r.station, r.hour): r.packed for r in snap.stations}
        self.stations.clear()
        self.stations.setRowCount(len(stations))
        self.stations.setColumnCount(len(hours) + 1)
        self.stations.setHorizontalHeaderLabels([h[-2:] + ":00" for h in hours] + [self.tr("Today")])
        self.stations.setVerticalHeaderLabels(stations)
        for row, station in enumerate(stations):
            for col, hour in enumerate(hours):
                self.stations.setItem(row, col, QTableWidgetItem(str(cells.get((station, hour), 0))))
            total = sum(cells.get((station, h), 0) for h in hours)
            self.stations.setItem(row, len(hours), QTableWidgetItem(str(total)))

    def open_alert(self, name: str) -> None:
        """Load what is behind the alert and list it; an order opens in 订单 on a double click."""
        make_uow, actor, hours = self.make_uow, self.actor, self.model.unpacked_hours
        self.jobs.submit(lambda: alert_items(make_uow, actor, name, unpacked_hours=hours),
                         lambda items: self._show_items(name, items),
                         lambda exc: self.status_message.emit(error_text(exc, self.lang)))  # fmt: skip

    def _show_items(self, name: str, items: list[str]) -> None:
        self.alert_dialog = AlertDialog(self.alert_names[name], items, name in ORDER_ALERTS, self)
        self.alert_dialog.chosen.connect(self.open_order)
        self.alert_dialog.show()


class AlertDialog(QDialog):
    """What is behind one alert. Signals: chosen(str): an order number to open."""

    chosen = Signal(str)

    def __init__(self, title: str, items: list[str], orders: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("alertDialog")
        self.list = QListWidget(objectName="alertItems")
        self.list.addItems(items or [self.tr("Nothing to show")])
        hint = QLabel(self.tr("Double-click an order to open it.") if orders and items else "")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if orders and items:
            self.list.itemDoubleClicked.connect(lambda item: (self.chosen.emit(item.text()), self.accept()))
        self.resize(420, 480)


def _channel(code: str, lang: str) -> str:
    try:
        return Channel(code).label(lang)
    except ValueError:
        return code
