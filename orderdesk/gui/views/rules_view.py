"""The allocation rules editor: the draft rule set in memory, a condition editor checked as you type,
a dry run on real orders before saving, and the saved versions.

Nothing touches the database until 保存 (save) or 恢复此版本 (restore): the draft is a list of rule
dicts edited here, tried with preview_rule_set, and saved whole with save_rule_set. Condition checks
(check_condition, highlight_spans) are pure Python and run on the GUI thread as the user types;
every service call runs in a job.

The parts: the rule table (rule_table) and the selected rule's form with its condition editor
(rule_form, condition_editor), kept in step with the draft by rule_draft_editor; the dry run
(rule_preview_panel); the save box and the versions (rule_versions_panel). This view lays them out,
loads the rules, and tracks whether the draft differs from what is saved.
"""

from __future__ import annotations

import copy
from typing import Any

from ...services.catalog_queries import warehouse_choices
from ...services.rule_preview import RulePreview
from ...services.rule_sets import RuleSetError, RuleVersionInfo, current_rules, rule_versions
from ...services.unit_of_work import UowFactory
from ..jobs import JobRunner
from ..qt import QHBoxLayout, QLabel, QPushButton, QSplitter, Qt, QVBoxLayout, QWidget, Signal
from .condition_editor import ClickableLabel, ConditionHighlighter
from .rule_draft_editor import RuleDraftEditor
from .rule_form import RuleForm
from .rule_preview_panel import RulePreviewPanel
from .rule_table import RuleTable
from .rule_versions_panel import RuleVersionsPanel
from .rules_shared import (
    ACTIONS,
    ERROR_STYLE,
    HINT_STYLE,
    OK_STYLE,
    as_draft,
    comparable,
    confirm,
    reason_text,
)

# The public names this module had before its parts moved out, importable from here as before.
__all__ = [
    "ACTIONS", "ERROR_STYLE", "HINT_STYLE", "OK_STYLE", "ClickableLabel", "ConditionHighlighter", "RulesView",
]  # fmt: skip


