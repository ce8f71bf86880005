"""The allocation rules editor: the draft rule set in memory, a condition editor checked as you type,
a dry run on real orders before saving, and the saved versions.

Nothing touches the database until 保存 (save) or 恢复此版本 (restore): the draft is a list of rule
dicts edited here, tried with preview_rule_set, and saved whole with save_rule_set. Condition checks
(check_condition, highlight_spans) are pure Python and run on the GUI thread as the user types;
every service call runs in a job.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from ...domain.rules import check_condition, field_help, highlight_spans
from ...domain.rules.expression import RuleSyntaxError, function_help
from ...services.catalog_queries import warehouse_choices
from ...services.rule_preview import HELD, RulePreview, preview_rule_set
from ...services.rule_sets import (
    RuleSetError,
    RuleVersionInfo,
    current_rules,
    roll_back,
    rule_versions,
    save_rule_set,
)
from ...services.unit_of_work import UowFactory
from ..jobs import JobRunner
from ..qt import (
    QAbstractItemView,
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QFont,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSize,
    QSpinBox,
    QSplitter,
    QSyntaxHighlighter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTextCharFormat,
    QTextCursor,
    QVBoxLayout,
    QWidget,
    Signal,
)

ACTIONS = ("assign_warehouse", "add_gift", "add_tag", "hold")
ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #6b7280;"
OK_STYLE = "color: #2e7d32;"


def _utf16_offsets(text: str) -> list[int]:
    """offsets[i] is where Python index i falls in Qt's UTF-16 text (characters beyond the BMP count 2)."""
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return offsets


def _blank_rule() -> dict[str, Any]:
    return {"name": "", "condition": "", "action": "assign_warehouse", "params": {}, "enabled": True,
            "keep_together": False}  # fmt: skip


