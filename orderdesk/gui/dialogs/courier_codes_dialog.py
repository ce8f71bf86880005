"""Courier codes per platform: load a platform's company list, see and edit which of its codes
each of our couriers maps to. Every load and save runs off the GUI thread, through the services."""

from __future__ import annotations

from ...domain.model import Channel
from ...services.courier_codes import courier_mappings, load_companies, set_courier_mapping
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class CourierCodesDialog(QDialog):
    """A table per platform: our courier, the platform's code (editable), the platform's name for it."""

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.rows: list = []
        self.setWindowTitle(self.tr("Courier codes per platform"))
        self.platform = QComboBox(objectName="courierPlatform")
        for c in Channel:
            self.platform.addItem(c.label(lang), c.value)
        self.platform.currentIndexChanged.connect(lambda _i: self.refresh())
        self.load_button = QPushButton(self.tr("Load the platform's courier list"), objectName="courierLoad")
        self.load_button.clicked.connect(self.load)
        self.table = QTableWidget(0, 3, objectName="courierTable")
        self.table.setHorizontalHeaderLabels([self.tr("Our courier"), self.tr("Platform code"), self.tr("Platform name")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.code = QLineEdit(objectName="courierCode", placeholderText=self.tr("The platform's code for the chosen courier"))
        self.save_button = QPushButton(self.tr("Save code"), objectName="courierSave")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(objectName="courierMessage", wordWrap=True)
        top, edit = QHBoxLayout(), QHBoxLayout()
        top.addWidget(self.platform)
        top.addStretch(1)
        top.addWidget(self.load_button)
        edit.addWidget(self.code, 1)
        edit.addWidget(self.save_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part in (top, self.table, edit, self.message, buttons):
            (layout.addLayout if isinstance(part, QHBoxLayout) else layout.addWidget)(part)
        self.refresh()

    def refresh(self) -> None:
        make_uow, actor, platform = self.make_uow, self.actor, self.platform.currentData()
        self.jobs.submit(lambda: (platform, courier_mappings(make_uow, actor, platform)), self._show, self._failed)

    def _show(self, answer: tuple[str, list]) -> None:
        platform, rows = answer
        if platform != self.platform.currentData():
            return  # a platform chosen before the last one answered late: stale, dropped
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            code = r.platform_code or self.tr("(not set)")
            for col, text in enumerate([f"{r.courier_code} {r.courier_name}", code, r.platform_name]):
                self.table.setItem(i, col, QTableWidgetItem(text))
        if rows and not rows[0].list_loaded:
            self.message.setText(self.tr("This platform's courier list is not loaded yet: load it to check codes."))

    def load(self) -> None:
        from ...channels.shipping import Shipper  # the adapters are built only when one is called

        make_uow, actor, platform = self.make_uow, self.actor, self.platform.currentData()
        self.load_button.setEnabled(False)
        self.message.setText(self.tr("Loading…"))
        self.jobs.submit(lambda: load_companies(make_uow, actor, Shipper(), platform), self._loaded, self._failed)

    def _loaded(self, count: int) -> None:
        self.load_button.setEnabled(True)
        self.message.setText(self.tr("%1 courier companies loaded.").replace("%1", str(count)))
        self.refresh()

    def save(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.message.setText(self.tr("Choose a courier first."))
            return
        ours, code = self.rows[row].courier_code, self.code.text().strip()
        make_uow, actor, platform = self.make_uow, self.actor, self.platform.currentData()
        self.jobs.submit(lambda: set_courier_mapping(make_uow, actor, platform, ours, code),
                         lambda _r: self._saved(ours), self._failed)  # fmt: skip

    def _saved(self, ours: str) -> None:
        self.message.setText(self.tr("Saved: %1 → %2").replace("%1", ours).replace("%2", self.code.text().strip()))
        self.code.clear()
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        self.load_button.setEnabled(True)
        self.message.setText(error_text(exc, self.lang))
