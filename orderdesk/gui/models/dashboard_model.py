"""The dashboard's data on the GUI side: the last snapshot, reloaded in the background when another
station changes something (or every POLL_MS when no change feed is available)."""

from __future__ import annotations

import time
from collections.abc import Callable

from ...services.dashboard import DashboardSnapshot, dashboard_snapshot
from ...services.report_ports import ChangeFeed
from ...services.unit_of_work import UowFactory
from ..change_watcher import ChangeWatcher
from ..errors import error_text
from ..jobs import JobRunner
from ..qt import QObject, QTimer, Signal

POLL_MS = 30_000


class DashboardModel(QObject):
    """Signals:
        updated(object): a new DashboardSnapshot.
        failed(str): loading failed (the message says why).

    Attributes:
        snapshot: the last DashboardSnapshot (None before the first load).
        loaded_at: time.monotonic() of the last load's end.
    """

    updated = Signal(object)
    failed = Signal(str)

    def __init__(self, make_uow: UowFactory, jobs: JobRunner, actor: str, lang: str,
                 open_feed: Callable[[], ChangeFeed] | None = None, unpacked_hours: float = 4.0) -> None:  # fmt: skip
        super().__init__()
        self.make_uow, self.jobs, self.actor, self.lang = make_uow, jobs, actor, lang
        self.unpacked_hours = unpacked_hours
        self.snapshot: DashboardSnapshot | None = None
        self.loaded_at = 0.0
        self._loading = self._again = False
        self.watcher = ChangeWatcher(open_feed) if open_feed is not None else None
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.refresh)
        if self.watcher is not None:
            self.watcher.changed.connect(self.refresh)
            self.watcher.failed.connect(lambda _m: self.timer.start())

    def start(self) -> None:
        """Load now and follow changes from here on."""
        self.refresh()
        if self.watcher is not None and not self.watcher.isRunning():
            self.watcher.start()
        elif self.watcher is None:
            self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.watcher is not None:
            self.watcher.stop()

    def refresh(self) -> None:
        """One load at a time; a change during a load asks for one more load after it."""
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        make_uow, actor, hours = self.make_uow, self.actor, self.unpacked_hours
        self.jobs.submit(lambda: dashboard_snapshot(make_uow, actor, unpacked_hours=hours), self._loaded, self._failed)

    def _loaded(self, snap: DashboardSnapshot) -> None:
        self._loading = False
        self.snapshot, self.loaded_at = snap, time.monotonic()
        self.updated.emit(snap)
        if self._again:
            self.refresh()

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.failed.emit(error_text(exc, self.lang))
        if self._again:
            self.refresh()
