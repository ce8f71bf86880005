"""The rules editor's list of the draft's rules: one row each, with a live check of its condition."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...domain.rules import check_condition
from ..qt import QAbstractItemView, QBrush, QColor, QHeaderView, Qt, QTableWidget, QTableWidgetItem, QWidget


class RuleTable(QTableWidget):
    """Number, on/off, name, condition (red when it does not compile) and what the rule does."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.lang = lang
        self.setObjectName("rulesTable")
        self.setHorizontalHeaderLabels([self.tr("#"), self.tr("On"), self.tr("Name"),
                                        self.tr("Condition"), self.tr("Action")])  # fmt: skip
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 34), (1, 40), (2, 150), (4, 150)):
            self.setColumnWidth(col, width)

    def show_rule(self, i: int, r: dict[str, Any], warehouses: Mapping[str, str], can_edit: bool) -> None:
        """Fill row `i` with rule `r`; its on/off box can be ticked only when `can_edit`."""
        number = QTableWidgetItem(str(i + 1))
        number.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        on = QTableWidgetItem()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if can_edit:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        on.setFlags(flags)
        on.setCheckState(Qt.CheckState.Checked if r["enabled"] else Qt.CheckState.Unchecked)
        on.setToolTip(self.tr("Enabled") if r["enabled"] else self.tr("Disabled: kept, but not used"))
        name = QTableWidgetItem(r["name"] or self.tr("(no name)"))
        condition = QTableWidgetItem(" ".join(r["condition"].split()))
        error = check_condition(r["condition"]) if r["condition"].strip() else None
        if error is not None or not r["condition"].strip():
            condition.setForeground(QBrush(QColor("#c62828")))
            condition.setToolTip(error.reason(self.lang) if error else self.tr("The condition is empty."))
        else:
            condition.setToolTip(r["condition"])
        action = QTableWidgetItem(self.action_summary(r, warehouses))
        action.setToolTip(action.text())
        cells = (number, on, name, condition, action)
        if not r["enabled"]:
            for item in (number, name, condition, action):
                item.setForeground(QBrush(QColor("#9e9e9e")))
        for col, item in enumerate(cells):
            self.setItem(i, col, item)

    def action_summary(self, r: dict[str, Any], warehouses: Mapping[str, str]) -> str:
        """What rule `r` does, in a few words; `warehouses` names the warehouse codes."""
        p = r["params"]
        action = r["action"]
        if action == "assign_warehouse":
            code = str(p.get("warehouse") or "")
            text = self.tr("To %1").replace("%1", warehouses.get(code, code) or "?")
            if r["keep_together"]:
                text += " " + self.tr("(no split)")
        elif action == "add_gift":
            text = self.tr("Gift %1 ×%2").replace("%1", str(p.get("gift_sku") or "?"))
            text = text.replace("%2", str(p.get("gift_quantity") or 1))
        elif action == "add_tag":
            text = self.tr("Tag %1").replace("%1", str(p.get("tag") or "?"))
        elif action == "hold":
            text = self.tr("Hold for review")
            if p.get("reason"):
                text += f"：{p['reason']}" if not self.lang.startswith("en") else f": {p['reason']}"
        else:
            text = action
        return text
