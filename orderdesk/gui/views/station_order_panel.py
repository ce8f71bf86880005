"""The open order in big type: its number and status, the buyer's note, and one row per item with
what is needed and what is scanned so far; gift lines say 赠品, complete lines turn green."""

from __future__ import annotations

from ...domain.status import OrderStatus
from ...services.packing import Verdict
from ..qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QFont,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

DONE_BG, GIFT_FG, OPEN_FG = "#c8e6c9", "#6a1b9a", "#212121"


class OrderPanel(QWidget):
    """Shows the lines of the order a verdict names; keeps them when a refusal leaves them unchanged."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.order_no: str | None = None
        self.heading = QLabel(objectName="stationOrder")
        self.heading.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.state = QLabel(objectName="stationState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.total = QLabel(objectName="stationTotal")
        self.total.setStyleSheet("font-size: 30px; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.state)
        top.addSpacing(24)
        top.addWidget(self.total)
        self.note = QLabel(objectName="stationNote", wordWrap=True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setStyleSheet("background: #fff59d; color: #3e2723; font-size: 24px; font-weight: bold;"
                                " padding: 8px 12px; border: 2px solid #f9a825; border-radius: 4px;")  # fmt: skip
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # takes the room while no table is shown, none while one is
        for w in (self, self.heading, self.state, self.total, self.note, self.table):
            w.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, 4, objectName="stationLines")
        table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("SKU"), self.tr("Needed"), self.tr("Scanned")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(58)
        table.setStyleSheet("QTableWidget { font-size: 26px; } QHeaderView::section { font-size: 18px; padding: 4px; }")
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def clear(self, hint: str = "") -> None:
        self.order_no, self.sealed = None, False
        self.heading.setText(hint or self.tr("Scan an order number, a waybill or a pick-list slot"))
        self.heading.setStyleSheet("font-size: 26px; color: #616161;")
        self.state.setText("")
        self.total.setText("")
        self.note.hide()
        self.table.setRowCount(0)
        self.table.hide()  # nothing open: the station's colour (red after a refusal) fills the space

    def show_verdict(self, verdict: Verdict) -> None:
        """Draw the order the verdict carries; a verdict without lines changes nothing here."""
        if verdict.kind == "left":
            self.clear()
            return
        if not verdict.lines:
            if self.order_no is None or self.sealed:  # nothing open here: show what was refused, if an order
                self._show_refused(verdict)
            return
        self.order_no, self.sealed = verdict.order, verdict.kind == "packed"
        self.heading.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.heading.setText(self.tr("Order %1").replace("%1", verdict.order or ""))
        self._show_state(verdict.state)
        needed = sum(li.needed for li in verdict.lines)
        scanned = sum(li.scanned for li in verdict.lines)
        self.total.setText(f"{scanned} / {needed}")
        colour = "#2e7d32" if scanned == needed else "#212121"
        self.total.setStyleSheet(f"font-size: 30px; font-weight: bold; color: {colour};")
        self.note.setVisible(bool(verdict.buyer_note))
        self.note.setText(self.tr("Buyer note: %1").replace("%1", verdict.buyer_note))
        self.table.setRowCount(len(verdict.lines))
        self.table.show()
        for row, line in enumerate(verdict.lines):
            title = self.tr("[Gift] ") + line.title.removeprefix("赠品").strip() if line.is_gift else line.title
            cells = [title, line.sku, str(line.needed), str(line.scanned)]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, self._cell(text, col, line.is_gift, line.scanned >= line.needed))

    def _show_refused(self, verdict: Verdict) -> None:
        self.clear()
        if verdict.order and verdict.state:
            self.heading.setStyleSheet("font-size: 30px; font-weight: bold; color: #c62828;")
            self.heading.setText(self.tr("Order %1").replace("%1", verdict.order))
            self._show_state(verdict.state)

    def _show_state(self, state: str) -> None:
        label = OrderStatus(state).label(self.lang) if state in OrderStatus._value2member_map_ else ""
        packed = state == OrderStatus.PACKED
        self.state.setText(label)
        colour = "#2e7d32" if packed else ("#455a64" if state == OrderStatus.ALLOCATED else "#c62828")
        self.state.setStyleSheet(f"font-size: 24px; font-weight: bold; color: white; background: {colour};"
                                 " padding: 4px 12px; border-radius: 4px;")  # fmt: skip
        self.state.setVisible(bool(label))

    @staticmethod
    def _cell(text: str, col: int, gift: bool, done: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        font = QFont()
        font.setPixelSize(34 if col >= 2 else (24 if col == 1 else 26))
        font.setBold(col >= 2 or gift)
        item.setFont(font)
        if col >= 2:
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setForeground(QBrush(QColor(GIFT_FG if gift and col == 0 else OPEN_FG)))
        if done:
            item.setBackground(QBrush(QColor(DONE_BG)))
        return item

    def lines(self) -> list[tuple[str, int, int, bool]]:
        """(sku, needed, scanned, gift) per row as shown: what a test reads."""
        out = []
        for row in range(self.table.rowCount()):
            gift = self.table.item(row, 0).text().startswith(self.tr("[Gift] "))
            out.append((self.table.item(row, 1).text(), int(self.table.item(row, 2).text()),
                        int(self.table.item(row, 3).text()), gift))  # fmt: skip
        return out