def _as_draft(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule as this editor keeps it; the same shape normalise_rule gives, so drafts compare equal."""
    return {"name": str(rule.get("name") or ""), "condition": str(rule.get("condition") or ""),
            "action": str(rule.get("action") or ""), "params": dict(rule.get("params") or {}),
            "enabled": bool(rule.get("enabled", True)),
            "keep_together": bool(rule.get("keep_together", False))}  # fmt: skip


def _comparable(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What saving would store, to tell an edit from a change that was typed and then undone."""
    out = []
    for r in rules:
        d = _as_draft(r)
        d["name"], d["condition"] = d["name"].strip(), d["condition"].strip()
        d["params"] = {k: v for k, v in d["params"].items() if v not in ("", None)}
        out.append(d)
    return out


class ClickableLabel(QLabel):
    """A label that says where something is wrong; a click takes the user there.

    Word-wrapped, it asks for the height its text needs at its real width, not the two lines a QLabel
    guesses, so a one-line message leaves no gap under the condition.
    """

    clicked = Signal()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        if self.wordWrap() and self.width() > 0:
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        if self.wordWrap() and event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class ConditionHighlighter(QSyntaxHighlighter):
    """Colours a condition as highlight_spans reads it, and underlines the checker's error in red."""

    def __init__(self, document) -> None:  # noqa: ANN001 - a QTextDocument
        super().__init__(document)
        self._error: tuple[int, int] | None = None
        self._cache: tuple[str, tuple[int, int] | None, list[tuple[int, int, str]]] | None = None
        self.formats: dict[str, QTextCharFormat] = {}
        for kind, colour, bold in (("field", "#1565c0", False), ("string", "#2e7d32", False),
                                   ("number", "#7b1fa2", False), ("operator", "", True),
                                   ("keyword", "", True)):  # fmt: skip
            fmt = QTextCharFormat()
            if colour:
                fmt.setForeground(QColor(colour))
            if bold:
                fmt.setFontWeight(QFont.Weight.Bold)
            self.formats[kind] = fmt
        self.wavy = QTextCharFormat()
        self.wavy.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.wavy.setUnderlineColor(QColor("#d32f2f"))

    def set_error(self, span: tuple[int, int] | None) -> None:
        """Underline `span` (Python start, length in the whole text) as the checker's error."""
        if span != self._error:
            self._error = span
            self.rehighlight()

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(UTF-16 start, length, kind) over the whole text: the tokens, then "error" for the checker's."""
        if self._cache and self._cache[0] == text and self._cache[1] == self._error:
            return self._cache[2]
        offsets = _utf16_offsets(text)
        out = []
        for start, length, kind in highlight_spans(text):
            end = min(start + length, len(text))
            out.append((offsets[start], offsets[end] - offsets[start], kind))
        if self._error is not None and text:
            start, length = self._error
            start = min(max(start, 0), len(text))
            if length <= 0 or start >= len(text):  # something is missing here: mark the character before
                start, length = max(0, min(start, len(text)) - 1), 1
            end = min(start + length, len(text))
            out.append((offsets[start], offsets[end] - offsets[start], "error"))
        self._cache = (text, self._error, out)
        return out

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        block = self.currentBlock()
        first, last = block.position(), block.position() + len(_utf16_offsets(text)) - 1
        for start, length, kind in self.spans(self.document().toPlainText()):
            a, b = max(start, first), min(start + length, last)
            if b <= a:
                continue
            if kind == "error":
                for i in range(a - first, b - first):
                    fmt = QTextCharFormat(self.format(i))
                    fmt.merge(self.wavy)
                    self.setFormat(i, 1, fmt)
            elif kind in self.formats:
                self.setFormat(a - first, b - a, self.formats[kind])


class RulesView(QWidget):
    """The rule set editor.

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
        self.draft: list[dict[str, Any]] = []
        self.saved: list[dict[str, Any]] = []
        self.versions: list[RuleVersionInfo] = []
        self.warehouses: dict[str, str] = {}
        self.preview: RulePreview | None = None
        self.loaded = False
        self._dirty = False
        self._filling = False  # True while the editor is being filled from the draft
        self._preview_ticket = 0
        self._build()
        self._set_editable()
        self._show_rule(-1)
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
        self.table = QTableWidget(0, 5, objectName="rulesTable")
        self.table.setHorizontalHeaderLabels([self.tr("#"), self.tr("On"), self.tr("Name"),
                                              self.tr("Condition"), self.tr("Action")])  # fmt: skip
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 34), (1, 40), (2, 150), (4, 150)):
            self.table.setColumnWidth(col, width)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._show_rule(row))
        self.table.itemChanged.connect(self._on_item_changed)
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
        self.editor = QGroupBox(objectName="ruleEditor")
        self.name = QLineEdit(objectName="ruleName",
                              placeholderText=self.tr("What the rule is for, e.g. 江浙沪发苏州仓"))  # fmt: skip
        self.condition = QPlainTextEdit(objectName="ruleCondition")
        self.condition.setPlaceholderText(self.tr('e.g. 收货省 in ["江苏", "浙江", "上海"] and 订单金额 >= 99'))
        self.condition.setTabChangesFocus(True)
        font = self.condition.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.2)
        self.condition.setFont(font)
        self.condition.setFixedHeight(self.condition.fontMetrics().lineSpacing() * 3 + 14)
        self.highlighter = ConditionHighlighter(self.condition.document())
        self.condition_error = ClickableLabel(objectName="conditionError")
        self.condition_error.setTextFormat(Qt.TextFormat.PlainText)
        self.condition_error.setWordWrap(True)
        self.condition_error.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.condition_error.clicked.connect(self.go_to_error)
        self._error_span: tuple[int, int] | None = None
        self.field_picker = QComboBox(objectName="fieldPicker")
        self.field_picker.addItem(self.tr("Insert a field…"), None)
        for f in field_help(self.lang):
            description = str(f["description"])
            short = description if len(description) <= 24 else description[:23] + "…"
            self.field_picker.addItem(f"{f['name']} — {short}", f["name"])
            examples = "、".join(str(e) for e in f["examples"])
            tip = description + (("\n" + self.tr("Examples: %1").replace("%1", examples)) if examples else "")
            self.field_picker.setItemData(self.field_picker.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.field_picker.activated.connect(self._insert_field)
        self.function_picker = QComboBox(objectName="functionPicker")
        self.function_picker.addItem(self.tr("Insert a function…"), None)
        for fn in function_help(self.lang):
            self.function_picker.addItem(f"{fn['name']} — {fn['description']}", fn["example"])
            self.function_picker.setItemData(self.function_picker.count() - 1, fn["example"],
                                             Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        self.function_picker.activated.connect(self._insert_function)
        for combo in (self.field_picker, self.function_picker):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.view().setMinimumWidth(420)
        pickers = QHBoxLayout()
        pickers.addWidget(self.field_picker, 3)
        pickers.addWidget(self.function_picker, 2)
        self.action = QComboBox(objectName="ruleAction")
        for key, label in zip(ACTIONS, (self.tr("Assign warehouse"), self.tr("Add gift"), self.tr("Add tag"),
                                        self.tr("Hold for review")), strict=True):  # fmt: skip
            self.action.addItem(label, key)
        self.warehouse = QComboBox(objectName="ruleWarehouse")
        self.warehouse.addItem(self.tr("Choose a warehouse…"), "")
        self.gift_sku = QLineEdit(objectName="ruleGiftSku",
                                  placeholderText=self.tr("SKU of the gift, e.g. GIFT-TOWEL"))  # fmt: skip
        self.gift_quantity = QSpinBox(objectName="ruleGiftQuantity", minimum=1, maximum=99)
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
        outer = QVBoxLayout(self.editor)
        outer.addLayout(form)
        outer.addStretch(1)  # extra height goes below the rule, not into the rows
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Condition"), self.condition)
        form.addRow("", self.condition_error)
        form.addRow("", pickers)
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
        self.name.textEdited.connect(lambda text: self._edit(name=text))
        self.condition.textChanged.connect(self._on_condition_changed)
        self.action.currentIndexChanged.connect(lambda _i: self._on_action_changed())
        self.warehouse.currentIndexChanged.connect(
            lambda _i: self._edit_param("warehouse", self.warehouse.currentData()))
        self.gift_sku.textEdited.connect(lambda text: self._edit_param("gift_sku", text.strip()))
        self.gift_quantity.valueChanged.connect(lambda n: self._edit_param("gift_quantity", n))
        self.tag.textEdited.connect(lambda text: self._edit_param("tag", text.strip()))
        self.reason.textEdited.connect(lambda text: self._edit_param("reason", text.strip()))
        self.keep_together.toggled.connect(lambda on: self._edit(keep_together=on))
        self.enabled.toggled.connect(lambda on: self._edit(enabled=on))
        return self.editor

    def _build_preview(self) -> QWidget:
        box = QGroupBox(self.tr("Dry run: what would these rules do?"), objectName="previewBox")
        self.preview_count = QSpinBox(objectName="previewCount", minimum=10, maximum=100_000, singleStep=500)
        self.preview_count.setValue(1000)
        self.preview_count.setSuffix(self.tr(" orders"))
        self.preview_button = QPushButton(self.tr("Dry run"), objectName="previewButton")
        self.preview_button.setToolTip(
            self.tr("Plan the newest orders with the rules as edited here; nothing is saved."))
        self.preview_button.clicked.connect(self.run_preview)
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
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(self.preview_summary)
        layout.addWidget(self.preview_stale)
        layout.addWidget(self.preview_table, 1)
        return box

    def _build_versions(self) -> QWidget:
        box = QGroupBox(self.tr("Save and versions"), objectName="versionsBox")
        self.note = QLineEdit(objectName="saveNote",
                              placeholderText=self.tr("What changed (optional), e.g. 618 大促"))  # fmt: skip
        self.save_button = QPushButton(self.tr("Save"), objectName="saveButton")
        self.save_button.setToolTip(
            self.tr("Check every rule and make this set the one in force, as a new version."))
        self.save_button.clicked.connect(self.save)
        self.save_status = QLabel(objectName="saveStatus")
        self.save_status.setWordWrap(True)
        self.save_status.setTextFormat(Qt.TextFormat.PlainText)
        self.versions_list = QListWidget(objectName="versionsList")
        self.versions_list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.restore_button = QPushButton(self.tr("Restore this version"), objectName="restoreButton")
        self.restore_button.clicked.connect(self.restore_version)
        save_row = QHBoxLayout()
        save_row.addWidget(self.note, 1)
        save_row.addWidget(self.save_button)
        layout = QVBoxLayout(box)
        layout.addLayout(save_row)
        layout.addWidget(self.save_status)
        layout.addWidget(QLabel(self.tr("Versions")))
        layout.addWidget(self.versions_list, 1)
        layout.addWidget(self.restore_button)
        return box

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
        if self._dirty and not self._confirm(self.tr("Reload the rules"), question):
            return
        self.load()

    def _on_loaded(self, result: tuple[list[dict[str, Any]], list[RuleVersionInfo], list[tuple[str, str]]],
                   ) -> None:  # fmt: skip
        rules, versions, warehouses = result
        self.set_warehouses(warehouses)
        self.saved = [_as_draft(r) for r in rules]
        self.draft = copy.deepcopy(self.saved)
        self._show_versions(versions)
        self.status.setText("")
        self.rule_error.clear()
        self._fill_table(select=0 if self.draft else -1)
        self._update_dirty()

    def _on_load_failed(self, exc: Exception) -> None:
        self.status.setText(self.tr("Could not load the rules: %1").replace("%1", self._reason(exc)))
        self.status.setStyleSheet(ERROR_STYLE)

    def set_warehouses(self, warehouses: list[tuple[str, str]]) -> None:
        self.warehouses = dict(warehouses)
        self._filling, was = True, self._filling
        keep = self.warehouse.currentData()
        self.warehouse.clear()
        self.warehouse.addItem(self.tr("Choose a warehouse…"), "")
        for code, name in warehouses:
            self.warehouse.addItem(f"{name} ({code})", code)
        self._select_warehouse(keep or "")
        self._filling = was

    def _select_warehouse(self, code: str) -> None:
        i = self.warehouse.findData(code)
        if i < 0 and code:  # a warehouse no longer active: keep it visible rather than lose it
            self.warehouse.addItem(self.tr("%1 (inactive)").replace("%1", code), code)
            i = self.warehouse.count() - 1
        self.warehouse.setCurrentIndex(max(i, 0))

    def _show_versions(self, versions: list[RuleVersionInfo]) -> None:
        self.versions = versions
        self.versions_list.clear()
        for n, v in enumerate(versions):
            at = v.at.astimezone().strftime("%Y-%m-%d %H:%M") if hasattr(v.at, "astimezone") else str(v.at)
            text = self.tr("Version %1 · %2 · %3").replace("%1", str(v.version)).replace("%2", at)
            text = text.replace("%3", v.username or "")
            if n == 0:
                text += " " + self.tr("(in force)")
            text += "\n    " + self.tr("%n rule(s)", "", v.rule_count) + (f" · {v.note}" if v.note else "")
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, v.version)
            self.versions_list.addItem(item)
        self._update_buttons()

    # -- the rule table -------------------------------------------------------------------------------

    def _fill_table(self, select: int | None = None) -> None:
        row = self.table.currentRow() if select is None else select
        self._filling, was = True, self._filling
        self.table.setRowCount(len(self.draft))
        for i in range(len(self.draft)):
            self._fill_row(i)
        self._filling = was
        row = min(row, len(self.draft) - 1)
        if row >= 0:
            self.table.setCurrentCell(row, 2)
        else:
            self.table.setCurrentCell(-1, -1)
        self._show_rule(row)

    def _fill_row(self, i: int) -> None:
        r = self.draft[i]
        was, self._filling = self._filling, True
        number = QTableWidgetItem(str(i + 1))
        number.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        on = QTableWidgetItem()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.can_edit:
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
        action = QTableWidgetItem(self._action_summary(r))
        action.setToolTip(action.text())
        cells = (number, on, name, condition, action)
        if not r["enabled"]:
            for item in (number, name, condition, action):
                item.setForeground(QBrush(QColor("#9e9e9e")))
        for col, item in enumerate(cells):
            self.table.setItem(i, col, item)
        self._filling = was

    def _action_summary(self, r: dict[str, Any]) -> str:
        p = r["params"]
        action = r["action"]
        if action == "assign_warehouse":
            code = str(p.get("warehouse") or "")
            text = self.tr("To %1").replace("%1", self.warehouses.get(code, code) or "?")
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

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 1 or not self.can_edit:
            return
        i = item.row()
        if 0 <= i < len(self.draft):
            on = item.checkState() == Qt.CheckState.Checked
            if self.draft[i]["enabled"] != on:
                self.draft[i]["enabled"] = on
                self._fill_row(i)
                if i == self.current:
                    self._filling = True
                    self.enabled.setChecked(on)
                    self._filling = False
                self._changed()

    @property
    def current(self) -> int:
        row = self.table.currentRow()
        return row if 0 <= row < len(self.draft) else -1

    def add_rule(self) -> None:
        at = self.current + 1 if self.current >= 0 else len(self.draft)
        self.draft.insert(at, _blank_rule())
        self._fill_table(select=at)
        self._changed()
        self.name.setFocus()

    def delete_rule(self) -> None:
        i = self.current
        if i < 0:
            return
        del self.draft[i]
        self._fill_table(select=min(i, len(self.draft) - 1))
        self._changed()

    def move_rule(self, step: int) -> None:
        i, j = self.current, self.current + step
        if i < 0 or not 0 <= j < len(self.draft):
            return
        self.draft[i], self.draft[j] = self.draft[j], self.draft[i]
        self._fill_table(select=j)
        self._changed()

    # -- the editor -----------------------------------------------------------------------------------

    def _show_rule(self, row: int) -> None:
        if self._filling:
            return
        rule = self.draft[row] if 0 <= row < len(self.draft) else None
        self._filling = True
        self.rule_error.clear()
        self.editor.setEnabled(rule is not None)
        title = self.tr("Rule %1").replace("%1", str(row + 1)) if rule else self.tr("No rule selected")
        self.editor.setTitle(title)
        r = rule or _blank_rule()
        p = r["params"]
        self.name.setText(r["name"])
        if self.condition.toPlainText() != r["condition"]:
            self.condition.setPlainText(r["condition"])
        self.action.setCurrentIndex(max(0, self.action.findData(r["action"])))
        self._select_warehouse(str(p.get("warehouse") or ""))
        self.gift_sku.setText(str(p.get("gift_sku") or ""))
        self.gift_quantity.setValue(int(p.get("gift_quantity") or 1))
        self.tag.setText(str(p.get("tag") or ""))
        self.reason.setText(str(p.get("reason") or ""))
        self.keep_together.setChecked(r["keep_together"])
        self.enabled.setChecked(r["enabled"])
        self._show_params(r["action"])
        self._filling = False
        self._check_condition()
        self._update_buttons()

    def _show_params(self, action: str) -> None:
        rows = {self.warehouse: "assign_warehouse", self.gift_sku: "add_gift", self.gift_quantity: "add_gift",
                self.tag: "add_tag", self.reason: "hold", self.keep_together: "assign_warehouse"}  # fmt: skip
        for widget, wanted in rows.items():
            if widget is self.keep_together:
                widget.setVisible(action == wanted)
            else:
                self.form.setRowVisible(widget, action == wanted)

    def _edit(self, **changes: Any) -> None:
        i = self.current
        if self._filling or i < 0 or not self.can_edit:
            return
        if all(self.draft[i].get(k) == v for k, v in changes.items()):
            return
        self.draft[i].update(changes)
        self.rule_error.clear()
        self._fill_row(i)
        self._changed()

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
        self.rule_error.clear()
        self._fill_row(i)
        self._changed()

    def _on_action_changed(self) -> None:
        action = self.action.currentData()
        self._show_params(action)
        if self._filling or self.current < 0:
            return
        r = self.draft[self.current]
        if r["action"] != action:
            r["action"] = action
            # the parameters that belong to the new action, as the widgets show them
            wanted = {"assign_warehouse": {"warehouse": self.warehouse.currentData()},
                      "add_gift": {"gift_sku": self.gift_sku.text().strip(),
                                   "gift_quantity": self.gift_quantity.value()},
                      "add_tag": {"tag": self.tag.text().strip()},
                      "hold": {"reason": self.reason.text().strip()}}[action]  # fmt: skip
            keep = {k: v for k, v in r["params"].items() if k == "id"}
            r["params"] = keep | {k: v for k, v in wanted.items() if v not in ("", None)}
            self.rule_error.clear()
            self._fill_row(self.current)
            self._changed()

    def _on_condition_changed(self) -> None:
        self._check_condition()
        if self._filling:
            return
        self._edit(condition=self.condition.toPlainText())

    def _check_condition(self) -> None:
        """Check the condition as typed and say at once what is wrong, and where."""
        text = self.condition.toPlainText()
        if not text.strip():
            self._show_condition_error(None)
            self.condition_error.setStyleSheet(HINT_STYLE)
            hint = self.tr('Write a condition, e.g. 收货省 in ["江苏", "浙江"]; pick fields from the list below.')
            self.condition_error.setText(hint)
            return
        self._show_condition_error(check_condition(text))

    def _show_condition_error(self, error: RuleSyntaxError | RuleSetError | None, message: str = "") -> None:
        if error is None or getattr(error, "position", None) is None:
            self._error_span = None
            self.highlighter.set_error(None)
            self.condition_error.setCursor(Qt.CursorShape.ArrowCursor)
            self.condition_error.setToolTip("")
            self.condition_error.setStyleSheet(OK_STYLE)
            self.condition_error.setText(self.tr("✓ The condition is correct.") if error is None else "")
            return
        self._error_span = (error.position, getattr(error, "length", 0) or 0)
        self.highlighter.set_error(self._error_span)
        self.condition_error.setStyleSheet(ERROR_STYLE)
        self.condition_error.setText("⚠ " + (message or error.reason(self.lang)))
        self.condition_error.setToolTip(self.tr("Click to put the cursor where the error is."))
        self.condition_error.setCursor(Qt.CursorShape.PointingHandCursor)

    def go_to_error(self) -> None:
        """Select the characters the error is about (or put the cursor where something is missing)."""
        if self._error_span is None:
            return
        text = self.condition.toPlainText()
        offsets = _utf16_offsets(text)
        start = min(max(self._error_span[0], 0), len(text))
        end = min(start + max(self._error_span[1], 0), len(text))
        cursor = self.condition.textCursor()
        cursor.setPosition(offsets[start])
        cursor.setPosition(offsets[end], QTextCursor.MoveMode.KeepAnchor)
        self.condition.setTextCursor(cursor)
        self.condition.setFocus()

    def _insert_field(self, index: int) -> None:
        name = self.field_picker.itemData(index)
        self.field_picker.setCurrentIndex(0)
        if name:
            self._insert_text(str(name))

    def _insert_function(self, index: int) -> None:
        example = self.function_picker.itemData(index)
        self.function_picker.setCurrentIndex(0)
        if example:
            self._insert_text(str(example))

    def _insert_text(self, text: str) -> None:
        """Insert at the cursor, with a space before it when it would run into the previous word."""
        if not self.can_edit or self.current < 0:
            return
        cursor = self.condition.textCursor()
        before = self.condition.toPlainText()[: cursor.position()][-1:]
        if before and not before.isspace() and before not in "([（【,，":
            text = " " + text
        cursor.insertText(text)
        self.condition.setTextCursor(cursor)
        self.condition.setFocus()

    # -- dirty state ----------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        if self.preview is not None:
            self.preview_stale.setVisible(True)
        self._update_dirty()
        self._update_buttons()

    def _update_dirty(self) -> None:
        dirty = _comparable(self.draft) != _comparable(self.saved)
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

    # -- dry run --------------------------------------------------------------------------------------

    def run_preview(self) -> None:
        draft, n = copy.deepcopy(self.draft), self.preview_count.value()
        self._preview_ticket += 1
        ticket = self._preview_ticket
        refocus = self.preview_button.hasFocus()  # disabling the button would hand focus to the table
        self.preview_button.setEnabled(False)
        self.preview_summary.setStyleSheet("")
        self.preview_summary.setText(self.tr("Trying the rules on up to %n order(s)…", "", n))
        make_uow, actor = self.make_uow, self.actor

        def done(result: RulePreview) -> None:
            if ticket == self._preview_ticket:
                self.preview_button.setEnabled(True)
                if refocus:
                    self.preview_button.setFocus()
                self._show_preview(result)

        def failed(exc: Exception) -> None:
            if ticket != self._preview_ticket:
                return
            self.preview_button.setEnabled(True)
            if refocus:
                self.preview_button.setFocus()
            self.preview_summary.setStyleSheet(ERROR_STYLE)
            self.preview_summary.setText(self.tr("Dry run refused: %1").replace("%1", self._reason(exc)))
            if isinstance(exc, RuleSetError):
                self._show_rule_set_error(exc)

        self.jobs.submit(lambda: preview_rule_set(make_uow, actor, draft, orders=n), done, failed)

    def _outcome_label(self, outcome: str) -> str:
        if outcome == HELD:
            return self.tr("Held")
        name = self.warehouses.get(outcome)
        return f"{name} ({outcome})" if name else outcome

    def _show_preview(self, p: RulePreview) -> None:
        """The dry run's result. A move from no warehouse (an order never allocated, or one the service
        holds no shipment for) is not a change of warehouse, so it is counted on its own."""
        self.preview = p
        self.preview_stale.setVisible(False)
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
        self.preview_summary.setText(summary.replace("%2", self._sep().join(parts)))
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
            change = self._sep().join(parts) if parts else self.tr("no change")
            cells = (self._outcome_label(outcome), share, change, ", ".join(p.examples.get(outcome, [])))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if outcome == HELD:
                    item.setForeground(QBrush(QColor("#c62828")))
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview_table.setItem(row, col, item)

    # -- saving and versions --------------------------------------------------------------------------

    def save(self) -> None:
        if not self.can_edit:
            return
        draft, note = copy.deepcopy(self.draft), self.note.text().strip()
        self.save_button.setEnabled(False)
        self.save_status.setStyleSheet("")
        self.save_status.setText(self.tr("Checking and saving…"))
        make_uow, actor = self.make_uow, self.actor

        def done(version: int) -> None:
            self.saved = copy.deepcopy(draft)
            self.note.clear()
            self.save_status.setStyleSheet(OK_STYLE)
            self.save_status.setText(self.tr("Saved as version %1.").replace("%1", str(version)))
            self.status_message.emit(self.save_status.text())
            self._update_dirty()
            self.load()  # the saved rules get their ids; the new version is listed

        def failed(exc: Exception) -> None:
            self.save_status.setStyleSheet(ERROR_STYLE)
            self.save_status.setText(self.tr("Not saved: %1").replace("%1", self._reason(exc)))
            self._update_buttons()
            if isinstance(exc, RuleSetError):
                self._show_rule_set_error(exc)

        self.jobs.submit(lambda: save_rule_set(make_uow, actor, draft, note), done, failed)

    def _show_rule_set_error(self, exc: RuleSetError) -> None:
        """Select the rule the error is about and show it where it is: in the condition, or under the rule."""
        if not 0 <= exc.index < len(self.draft):
            return
        self.table.setCurrentCell(exc.index, 2)
        message = self._reason(exc)
        if exc.position is not None:
            self._show_condition_error(exc, message)
            self.go_to_error()
        else:
            self.rule_error.setText("⚠ " + message)
            target = {"assign_warehouse": self.warehouse, "add_gift": self.gift_sku, "add_tag": self.tag,
                      "hold": self.reason}.get(self.draft[exc.index]["action"], self.name)  # fmt: skip
            target.setFocus()

    def restore_version(self) -> None:
        item = self.versions_list.currentItem()
        if item is None or not self.can_edit:
            return
        version = int(item.data(Qt.ItemDataRole.UserRole))
        text = self.tr("Put the rules of version %1 back in force? They are saved as a new version.")
        text = text.replace("%1", str(version))
        if self._dirty:
            text += "\n" + self.tr("Your unsaved changes are dropped.")
        if not self._confirm(self.tr("Restore this version"), text):
            return
        self.restore_button.setEnabled(False)
        make_uow, actor = self.make_uow, self.actor

        def done(new_version: int) -> None:
            self.save_status.setStyleSheet(OK_STYLE)
            self.save_status.setText(self.tr("Version %1 restored as version %2.").replace("%1", str(version))
                                     .replace("%2", str(new_version)))  # fmt: skip
            self.status_message.emit(self.save_status.text())
            self.load()

        def failed(exc: Exception) -> None:
            self.save_status.setStyleSheet(ERROR_STYLE)
            self.save_status.setText(self._reason(exc))
            self._update_buttons()

        self.jobs.submit(lambda: roll_back(make_uow, actor, version), done, failed)

    # -- helpers --------------------------------------------------------------------------------------

    def _sep(self) -> str:
        return ", " if self.lang.startswith("en") else "，"

    def _confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _reason(self, exc: Exception) -> str:
        reason: Callable[[str], str] | None = getattr(exc, "reason", None)
        return reason(self.lang) if callable(reason) else str(exc)
