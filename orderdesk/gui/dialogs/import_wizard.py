"""The import wizard for platform order export files: files → columns → preview → import.

Reading files, the preview and the import all run on the job pool; the GUI thread only shows what
they found. The preview writes nothing; Import writes exactly the orders the preview showed.
"""

from __future__ import annotations

from collections.abc import Callable

from ...imports.orders_file import OrdersImport, parse_files
from ...services.channels import list_channels
from ...services.order_import import ImportReport, import_orders, preview_import, shop_codes
from ...services.unit_of_work import UowFactory
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import QLabel, Qt, QVBoxLayout, QWidget, QWizard, QWizardPage, Signal
from .import_files_page import FilesPage, WizardFile
from .import_mapping_table import MappingPage
from .import_report_view import ImportReportView

ERROR_STYLE = "color: #c62828; font-weight: bold;"


class PreviewPage(QWizardPage):
    """What importing would do, per order and row, before anything is written; its Import button
    (the commit button) runs the import and moves on to the result."""

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, files: list[WizardFile],
                 channel: Callable[[], str | None], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.files, self.channel = files, channel
        self.parsed: OrdersImport | None = None
        self.report: ImportReport | None = None
        self.done: ImportReport | None = None
        self.running = False
        self._ticket = 0
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("Nothing has been written yet. Check the figures and the rows that cannot be "
                                 "imported, then press Import."))  # fmt: skip
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.status = QLabel(objectName="importStatus", wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.view = ImportReportView(lang)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.parsed = self.report = self.done = None
        self.view.clear()
        self._say(self.tr("Reading the files and comparing them with the orders already in OrderDesk…"))
        self._ticket += 1
        ticket, specs, channel = self._ticket, [f.spec() for f in self.files], self.channel()
        make_uow, actor = self.make_uow, self.actor

        def work() -> tuple[OrdersImport, ImportReport]:
            parsed = parse_files(specs, shop_codes(make_uow, channel))
            return parsed, preview_import(make_uow, actor, parsed, channel)

        self.jobs.submit(work, lambda found: self._on_preview(ticket, *found),
                         lambda exc: self._on_preview_failed(ticket, exc))  # fmt: skip

    def cleanupPage(self) -> None:  # noqa: N802 - Qt override: Back drops the preview
        self._ticket += 1
        self.parsed = self.report = None

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.report is not None and bool(self.parsed and self.parsed.orders) and not self.running

    def validatePage(self) -> bool:  # noqa: N802 - Qt override: Import runs in the background first
        if self.done is not None:
            return True
        if self.isComplete():
            self._start_import()
        return False

    def _on_preview(self, ticket: int, parsed: OrdersImport, report: ImportReport) -> None:
        if ticket != self._ticket:
            return
        self.parsed, self.report = parsed, report
        self.view.show_report(report)
        if not parsed.orders:
            self._say(self.tr("There is no order to import in these files."), error=True)
        elif report.new == report.updated == 0:
            self._say(self.tr("Every order in these files is already in OrderDesk as it is here: importing "
                              "changes nothing."))  # fmt: skip
        elif report.held:
            self._say(self.tr("Orders held for review are imported too and wait in the held queue for a person."))
        else:
            self._say("")
        self.completeChanged.emit()

    def _on_preview_failed(self, ticket: int, exc: Exception) -> None:
        if ticket == self._ticket:
            self._say(error_text(exc, self.lang), error=True)
            self.completeChanged.emit()

    def _start_import(self) -> None:
        parsed, channel, make_uow, actor = self.parsed, self.channel(), self.make_uow, self.actor
        assert parsed is not None
        self.running = True
        self.completeChanged.emit()
        self._lock_buttons(True)
        self._say(self.tr("Importing…"))
        self.jobs.submit(lambda: import_orders(make_uow, actor, parsed, channel), self._on_imported,
                         self._on_import_failed)  # fmt: skip

    def _on_imported(self, report: ImportReport) -> None:
        self.running, self.done = False, report
        wizard = self.wizard()
        if isinstance(wizard, ImportWizard):
            wizard.imported.emit(report.new)
        wizard.next()

    def _on_import_failed(self, exc: Exception) -> None:
        self.running = False
        self._say(error_text(exc, self.lang), error=True)
        self._lock_buttons(False)
        self.completeChanged.emit()

    def _lock_buttons(self, locked: bool) -> None:
        """No Back or Cancel while the import is written (the wizard re-enables Back itself)."""
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.CancelButton):
            if button := self.wizard().button(which):
                button.setEnabled(not locked)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")


class ResultPage(QWizardPage):
    """What the import did: the same figures as the preview, now written, and any allocation error."""

    def __init__(self, preview: PreviewPage, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview, self.lang = preview, lang
        self.setTitle(self.tr("Imported"))
        self.setSubTitle(self.tr("What was written; the orders list shows the new orders."))
        self.status = QLabel(objectName="importResult", wordWrap=True)
        self.view = ImportReportView(lang)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        report = self.preview.done
        if report is None:
            return
        self.view.show_report(report)
        parts = [self.tr("The orders are in OrderDesk. %1 new, %2 updated.").replace("%1", str(report.new))
                 .replace("%2", str(report.updated))]  # fmt: skip
        allocated, held = getattr(report.allocation, "allocated", 0), getattr(report.allocation, "held", 0)
        if allocated:
            parts.append(self.tr("Allocated to warehouses by the rules: %1.").replace("%1", str(allocated)))
        if held:
            parts.append(self.tr("Held by the rules: %1.").replace("%1", str(held)))
        self.status.setText((" " if self.lang.startswith("en") else "").join(parts))


class ImportWizard(QWizard):
    """Import platform export files (Taobao/Tmall, Pinduoduo, Douyin) into OrderDesk.

    Signals:
        imported(int): the import was written; the number of new orders.
    """

    imported = Signal(int)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import order files"))
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.files: list[WizardFile] = []
        self.files_page = FilesPage(self.files, jobs, lang, lambda: list_channels(make_uow, actor))
        self.mapping_page = MappingPage(self.files, jobs, lang)
        self.preview_page = PreviewPage(make_uow, jobs, lang, actor, self.files,
                                        lambda: self.files_page.channel.currentData() or None)  # fmt: skip
        self.result_page = ResultPage(self.preview_page, lang)
        for page in (self.files_page, self.mapping_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.resize(980, 700)

    @property
    def busy(self) -> bool:
        return self.preview_page.running

    def reject(self) -> None:
        """Cancel and Esc wait while the import is being written: it cannot be stopped half-way."""
        if not self.busy:
            super().reject()

    def add_files(self, paths: list[str]) -> None:
        self.files_page.add_paths(paths)
