"""The condition language's two errors: a condition that does not compile, a context value that is unusable."""

from __future__ import annotations

from ...errors import DomainError


class RuleSyntaxError(DomainError):
    """A condition cannot be compiled. `position` is a 0-based offset into the original text (it may
    equal len(text) when something is missing at the end), `length` the number of characters meant.
    The messages count characters from 1, as people do."""

    def __init__(self, position: int, length: int, detail_zh: str, detail_en: str) -> None:
        super().__init__(f"第 {position + 1} 个字符：{detail_zh}", f"At character {position + 1}: {detail_en}")
        self.position = position
        self.length = length
        self.detail_zh = detail_zh
        self.detail_en = detail_en


class RuleEvaluationError(DomainError):
    """A context value cannot be used (e.g. 订单金额 given as "abc"): a bug in the caller, not the rule."""
