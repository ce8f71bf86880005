"""The four functions a condition may call (包含, 开头是, 结尾是, 包含任一), their help text and lookup."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _contains(text: Any, part: Any) -> bool:
    return part in text


def _startswith(text: Any, prefix: Any) -> bool:
    return text.startswith(prefix if isinstance(prefix, str) else tuple(prefix))


def _endswith(text: Any, suffix: Any) -> bool:
    return text.endswith(suffix if isinstance(suffix, str) else tuple(suffix))


def _contains_any(text: Any, parts: Any) -> bool:
    return any(p in text for p in parts)


@dataclass(frozen=True)
class Function:
    key: str
    zh: str
    impl: Callable[[Any, Any], bool]
    first: tuple[str, ...]  # field types the first argument may have
    second: tuple[str, ...]  # "str" (a literal or a text field) and/or "seq" (a list of literals)
    description_zh: str
    description_en: str
    example: str

    def description(self, lang: str = "zh") -> str:
        return self.description_en if lang.startswith("en") else self.description_zh


FUNCTIONS: tuple[Function, ...] = (
    Function("contains", "包含", _contains, ("str", "list"), ("str",),
             "文字里含有某段文字，或标签里有某个标签", "text contains a piece of text, or the tags include a tag",
             '包含(买家备注, "加急")'),
    Function("startswith", "开头是", _startswith, ("str",), ("str", "seq"),
             "文字以某段文字开头（可给一个列表，任一即可）", "text starts with a prefix (or any prefix of a list)",
             '开头是(SKU, "BASIN-")'),
    Function("endswith", "结尾是", _endswith, ("str",), ("str", "seq"),
             "文字以某段文字结尾（可给一个列表，任一即可）", "text ends with a suffix (or any suffix of a list)",
             '结尾是(商品名称, "蓝色")'),
    Function("contains_any", "包含任一", _contains_any, ("str", "list"), ("seq",),
             "文字含有列表中任一段文字，或标签中有列表中任一标签",
             "text contains any of the listed pieces, or the tags include any of them",
             '包含任一(买家备注, ["加急", "急用"])'),
)  # fmt: skip
FUNCTION_HELP = FUNCTIONS
_FUNCTION_BY_NAME = {**{f.zh: f for f in FUNCTIONS}, **{f.key: f for f in FUNCTIONS}}


def lookup_function(name: str) -> Function | None:
    name = unicodedata.normalize("NFKC", name)
    return _FUNCTION_BY_NAME.get(name) or _FUNCTION_BY_NAME.get(name.lower())


def function_help(lang: str = "zh") -> list[dict[str, str]]:
    en = lang.startswith("en")
    return [{"name": f.key if en else f.zh, "alias": f.zh if en else f.key, "description": f.description(lang),
             "example": f.example} for f in FUNCTIONS]  # fmt: skip
