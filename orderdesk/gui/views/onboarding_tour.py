"""The first-login tour: a bubble over the main window walking through three steps, each choosing a
page and highlighting its entry in the navigation. Never takes the keyboard focus (a packer's
scanner keeps typing into the scan field); "Skip tour" or the last step's "Done" remembers it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...domain.onboarding import TourStep
from ..qt import QColor, QFrame, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal


class TourBubble(QFrame):
    """Signals:
        finished(str): "done" after the last step, "dismissed" when skipped.

    Attributes:
        index: the step on screen.
    """

    finished = Signal(str)

    def __init__(self, steps: Sequence[TourStep], lang: str, show_step: Callable[[TourStep], QWidget | None],
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("tourBubble")
        self.steps, self.lang, self.show_step = list(steps), lang, show_step
        self.index = 0
        self.setStyleSheet("#tourBubble { background: #fff8e1; border: 3px solid #f9a825; border-radius: 8px; }"
                           " QLabel { font-size: 16px; }")  # fmt: skip
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counter = QLabel(objectName="tourCounter")
        self.text = QLabel(objectName="tourText", wordWrap=True)
        self.next_button = QPushButton(objectName="tourNext")
        self.skip_button = QPushButton(self.tr("Skip tour"), objectName="tourSkip")
        for b in (self.next_button, self.skip_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(self.next)
        self.skip_button.clicked.connect(lambda: self._end("dismissed"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.highlighted: QWidget | None = None
        self._show()

    def next(self) -> None:
        if self.index + 1 >= len(self.steps):
            self._end("done")
            return
        self.index += 1
        self._show()

    def _show(self) -> None:
        step = self.steps[self.index]
        self.counter.setText(self.tr("Step %1 of %2").replace("%1", str(self.index + 1)).replace("%2", str(len(self.steps))))
        self.text.setText(step.text(self.lang))
        last = self.index + 1 == len(self.steps)
        self.next_button.setText(self.tr("Done") if last else self.tr("Next"))
        self.show_step(step)
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        parent = self.parentWidget()
        width = min(460, max(300, parent.width() // 3))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move(parent.width() - width - 24, parent.height() - self.height() - 48)

    def _end(self, outcome: str) -> None:
        self.hide()
        self.finished.emit(outcome)


HIGHLIGHT = QColor("#ffe082")
