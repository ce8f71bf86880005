"""Labels (面单打印): choose orders, preview the labels, slips or pick list, print to this station's
printer. A print is recorded (and audited) only after the print system accepted the job."""

from __future__ import annotations

from ...labels.batch import render_label_batch
from ...labels.model import LabelSize
from ...labels.pdf import render_packing_slips, render_pick_list
from ...printing.raw import parse_raw_printer
from ...services import labels as svc
from ...services.catalog_queries import warehouse_choices
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPdfDocument,
    QPdfView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

class LabelsView(QWidget):
    """Signals:
        status_message(str): text for the window's status bar.
    """

    status_message = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_print: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor, self.can_print = make_uow, jobs, lang, actor, can_print
        self.loaded = False
        self.pdf = QPdfDocument(self)
        self._pdf_bytes = b""
        layout = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_form())
        self.preview = QPdfView(self, objectName="labelPreview")
        self.preview.setDocument(self.pdf)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitInView)
        split.addWidget(self.preview)
        split.setSizes([420, 700])
        layout.addWidget(split)

    def _build_form(self) -> QWidget:
        box = QWidget()
        self.orders = QPlainTextEdit(objectName="labelOrders")
        self.orders.setPlaceholderText(self.tr("Order numbers, one per line (scan or paste)"))
        self.warehouse = QComboBox(objectName="labelWarehouse")
        self.warehouse.addItem(self.tr("All warehouses"), "")
        self.fill_button = QPushButton(self.tr("Add orders waiting for a label"), objectName="labelFill")
        self.fill_button.clicked.connect(self.fill_waiting)
        self.kind = QComboBox(objectName="labelKind")
        self.kind.addItem(self.tr("Shipping labels"), "shipping")
        self.kind.addItem(self.tr("Packing slips"), "slip")
        self.kind.addItem(self.tr("Pick list"), "picklist")
        self.size = QComboBox(objectName="labelSize")
        self.size.addItem(self.tr("As the template says"), "")
        for s in LabelSize:
            self.size.addItem(s.value.replace("x", " × ") + " mm", s.value)
        self.printer = QComboBox(objectName="labelPrinter")
        self.station_default = QPushButton(self.tr("Use as this station's printer"), objectName="labelSetDefault")
        self.station_default.clicked.connect(self.remember_printer)
        self.templates_button = QPushButton(self.tr("Label templates…"), objectName="labelTemplates")
        self.templates_button.clicked.connect(self.edit_templates)
        form = QFormLayout()
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow("", self.fill_button)
        form.addRow(self.tr("Print"), self.kind)
        form.addRow(self.tr("Label size"), self.size)
        form.addRow(self.tr("Printer"), self.printer)
        form.addRow("", self.station_default)
        form.addRow("", self.templates_button)
        self.preview_button = QPushButton(self.tr("Preview"), objectName="labelPreviewButton")
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button = QPushButton(self.tr("Print"), objectName="labelPrintButton", enabled=self.can_print)
        self.print_button.clicked.connect(self.print_now)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        self.message = QLabel(objectName="labelMessage", wordWrap=True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(box)
        layout.addWidget(QLabel(self.tr("Orders")))
        layout.addWidget(self.orders, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        return box

    # -- loading --------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self.loaded:
            return
        self.loaded = True
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: warehouse_choices(make_uow, actor), self._set_warehouses, lambda _e: None)
        self.jobs.submit(_printers, self._set_printers, self._failed)

    def _set_warehouses(self, choices: list[tuple[str, str]]) -> None:
        for code, name in choices:
            self.warehouse.addItem(f"{name} ({code})", code)

    def _set_printers(self, found: tuple[list[str], str | None]) -> None:
        names, chosen = found
        if chosen and parse_raw_printer(chosen) and chosen not in names:  # this station's thermal printer, raw
            names = [chosen, *names]
        self.printer.clear()
        for name in names:
            self.printer.addItem(name, name)
        if chosen and chosen in names:
            self.printer.setCurrentIndex(names.index(chosen))
        if not names:
            self.message.setText(self.tr("No printer is installed on this computer; labels can still be previewed."))

    def order_nos(self) -> list[str]:
        return list(dict.fromkeys(t.strip() for t in self.orders.toPlainText().split() if t.strip()))

    def fill_waiting(self) -> None:
        make_uow, actor, wh = self.make_uow, self.actor, self.warehouse.currentData()
        self.jobs.submit(lambda: svc.orders_awaiting_labels(make_uow, actor, wh), self._add_orders, self._failed)

    def _add_orders(self, nos: list[str]) -> None:
        have = self.order_nos()
        self.orders.setPlainText("\n".join(have + [n for n in nos if n not in have]))
        self.message.setText(self.tr("%n order(s) waiting for a label", "", len(nos)))

    # -- preview and print ----------------------------------------------------------------------------

    def show_preview(self) -> None:
        nos, kind, size = self.order_nos(), self.kind.currentData(), self.size.currentData()
        if not nos:
            self.message.setText(self.tr("Enter or scan at least one order number."))
            return
        make_uow, actor = self.make_uow, self.actor
        self.message.setText(self.tr("Preparing…"))
        self.jobs.submit(lambda: render(make_uow, actor, kind, nos, size), self._show_pdf, self._failed)

    def _show_pdf(self, data: bytes) -> None:
        from ..qt import QBuffer, QByteArray, QIODevice

        self._pdf_bytes = data
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(self._buffer)
        self.message.setText(self.tr("%n page(s) ready", "", self.pdf.pageCount()))

    def print_now(self) -> None:
        nos, kind, size, printer = self.order_nos(), self.kind.currentData(), self.size.currentData(), self.printer.currentData()
        if not nos:
            self.message.setText(self.tr("Enter or scan at least one order number."))
            return
        if not printer:
            self.message.setText(self.tr("Choose a printer first."))
            return
        self.print_button.setEnabled(False)
        make_uow, actor = self.make_uow, self.actor
        self.message.setText(self.tr("Printing on %1…").replace("%1", printer))
        self.jobs.submit(lambda: print_documents(make_uow, actor, kind, nos, size, printer),
                         self._printed, self._print_failed)  # fmt: skip

    def _printed(self, pages: int) -> None:
        self.print_button.setEnabled(self.can_print)
        text = self.tr("%n page(s) sent to the printer", "", pages)
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(text)
        self.status_message.emit(text)

    def _print_failed(self, exc: Exception) -> None:
        self.print_button.setEnabled(self.can_print)
        self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setText(error_text(exc, self.lang))

    def edit_templates(self) -> None:
        from ..dialogs.label_template_dialog import LabelTemplateDialog

        LabelTemplateDialog(self.make_uow, self.jobs, self.lang, self.actor, self).exec()

    def remember_printer(self) -> None:
        from ...printing import set_station_printer

        name = self.printer.currentData()
        if name:
            set_station_printer(name)
            self.message.setText(self.tr("%1 is now this station's printer.").replace("%1", name))


def _printers() -> tuple[list[str], str | None]:
    from ...printing import default_printer_name, list_printers, station_printer

    return [p.name for p in list_printers()], station_printer() or default_printer_name()


def _labels(make_uow: UowFactory, actor: str, nos: list[str], size: str) -> list:
    import dataclasses

    pairs = svc.shipping_labels(make_uow, actor, nos)
    if size:
        pairs = [(d, dataclasses.replace(t, size=LabelSize(size))) for d, t in pairs]
    return pairs


def render(make_uow: UowFactory, actor: str, kind: str, nos: list[str], size: str = "") -> bytes:
    """The PDF for a preview (and for printing slips and pick lists)."""
    if kind == "shipping":
        return render_label_batch(_labels(make_uow, actor, nos, size))
    if kind == "slip":
        return render_packing_slips(svc.packing_slips(make_uow, actor, nos))
    return render_pick_list(svc.pick_list(make_uow, actor, nos))


def print_documents(make_uow: UowFactory, actor: str, kind: str, nos: list[str], size: str, printer: str) -> int:
    """Print, wait until the print system says the job is done, then record it: a failure on the way
    (an offline printer's job is cancelled) leaves nothing marked as printed."""
    from ...printing import print_pdf, print_shipping_labels, print_thermal_labels, wait_printed

    if kind == "shipping":
        pairs = _labels(make_uow, actor, nos, size)
        groups: dict = {}
        for data, template in pairs:
            groups.setdefault(template, []).append(data)
        pages = 0
        raw = parse_raw_printer(printer)
        for template, labels in groups.items():  # one job per label size
            title = f"OrderDesk {labels[0].order_no}"
            sent = (print_thermal_labels(labels, template, raw.printer, language=raw.language, title=title) if raw
                    else print_shipping_labels(labels, template, printer, title=title))  # fmt: skip
            result = wait_printed(sent)
            pages += result.pages
            svc.record_print(make_uow, actor, kind, [d.order_no for d in labels], result.printer, result.job_id or "")
        return pages
    result = wait_printed(print_pdf(render(make_uow, actor, kind, nos), printer, title=f"OrderDesk {kind}"))
    svc.record_print(make_uow, actor, kind, nos, result.printer, result.job_id or "")
    return result.pages
