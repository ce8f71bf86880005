"""Lock a shared station after a quiet spell, so the next person cannot act under someone else's name."""

from __future__ import annotations

from .qt import QEvent, QObject, QSettings, QTimer, Signal

IDLE_KEY = "security/idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10
_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}  # fmt: skip


def idle_minutes() -> int:
    """Minutes from settings; 0 switches the lock off."""
    try:
        return max(0, int(QSettings().value(IDLE_KEY, DEFAULT_IDLE_MINUTES)))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES


class IdleWatcher(QObject):
    """Installed as an application event filter; any key or mouse activity restarts the count.

    Signals:
        idle(): nothing happened for the configured time.
    """

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.interval_ms = minutes * 60_000
        self.restart()

    def restart(self) -> None:
        if self.interval_ms > 0:
            self.timer.start(self.interval_ms)
        else:
            self.timer.stop()

    def pause(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start(self.interval_ms)
        return False
