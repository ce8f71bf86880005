"""Which dated backup files to keep: a pure rule, tested without a clock or a disk."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

PREFIX = "orderdesk-"
_NAME = re.compile(r"^orderdesk-(\d{8}-\d{6})\.(db|dump)$")


def backup_name(at: datetime, suffix: str = "db") -> str:
    """`orderdesk-20261203-193000.db`: sorts by time, names no database and no user."""
    return f"{PREFIX}{at:%Y%m%d-%H%M%S}.{suffix}"


def taken_at(name: str) -> datetime | None:
    """When a backup of ours was taken, from its name; None for any other file (never deleted)."""
    m = _NAME.match(name)
    return datetime.strptime(m[1], "%Y%m%d-%H%M%S") if m else None


def backups_to_delete(names: Iterable[str], keep: int) -> list[str]:
    """The names to delete so that only the newest `keep` backups of ours remain (keep >= 1);
    files that are not our backups are never chosen."""
    ours = sorted((t, n) for n in names if (t := taken_at(n)) is not None)
    keep = max(1, keep)
    return [n for _t, n in ours[:-keep]]


def backup_due(last: datetime | None, now: datetime, every_hours: float = 24.0) -> bool:
    """The scheduled backup runs when none was taken yet, or the last one is `every_hours` old."""
    return last is None or (now - last).total_seconds() >= every_hours * 3600
