"""What the rules editor's parts share: the actions, message styles, a draft rule's shape, asking, telling."""

from __future__ import annotations

from typing import Any

from ..qt import QMessageBox, QWidget
from ..errors import error_text

ACTIONS = ("assign_warehouse", "add_gift", "add_tag", "hold")
ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #6b7280;"
OK_STYLE = "color: #2e7d32;"


def blank_rule() -> dict[str, Any]:
    return {"name": "", "condition": "", "action": "assign_warehouse", "params": {}, "enabled": True,
            "keep_together": False}  # fmt: skip


def as_draft(rule: dict[str, Any]) -> dict[str, Any]:
    """A rule as this editor keeps it; the same shape normalise_rule gives, so drafts compare equal."""
    return {"name": str(rule.get("name") or ""), "condition": str(rule.get("condition") or ""),
            "action": str(rule.get("action") or ""), "params": dict(rule.get("params") or {}),
            "enabled": bool(rule.get("enabled", True)),
            "keep_together": bool(rule.get("keep_together", False))}  # fmt: skip


def comparable(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What saving would store, to tell an edit from a change that was typed and then undone."""
    out = []
    for r in rules:
        d = as_draft(r)
        d["name"], d["condition"] = d["name"].strip(), d["condition"].strip()
        d["params"] = {k: v for k, v in d["params"].items() if v not in ("", None)}
        out.append(d)
    return out


def reason_text(exc: Exception, lang: str) -> str:
    """What went wrong, in `lang` when the error can say it in more than one language."""
    return error_text(exc, lang)


def list_separator(lang: str) -> str:
    return ", " if lang.startswith("en") else "，"


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes/no question; No is the default."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