class RulesView(QWidget):
    """The rule set editor.

    The widgets of its parts are also attributes of the view (name, condition, preview_table, save_button…).

    Signals:
        status_message(str): text for the window's status bar.
        dirty_changed(bool): the draft now differs from the saved rules, or no longer does.
    """

    status_message = Signal(str)
    dirty_changed = Signal(bool)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, lang: str, actor: str, can_edit: bool,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.make_uow, self.jobs, self.lang, self.actor, self.can_edit = make_uow, jobs, lang, actor, can_edit
        self.saved: list[dict[str, Any]] = []
        self.versions: list[RuleVersionInfo] = []
        self.warehouses: dict[str, str] = {}
        self.loaded = False
        self._dirty = False
        self._build()
        self._set_editable()
        self.editing.show_rule(-1)
        self._update_title()

    # -- building -------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(objectName="rulesTitle")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.readonly_note = QLabel(
            self.tr("Read only: your role may look at the rules and try them, not change them."),
            objectName="rulesReadOnly")  # fmt: skip
        self.readonly_note.setStyleSheet(HINT_STYLE)
        self.readonly_note.setVisible(not self.can_edit)
        self.status = QLabel(objectName="rulesStatus")
        self.reload_button = QPushButton(self.tr("Reload"), objectName="rulesReload")
        self.reload_button.setToolTip(self.tr("Read the saved rules again; unsaved changes are dropped."))
        self.reload_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.readonly_note)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.reload_button)

        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(self._build_list())
        middle.addWidget(self._build_editor())
        middle.setStretchFactor(0, 5)
        middle.setStretchFactor(1, 4)
        self.middle = middle
        self.editing = RuleDraftEditor(self.table, self.editor, self.can_edit, lambda: self.warehouses, self)
        self.editing.changed.connect(self._changed)
        self.editing.shown.connect(self._update_buttons)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self._build_preview())
        bottom.addWidget(self._build_versions())
        bottom.setStretchFactor(0, 5)
        bottom.setStretchFactor(1, 2)
        self.bottom = bottom
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(middle)
        body.addWidget(bottom)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    def _build_list(self) -> QWidget:
        self.table = RuleTable(self.lang)
        self.add_button = QPushButton(self.tr("Add"), objectName="ruleAdd")
        self.delete_button = QPushButton(self.tr("Delete"), objectName="ruleDelete")
        self.up_button = QPushButton(self.tr("Move up"), objectName="ruleUp")
        self.down_button = QPushButton(self.tr("Move down"), objectName="ruleDown")
        self.add_button.clicked.connect(self.add_rule)
        self.delete_button.clicked.connect(self.delete_rule)
        self.up_button.clicked.connect(lambda: self.move_rule(-1))
        self.down_button.clicked.connect(lambda: self.move_rule(1))
        order_note = QLabel(
            self.tr("Rules are tried from the top; the first warehouse rule that matches wins."))
        order_note.setStyleSheet(HINT_STYLE)
        order_note.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(order_note)
        layout.addLayout(buttons)
        return box

    def _build_editor(self) -> QWidget:
        self.editor = f = RuleForm(self.lang, may_insert=lambda: self.can_edit and self.current >= 0)
        self.name, self.condition, self.action, self.rule_error, self.form = (
            f.name, f.condition, f.action, f.rule_error, f.form)  # fmt: skip
        self.warehouse, self.gift_sku, self.gift_quantity, self.tag, self.reason = (
            f.warehouse, f.gift_sku, f.gift_quantity, f.tag, f.reason)  # fmt: skip
        self.keep_together, self.enabled = f.keep_together, f.enabled
        self.highlighter, self.condition_error = self.condition.highlighter, self.condition.error_label
        self.field_picker, self.function_picker = self.condition.field_picker, self.condition.function_picker
        return self.editor

    def _build_preview(self) -> QWidget:
        panel = RulePreviewPanel(self.make_uow, self.jobs, self.lang, self.actor,
                                 warehouse_name=lambda code: self.warehouses.get(code))  # fmt: skip
        self.preview_panel = panel
        self.preview_count, self.preview_button = panel.preview_count, panel.preview_button
        self.preview_summary, self.preview_stale = panel.preview_summary, panel.preview_stale
        self.preview_table = panel.preview_table
        self.preview_button.clicked.connect(self.run_preview)
        panel.rule_set_error.connect(self._show_rule_set_error)
        return panel

    def _build_versions(self) -> QWidget:
        panel = RuleVersionsPanel(self.make_uow, self.jobs, self.lang, self.actor)
        self.versions_panel = panel
        self.note, self.save_button, self.save_status = panel.note, panel.save_button, panel.save_status
        self.versions_list, self.restore_button = panel.versions_list, panel.restore_button
        self.save_button.clicked.connect(self.save)
        self.versions_list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.restore_button.clicked.connect(self.restore_version)
        panel.saved.connect(self._on_saved)
        panel.save_failed.connect(self._on_save_failed)
        panel.restored.connect(self._on_restored)
        panel.restore_failed.connect(lambda _exc: self._update_buttons())
        return panel

    def _set_editable(self) -> None:
        for w in (self.name, self.field_picker, self.function_picker, self.action, self.warehouse,
                  self.gift_sku, self.gift_quantity, self.tag, self.reason, self.keep_together, self.enabled,
                  self.add_button, self.delete_button, self.up_button, self.down_button, self.note,
                  self.save_button, self.restore_button):  # fmt: skip
            w.setEnabled(self.can_edit)
        self.condition.setReadOnly(not self.can_edit)

    # -- loading --------------------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if not self.loaded:
            self.loaded = True
            width = max(self.width(), 900)
            self.middle.setSizes([width * 11 // 20, width * 9 // 20])
            self.bottom.setSizes([width * 2 // 3, width // 3])
            self.load()

    def load(self) -> None:
        """Read the rules in force, their versions and the warehouses (one job); replaces the draft."""
        self.status.setText(self.tr("Loading…"))
        make_uow, actor = self.make_uow, self.actor
        self.jobs.submit(lambda: (current_rules(make_uow, actor), rule_versions(make_uow, actor),
                                  warehouse_choices(make_uow, actor)),
                         self._on_loaded, self._on_load_failed)  # fmt: skip

    def reload(self) -> None:
        question = self.tr("Drop the unsaved changes and read the saved rules again?")
        if self._dirty and not confirm(self, self.tr("Reload the rules"), question):
            return
        self.load()

    def _on_loaded(self, result: tuple[list[dict[str, Any]], list[RuleVersionInfo], list[tuple[str, str]]],
                   ) -> None:  # fmt: skip
        rules, versions, warehouses = result
        self.set_warehouses(warehouses)
        self.saved = [as_draft(r) for r in rules]
        self.editing.draft = copy.deepcopy(self.saved)
        self.versions = versions
        self.versions_panel.show_versions(versions)
        self._update_buttons()
        self.status.setText("")
        self.rule_error.clear()
        self.editing.fill_table(select=0 if self.draft else -1)
        self._update_dirty()

    def _on_load_failed(self, exc: Exception) -> None:
        message = reason_text(exc, self.lang)
        self.status.setText(self.tr("Could not load the rules: %1").replace("%1", message))
        self.status.setStyleSheet(ERROR_STYLE)

    def set_warehouses(self, warehouses: list[tuple[str, str]]) -> None:
        self.warehouses = dict(warehouses)
        self.editing.set_warehouses(warehouses)

    # -- the draft ------------------------------------------------------------------------------------

    @property
    def draft(self) -> list[dict[str, Any]]:
        """The rules as edited here, not yet saved."""
        return self.editing.draft

    @property
    def current(self) -> int:
        """The selected rule's index in the draft, or -1."""
        return self.editing.current

    def add_rule(self) -> None:
        self.editing.add_rule()

    def delete_rule(self) -> None:
        self.editing.delete_rule()

    def move_rule(self, step: int) -> None:
        self.editing.move_rule(step)

    def go_to_error(self) -> None:
        """Select the characters the condition's error is about."""
        self.condition.go_to_error()

    # -- dirty state ----------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        self.preview_panel.mark_stale()
        self._update_dirty()
        self._update_buttons()

    def _update_dirty(self) -> None:
        dirty = comparable(self.draft) != comparable(self.saved)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self._update_title()
        self._update_buttons()

    def _update_title(self) -> None:
        title = self.tr("Rules") + (" *" if self._dirty else "")
        self.title.setText(title)
        self.setWindowTitle(title)
        self.title.setToolTip(self.tr("There are unsaved changes.") if self._dirty else "")

    def _update_buttons(self) -> None:
        i = self.current
        edit = self.can_edit
        self.delete_button.setEnabled(edit and i >= 0)
        self.up_button.setEnabled(edit and i > 0)
        self.down_button.setEnabled(edit and 0 <= i < len(self.draft) - 1)
        self.save_button.setEnabled(edit and self._dirty)
        self.restore_button.setEnabled(edit and self.versions_list.currentRow() > 0)

    # -- dry run, saving and versions -----------------------------------------------------------------

    @property
    def preview(self) -> RulePreview | None:
        """The last dry run's result, or None before the first."""
        return self.preview_panel.result

    def run_preview(self) -> None:
        self.preview_panel.run(copy.deepcopy(self.draft))

    def save(self) -> None:
        if not self.can_edit:
            return
        self.versions_panel.save(copy.deepcopy(self.draft))

    def _on_saved(self, _version: int, draft: list[dict[str, Any]]) -> None:
        self.saved = copy.deepcopy(draft)
        self.status_message.emit(self.save_status.text())
        self._update_dirty()
        self.load()  # the saved rules get their ids; the new version is listed

    def _on_save_failed(self, exc: Exception) -> None:
        self._update_buttons()
        if isinstance(exc, RuleSetError):
            self._show_rule_set_error(exc)

    def _show_rule_set_error(self, exc: RuleSetError) -> None:
        """Select the rule the error is about and show it where it is: in the condition, or under the rule."""
        if not 0 <= exc.index < len(self.draft):
            return
        self.table.setCurrentCell(exc.index, 2)
        message = reason_text(exc, self.lang)
        if exc.position is not None:
            self.condition.show_error(exc, message)
            self.condition.go_to_error()
        else:
            self.rule_error.setText("⚠ " + message)
            self.editor.field_of(self.draft[exc.index]["action"]).setFocus()

    def restore_version(self) -> None:
        if self.can_edit:
            self.versions_panel.restore(self._dirty)

    def _on_restored(self, _version: int) -> None:
        self.status_message.emit(self.save_status.text())
        self.load()
