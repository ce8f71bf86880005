"""The order panel: header, address, lines, the timeline in plain words and the courier's scans."""

from __future__ import annotations

from ...domain.model import Channel
from ...domain.status import OrderStatus
from ...domain.timeline import describe_event
from ...domain.tracking import CourierState
from ...services.read_models import OrderDetail
from ...services.tracking_ports import ScanRow, TrackRecord
from ..qt import (
    QAbstractItemView,
    QFont,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

_STATES = frozenset(s.value for s in CourierState)


class OrderDetailPanel(QWidget):
    """Signals:
        reveal_requested(str): the user asked to see the order's full phone and address.
        refund_requested(str, bool): register a buyer's refund request for the order (intercepting
            it if unshipped), or withdraw one (True).
    """

    reveal_requested = Signal(str)
    refund_requested = Signal(str, bool)

    def __init__(self, lang: str, can_reveal: bool = False, can_refund: bool = False,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.lang = lang
        self.order_no: str | None = None
        self.can_refund = can_refund
        self._withdraw = False
        self.refund = QPushButton(objectName="refundButton", visible=False)
        self.refund.clicked.connect(lambda: self.order_no and self.refund_requested.emit(self.order_no, self._withdraw))
        self.reveal = QPushButton(self.tr("Show full phone and address"), objectName="revealButton")
        self.reveal.setVisible(False)
        self.reveal.setEnabled(can_reveal)
        self.can_reveal = can_reveal
        self.reveal.clicked.connect(lambda: self.order_no and self.reveal_requested.emit(self.order_no))
        self.title = QLabel(self.tr("Select an order to see its lines and timeline"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.info = QFormLayout()
        self.receiver, self.address, self.note, self.amounts = QLabel(), QLabel(), QLabel(), QLabel()
        self.parcels = QLabel(objectName="detailParcels")
        for label in (self.receiver, self.address, self.note, self.amounts, self.parcels):
            label.setWordWrap(True)
            label.setTextInteractionFlags(label.textInteractionFlags() | label.textInteractionFlags().TextSelectableByMouse)
        receiver_row = QHBoxLayout()
        receiver_row.addWidget(self.receiver, 1)
        receiver_row.addWidget(self.reveal)
        self.info.addRow(self.tr("Receiver"), receiver_row)
        self.info.addRow(self.tr("Address"), self.address)
        self.info.addRow(self.tr("Buyer note"), self.note)
        self.info.addRow(self.tr("Amounts"), self.amounts)
        self.info.addRow(self.tr("Warehouse"), self.parcels)
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels([self.tr("SKU"), self.tr("Item"), self.tr("Qty"), self.tr("Paid (¥)")])
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels([self.tr("Time"), self.tr("Who"), self.tr("What happened")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.header().setStretchLastSection(True)
        self.tracking = QTreeWidget(objectName="trackingTimeline")
        self.tracking.setHeaderLabels([self.tr("Time"), self.tr("Place"), self.tr("Status"), self.tr("Courier's scan")])
        self.tracking.header().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.refund)
        layout.addLayout(title_row)
        layout.addLayout(self.info)
        lines_box, timeline_box = QGroupBox(self.tr("Lines")), QGroupBox(self.tr("Timeline"))
        QVBoxLayout(lines_box).addWidget(self.lines)
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        self.tracking_box = QGroupBox(self.tr("Parcel tracking"), objectName="trackingBox", visible=False)
        QVBoxLayout(self.tracking_box).addWidget(self.tracking)
        layout.addWidget(lines_box, 2)
        layout.addWidget(timeline_box, 3)
        layout.addWidget(self.tracking_box, 3)

    def show_detail(self, d: OrderDetail, revealed: bool = False) -> None:
        r, lang = d.row, self.lang
        self.order_no = r.order_no
        self.reveal.setVisible(self.can_reveal and not revealed)
        self._show_refund(OrderStatus(r.status))
        self.title.setText(f"{r.order_no}  ·  {Channel(r.channel).label(lang)} / {r.shop_name}  ·  "
                           f"{OrderStatus(r.status).label(lang)}")  # fmt: skip
        self.receiver.setText(f"{r.receiver_name}  {r.receiver_phone}")
        unknown = self.tr("province not recognised")
        province = r.province or f"{d.province_raw} ({unknown})"
        self.address.setText(" ".join(p for p in (province, r.city, d.district, d.street, d.address_detail) if p))
        self.note.setText(d.buyer_note or "—")
        self.amounts.setText(self.tr("Total ¥%1, freight ¥%2, discount ¥%3")
                             .replace("%1", f"{r.total_fen / 100:.2f}").replace("%2", f"{d.freight_fen / 100:.2f}")
                             .replace("%3", f"{d.discount_fen / 100:.2f}"))  # fmt: skip
        self.parcels.setText(self._parcels_text(d))
        self.parcels.setStyleSheet("color: #c62828; font-weight: bold;" if r.hold_reason else "")
        self.lines.setRowCount(len(d.lines))
        gift = self.tr("gift")
        for i, ln in enumerate(d.lines):
            title = ln.title + (f" [{gift}]" if ln.is_gift else "")
            for col, text in enumerate((ln.sku, title, str(ln.quantity), f"{ln.paid_fen / 100:.2f}")):
                self.lines.setItem(i, col, QTableWidgetItem(text))
        self.lines.resizeColumnToContents(0)
        self.timeline.clear()
        for ev in d.events:
            what = describe_event(ev.kind, ev.from_status, ev.to_status, ev.reason, ev.details, lang)
            when = ev.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            self.timeline.addTopLevelItem(QTreeWidgetItem([when, ev.user, what]))
        self.timeline.resizeColumnToContents(0)

    def show_tracking(self, parcels: list[tuple[TrackRecord, list[ScanRow]]]) -> None:
        """The courier's scans per followed parcel, newest first (as couriers show them); the box
        stays hidden for an order no courier has been asked about yet."""
        self.tracking.clear()
        self.tracking_box.setVisible(bool(parcels))
        for record, scans in parcels:
            t = record.track
            head = QTreeWidgetItem(["", "", t.state.label(self.lang), f"{t.waybill}  {record.courier_code}"])
            font = QFont(head.font(0))
            font.setBold(True)
            for col in range(4):
                head.setFont(col, font)
            self.tracking.addTopLevelItem(head)
            for scan in reversed(scans):
                state = CourierState(scan.state).label(self.lang) if scan.state in _STATES else ""
                when = scan.at.astimezone().strftime("%m-%d %H:%M")
                head.addChild(QTreeWidgetItem([when, scan.location, state, scan.station]))
            if not scans:
                head.addChild(QTreeWidgetItem(["", "", "", self.tr("No scan from the courier yet")]))
            head.setExpanded(True)
        for col in range(3):
            self.tracking.resizeColumnToContents(col)

    def _show_refund(self, status: OrderStatus) -> None:
        """Refund request for an order that may still get one; withdrawal for one that has one."""
        self._withdraw = status in (OrderStatus.INTERCEPTED, OrderStatus.REFUND_REQUESTED)
        may_request = status in (OrderStatus.PAID, OrderStatus.ON_HOLD, OrderStatus.ALLOCATED, OrderStatus.PACKED,
                                 OrderStatus.SHIPPED, OrderStatus.DELIVERED)  # fmt: skip
        self.refund.setText(self.tr("Withdraw refund…") if self._withdraw else self.tr("Refund request…"))
        self.refund.setVisible(self.can_refund and (self._withdraw or may_request))

    def _parcels_text(self, d: OrderDetail) -> str:
        """Where it ships from (one line per parcel), or why it is held; tags after."""
        if d.row.hold_reason:
            text = self.tr("On hold: %1").replace("%1", d.row.hold_reason)
        elif d.shipments:
            text = "\n".join(
                self.tr("Parcel %1 from %2: %3").replace("%1", str(n)).replace("%2", wh)
                .replace("%3", ", ".join(f"{sku}×{q}" for sku, q in items))
                for n, (wh, items) in enumerate(d.shipments, start=1)
            )  # fmt: skip
        else:
            text = self.tr("Not allocated yet")
        return text + (("\n" + self.tr("Tags: %1").replace("%1", " ".join(d.tags))) if d.tags else "")

    def show_message(self, text: str) -> None:
        self.title.setText(text)
        self.order_no = None
        self.reveal.setVisible(False)
        self.refund.setVisible(False)
        for label in (self.receiver, self.address, self.note, self.amounts, self.parcels):
            label.clear()
        self.lines.setRowCount(0)
        self.timeline.clear()
        self.tracking.clear()
        self.tracking_box.setVisible(False)
