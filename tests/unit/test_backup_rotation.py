"""The daily backup keeps the newest N of its own files and never deletes anything else."""

from __future__ import annotations

from datetime import datetime, timedelta

from orderdesk.domain.backups import backup_due, backup_name, backups_to_delete, taken_at


def test_only_the_newest_n_of_our_backups_are_kept() -> None:
    start = datetime(2026, 11, 20, 2, 0)
    names = [backup_name(start + timedelta(days=d)) for d in (3, 0, 5, 1, 4, 2)]  # listed in any order
    doomed = backups_to_delete(names, keep=3)
    assert doomed == [backup_name(start + timedelta(days=d)) for d in (0, 1, 2)]


def test_other_files_in_the_folder_are_never_chosen() -> None:
    names = ["orderdesk.db", "notes.txt", "orderdesk-2026.db", "orderdesk-20261120-020000.db.partial",
             backup_name(datetime(2026, 11, 20, 2)), backup_name(datetime(2026, 11, 21, 2), "dump")]
    assert backups_to_delete(names, keep=1) == ["orderdesk-20261120-020000.db"]
    assert backups_to_delete(names, keep=5) == []


def test_keep_is_at_least_one_so_a_setting_of_zero_never_empties_the_folder() -> None:
    names = [backup_name(datetime(2026, 11, 20, 2)), backup_name(datetime(2026, 11, 21, 2))]
    assert backups_to_delete(names, keep=0) == [names[0]]


def test_names_sort_by_time_and_read_back() -> None:
    at = datetime(2026, 12, 3, 19, 30, 5)
    assert backup_name(at) == "orderdesk-20261203-193005.db" and taken_at(backup_name(at)) == at


def test_a_backup_is_due_once_a_day() -> None:
    now = datetime(2026, 12, 3, 12, 0)
    assert backup_due(None, now)
    assert not backup_due(now - timedelta(hours=23, minutes=59), now)
    assert backup_due(now - timedelta(hours=24), now)
