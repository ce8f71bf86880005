"""The rules editor's dry run: the draft tried on the newest orders in a job, and where they would go."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...services.rule_preview import HELD, RulePreview, preview_rule_set
from ...services.rule_sets import RuleSetError
from ...services.unit_of_work import UowFactory
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from .rules_shared import ERROR_STYLE, list_separator, reason_text


class RulePreviewPanel(QGroupBox):
    """The dry run of a draft rule set; nothing is saved.

    `warehouse_name(code)` names a warehouse code, or gives None. `result` is the last dry run's, or None.

    Signals:
        rule_set_error(RuleSetError): the dry run was refused because of one rule, for the editor to show.
    """

    rule_set_error = Signal(object)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str,
                 warehouse_name: Callable[[str], str | None],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor = make_uow, jobs, lang, actor
        self.warehouse_name = warehouse_name
        self.result: RulePreview | None = None
        self._ticket = 0
        self.setObjectName("previewBox")
        self.setTitle(self.tr("Dry run: what would these rules do?"))
        self.preview_count = QSpinBox(objectName="previewCount", minimum=10, maximum=100_000, singleStep=500)
        self.preview_count.setValue(1000)
        self.preview_count.setSuffix(self.tr(" orders"))
        self.preview_button = QPushButton(self.tr("Dry run"), objectName="previewButton")
        self.preview_button.setToolTip(
            self.tr("Plan the newest orders with the rules as edited here; nothing is saved."))
        self.preview_summary = QLabel(objectName="previewSummary")
        self.preview_summary.setWordWrap(True)
        self.preview_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_stale = QLabel(self.tr("The rules changed after this dry run; run it again."),
                                    objectName="previewStale")  # fmt: skip
        self.preview_stale.setStyleSheet("color: #b26a00;")
        self.preview_stale.setVisible(False)
        self.preview_table = QTableWidget(0, 4, objectName="previewTable")
        headers = [self.tr("Outcome"), self.tr("Order count"), self.tr("Change"), self.tr("Example orders")]
        self.preview_table.setHorizontalHeaderLabels(headers)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_table.verticalHeader().setVisible(False)
        self.preview_table.setWordWrap(False)
        self.preview_table.setAlternatingRowColors(True)
        self.preview_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        for col, width in ((0, 150), (1, 90), (2, 200)):
            self.preview_table.setColumnWidth(col, width)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Try on the newest")))
        bar.addWidget(self.preview_count)
        bar.addWidget(self.preview_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview_stale)
        layout.addWidget(self.preview_table, 1)

    def mark_stale(self) -> None:
        """The draft changed: say so under the last result, if there is one."""
        if self.result is not None:
            self.preview_stale.setVisible(True)

    def run(self, draft: list[dict[str, Any]]) -> None:
        """Try `draft` (the caller's copy) on the newest orders, in a job; the latest run wins."""
        n = self.preview_count.value()
        self._ticket += 1
        ticket = self._ticket
        refocus = self.preview_button.hasFocus()  # disabling the button would hand focus to the table
        self.preview_button.setEnabled(False)
        self.preview_summary.setStyleSheet("")
        self.preview_summary.setText(self.tr("Trying the rules on up to %n order(s)…", "", n))
        make_uow, actor = self.make_uow, self.actor

        def done(result: RulePreview) -> None:
            if ticket == self._ticket:
                self.preview_button.setEnabled(True)
                if refocus:
                    self.preview_button.setFocus()
                self._show(result)

        def failed(exc: Exception) -> None:
            if ticket != self._ticket:
                return
            self.preview_button.setEnabled(True)
            if refocus:
                self.preview_button.setFocus()
            self.preview_summary.setStyleSheet(ERROR_STYLE)
            message = reason_text(exc, self.lang)
            self.preview_summary.setText(self.tr("Dry run refused: %1").replace("%1", message))
            if isinstance(exc, RuleSetError):
                self.rule_set_error.emit(exc)

        self.jobs.submit(lambda: preview_rule_set(make_uow, actor, draft, orders=n), done, failed)

    def _outcome_label(self, outcome: str) -> str:
        if outcome == HELD:
            return self.tr("Held")
        name = self.warehouse_name(outcome)
        return f"{name} ({outcome})" if name else outcome

    def _show(self, p: RulePreview) -> None:
        """The dry run's result. A move from no warehouse (an order never allocated, or one the service
        holds no shipment for) is not a change of warehouse, so it is counted on its own."""
        self.result = p
        self.preview_stale.setVisible(False)
        sep = list_separator(self.lang)
        changed = sum(n for (a, _b), n in p.moves.items() if a)
        fresh = sum(n for (a, _b), n in p.moves.items() if not a)
        gifts = "、".join(f"{sku} ×{n}" for sku, n in p.gifts.most_common())
        parts = [self.tr("%n order(s) would change warehouse", "", changed)]
        if fresh:
            parts.append(self.tr("%n without a warehouse now", "", fresh))
        parts += [self.tr("%n split", "", p.split),
                  self.tr("gifts %1").replace("%1", gifts) if gifts else self.tr("no gifts"),
                  self.tr("%n held", "", p.by_warehouse.get(HELD, 0))]  # fmt: skip
        summary = self.tr("%1: %2").replace("%1", self.tr("Tried on %n order(s)", "", p.orders))
        self.preview_summary.setStyleSheet("")
        self.preview_summary.setText(summary.replace("%2", sep.join(parts)))
        unallocated = self.tr("(no warehouse)")
        moves = [f"{self._outcome_label(a) if a else unallocated} → {self._outcome_label(b)}: {n}"
                 for (a, b), n in p.moves.most_common()]  # fmt: skip
        self.preview_summary.setToolTip("\n".join(moves))
        outcomes = sorted(p.by_warehouse, key=lambda k: (k == HELD, -p.by_warehouse[k], k))
        self.preview_table.setRowCount(len(outcomes))
        for row, outcome in enumerate(outcomes):
            n = p.by_warehouse[outcome]
            share = f"{n} ({n * 100 / p.orders:.0f}%)" if p.orders else str(n)
            came = sum(k for (a, b), k in p.moves.items() if b == outcome and a)
            new = sum(k for (a, b), k in p.moves.items() if b == outcome and not a)
            left = sum(k for (a, b), k in p.moves.items() if a == outcome)
            parts = [self.tr("%n moved in", "", came)] if came else []
            parts += [self.tr("%n moved out", "", left)] if left else []
            parts += [self.tr("%n had no warehouse", "", new)] if new else []
            if outcome == HELD:
                parts += [f"{reason} {k}" for reason, k in p.held_reasons.most_common()]
            change = sep.join(parts) if parts else self.tr("no change")
            cells = (self._outcome_label(outcome), share, change, ", ".join(p.examples.get(outcome, [])))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if outcome == HELD:
                    item.setForeground(QBrush(QColor("#c62828")))
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview_table.setItem(row, col, item)
