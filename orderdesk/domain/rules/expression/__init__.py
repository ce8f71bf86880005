"""The condition language of allocation and gift rules, as operations staff write it.

    收货省 in ["江苏", "浙江", "上海"] and 商品类目 != "折叠盆"
    区域 == “华北” 且 订单金额 >= 99
    "加急" in 标签 或 包含(买家备注, "加急")

How a condition is read:

1. A small lexer walks the original text. It turns what a Chinese IME types into Python: full-width
   punctuation （）【】［］，、＝＞＜！, curly quotes “” ‘’ and corner quotes 「」『』, a lone = (meaning
   ==), ≥ ≤ ≠, && || !, and the Chinese words 且/并且 (and), 或/或者 (or), 非 (not), 是/等于 (==),
   不等于 (!=), 不是 (!= between two operands, not otherwise), 在/属于 (in), 不在/不属于 (not in),
   真/假 (True/False). Chinese has no spaces, so a run of letters such as 区域是“华北”且数量>1 is split
   into known field names, function names and these words (the split that covers the most field
   and function names wins; a run that does not split cleanly stays one unknown name, reported as
   such). Every emitted token remembers its span in the original text, so every error - the
   lexer's, Python's parser's, and the checker's - points at the original characters.
2. The emitted text is parsed with `ast.parse(..., mode="eval")` and checked against a whitelist:
   and/or/not, comparisons (== != < <= > >= in, not in, chained), str/int/float/bool constants,
   lists/tuples/sets of constants, field names, and four functions (FUNCTIONS). Anything else
   (attributes, subscripts, calls to anything else, lambdas, comprehensions, if-else, arithmetic)
   is a RuleSyntaxError at its position. Comparisons are type-checked against the field table, and a
   constant standing alone where a condition is expected (收货省 == "江苏" or "浙江") is an error,
   because it is always true.
3. Literals compared with 收货省, 渠道 and 区域 are normalised at compile time (江苏 -> 江苏省,
   淘宝 -> taobao, 华北地区 -> 华北); a literal that names none is an error at its position. So is a
   shop name when a shop catalogue is given.
4. Evaluation uses simpleeval on the checked, rewritten tree (names bound by English key, only the
   whitelisted functions and comparison operators), memoised per condition on the tuple of the
   referenced fields' values.

Non-bool results: the only way to get one is a bare field (买家备注 and 数量 > 1); it is coerced with
bool(), so a bare field means "has a value" (non-empty text, non-zero number, at least one tag).
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Mapping

from .checker import MAX_DEPTH, _Checker
from .condition import CACHE_SIZE, Condition
from .errors import RuleEvaluationError, RuleSyntaxError
from .functions import FUNCTION_HELP, FUNCTIONS, Function, function_help, lookup_function
from .highlighting import HIGHLIGHT_KINDS, highlight_spans
from .lexer import MAX_NESTING, _lex
from .source import _Source

MAX_LENGTH = 2000  # characters of condition text

__all__ = [
    "CACHE_SIZE", "FUNCTIONS", "FUNCTION_HELP", "HIGHLIGHT_KINDS", "MAX_DEPTH", "MAX_LENGTH", "MAX_NESTING",
    "Condition", "Function", "RuleEvaluationError", "RuleSyntaxError", "check_condition", "compile_condition",
    "function_help", "highlight_spans", "lookup_function",
]  # fmt: skip


def _parse(text: str) -> tuple[_Source, ast.Expression]:
    if len(text) > MAX_LENGTH:
        raise RuleSyntaxError(MAX_LENGTH, len(text) - MAX_LENGTH, f"条件太长（最多 {MAX_LENGTH} 个字符）",
                              f"the condition is too long (at most {MAX_LENGTH} characters)")  # fmt: skip
    toks, errors = _lex(text)
    if errors:
        e = errors[0]
        raise RuleSyntaxError(e.start, e.length, e.zh, e.en)
    src = _Source(text, toks)
    if not src.toks:
        raise RuleSyntaxError(0, len(text), "条件是空的", "the condition is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(src.python, mode="eval")
    except SyntaxError as exc:
        at = max((exc.offset or 1) - 1, 0) if (exc.lineno or 1) == 1 else len(src.python)
        pos, length = src.span(at, max(at + 1, (exc.end_offset or 0) - 1))
        if pos >= len(text):
            raise RuleSyntaxError(len(text), 0, "条件在末尾不完整（缺少比较的值或条件）",
                                  "the condition is incomplete at the end") from None  # fmt: skip
        word = text[pos : pos + length]
        raise RuleSyntaxError(pos, length, f"「{word}」这里写法不对，请检查前后的运算符、逗号和引号",
                              f"invalid syntax at {word!r} ({exc.msg})") from None  # fmt: skip
    except (RecursionError, MemoryError, ValueError):
        raise RuleSyntaxError(0, len(text), "条件太复杂", "the condition is too complex") from None
    return src, tree


def compile_condition(text: str, *, shops: Mapping[str, str] | None = None, scope: str = "order") -> Condition:
    """Check and compile a condition. Raises RuleSyntaxError with the position in `text`.

    `shops` optionally maps every accepted spelling of a shop (name or code) to its code; with it,
    店铺 literals are normalised and checked like provinces. Without it they are compared as written.
    """
    if not isinstance(text, str):
        raise RuleSyntaxError(0, 0, "条件必须是文字", "the condition must be text")
    src, tree = _parse(text)
    checker = _Checker(src, shops, scope)
    try:
        body = checker.condition(tree.body)
    except RecursionError:
        raise RuleSyntaxError(0, len(text), "条件太复杂", "the condition is too complex") from None
    ast.fix_missing_locations(tree)
    # CACHE_SIZE as this package has it now, as when it was one module (a test lowers it here).
    return Condition(text, body, frozenset(checker.fields), cache_size=CACHE_SIZE)


def check_condition(text: str, *, shops: Mapping[str, str] | None = None,
                    scope: str = "order") -> RuleSyntaxError | None:  # fmt: skip
    """The error a condition would raise, or None: for an editor's live check."""
    try:
        compile_condition(text, shops=shops, scope=scope)
    except RuleSyntaxError as exc:
        return exc
    return None
