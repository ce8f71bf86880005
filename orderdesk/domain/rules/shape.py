"""The shape of a rule set as people hand it in (a JSON file, the editor, `rules add`): types, sizes
and nesting are checked here, before any rule is compiled or anything is written.

One set of limits serves the CLI, the file import and the editor, so a rule accepted in one place is
accepted in all of them.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from ..errors import DomainError

MAX_FILE_BYTES = 1_000_000  # a thousand rules fit in a tenth of this
MAX_RULES = 1000
MAX_NAME = 100
MAX_CONDITION = 2000
MAX_TEXT = 200  # warehouse, gift SKU, tag, hold reason
MAX_GIFT_QUANTITY = 99  # the editor's spin box offers 1-99 too
MAX_RULE_ID = 2**31 - 1
MAX_PREVIEW_ORDERS = 1_000_000  # recent orders a rule preview may run over
TEXT_PARAMS = ("warehouse", "gift_sku", "tag", "reason")


class RuleShapeError(DomainError):
    """A rule (0-based `index`, or None for the file as a whole) is not shaped like a rule."""

    def __init__(self, zh: str, en: str, index: int | None = None, name: str = "") -> None:
        super().__init__(zh, en)
        self.index, self.name = index, name


def parse_rule_file(data: bytes, label: str) -> list[dict[str, Any]]:
    """A rules file's bytes as a list of rules (`[...]` or `{"rules": [...]}`), or a RuleShapeError."""
    if len(data) > MAX_FILE_BYTES:
        raise RuleShapeError(f"{label} 太大（超过 {MAX_FILE_BYTES // 1000} KB），不像规则文件",
                             f"{label} is too large (over {MAX_FILE_BYTES // 1000} KB) for a rules file")  # fmt: skip
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RuleShapeError(f"{label} 不是 UTF-8 编码的文本", f"{label} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise RuleShapeError(f"{label} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）",
                             f"{label} is not valid JSON (line {exc.lineno}, column {exc.colno})") from None  # fmt: skip
    except (RecursionError, ValueError):  # nested too deeply, or a number of thousands of digits
        raise RuleShapeError(f"{label} 嵌套过深或数字过长，不是规则文件",
                             f"{label} is nested too deeply or holds an over-long number") from None  # fmt: skip
    rules = parsed.get("rules") if isinstance(parsed, dict) else parsed
    if not isinstance(rules, list):
        raise RuleShapeError(f"{label} 中没有规则列表", f"{label} holds no list of rules")
    check_rule_count(len(rules))
    try:
        return [normalise_rule(r, i) for i, r in enumerate(rules)]
    except RuleShapeError as exc:
        where = exc.index + 1 if exc.index is not None else 0
        raise RuleShapeError(f"{label} 第 {where} 条规则「{exc.name or where}」：{exc.zh}",
                             f"{label} rule {where} ({exc.name or where}): {exc.en}", exc.index, exc.name) from None  # fmt: skip


def check_rule_count(count: int) -> None:
    if count > MAX_RULES:
        raise RuleShapeError(f"规则过多：{count} 条（最多 {MAX_RULES} 条）", f"Too many rules: {count} (at most {MAX_RULES})")


def normalise_rule(raw: object, index: int = 0) -> dict[str, Any]:
    """A rule as stored: name, condition, action, params, enabled, keep_together; wrong types refused."""
    if not isinstance(raw, dict):
        raise RuleShapeError("不是一条规则（应为 JSON 对象）", "not a rule (a JSON object is expected)", index)
    name = _text(raw.get("name"), index, "", "名称", "name", MAX_NAME)
    shown = name or f"#{index + 1}"
    params = raw.get("params")
    if params is not None and not isinstance(params, dict):
        raise RuleShapeError("params 应为 JSON 对象", "params must be a JSON object", index, shown)
    return {
        "name": name,
        "condition": _text(raw.get("condition"), index, shown, "条件", "condition", MAX_CONDITION, lines=True),
        "action": _text(raw.get("action"), index, shown, "动作", "action", MAX_TEXT),
        "params": _params(params or {}, index, shown),
        "enabled": _flag(raw.get("enabled", True), index, shown, "enabled"),
        "keep_together": _flag(raw.get("keep_together", False), index, shown, "keep_together"),
    }


def _params(params: dict[str, Any], index: int, name: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if value is None or value == "":
            continue
        if key in TEXT_PARAMS:
            out[key] = _text(value, index, name, key, key, MAX_TEXT)
        elif key == "gift_quantity":
            out[key] = _whole(value, index, name, "赠品数量", "gift quantity", MAX_GIFT_QUANTITY)
        elif key == "id":
            out[key] = _whole(value, index, name, "规则编号", "rule id", MAX_RULE_ID)
        else:
            out[key] = _scalar(value, index, name, key)
    return out


def _text(value: object, index: int, name: str, zh: str, en: str, limit: int, lines: bool = False) -> str:
    """Text without control characters (line breaks allowed in conditions), NFC, trimmed, bounded."""
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise RuleShapeError(f"{zh} 应为文字", f"{en} must be text", index, name)
    text = unicodedata.normalize("NFC", str(value)).strip()
    allowed = "\n\r\t" if lines else ""
    if any(_bad_char(c) and c not in allowed for c in text):
        raise RuleShapeError(f"{zh} 含有控制字符或无效字符", f"{en} holds control or invalid characters", index, name)
    if len(text) > limit:
        raise RuleShapeError(f"{zh} 过长（{len(text)} 个字符，最多 {limit} 个）",
                             f"{en} is too long ({len(text)} characters, at most {limit})", index, name)  # fmt: skip
    return text


def _bad_char(c: str) -> bool:
    """Control characters and lone surrogates (undecodable bytes from a terminal) cannot be stored."""
    return unicodedata.category(c) in ("Cc", "Cs")


def _whole(value: object, index: int, name: str, zh: str, en: str, top: int) -> int:
    number = int(value) if isinstance(value, str) and value.strip().isdigit() and len(value) < 12 else value
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= top:
        raise RuleShapeError(f"{zh} 应为 1–{top} 的整数", f"{en} must be a whole number from 1 to {top}", index, name)
    return number


def _flag(value: object, index: int, name: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise RuleShapeError(f"{key} 应为 true 或 false", f"{key} must be true or false", index, name)
    return value


def _scalar(value: object, index: int, name: str, key: str) -> object:
    """Parameters this version does not use are kept, if they are plain short values."""
    if isinstance(value, str):
        return _text(value, index, name, key, key, MAX_TEXT)
    if isinstance(value, bool) or (isinstance(value, int) and abs(value) <= MAX_RULE_ID):
        return value
    raise RuleShapeError(f"参数 {key} 应为简短的文字或整数", f"parameter {key} must be short text or a whole number",
                         index, name)  # fmt: skip
