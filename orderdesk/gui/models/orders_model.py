"""The orders table: pages fetched in the background as the user scrolls, never the whole table.

A million orders cost the memory of the rows actually scrolled past. Changing the filter bumps a
generation number, so a page that arrives late for an old filter is dropped, not mixed in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.model import Channel, mask_phone
from ...domain.status import OrderStatus
from ...services.read_models import OrderFilter, OrderRow
from ..jobs import JobRunner
from ..qt import QAbstractTableModel, QBrush, QColor, QModelIndex, QPersistentModelIndex, Qt, Signal
from ..errors import error_text

PageFetcher = Callable[[OrderFilter, tuple | None, int], list[OrderRow]]
Counter = Callable[[OrderFilter], int]
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

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
                 parent: Any = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.jobs, self.fetch_page, self.count, self.lang = jobs, fetch_page, count, lang
        self.rows: list[OrderRow] = []
        self.flt = OrderFilter()
        self.generation = 0
        self.loading = False
        self.exhausted = False
        self.headers = [
            self.tr("Order no."), self.tr("Channel"), self.tr("Shop"), self.tr("Status"), self.tr("Paid at"),
            self.tr("Receiver"), self.tr("Phone"), self.tr("Province"), self.tr("City"), self.tr("Items"),
            self.tr("Total (¥)"), self.tr("Warehouse"),
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
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            colour = _STATUS_COLOURS.get(OrderStatus(row.status))
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (9, 10):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            last = self.rows[-1] if self.rows else None
            self._request_page((last.paid_at, last.id) if last else None)

    # loading -----------------------------------------------------------------------------
    def set_filter(self, flt: OrderFilter) -> None:
        """Show orders matching `flt`, from the first page."""
        self.generation += 1
        self.flt = flt
        self.beginResetModel()
        self.rows = []
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
        self.jobs.submit(
            lambda: self.fetch_page(flt, after, self.PAGE_SIZE),
            lambda rows: self._on_page(gen, rows),
            lambda exc: self._on_error(gen, exc),
        )

    def _on_page(self, gen: int, rows: list[OrderRow]) -> None:
        if gen != self.generation:
            return
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
            case 5: return r.receiver_name
            case 6: return mask_phone(r.receiver_phone)
            case 7: return r.province or "?"
            case 8: return r.city
            case 9: return str(r.item_count)
            case 10: return f"{r.total_fen / 100:,.2f}"
            case 11: return r.warehouse_code or ""
        return ""  # fmt: skip
