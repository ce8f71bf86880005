"""Re-allocate every un-packed order with the rules in force: previewed first, then one action."""

from __future__ import annotations

from ...services.allocation import AllocationReport, reallocate_orders, reallocation_candidates
from ...services.rule_preview import RulePreview, preview_rule_set
from ...services.rule_sets import current_rules
from ...services.unit_of_work import UowFactory
from ..jobs import JobRunner
from ..qt import QMessageBox, QPushButton, QWidget, Signal
from ..errors import error_text


class ReallocateButton(QPushButton):
    """Signals:
        status_message(str): what happened, for the status bar.
        done(): orders were re-allocated (views refresh).
    """

    status_message = Signal(str)
    done = Signal()

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, enabled: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setText(self.tr("Re-allocate un-packed orders…"))
        self.setObjectName("reallocateButton")
        self.setToolTip(self.tr("After a rule change: preview where paid, held and allocated orders would go, "
                                "then move them in one action."))  # fmt: skip
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.setEnabled(enabled)
        self.nos: list[str] = []
        self.clicked.connect(self.preview)

    def preview(self) -> None:
        self.setEnabled(False)

        def work() -> RulePreview:
            self.nos = reallocation_candidates(self.make_uow, self.actor)
            return preview_rule_set(self.make_uow, self.actor, current_rules(self.make_uow, self.actor),
                                    order_nos=self.nos)  # fmt: skip

        self.jobs.submit(work, self._confirm, self._failed)

    def _confirm(self, preview: RulePreview) -> None:
        self.setEnabled(True)
        moves = "\n".join(f"{a or '—'} → {b}: {n}" for (a, b), n in preview.moves.most_common(12))
        text = (self.tr("%1 un-packed orders; %2 would change warehouse.").replace("%1", str(preview.orders))
                .replace("%2", str(preview.moved)) + ("\n\n" + moves if moves else ""))  # fmt: skip
        if not preview.moved:
            QMessageBox.information(self, self.tr("Re-allocate"), text)
            return
        answer = QMessageBox.question(self, self.tr("Re-allocate"), text + "\n\n" + self.tr("Move them now?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.setEnabled(False)
            nos = list(self.nos)
            self.jobs.submit(lambda: reallocate_orders(self.make_uow, self.actor, nos), self._finished, self._failed)

    def _finished(self, report: AllocationReport) -> None:
        self.setEnabled(True)
        self.status_message.emit(self.tr("Re-allocated: %1 allocated, %2 held").replace("%1", str(report.allocated))
                                 .replace("%2", str(report.held)))  # fmt: skip
        self.done.emit()

    def _failed(self, exc: Exception) -> None:
        self.setEnabled(True)
        self.status_message.emit(error_text(exc, self.lang))
