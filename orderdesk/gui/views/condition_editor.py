"""The rules editor's condition box: coloured and checked as you type, with the error under it and pickers.

The checks (check_condition, highlight_spans) are pure Python and run on the GUI thread as the user types.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.rules import check_condition, field_help, highlight_spans
from ...domain.rules.expression import RuleSyntaxError, function_help
from ...services.rule_sets import RuleSetError
from ..qt import (
    QColor,
    QComboBox,
    QFont,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSize,
    QSyntaxHighlighter,
    Qt,
    QTextCharFormat,
    QTextCursor,
    Signal,
)
from .rules_shared import ERROR_STYLE, HINT_STYLE, OK_STYLE


def utf16_offsets(text: str) -> list[int]:
    """offsets[i] is where Python index i falls in Qt's UTF-16 text (characters beyond the BMP count 2)."""
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return offsets


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
        offsets = utf16_offsets(text)
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
        first, last = block.position(), block.position() + len(utf16_offsets(text)) - 1
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


class ConditionEditor(QPlainTextEdit):
    """The condition as typed, with what goes with it in the rule form: `error_label` under it says
    what is wrong and where (a click selects it), `pickers` insert a field or a function at the cursor.

    `may_insert()` says whether the pickers may change the text now (the user may edit, a rule is
    selected). The owner calls check() when the text changes.
    """

    def __init__(self, lang: str, may_insert: Callable[[], bool], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.may_insert = may_insert
        self.setPlaceholderText(self.tr('e.g. 收货省 in ["江苏", "浙江", "上海"] and 订单金额 >= 99'))
        self.setTabChangesFocus(True)
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.2)
        self.setFont(font)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.highlighter = ConditionHighlighter(self.document())
        self.error_label = ClickableLabel(objectName="conditionError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.error_label.clicked.connect(self.go_to_error)
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
        self.pickers = QHBoxLayout()
        self.pickers.addWidget(self.field_picker, 3)
        self.pickers.addWidget(self.function_picker, 2)

    def check(self) -> None:
        """Check the condition as typed and say at once what is wrong, and where."""
        text = self.toPlainText()
        if not text.strip():
            self.show_error(None)
            self.error_label.setStyleSheet(HINT_STYLE)
            hint = self.tr('Write a condition, e.g. 收货省 in ["江苏", "浙江"]; pick fields from the list below.')
            self.error_label.setText(hint)
            return
        self.show_error(check_condition(text))

    def show_error(self, error: RuleSyntaxError | RuleSetError | None, message: str = "") -> None:
        """Underline the error's characters and say what is wrong (`message`, else the error's reason)."""
        if error is None or getattr(error, "position", None) is None:
            self._error_span = None
            self.highlighter.set_error(None)
            self.error_label.setCursor(Qt.CursorShape.ArrowCursor)
            self.error_label.setToolTip("")
            self.error_label.setStyleSheet(OK_STYLE)
            self.error_label.setText(self.tr("✓ The condition is correct.") if error is None else "")
            return
        self._error_span = (error.position, getattr(error, "length", 0) or 0)
        self.highlighter.set_error(self._error_span)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setText("⚠ " + (message or error.reason(self.lang)))
        self.error_label.setToolTip(self.tr("Click to put the cursor where the error is."))
        self.error_label.setCursor(Qt.CursorShape.PointingHandCursor)

    def go_to_error(self) -> None:
        """Select the characters the error is about (or put the cursor where something is missing)."""
        if self._error_span is None:
            return
        text = self.toPlainText()
        offsets = utf16_offsets(text)
        start = min(max(self._error_span[0], 0), len(text))
        end = min(start + max(self._error_span[1], 0), len(text))
        cursor = self.textCursor()
        cursor.setPosition(offsets[start])
        cursor.setPosition(offsets[end], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.setFocus()

    def _insert_field(self, index: int) -> None:
        name = self.field_picker.itemData(index)
        self.field_picker.setCurrentIndex(0)
        if name:
            self.insert_text(str(name))

    def _insert_function(self, index: int) -> None:
        example = self.function_picker.itemData(index)
        self.function_picker.setCurrentIndex(0)
        if example:
            self.insert_text(str(example))

    def insert_text(self, text: str) -> None:
        """Insert at the cursor, with a space before it when it would run into the previous word."""
        if not self.may_insert():
            return
        cursor = self.textCursor()
        before = self.toPlainText()[: cursor.position()][-1:]
        if before and not before.isspace() and before not in "([（【,，":
            text = " " + text
        cursor.insertText(text)
        self.setTextCursor(cursor)
        self.setFocus()
