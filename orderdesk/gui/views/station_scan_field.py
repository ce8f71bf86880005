"""The pack station's scan field: raw keystrokes from a USB scanner, Enter-terminated, input method off.

A scanner is a keyboard that types a code and presses Enter (or Tab) within a few milliseconds. The
field takes the keys as they come: an input method (a Chinese IME left on) is switched off for it,
and anything an IME still commits is dropped, so it can never compose or mangle a code; full-width
characters that a layout or IME produces are made half-width by the service (`clean_scan`). Every
terminated code is emitted at once and the field is empty again before the next key arrives, so
scans typed back-to-back are never merged. The field takes the focus back whenever it can.
"""

from __future__ import annotations

from ..qt import QApplication, QEvent, QInputMethodEvent, QKeyEvent, QLineEdit, Qt, QTimer, QWidget, Signal

TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
COMMANDS = {  # keys the bench uses without a mouse: (key, modifiers) -> command
    (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier): "undo",
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier): "leave",
    (Qt.Key.Key_F9, Qt.KeyboardModifier.NoModifier): "override",
}


class ScanField(QLineEdit):
    """One line that only ever holds the scan being typed.

    Signals:
        scanned(str): a code terminated by Enter/Tab (as typed; empty codes are not emitted).
        command(str): "undo" (Ctrl+Z), "leave" (Esc) or "override" (F9).
    """

    scanned = Signal(str)
    command = Signal(str)

    def __init__(self, parent: QWidget | None = None, commands: bool = True, keep_focus: bool = True,
                 **kwargs: object) -> None:  # fmt: skip
        super().__init__(parent, **kwargs)
        self.commands, self.keep_focus = commands, keep_focus
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText
                                 | Qt.InputMethodHint.ImhPreferLatin)  # fmt: skip
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setMaxLength(200)

    # -- keys ---------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in TERMINATORS:
            event.accept()
            self._terminate()
            return
        name = self._command_of(event)
        if name is not None:
            event.accept()
            self.command.emit(name)
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:  # noqa: A003 - Qt override
        # Tab must reach keyPressEvent (a scanner may end codes with it), not move the focus; and
        # Ctrl+Z must be ours (the station's undo), not the line edit's own text undo.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in TERMINATORS or self._command_of(event) is not None:
                event.accept()
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Tab:
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def _command_of(self, event: QKeyEvent) -> str | None:
        if not self.commands:
            return None
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return COMMANDS.get((Qt.Key(event.key()), Qt.KeyboardModifier(mods)))

    def _terminate(self) -> None:
        code = self.text()
        self.clear()
        if code.strip():
            self.scanned.emit(code)

    # -- input methods --------------------------------------------------------------------------------

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 - Qt override
        """An IME that is on anyway (some ignore the widget's wish) composes nothing here: its preedit
        and its commit are dropped, the raw keys typed so far stay as they are."""
        event.accept()

    def inputMethodQuery(self, query):  # noqa: ANN001, ANN201, N802 - Qt override
        if query == Qt.InputMethodQuery.ImEnabled:
            return False
        return super().inputMethodQuery(query)

    # -- focus ----------------------------------------------------------------------------------------

    def focusOutEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().focusOutEvent(event)
        if self.keep_focus:
            QTimer.singleShot(0, self.reclaim_focus)

    def reclaim_focus(self, activate: bool = False) -> None:
        """Take the keyboard back unless a dialog (or another of our windows) has it or the field is
        hidden. `activate`: our own dialog just closed, so bring our window to the front again too."""
        if not self.isVisible() or self.hasFocus() or not self.isEnabled():
            return
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return
        active = QApplication.activeWindow()
        if active is not None and active is not self.window():
            return  # another of our windows is in front: it keeps its keyboard
        if active is None and activate:
            self.window().activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # the focus widget of our window, active or not
