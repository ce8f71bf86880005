"""A small control on the channels page: when a warehouse's parcels are confirmed to the platforms,
as soon as they are packed or when the courier takes them at handover (平台发货确认时机)."""

from __future__ import annotations

from ...services.courier_codes import ConfirmMoment, confirm_moments, set_confirm_moment
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget, Signal


class ConfirmMomentControl(QWidget):
    """Signals:
        status_message(str): what was saved, or why not.

    Attributes:
        moments: each warehouse's moment as last read.
    """

    status_message = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_set: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor, self.can_set = make_uow, jobs, lang, actor, can_set
        self.moments: list[ConfirmMoment] = []
        self.warehouse = QComboBox(objectName="confirmMomentWarehouse")
        self.moment = QComboBox(objectName="confirmMoment", enabled=can_set)
        self.moment.addItem(self.tr("When packed"), "pack")
        self.moment.addItem(self.tr("At courier handover"), "handover")
        self.save = QPushButton(self.tr("Save"), objectName="confirmMomentSave", enabled=False)
        self.save.setToolTip(self.tr("Needs the right to manage warehouses") if not can_set else "")
        self.save.clicked.connect(self.save_moment)
        self.warehouse.currentIndexChanged.connect(lambda _i: self._show_current())
        self.moment.currentIndexChanged.connect(lambda _i: self._update_save())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Confirm shipment to the platforms")))
        row.addWidget(self.warehouse)
        row.addWidget(self.moment)
        row.addWidget(self.save)
        row.addStretch(1)

    def refresh(self) -> None:
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: confirm_moments(make_uow, actor), self._show, self._failed)

    def _show(self, moments: list[ConfirmMoment]) -> None:
        self.moments = moments
        chosen = self.warehouse.currentData()
        self.warehouse.blockSignals(True)
        self.warehouse.clear()
        for m in moments:
            self.warehouse.addItem(f"{m.name} ({m.warehouse})", m.warehouse)
        self.warehouse.setCurrentIndex(max(0, self.warehouse.findData(chosen)))
        self.warehouse.blockSignals(False)
        self._show_current()

    def _current(self) -> ConfirmMoment | None:
        return next((m for m in self.moments if m.warehouse == self.warehouse.currentData()), None)

    def _show_current(self) -> None:
        current = self._current()
        if current is not None:
            self.moment.blockSignals(True)
            self.moment.setCurrentIndex(max(0, self.moment.findData(current.moment)))
            self.moment.blockSignals(False)
        self._update_save()

    def _update_save(self) -> None:
        current = self._current()
        self.save.setEnabled(self.can_set and current is not None and current.moment != self.moment.currentData())

    def save_moment(self) -> None:
        warehouse, moment = self.warehouse.currentData(), self.moment.currentData()
        if not warehouse:
            return
        make_uow, actor, label = self.make_uow, self.actor, self.moment.currentText()
        self.save.setEnabled(False)

        def done(queued: int) -> None:
            text = self.tr("%1 now confirms shipments to the platforms: %2").replace("%1", warehouse).replace("%2", label)
            if queued:
                text += self.tr("; %n packed parcel(s) queued", "", queued)
            self.status_message.emit(text)
            self.refresh()

        self.jobs.submit(lambda: set_confirm_moment(make_uow, actor, warehouse, moment), done, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.status_message.emit(error_text(exc, self.lang))
        self._update_save()
