"""Editing the draft rule set: keeps the rule table and the rule form in step with the list of rule dicts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..qt import QObject, Qt, QTableWidgetItem, Signal
from .rule_form import RuleForm
from .rule_table import RuleTable
from .rules_shared import blank_rule


class RuleDraftEditor(QObject):
    """The draft (`draft`, a list of rule dicts): the table lists it, the form shows the selected rule.

    Selecting a row shows that rule in the form; what is typed in the form edits the selected rule and
    refreshes its row. Nothing here touches the database. `warehouses()` names the warehouse codes.

    Signals:
        changed(): the draft was edited (a field, a rule added, deleted, moved, switched on or off).
        shown(): another rule, or none, is now shown in the form.
    """

    changed = Signal()
    shown = Signal()

    def __init__(self, table: RuleTable, form: RuleForm, can_edit: bool,
                 warehouses: Callable[[], Mapping[str, str]],
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.table, self.form, self.can_edit, self.warehouses = table, form, can_edit, warehouses
        self.draft: list[dict[str, Any]] = []
        self._filling = False  # True while the editor is being filled from the draft
        table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self.show_rule(row))
        table.itemChanged.connect(self._on_item_changed)
        form.name.textEdited.connect(lambda text: self._edit(name=text))
        form.condition.textChanged.connect(self._on_condition_changed)
        form.action.currentIndexChanged.connect(lambda _i: self._on_action_changed())
        form.warehouse.currentIndexChanged.connect(
            lambda _i: self._edit_param("warehouse", form.warehouse.currentData()))
        form.gift_sku.textEdited.connect(lambda text: self._edit_param("gift_sku", text.strip()))
        form.gift_quantity.valueChanged.connect(lambda n: self._edit_param("gift_quantity", n))
        form.tag.textEdited.connect(lambda text: self._edit_param("tag", text.strip()))
        form.reason.textEdited.connect(lambda text: self._edit_param("reason", text.strip()))
        form.keep_together.toggled.connect(lambda on: self._edit(keep_together=on))
        form.enabled.toggled.connect(lambda on: self._edit(enabled=on))

    @property
    def current(self) -> int:
        """The selected rule's index in the draft, or -1."""
        row = self.table.currentRow()
        return row if 0 <= row < len(self.draft) else -1

    def set_warehouses(self, warehouses: list[tuple[str, str]]) -> None:
        """New warehouse choices for the form, without that counting as an edit."""
        self._filling, was = True, self._filling
        self.form.set_warehouses(warehouses)
        self._filling = was

    # -- the rule table -------------------------------------------------------------------------------

    def fill_table(self, select: int | None = None) -> None:
        """List the whole draft and select row `select` (None: the current row), or none when -1."""
        row = self.table.currentRow() if select is None else select
        self._filling, was = True, self._filling
        self.table.setRowCount(len(self.draft))
        for i in range(len(self.draft)):
            self.fill_row(i)
        self._filling = was
        row = min(row, len(self.draft) - 1)
        if row >= 0:
            self.table.setCurrentCell(row, 2)
        else:
            self.table.setCurrentCell(-1, -1)
        self.show_rule(row)

    def fill_row(self, i: int) -> None:
        was, self._filling = self._filling, True
        self.table.show_rule(i, self.draft[i], self.warehouses(), self.can_edit)
        self._filling = was

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1 or not self.can_edit:
            return
        i = item.row()
        if 0 <= i < len(self.draft):
            on = item.checkState() == Qt.CheckState.Checked
            if self.draft[i]["enabled"] != on:
                self.draft[i]["enabled"] = on
                self.fill_row(i)
                if i == self.current:
                    self._filling = True
                    self.form.enabled.setChecked(on)
                    self._filling = False
                self.changed.emit()

    def add_rule(self) -> None:
        at = self.current + 1 if self.current >= 0 else len(self.draft)
        self.draft.insert(at, blank_rule())
        self.fill_table(select=at)
        self.changed.emit()
        self.form.name.setFocus()

    def delete_rule(self) -> None:
        i = self.current
        if i < 0:
            return
        del self.draft[i]
        self.fill_table(select=min(i, len(self.draft) - 1))
        self.changed.emit()

    def move_rule(self, step: int) -> None:
        i, j = self.current, self.current + step
        if i < 0 or not 0 <= j < len(self.draft):
            return
        self.draft[i], self.draft[j] = self.draft[j], self.draft[i]
        self.fill_table(select=j)
        self.changed.emit()

    # -- the form -------------------------------------------------------------------------------------

    def show_rule(self, row: int) -> None:
        """Show rule `row` in the form (an empty, disabled form when there is no such rule)."""
        if self._filling:
            return
        rule = self.draft[row] if 0 <= row < len(self.draft) else None
        self._filling = True
        self.form.rule_error.clear()
        self.form.setEnabled(rule is not None)
        self.form.show_rule(row, rule)
        self._filling = False
        self.form.condition.check()
        self.shown.emit()

    def _edit(self, **changes: Any) -> None:
        i = self.current
        if self._filling or i < 0 or not self.can_edit:
            return
        if all(self.draft[i].get(k) == v for k, v in changes.items()):
            return
        self.draft[i].update(changes)
        self.form.rule_error.clear()
        self.fill_row(i)
        self.changed.emit()

    def _edit_param(self, key: str, value: Any) -> None:
        i = self.current
        if self._filling or i < 0 or not self.can_edit:
            return
        params = self.draft[i]["params"]
        if params.get(key) == value:
            return
        if value in ("", None):
            params.pop(key, None)
        else:
            params[key] = value
        self.form.rule_error.clear()
        self.fill_row(i)
        self.changed.emit()

    def _on_action_changed(self) -> None:
        action = self.form.action.currentData()
        self.form.show_params(action)
        if self._filling or self.current < 0:
            return
        r = self.draft[self.current]
        if r["action"] != action:
            r["action"] = action
            wanted = self.form.params_of(action)
            keep = {k: v for k, v in r["params"].items() if k == "id"}
            r["params"] = keep | {k: v for k, v in wanted.items() if v not in ("", None)}
            self.form.rule_error.clear()
            self.fill_row(self.current)
            self.changed.emit()

    def _on_condition_changed(self) -> None:
        self.form.condition.check()
        if self._filling:
            return
        self._edit(condition=self.form.condition.toPlainText())
