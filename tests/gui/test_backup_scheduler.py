"""The daily backup: due once a day, into the chosen folder, keeping the newest N; off without a folder."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from orderdesk.bootstrap import open_store
from orderdesk.gui.backup_scheduler import FOLDER_KEY, KEEP_KEY, LAST_KEY, BackupScheduler
from orderdesk.gui.qt import QSettings
from orderdesk.store.backup import check_backup

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path: Path):  # noqa: ANN201 - this PC's own SQLite database
    s = open_store(f"sqlite:///{tmp_path / 'pc.db'}", create=True)
    yield s
    s.close()


def test_daily_backups_rotate_and_a_second_check_the_same_day_does_nothing(qtbot, jobs, store, tmp_path: Path) -> None:  # noqa: ANN001
    settings = QSettings(str(tmp_path / "pc.ini"), QSettings.Format.IniFormat)
    clock = [datetime(2026, 12, 1, 9, 0)]
    scheduler = BackupScheduler(store.engine, jobs, settings, now=lambda: clock[0])
    assert not scheduler.check()  # no folder chosen: off
    folder = tmp_path / "backups"
    settings.setValue(FOLDER_KEY, str(folder))
    settings.setValue(KEEP_KEY, 2)
    made = []
    for day in range(3):
        clock[0] = datetime(2026, 12, 1, 9, 0) + timedelta(days=day)
        with qtbot.waitSignal(scheduler.done, timeout=10_000) as sig:
            assert scheduler.check()
        made.append(Path(sig.args[0]))
        clock[0] += timedelta(hours=5)
        assert not scheduler.check()  # the same day: not again
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in made[-2:])
    assert check_backup(made[-1]) and settings.value(LAST_KEY) == "2026-12-03T09:00:00"
