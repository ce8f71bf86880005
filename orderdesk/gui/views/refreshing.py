"""Views that poll the database only while someone can see them."""

from __future__ import annotations


class RefreshWhileVisible:
    """Mix into a QWidget (before it) that has `self.timer` (a QTimer) and `refresh()`: the view loads
    when shown and polls on its timer only while it is visible."""

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)  # type: ignore[misc]
        self.refresh()  # type: ignore[attr-defined]
        self.timer.start()  # type: ignore[attr-defined]

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().hideEvent(event)  # type: ignore[misc]
        self.timer.stop()  # type: ignore[attr-defined]
