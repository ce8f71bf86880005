"""Business-editable rules: the condition language (fields, expressions) that operations staff write."""

from __future__ import annotations

from .expression import (
    FUNCTIONS,
    Condition,
    RuleEvaluationError,
    RuleSyntaxError,
    check_condition,
    compile_condition,
    highlight_spans,
)
from .fields import FIELDS, REGIONS, Field, field_help, lookup_field, region_of

__all__ = [
    "FIELDS", "FUNCTIONS", "REGIONS", "Condition", "Field", "RuleEvaluationError", "RuleSyntaxError",
    "check_condition", "compile_condition", "field_help", "highlight_spans", "lookup_field", "region_of",
]  # fmt: skip
