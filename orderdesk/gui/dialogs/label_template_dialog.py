"""Label templates (面单模板): which size and optional fields to print, per courier and/or channel."""

from __future__ import annotations

from ...domain.couriers import COURIERS
from ...domain.model import Channel
from ...labels.model import CHANNEL_SHOP, GIFT_LINES, ITEMS, ORDER_BARCODE, PRINTED_AT, SENDER, LabelSize, LabelTemplate
from ...services.labels import label_templates, save_label_template
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget


class LabelTemplateDialog(QDialog):
    """Choose courier and channel ("any" allowed), see the template in force for that pair, change and save."""

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.saved: dict[tuple[str, str], LabelTemplate] = {}
        self.setWindowTitle(self.tr("Label templates"))
        self.courier = QComboBox(objectName="templateCourier")
        self.courier.addItem(self.tr("Any courier"), "")
        for c in COURIERS:
            self.courier.addItem(f"{c.label(lang)} ({c.code})", c.code)
        self.channel = QComboBox(objectName="templateChannel")
        self.channel.addItem(self.tr("Any channel"), "")
        for ch in Channel:
            self.channel.addItem(ch.label(lang), ch.value)
        self.size = QComboBox(objectName="templateSize")
        for s in LabelSize:
            self.size.addItem(s.value.replace("x", " × ") + " mm", s.value)
        self.fields = {name: QCheckBox(text) for name, text in (
            (SENDER, self.tr("Sender")), (ITEMS, self.tr("Item summary")), (GIFT_LINES, self.tr("Gift lines")),
            (ORDER_BARCODE, self.tr("Order number barcode")), (CHANNEL_SHOP, self.tr("Channel and shop")),
            (PRINTED_AT, self.tr("Print time")))}  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("Courier"), self.courier)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Label size"), self.size)
        for box in self.fields.values():
            form.addRow("", box)
        self.message = QLabel(objectName="templateMessage", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Waybill, courier and receiver always print; the rest is up to you.")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.courier.currentIndexChanged.connect(self._show_current)
        self.channel.currentIndexChanged.connect(self._show_current)
        make_uow, actor = self.make_uow, self.actor
        jobs.submit(lambda: label_templates(make_uow, actor), self._loaded, self._failed)

    def _loaded(self, rows: list) -> None:
        self.saved = {(c, ch): t for c, ch, t in rows}
        self._show_current()

    def _show_current(self) -> None:
        t = self.saved.get((self.courier.currentData(), self.channel.currentData()), LabelTemplate())
        self.size.setCurrentIndex(self.size.findData(t.size.value))
        for name, box in self.fields.items():
            box.setChecked(t.shows(name))

    def template(self) -> LabelTemplate:
        return LabelTemplate(LabelSize(self.size.currentData()),
                             frozenset(n for n, box in self.fields.items() if box.isChecked()))  # fmt: skip

    def save(self) -> None:
        courier, channel, template = self.courier.currentData(), self.channel.currentData(), self.template()
        make_uow, actor = self.make_uow, self.actor

        def done(_r: object) -> None:
            self.saved[(courier, channel)] = template
            self.message.setStyleSheet("color: #2e7d32;")
            self.message.setText(self.tr("Saved."))

        self.jobs.submit(lambda: save_label_template(make_uow, actor, courier, channel, template), done, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setText(error_text(exc, self.lang))
