"""The daily backup of this PC's database into a folder the user chose, keeping the newest N.

Settings (QSettings, per PC): backup/folder (empty = off), backup/keep (default 14), backup/last
(ISO time of the last backup). Checked at start and then every hour; the copy runs in the job pool
(SQLite's online backup: stations keep working), never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path


from ..domain.backups import backup_due
from ..bootstrap import scheduled_backup
from .jobs import JobRunner
from .qt import QObject, QSettings, QTimer, Signal

FOLDER_KEY, KEEP_KEY, LAST_KEY = "backup/folder", "backup/keep", "backup/last"
DEFAULT_KEEP = 14
CHECK_EVERY_MS = 3_600_000


class BackupScheduler(QObject):
    """Signals: done(str) the file written; failed(str) why not (shown in the status bar)."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, engine: object, jobs: JobRunner, settings: QSettings | None = None,
                 now: Callable[[], datetime] = datetime.now, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.engine, self.jobs, self.now = engine, jobs, now
        self.settings = settings if settings is not None else QSettings()
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.check)

    def check(self) -> bool:
        """Start a backup when one is due; True when one was started."""
        folder = str(self.settings.value(FOLDER_KEY, "") or "")
        if not folder or self.running or not backup_due(self._last(), self.now()):
            return False
        keep = int(self.settings.value(KEEP_KEY, DEFAULT_KEEP) or DEFAULT_KEEP)
        self.running = True
        engine, at = self.engine, self.now()
        self.jobs.submit(lambda: scheduled_backup(engine, Path(folder), keep, at, create_folder=True), lambda p: self._done(p, at),
                         self._failed)  # fmt: skip
        return True

    def _last(self) -> datetime | None:
        raw = str(self.settings.value(LAST_KEY, "") or "")
        try:
            return datetime.fromisoformat(raw) if raw else None
        except ValueError:
            return None

    def _done(self, path: Path, at: datetime) -> None:
        self.running = False
        self.settings.setValue(LAST_KEY, at.isoformat(timespec="seconds"))
        self.settings.sync()
        self.done.emit(str(path))

    def _failed(self, exc: Exception) -> None:
        self.running = False
        self.failed.emit(str(getattr(exc, "en", None) or exc))
