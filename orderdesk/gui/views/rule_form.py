"""The rules editor's form for the selected rule: name, condition, action and the action's parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ...domain.rules.shape import MAX_GIFT_QUANTITY
from .condition_editor import ConditionEditor
from .rules_shared import ACTIONS, ERROR_STYLE, blank_rule


class RuleForm(QGroupBox):
    """The widgets of one rule. It shows a rule; the owner listens to the widgets and edits its draft.

    Only the parameters of the chosen action are shown. `may_insert()` is the condition editor's.
    """

    def __init__(self, lang: str, may_insert: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleEditor")
        self.name = QLineEdit(objectName="ruleName",
                              placeholderText=self.tr("What the rule is for, e.g. 江浙沪发苏州仓"))  # fmt: skip
        self.condition = ConditionEditor(lang, may_insert, objectName="ruleCondition")
        self.action = QComboBox(objectName="ruleAction")
        for key, label in zip(ACTIONS, (self.tr("Assign warehouse"), self.tr("Add gift"), self.tr("Add tag"),
                                        self.tr("Hold for review")), strict=True):  # fmt: skip
            self.action.addItem(label, key)
        self.warehouse = QComboBox(objectName="ruleWarehouse")
        self.warehouse.addItem(self.tr("Choose a warehouse…"), "")
        self.gift_sku = QLineEdit(objectName="ruleGiftSku",
                                  placeholderText=self.tr("SKU of the gift, e.g. GIFT-TOWEL"))  # fmt: skip
        self.gift_quantity = QSpinBox(objectName="ruleGiftQuantity", minimum=1, maximum=MAX_GIFT_QUANTITY)
        self.tag = QLineEdit(objectName="ruleTag", placeholderText=self.tr("e.g. 加急"))
        self.reason = QLineEdit(objectName="ruleReason")
        self.reason.setPlaceholderText(self.tr("Shown on the held order, e.g. 大额订单请核对地址"))
        self.keep_together = QCheckBox(self.tr("Keep the order together (one warehouse, no split)"),
                                       objectName="ruleKeepTogether")  # fmt: skip
        self.enabled = QCheckBox(self.tr("Enabled"), objectName="ruleEnabled")
        self.rule_error = QLabel(objectName="ruleError")
        self.rule_error.setWordWrap(True)
        self.rule_error.setStyleSheet(ERROR_STYLE)
        self.rule_error.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addStretch(1)  # extra height goes below the rule, not into the rows
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Condition"), self.condition)
        form.addRow("", self.condition.error_label)
        form.addRow("", self.condition.pickers)
        form.addRow(self.tr("Action"), self.action)
        form.addRow(self.tr("Warehouse"), self.warehouse)
        form.addRow(self.tr("Gift SKU"), self.gift_sku)
        form.addRow(self.tr("Gift quantity"), self.gift_quantity)
        form.addRow(self.tr("Tag"), self.tag)
        form.addRow(self.tr("Reason"), self.reason)
        options = QHBoxLayout()
        options.addWidget(self.enabled)
        options.addWidget(self.keep_together)
        options.addStretch(1)
        form.addRow("", options)
        form.addRow("", self.rule_error)
        self.form = form

    def show_rule(self, row: int, rule: dict[str, Any] | None) -> None:
        """Show rule number `row` (0-based), or an empty form titled "no rule selected" for None."""
        title = self.tr("Rule %1").replace("%1", str(row + 1)) if rule else self.tr("No rule selected")
        self.setTitle(title)
        r = rule or blank_rule()
        p = r["params"]
        self.name.setText(r["name"])
        if self.condition.toPlainText() != r["condition"]:
            self.condition.setPlainText(r["condition"])
        self.action.setCurrentIndex(max(0, self.action.findData(r["action"])))
        self.select_warehouse(str(p.get("warehouse") or ""))
        self.gift_sku.setText(str(p.get("gift_sku") or ""))
        self.gift_quantity.setValue(int(p.get("gift_quantity") or 1))
        self.tag.setText(str(p.get("tag") or ""))
        self.reason.setText(str(p.get("reason") or ""))
        self.keep_together.setChecked(r["keep_together"])
        self.enabled.setChecked(r["enabled"])
        self.show_params(r["action"])

    def show_params(self, action: str) -> None:
        """Show the rows of `action`'s parameters, hide the others."""
        rows = {self.warehouse: "assign_warehouse", self.gift_sku: "add_gift", self.gift_quantity: "add_gift",
                self.tag: "add_tag", self.reason: "hold", self.keep_together: "assign_warehouse"}  # fmt: skip
        for widget, wanted in rows.items():
            if widget is self.keep_together:
                widget.setVisible(action == wanted)
            else:
                self.form.setRowVisible(widget, action == wanted)

    def params_of(self, action: str) -> dict[str, Any]:
        """The parameters that belong to `action`, as the widgets show them."""
        return {"assign_warehouse": {"warehouse": self.warehouse.currentData()},
                "add_gift": {"gift_sku": self.gift_sku.text().strip(),
                             "gift_quantity": self.gift_quantity.value()},
                "add_tag": {"tag": self.tag.text().strip()},
                "hold": {"reason": self.reason.text().strip()}}[action]  # fmt: skip

    def field_of(self, action: str) -> QWidget:
        """The widget of `action`'s main parameter, where the user fixes what is wrong with it."""
        return {"assign_warehouse": self.warehouse, "add_gift": self.gift_sku, "add_tag": self.tag,
                "hold": self.reason}.get(action, self.name)  # fmt: skip

    def set_warehouses(self, warehouses: list[tuple[str, str]]) -> None:
        """The warehouse choices, (code, name) each; the chosen one stays chosen."""
        keep = self.warehouse.currentData()
        self.warehouse.clear()
        self.warehouse.addItem(self.tr("Choose a warehouse…"), "")
        for code, name in warehouses:
            self.warehouse.addItem(f"{name} ({code})", code)
        self.select_warehouse(keep or "")

    def select_warehouse(self, code: str) -> None:
        i = self.warehouse.findData(code)
        if i < 0 and code:  # a warehouse no longer active: keep it visible rather than lose it
            self.warehouse.addItem(self.tr("%1 (inactive)").replace("%1", code), code)
            i = self.warehouse.count() - 1
        self.warehouse.setCurrentIndex(max(i, 0))
