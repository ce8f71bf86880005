"""The allocation rule set in force and its saved versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .models import AllocationRuleRow, RuleSetVersion, User


@dataclass(frozen=True)
class RuleRecord:
    """One rule as stored; `params` holds the action's arguments (warehouse, gift, tag, reason)."""

    id: int
    position: int
    name: str
    condition: str
    action: str
    params: dict[str, Any]
    enabled: bool
    keep_together: bool

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "condition": self.condition, "action": self.action, "params": self.params,
                "enabled": self.enabled, "keep_together": self.keep_together}  # fmt: skip


@dataclass(frozen=True)
class VersionRecord:
    version: int
    at: datetime
    username: str
    note: str
    rules: list[dict[str, Any]]


class RuleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def current(self) -> list[RuleRecord]:
        rows = self.session.scalars(select(AllocationRuleRow).order_by(AllocationRuleRow.position))
        return [RuleRecord(r.id, r.position, r.name, r.condition, r.action, dict(r.params or {}), r.enabled,
                           r.keep_together) for r in rows]  # fmt: skip

    def replace(self, rules: Sequence[dict[str, Any]], user_id: int, note: str, now: datetime) -> int:
        """Make `rules` the rule set in force and snapshot it as a new version; returns the version."""
        self.session.execute(delete(AllocationRuleRow))
        for pos, r in enumerate(rules, start=1):
            self.session.add(AllocationRuleRow(position=pos, name=r["name"], condition=r["condition"],
                                               action=r["action"], params=r.get("params", {}),
                                               enabled=r.get("enabled", True),
                                               keep_together=r.get("keep_together", False)))  # fmt: skip
        version = (self.session.scalar(select(func.max(RuleSetVersion.version))) or 0) + 1
        self.session.add(RuleSetVersion(version=version, at=now, user_id=user_id, note=note, rules=list(rules)))
        self.session.flush()
        return version

    def versions(self) -> list[VersionRecord]:
        stmt = select(RuleSetVersion, User.username).join(User, User.id == RuleSetVersion.user_id)
        return [VersionRecord(v.version, v.at, name, v.note, list(v.rules))
                for v, name in self.session.execute(stmt.order_by(RuleSetVersion.version.desc()))]  # fmt: skip

    def version(self, number: int) -> VersionRecord | None:
        return next((v for v in self.versions() if v.version == number), None)
