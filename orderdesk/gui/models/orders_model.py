"""The orders table: pages fetched in the background as the user scrolls, never the whole table.

A million orders cost the memory of the rows actually scrolled past. Changing the filter bumps a
generation number, so a page that arrives late for an old filter is dropped, not mixed in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from ...domain.model import Channel, mask_phone
from ...domain.ship_by import DUE_SOON_HOURS, Urgency, awaits_ship_confirmation, minutes_left, time_left_text, urgency
from ...domain.status import OrderStatus
from ...services.read_models import OrderFilter, OrderRow
from ...services.tracking_setup import TrackingSummary
from ..jobs import JobRunner
from ..qt import QAbstractTableModel, QBrush, QColor, QModelIndex, QPersistentModelIndex, QSettings, Qt, Signal
from ..errors import error_text

PageFetcher = Callable[[OrderFilter, tuple | None, int], list[OrderRow]]
Counter = Callable[[OrderFilter], int]
TrackingFetcher = Callable[[list[int]], dict[int, TrackingSummary]]
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
DUE_SOON_KEY = "orders/due_soon_hours"
STATUS_COL, PAID_COL, SHIP_BY_COL, ITEMS_COL, TOTAL_COL, TRACKING_COL = 3, 4, 5, 10, 11, 13
TRACKING_ALERT_FG = "#c62828"  # a problem, refused or returning parcel
# Due soon: red text. Overdue: darker red on a pink row, so it reads even when selected or printed grey.
DUE_SOON_FG, OVERDUE_FG, OVERDUE_BG = "#c62828", "#7f0000", "#ffcdd2"


def due_soon_hours(settings: QSettings | None = None) -> int:
    """The "due soon" window from settings (orders/due_soon_hours), 6 h unless changed."""
    try:
        return max(1, int((settings or QSettings()).value(DUE_SOON_KEY, DUE_SOON_HOURS)))
    except (TypeError, ValueError):
        return DUE_SOON_HOURS

_STATUS_COLOURS = {
    OrderStatus.INTERCEPTED: "#c62828",
    OrderStatus.REFUND_REQUESTED: "#c62828",
    OrderStatus.CANCELLED: "#757575",
    OrderStatus.ON_HOLD: "#ef6c00",
    OrderStatus.SHIPPED: "#2e7d32",
    OrderStatus.DELIVERED: "#2e7d32",
}


class OrdersTableModel(QAbstractTableModel):
    """Signals:
        loading_changed(bool): a page request started or ended.
        total_changed(int): the number of orders matching the filter.
        load_failed(str): a page could not be read; the message says why.
    """

    loading_changed = Signal(bool)
    total_changed = Signal(int)
    load_failed = Signal(str)
    PAGE_SIZE = 200

    def __init__(self, jobs: JobRunner, fetch_page: PageFetcher, count: Counter, lang: str,
                 parent: Any = None, now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 due_soon: timedelta | None = None, fetch_tracking: TrackingFetcher | None = None) -> None:  # fmt: skip
        """`fetch_tracking`: each page's parcels as the courier reports them, read with the page
        (in the same background job) for the 物流 column; None leaves the column empty."""
        super().__init__(parent)
        self.jobs, self.fetch_page, self.count, self.lang = jobs, fetch_page, count, lang
        self.fetch_tracking = fetch_tracking
        self.tracking: dict[int, TrackingSummary] = {}
        self.now = now
        self.due_soon = due_soon if due_soon is not None else timedelta(hours=due_soon_hours())
        self.rows: list[OrderRow] = []
        self.flt = OrderFilter()
        self.generation = 0
        self.loading = False
        self.exhausted = False
        self.headers = [
            self.tr("Order no."), self.tr("Channel"), self.tr("Shop"), self.tr("Status"), self.tr("Paid at"),
            self.tr("Ship by"), self.tr("Receiver"), self.tr("Phone"), self.tr("Province"), self.tr("City"), self.tr("Items"),
            self.tr("Total (¥)"), self.tr("Warehouse"), self.tr("Tracking"),
        ]  # fmt: skip

    # Qt model interface ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(OVERDUE_BG)) if self.urgency_of(row) is Urgency.OVERDUE else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == SHIP_BY_COL and row.ship_by:
            return self._ship_by_tip(row)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TRACKING_COL and row.id in self.tracking:
            return self._tracking_tip(self.tracking[row.id])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (ITEMS_COL, TOTAL_COL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def urgency_of(self, row: OrderRow) -> Urgency:
        return urgency(row.ship_by, row.status, self.now(), self.due_soon, row.ship_confirmed)

    def _foreground(self, row: OrderRow, col: int) -> QBrush | None:
        """The whole row red when its deadline is near, darker once past; else the status colour."""
        level = self.urgency_of(row)
        if level is not Urgency.NONE:
            return QBrush(QColor(OVERDUE_FG if level is Urgency.OVERDUE else DUE_SOON_FG))
        if col == TRACKING_COL and row.id in self.tracking and self.tracking[row.id].alert:
            return QBrush(QColor(TRACKING_ALERT_FG))
        colour = _STATUS_COLOURS.get(OrderStatus(row.status)) if col == STATUS_COL else None
        return QBrush(QColor(colour)) if colour else None

    def _tracking_tip(self, summary: TrackingSummary) -> str:
        """Each parcel's waybill and the courier's last scan, in its own words."""
        return "\n".join(f"{p.track.waybill}: {p.last_station or p.track.state.label(self.lang)}"
                         for p in summary.parcels)  # fmt: skip

    def _ship_by_tip(self, row: OrderRow) -> str:
        assert row.ship_by is not None
        when = row.ship_by.astimezone().strftime("%Y-%m-%d %H:%M")
        source = self.tr("promised by the platform") if row.ship_by_source == "platform" else self.tr(
            "paid + the channel's default hours")
        return f"{when} ({source})"

    def set_due_soon(self, span: timedelta) -> None:
        """A new "due soon" window: colours change at once, rows stay."""
        self.due_soon = span
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.headers) - 1))

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            last = self.rows[-1] if self.rows else None
            self._request_page(last.page_key(self.flt.sort) if last else None)

    # loading -----------------------------------------------------------------------------
    def set_filter(self, flt: OrderFilter) -> None:
        """Show orders matching `flt`, from the first page."""
        self.generation += 1
        self.flt = flt
        self.beginResetModel()
        self.rows = []
        self.tracking = {}
        self.exhausted = False
        self.loading = False
        self.endResetModel()
        self._request_page(None)
        gen = self.generation
        self.jobs.submit(lambda: self.count(flt), lambda n: self._on_count(gen, n), lambda exc: None)

    def refresh(self) -> None:
        self.set_filter(self.flt)

    def row_at(self, row: int) -> OrderRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _request_page(self, after: tuple | None) -> None:
        gen, flt = self.generation, self.flt
        self._set_loading(True)
        fetch_page, fetch_tracking = self.fetch_page, self.fetch_tracking

        def read() -> tuple[list[OrderRow], dict[int, TrackingSummary]]:
            rows = fetch_page(flt, after, self.PAGE_SIZE)
            return rows, (fetch_tracking([r.id for r in rows]) if fetch_tracking and rows else {})

        self.jobs.submit(read, lambda got: self._on_page(gen, *got), lambda exc: self._on_error(gen, exc))

    def _on_page(self, gen: int, rows: list[OrderRow], tracking: dict[int, TrackingSummary] | None = None) -> None:
        if gen != self.generation:
            return
        self.tracking.update(tracking or {})
        self._set_loading(False)
        self.exhausted = len(rows) < self.PAGE_SIZE
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def _on_count(self, gen: int, n: int) -> None:
        if gen == self.generation:
            self.total_changed.emit(n)

    def _on_error(self, gen: int, exc: Exception) -> None:
        if gen != self.generation:
            return
        self._set_loading(False)
        self.exhausted = True
        self.load_failed.emit(error_text(exc, self.lang))

    def _set_loading(self, value: bool) -> None:
        if self.loading != value:
            self.loading = value
            self.loading_changed.emit(value)

    def _cell(self, r: OrderRow, col: int) -> str:
        match col:
            case 0: return r.order_no
            case 1: return Channel(r.channel).label(self.lang)
            case 2: return r.shop_name
            case 3: return OrderStatus(r.status).label(self.lang)
            case 4: return r.paid_at.astimezone().strftime("%m-%d %H:%M") if r.paid_at else ""
            case 5: return self._time_left(r)
            case 6: return r.receiver_name
            case 7: return mask_phone(r.receiver_phone)
            case 8: return r.province or "?"
            case 9: return r.city
            case 10: return str(r.item_count)
            case 11: return f"{r.total_fen / 100:,.2f}"
            case 12: return r.warehouse_code or ""
            case 13: return self.tracking[r.id].text(self.lang) if r.id in self.tracking else ""
        return ""  # fmt: skip

    def _time_left(self, r: OrderRow) -> str:
        """剩 5 小时 / 已超时 2 小时 while the platform waits; the deadline itself once shipped."""
        if r.ship_by is None:
            return ""
        if not awaits_ship_confirmation(r.status, r.ship_confirmed):
            return r.ship_by.astimezone().strftime("%m-%d %H:%M")
        return time_left_text(minutes_left(r.ship_by, self.now()), self.lang)
