"""Hears other stations' changes off the GUI thread and says so with a signal (no table is read)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..services.report_ports import ChangeFeed
from .qt import QThread, Signal

log = logging.getLogger(__name__)
WAIT_S = 0.25  # how long one wait blocks: also how quickly the thread notices it should stop


class ChangeWatcher(QThread):
    """Signals:
        changed(): something was committed by another connection (PostgreSQL NOTIFY, SQLite's
            data_version moved); listeners re-read what they show.
        failed(str): the feed could not be opened or broke; listeners fall back to polling.
    """

    changed = Signal()
    failed = Signal(str)

    def __init__(self, open_feed: Callable[[], ChangeFeed]) -> None:
        super().__init__()
        self.open_feed = open_feed

    def run(self) -> None:
        try:
            feed = self.open_feed()  # its connection belongs to this thread
        except Exception as exc:  # noqa: BLE001 - said through the signal, never lost
            log.warning("change feed unavailable: %s", exc)
            self.failed.emit(str(exc))
            return
        try:
            while not self.isInterruptionRequested():
                if feed.wait(WAIT_S):
                    self.changed.emit()
        except Exception as exc:  # noqa: BLE001
            log.warning("change feed stopped: %s", exc)
            self.failed.emit(str(exc))
        finally:
            feed.close()

    def stop(self) -> None:
        self.requestInterruption()
        self.wait(3000)
