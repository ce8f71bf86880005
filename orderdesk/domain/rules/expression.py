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
import difflib
import keyword
import operator as op
from operator import itemgetter
import threading
import unicodedata
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from simpleeval import SimpleEval

from ..errors import DomainError
from ..provinces import FULL_NAMES, SHORT_TO_FULL, normalise_province
from .fields import (
    CHANNEL_CODES,
    FIELDS,
    LINE_LEVEL_KEYS,
    REGIONS,
    Field,
    as_tuple_of_str,
    lookup_field,
    normalise_channel,
    normalise_region,
    region_of,
    strict_province,
)

MAX_LENGTH = 2000  # characters of condition text
MAX_NESTING = 30  # brackets inside brackets
MAX_DEPTH = 60  # and/or/not nesting in the tree
CACHE_SIZE = 50_000  # memoised results per condition; the cache is cleared when full


# ---------------------------------------------------------------------------------------------------
# Errors


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


# ---------------------------------------------------------------------------------------------------
# Functions


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


# ---------------------------------------------------------------------------------------------------
# Lexer: original text -> tokens of Python text, each with its span in the original

_ZH_WORDS = {
    "且": "and", "并且": "and", "而且": "and", "或": "or", "或者": "or", "非": "not",
    "不是": "不是", "是": "==", "等于": "==", "不等于": "!=", "在": "in", "属于": "in",
    "不在": "not in", "不属于": "not in", "真": "True", "假": "False",
}  # fmt: skip
_EN_WORDS = {"and": "and", "or": "or", "not": "not", "in": "in", "true": "True", "false": "False"}
_VOCAB: dict[str, str] = {}
for _f in FIELDS:
    _VOCAB[_f.zh.lower()] = _VOCAB[_f.key.lower()] = "field"
for _fn in FUNCTIONS:
    _VOCAB[_fn.zh] = _VOCAB[_fn.key] = "func"
for _w in (*_ZH_WORDS, *_EN_WORDS):
    _VOCAB[_w] = "kw"
_MAX_WORD = max(len(w) for w in _VOCAB)

_QUOTES = {'"': '"', "'": "'", "＂": '"＂', "＇": "'＇", "“": "”“\"", "”": "”“\"", "‘": "’‘'", "’": "’‘'", "「": "」", "『": "』"}
_CHAR_MAP = {"【": "[", "】": "]", "〖": "[", "〗": "]", "〔": "[", "〕": "]", "、": ",", "−": "-",
             }  # fmt: skip
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_TWO = {"==": "==", "!=": "!=", "<=": "<=", ">=": ">=", "<>": "!=", "=>": ">=", "=<": "<=", "&&": "and", "||": "or"}
_ONE = {"=": "==", "≠": "!=", "≥": ">=", "≤": "<=", "⩾": ">=", "⩽": "<=", "<": "<", ">": ">", "!": "not",
        ",": ",", "(": "(", ")": ")", "[": "[", "]": "]", "{": "{", "}": "}",
        "+": "+", "-": "-", "*": "*", "/": "/", "%": "%", ".": ".", ":": ":", "&": "&", "|": "|", "^": "^",
        "~": "~", "@": "@"}  # fmt: skip
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}


def _nc(c: str) -> str:
    """One character as the lexer classifies it: full-width forms folded to ASCII, 1:1."""
    if c in _CHAR_MAP:
        return _CHAR_MAP[c]
    if c < "\x80":
        return c
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def _id_start(c: str) -> bool:
    return c == "_" or c.isidentifier()


def _id_cont(c: str) -> bool:
    return ("a" + c).isidentifier()


@dataclass
class _Tok:
    kind: str  # name, const, string, number, kw, op, open, close, pykw
    text: str  # Python text emitted
    start: int  # span in the original text
    end: int
    hl: str  # highlight kind
    estart: int = 0  # span in the emitted text
    eend: int = 0


@dataclass
class _LexError:
    start: int
    length: int
    zh: str
    en: str


_OPERAND_END = frozenset({"name", "const", "string", "number", "close"})
_OPERAND_START = frozenset({"name", "const", "string", "number"})


def _lex(text: str) -> tuple[list[_Tok], list[_LexError]]:
    """Tokens and errors; never raises. Errors are in the order found."""
    toks: list[_Tok] = []
    errors: list[_LexError] = []
    stack: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        nc = _nc(c)
        if c in _QUOTES or nc in ('"', "'"):
            closers = _QUOTES.get(c, nc)
            j, buf = i + 1, []
            while j < n and text[j] not in closers:
                if text[j] == "\\" and j + 1 < n:
                    buf.append(_ESCAPES.get(text[j + 1], "\\" + text[j + 1]))
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            if j >= n:
                errors.append(_LexError(i, n - i, f"文字 {c}… 缺少结尾的引号", f"the text {c}… has no closing quote"))
                toks.append(_Tok("string", repr("".join(buf)), i, n, "error"))
                break
            toks.append(_Tok("string", repr("".join(buf)), i, j + 1, "string"))
            i = j + 1
        elif nc.isspace() or c in _INVISIBLE:
            i += 1
        elif "0" <= nc <= "9":
            j = i
            while j < n and "0" <= _nc(text[j]) <= "9":
                j += 1
            if j + 1 < n and _nc(text[j]) == "." and "0" <= _nc(text[j + 1]) <= "9":
                j += 1
                while j < n and "0" <= _nc(text[j]) <= "9":
                    j += 1
            toks.append(_Tok("number", "".join(_nc(ch) for ch in text[i:j]), i, j, "number"))
            i = j
        elif _id_start(nc):
            j = i + 1
            while j < n and _id_cont(_nc(text[j])):
                j += 1
            toks.extend(_words(text, i, j))
            i = j
        else:
            two = nc + _nc(text[i + 1]) if i + 1 < n else ""
            if two in _TWO:
                emit, j = _TWO[two], i + 2
            elif nc in _ONE:
                emit, j = _ONE[nc], i + 1
            else:
                errors.append(_LexError(i, 1, f"不认识的字符「{c}」", f"unexpected character {c!r}"))
                toks.append(_Tok("error", "", i, i + 1, "error"))
                i += 1
                continue
            kind = "kw" if emit in ("and", "or", "not") else "open" if emit in _OPENERS else (
                "close" if emit in _CLOSERS else "op")  # fmt: skip
            tok = _Tok(kind, emit, i, j, "keyword" if kind == "kw" else "operator")
            toks.append(tok)
            if kind == "open":
                stack.append(tok)
                if len(stack) > MAX_NESTING:
                    errors.append(_LexError(i, 1, "括号嵌套太深", "brackets nested too deeply"))
                    tok.hl = "error"
            elif kind == "close":
                if not stack:
                    errors.append(_LexError(i, j - i, f"多余的「{c}」，前面没有对应的左括号",
                                            f"unmatched {c!r}: no opening bracket before it"))  # fmt: skip
                    tok.hl = "error"
                elif stack[-1].text != _CLOSERS[emit]:
                    o = stack.pop()
                    errors.append(_LexError(i, j - i, f"「{c}」与第 {o.start + 1} 个字符的「{text[o.start]}」不配对",
                                            f"{c!r} does not match {text[o.start]!r} at character {o.start + 1}"))
                    tok.hl = o.hl = "error"
                else:
                    stack.pop()
            i = j
    for o in reversed(stack):
        errors.append(_LexError(o.start, 1, f"「{text[o.start]}」没有对应的右括号",
                                f"{text[o.start]!r} is never closed"))  # fmt: skip
        o.hl = "error"
    _resolve_words(toks, errors)
    return toks, errors


def _words(text: str, start: int, end: int) -> list[_Tok]:
    """A run of identifier characters as tokens: fields, functions, keywords and unknown names."""
    run = "".join(_nc(c) for c in text[start:end])
    pieces = [(0, len(run), "")] if run.isascii() else _segment(run)
    out = []
    for a, b, kind in pieces:
        word = run[a:b]
        low = word.lower()
        s, e = start + a, start + b
        if low in _EN_WORDS and (kind == "kw" or run.isascii()):
            emit = _EN_WORDS[low]
            out.append(_Tok("const" if emit in ("True", "False") else "kw", emit, s, e, "keyword"))
        elif kind == "kw" or (not kind and word in _ZH_WORDS):
            emit = _ZH_WORDS[word]
            out.append(_Tok("const" if emit in ("True", "False") else "kw", emit, s, e,
                            "operator" if emit in ("==", "!=") else "keyword"))  # fmt: skip
        elif keyword.iskeyword(word):  # if, else, lambda, is, None, import…: parsed, then refused
            out.append(_Tok("const" if word == "None" else "pykw", word, s, e, "error"))
        else:
            hl = "field" if lookup_field(word) else "keyword" if lookup_function(word) else "error"
            out.append(_Tok("name", word, s, e, hl))
    return out


def _segment(run: str) -> list[tuple[int, int, str]]:
    """Split a run of CJK/identifier characters into vocabulary words and unknown names.

    Best split: most characters covered by field and function names, then fewest unknown pieces,
    then fewest pieces. Unknown pieces must be valid identifiers. The whole run as one unknown piece
    is always possible, so a split always exists.
    """
    n, low = len(run), run.lower()
    # best[i][u]: (score, back) for run[:i]; u = 1 when the last piece is unknown (and may grow)
    best: list[list[Any]] = [[None, None] for _ in range(n + 1)]
    best[0][0] = ((0, 0, 0), None)
    for i in range(n):
        for u in (0, 1):
            cur = best[i][u]
            if cur is None:
                continue
            known, unk, pieces = cur[0]
            for length in range(1, min(_MAX_WORD, n - i) + 1):
                kind = _VOCAB.get(low[i : i + length])
                if kind:
                    score = (known + (length if kind != "kw" else 0), unk, pieces - 1)
                    if best[i + length][0] is None or score > best[i + length][0][0]:
                        best[i + length][0] = (score, (i, u, kind))
            if u:
                score = (known, unk, pieces)
            elif _id_start(run[i]):
                score = (known, unk - 1, pieces - 1)
            else:
                continue
            if best[i + 1][1] is None or score > best[i + 1][1][0]:
                best[i + 1][1] = (score, (i, u, "unknown"))
    ends = [(best[n][u][0], u) for u in (0, 1) if best[n][u] is not None]
    _, u = max(ends)
    pieces_rev: list[tuple[int, int, str]] = []
    i = n
    while i > 0:
        prev, pu, kind = best[i][u][1]
        if kind == "unknown" and pieces_rev and pieces_rev[-1][2] == "unknown" and pieces_rev[-1][0] == i:
            pieces_rev[-1] = (prev, pieces_rev[-1][1], "unknown")
        else:
            pieces_rev.append((prev, i, kind))
        i, u = prev, pu
    return [(a, b, "" if kind == "unknown" else kind) for a, b, kind in reversed(pieces_rev)]


def _resolve_words(toks: list[_Tok], errors: list[_LexError]) -> None:
    """不是 becomes != between operands and not elsewhere; two operands side by side are an error."""
    prev: _Tok | None = None
    for t in toks:
        if t.kind == "error":
            prev = None
            continue
        after_operand = prev is not None and prev.kind in _OPERAND_END
        if t.text == "不是":
            t.text, t.kind, t.hl = ("!=", "op", "operator") if after_operand else ("not", "kw", "keyword")
        elif after_operand and t.kind in _OPERAND_START:
            assert prev is not None
            if prev.kind == "number" and t.kind == "name":
                zh, en = f"数字后面不要写单位「{t.text}」", f"no unit after a number ({t.text!r})"
            elif prev.kind == "string" and t.kind == "string":
                zh, en = "两段文字之间缺少逗号", "missing comma between two texts"
            else:
                zh, en = "这里缺少运算符（== 、in、且、或）或逗号", "missing operator (==, in, and, or) or comma"
            errors.append(_LexError(t.start, t.end - t.start, zh, en))
        prev = t


# ---------------------------------------------------------------------------------------------------
# Source: emitted Python text with a map back to the original


class _Source:
    def __init__(self, text: str, toks: list[_Tok]) -> None:
        self.text = text
        self.toks = [t for t in toks if t.text]
        parts, pos = ["("], 1
        for t in self.toks:
            t.estart, t.eend = pos, pos + len(t.text)
            parts.append(t.text)
            parts.append(" ")
            pos = t.eend + 1
        parts.append(")")
        self.python = "".join(parts)
        self._estarts = [t.estart for t in self.toks]
        self._b2c: list[int] | None = None

    def char(self, col_offset: int) -> int:
        """Emitted char index of an ast byte offset (the emitted text is a single line)."""
        if self._b2c is None:
            b2c: list[int] = []
            for idx, ch in enumerate(self.python):
                b2c.extend([idx] * len(ch.encode("utf-8", "surrogatepass")))
            b2c.append(len(self.python))
            self._b2c = b2c
        return self._b2c[min(col_offset, len(self._b2c) - 1)]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original (position, length) of emitted chars [a, b)."""
        i = bisect_right(self._estarts, a) - 1
        if i < 0 or a >= self.toks[i].eend:
            i += 1
        j = bisect_left(self._estarts, max(b, a + 1)) - 1
        if i >= len(self.toks) or j < i:
            return len(self.text), 0
        return self.toks[i].start, self.toks[j].end - self.toks[i].start

    def node(self, node: ast.AST) -> tuple[int, int]:
        return self.span(self.char(node.col_offset), self.char(node.end_col_offset or node.col_offset))  # type: ignore[attr-defined]

    def between(self, left: ast.AST, right: ast.AST) -> tuple[int, int]:
        """The characters after `left` and before `right` (an operator, a comma)."""
        a = self.char(left.end_col_offset or 0)  # type: ignore[attr-defined]
        b = self.char(right.col_offset)  # type: ignore[attr-defined]
        pos, length = self.span(a, b)
        if length == 0 or pos >= self.node(right)[0]:
            return self.node(right)
        return pos, length

    def after(self, inner: ast.AST, outer: ast.AST) -> tuple[int, int]:
        """From the end of `inner` to the end of `outer`: the .attr of x.attr, the [i] of x[i]."""
        return self.span(self.char(inner.end_col_offset or 0), self.char(outer.end_col_offset or 0))  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------------
# Checker: whitelist, types, literal normalisation; rewrites the tree for evaluation

_ENUM_KEYS = ("province", "channel", "region", "shop")
_BINOP_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
                 ast.Pow: "**", ast.BitAnd: "&", ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<",
                 ast.RShift: ">>", ast.MatMult: "@"}  # fmt: skip
_TYPE_ZH = {"str": "文字", "number": "数字", "bool": "真假值", "list": "列表", "seq": "列表"}
_TYPE_EN = {"str": "text", "number": "a number", "bool": "a true/false value", "list": "a list", "seq": "a list"}


@dataclass
class _Operand:
    node: ast.expr
    kind: str  # field, const, seq
    type: str  # str, number, bool, list (a list field), seq (a list literal)
    field: Field | None = None
    elem_types: frozenset[str] = frozenset()


def _show(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:  # pragma: no cover - unparse of a node we built ourselves
        return "?"


class _Checker:
    def __init__(self, src: _Source, shops: Mapping[str, str] | None) -> None:
        self.src = src
        self.shops = {k.strip().lower(): v for k, v in shops.items()} if shops else None
        self.fields: set[str] = set()

    def fail(self, span: tuple[int, int], zh: str, en: str) -> RuleSyntaxError:
        return RuleSyntaxError(span[0], span[1], zh, en)

    # -- conditions ---------------------------------------------------------------------------------

    def condition(self, node: ast.expr, depth: int = 0) -> ast.expr:
        if depth > MAX_DEPTH:
            raise self.fail(self.src.node(node), "条件嵌套太深", "the condition is nested too deeply")
        if isinstance(node, ast.BoolOp):
            node.values = [self.condition(v, depth + 1) for v in node.values]
            return node
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            node.operand = self.condition(node.operand, depth + 1)
            return node
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return node
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float)):
            text = _show(node)
            raise self.fail(self.src.node(node),
                            f"单独的值 {text} 不是条件（它总是成立）；要比较请写 字段 == {text}，"
                            f"要判断多个值请写 字段 in [值1, 值2]",
                            f"the value {text} on its own is not a condition (it is always true); "
                            f"write field == {text}, or field in [a, b] for several values")  # fmt: skip
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            if isinstance(node, ast.Tuple) and len(node.elts) > 1:
                raise self.fail(self.src.between(node.elts[0], node.elts[1]),
                                "两个条件之间要写 且 / 或（and / or），不能用逗号",
                                "join two conditions with and / or, not a comma")  # fmt: skip
            raise self.fail(self.src.node(node), "列表不能单独作为条件", "a list on its own is not a condition")
        raise self.reject(node)

    def reject(self, node: ast.AST) -> RuleSyntaxError:
        src = self.src
        if isinstance(node, ast.Attribute):
            return self.fail(src.after(node.value, node), f"不支持「.{node.attr}」这样的写法（取属性/方法）",
                             f"attribute access (.{node.attr}) is not allowed")  # fmt: skip
        if isinstance(node, ast.Subscript):
            return self.fail(src.after(node.value, node), "不支持用 [ ] 取下标", "subscripts ([...]) are not allowed")
        if isinstance(node, ast.Lambda):
            return self.fail(src.node(node), "不支持 lambda", "lambda is not allowed")
        if isinstance(node, ast.IfExp):
            return self.fail(src.node(node), "不支持 … if … else … 写法；请用 且/或 组合条件",
                             "if-else expressions are not allowed; combine conditions with and/or")  # fmt: skip
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return self.fail(src.node(node), "不支持 for 推导式", "comprehensions are not allowed")
        if isinstance(node, ast.BinOp):
            sym = _BINOP_SYMBOL.get(type(node.op), "?")
            return self.fail(src.between(node.left, node.right), f"不支持运算「{sym}」；条件里只能比较，不能计算",
                             f"operator {sym!r} is not allowed: conditions compare, they do not calculate")
        if isinstance(node, ast.UnaryOp):
            return self.fail(src.node(node), "这里不能用正负号或 ~", "unary +, - or ~ is not allowed here")
        if isinstance(node, ast.Dict):
            return self.fail(src.node(node), "不支持字典 { : }", "dictionaries are not allowed")
        if isinstance(node, ast.Call):
            return self.fail(src.node(node), "函数的结果只能直接当作条件使用，不能再拿来比较",
                             "a function's result is a condition on its own; it cannot be compared")  # fmt: skip
        if isinstance(node, (ast.Compare, ast.BoolOp)) or (isinstance(node, ast.UnaryOp)):
            return self.fail(src.node(node), "比较的两边只能是字段或具体的值",
                             "each side of a comparison must be a field or a value")  # fmt: skip
        if isinstance(node, ast.Constant):
            return self.fail(src.node(node), f"不支持的值 {_show(node)}", f"value {_show(node)} is not allowed")
        if isinstance(node, ast.Starred):
            return self.fail(src.node(node), "不支持 * 展开", "* unpacking is not allowed")
        if isinstance(node, ast.JoinedStr):
            return self.fail(src.node(node), "不支持 f 字符串", "f-strings are not allowed")
        span = src.node(node) if hasattr(node, "col_offset") else (0, len(src.text))
        return self.fail(span, "不支持这种写法", f"{type(node).__name__} is not allowed")

    # -- names --------------------------------------------------------------------------------------

    def name(self, node: ast.Name) -> ast.Name:
        f = lookup_field(node.id)
        if f is None:
            raise self.unknown_name(node)
        self.fields.add(f.key)
        node.id = f.key
        return node

    def unknown_name(self, node: ast.Name) -> RuleSyntaxError:
        name, span = node.id, self.src.node(node)
        if lookup_function(name):
            return self.fail(span, f"「{name}」是函数，要写成 {name}(字段, \"文字\")",
                             f"{name!r} is a function: write {name}(field, \"text\")")  # fmt: skip
        if strict_province(name) or normalise_channel(name) or normalise_region(name):
            return self.fail(span, f"「{name}」不是字段；如果是要比较的值，请加引号：\"{name}\"",
                             f"{name!r} is not a field; if it is a value, put it in quotes: \"{name}\"")
        candidates = [f.zh for f in FIELDS] + [f.key for f in FIELDS]
        probe = name.lower() if name.isascii() else name
        close = difflib.get_close_matches(probe, candidates, n=3, cutoff=0.5)
        within = [c for c in close if _is_subsequence(c.lower(), probe)]
        close = within or close  # 收货城市 -> 收货市 rather than 收货省
        if close:
            return self.fail(span, f"不认识的字段「{name}」，是否想写{'或'.join(f'「{c}」' for c in close)}？",
                             f"unknown field {name!r}; did you mean {' or '.join(repr(c) for c in close)}?")
        return self.fail(span, f"不认识的字段「{name}」；可用的字段：{'、'.join(f.zh for f in FIELDS)}",
                         f"unknown field {name!r}; fields are: {', '.join(f.key for f in FIELDS)}")

    # -- operands -----------------------------------------------------------------------------------

    def operand(self, node: ast.expr) -> _Operand:
        if isinstance(node, ast.Name):
            self.name(node)
            f = lookup_field(node.id)
            assert f is not None
            return _Operand(node, "field", f.type, f)
        if isinstance(node, (ast.Constant, ast.UnaryOp)):
            const = self.constant(node)
            return _Operand(const, "const", _const_type(const.value))
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            elts = []
            for e in node.elts:
                if not isinstance(e, (ast.Constant, ast.UnaryOp)):
                    if isinstance(e, ast.Name) and lookup_field(e.id) is None:
                        raise self.unknown_name(e)
                    raise self.fail(self.src.node(e), "列表里只能写具体的值（文字要加引号）",
                                    "a list may only hold values (text in quotes)")  # fmt: skip
                elts.append(self.constant(e))
            node.elts = elts  # type: ignore[assignment]
            return _Operand(node, "seq", "seq", elem_types=frozenset(_const_type(e.value) for e in elts))
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and lookup_function(node.func.id)):
            self.call(node)  # raises: not a function we know, or not a function at all
        raise self.reject(node)

    def constant(self, node: ast.expr) -> ast.Constant:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = node.operand
            if isinstance(inner, ast.Constant) and type(inner.value) in (int, float):
                value = -inner.value if isinstance(node.op, ast.USub) else inner.value
                return ast.copy_location(ast.Constant(value), node)
        if isinstance(node, ast.Constant) and type(node.value) in (str, int, float, bool):
            return node
        raise self.reject(node)

    # -- comparisons --------------------------------------------------------------------------------

    def compare(self, node: ast.Compare) -> ast.expr:
        ops = [self.operand(n) for n in (node.left, *node.comparators)]
        for i, cmp in enumerate(node.ops):
            a, b = ops[i], ops[i + 1]
            self.normalise_pair(a, b, cmp)
            self.check_pair(a, cmp, b)
        frozen = [self.freeze(o) for o in ops]
        node.left, node.comparators = frozen[0], frozen[1:]
        return node

    def freeze(self, o: _Operand) -> ast.expr:
        if o.kind == "seq":
            values = frozenset(e.value for e in o.node.elts)  # type: ignore[attr-defined]
            return ast.copy_location(ast.Constant(values), o.node)
        return o.node

    def normalise_pair(self, a: _Operand, b: _Operand, cmp: ast.cmpop) -> None:
        for f_side, v_side in ((a, b), (b, a)):
            if f_side.kind != "field" or v_side.kind == "field" or f_side.field is None:
                continue
            key = f_side.field.key
            if key not in _ENUM_KEYS or (key == "shop" and self.shops is None):
                continue
            if v_side is a and isinstance(cmp, (ast.In, ast.NotIn)):
                continue  # "江苏" in 收货省: refused by check_pair
            targets = [v_side.node] if v_side.kind == "const" else list(v_side.node.elts)  # type: ignore[attr-defined]
            for t in targets:
                assert isinstance(t, ast.Constant)
                if isinstance(t.value, str) and t.value.strip():
                    t.value = self.normalise_literal(key, t)

    def normalise_literal(self, key: str, node: ast.Constant) -> str:
        raw, span = node.value, self.src.node(node)
        if key == "province":
            full = strict_province(raw)
            if full:
                return full
            guess = normalise_province(raw)
            close = [guess] if guess else difflib.get_close_matches(
                raw, [*FULL_NAMES, *SHORT_TO_FULL], n=2, cutoff=0.5)  # fmt: skip
            hint_zh = f"，是否想写{'或'.join(f'「{c}」' for c in close)}？" if close else ""
            hint_en = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise self.fail(span, f"不认识的省份「{raw}」{hint_zh}", f"unknown province {raw!r}{hint_en}")
        if key == "channel":
            code = normalise_channel(raw)
            if code:
                return code
            raise self.fail(span, f"不认识的渠道「{raw}」；可以写：淘宝/天猫、拼多多、抖音小店、小程序 "
                            f"（或 {'、'.join(CHANNEL_CODES)}）",
                            f"unknown channel {raw!r}; channels are {', '.join(CHANNEL_CODES)}")  # fmt: skip
        if key == "region":
            region = normalise_region(raw)
            if region:
                return region
            raise self.fail(span, f"不认识的区域「{raw}」；区域只有：{'、'.join(REGIONS)}",
                            f"unknown region {raw!r}; regions are {', '.join(REGIONS)}")  # fmt: skip
        assert self.shops is not None
        code = self.shops.get(raw.strip().lower())
        if code:
            return code
        close = difflib.get_close_matches(raw.strip().lower(), list(self.shops), n=2, cutoff=0.5)
        hint = f"，是否想写{'或'.join(f'「{c}」' for c in close)}？" if close else ""
        raise self.fail(span, f"不认识的店铺「{raw}」{hint}", f"unknown shop {raw!r}")

    def check_pair(self, a: _Operand, cmp: ast.cmpop, b: _Operand) -> None:
        src = self.src
        pair = src.node(a.node)[0], 0
        end = src.node(b.node)
        pair = pair[0], end[0] + end[1] - pair[0]
        if a.kind != "field" and b.kind != "field":
            raise self.fail(pair, "比较的两边至少要有一个是字段", "one side of a comparison must be a field")
        opspan = src.between(a.node, b.node)
        if isinstance(cmp, (ast.Is, ast.IsNot)):
            raise self.fail(opspan, "请用 == 或 != 代替 is", "use == or != instead of is")
        fa, fb = a.field, b.field
        if isinstance(cmp, (ast.Eq, ast.NotEq)):
            if "seq" in (a.type, b.type):
                f = fa or fb
                assert f is not None
                word = "in" if isinstance(cmp, ast.Eq) else "not in"
                raise self.fail(opspan, f"要判断是否是列表中的一个，请用 {word}：{f.zh} {word} [...]",
                                f"to test membership of a list use {word}: {f.key} {word} [...]")
            if "list" in (a.type, b.type) and a.type != b.type:
                lst = fa if a.type == "list" else fb
                other = b if a.type == "list" else a
                assert lst is not None
                raise self.fail(opspan, f"「{lst.zh}」是列表，请写成 {_show(other.node)} in {lst.zh}",
                                f"{lst.key} is a list: write {_show(other.node)} in {lst.key}")
            self.same_kind(a, b, pair)
            return
        if isinstance(cmp, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)):
            for o in (a, b):
                if o.field is not None and o.field.key in _ENUM_KEYS:
                    raise self.fail(opspan, f"「{o.field.zh}」不能比较大小", f"{o.field.key} cannot be compared by size")
                if o.type not in ("str", "number"):
                    raise self.fail(src.node(o.node), f"{_TYPE_ZH[o.type]}不能比较大小",
                                    f"{_TYPE_EN[o.type]} cannot be compared by size")  # fmt: skip
            self.same_kind(a, b, pair)
            return
        # in / not in
        if b.type == "seq":
            if a.type == "list":
                assert fa is not None
                raise self.fail(opspan, f"「{fa.zh}」是列表，请写成 包含任一({fa.zh}, [...])",
                                f"{fa.key} is a list: write contains_any({fa.key}, [...])")
            for e in b.node.elts:  # type: ignore[attr-defined]
                et = _const_type(e.value)
                if not _comparable(a.type, et):
                    raise self.fail(src.node(e), self.mismatch_zh(a, et), self.mismatch_en(a, et))
            return
        if b.kind == "field" and b.type == "list":
            if a.type != "str":
                raise self.fail(src.node(a.node), "标签是文字，这里要写文字", "tags are text; write text here")
            return
        if b.kind == "field" and b.type == "str":
            assert fb is not None
            if fb.key in _ENUM_KEYS:
                raise self.fail(opspan, f"请写成 {fb.zh} == {_show(a.node)}", f"write {fb.key} == {_show(a.node)}")
            if a.type != "str":
                raise self.fail(src.node(a.node), "只能在文字里找文字", "only text can be found in text")
            return
        if b.kind == "const" and b.type == "str" and fa is not None:
            raise self.fail(src.node(b.node), f"in 的右边要写列表：{fa.zh} in [\"…\", \"…\"]",
                            f"the right of in must be a list: {fa.key} in [\"…\", \"…\"]")  # fmt: skip
        raise self.fail(src.node(b.node), "in 的右边要是列表、文字字段或标签",
                        "the right of in must be a list, a text field or the tags")  # fmt: skip

    def same_kind(self, a: _Operand, b: _Operand, pair: tuple[int, int]) -> None:
        if _comparable(a.type, b.type):
            return
        field_side, other = (a, b) if a.kind == "field" else (b, a)
        raise self.fail(self.src.node(other.node) if other.kind == "const" else pair,
                        self.mismatch_zh(field_side, other.type), self.mismatch_en(field_side, other.type))

    def mismatch_zh(self, o: _Operand, other_type: str) -> str:
        name = f"「{o.field.zh}」" if o.field else _show(o.node)
        tip = "，数字不要加引号" if o.type == "number" and other_type == "str" else (
            "，文字要加引号" if o.type == "str" and other_type == "number" else "")  # fmt: skip
        return f"{name}是{_TYPE_ZH[o.type]}，不能和{_TYPE_ZH[other_type]}比较{tip}"

    def mismatch_en(self, o: _Operand, other_type: str) -> str:
        name = o.field.key if o.field else _show(o.node)
        return f"{name} is {_TYPE_EN[o.type]} and cannot be compared with {_TYPE_EN[other_type]}"

    # -- calls --------------------------------------------------------------------------------------

    def call(self, node: ast.Call) -> ast.expr:
        if not isinstance(node.func, ast.Name):
            raise self.reject(node.func)
        fn = lookup_function(node.func.id)
        span = self.src.node(node.func)
        if fn is None:
            if lookup_field(node.func.id):
                raise self.fail(span, f"「{node.func.id}」是字段，不是函数", f"{node.func.id!r} is a field, not a function")
            names = [f.zh for f in FUNCTIONS] + [f.key for f in FUNCTIONS]
            close = difflib.get_close_matches(node.func.id, names, n=2, cutoff=0.5)
            hint_zh = f"，是否想写{'或'.join(f'「{c}」' for c in close)}？" if close else ""
            raise self.fail(span, f"不认识的函数「{node.func.id}」{hint_zh}；可用的函数："
                            f"{'、'.join(f.zh for f in FUNCTIONS)}",
                            f"unknown function {node.func.id!r}; functions are "
                            f"{', '.join(f.key for f in FUNCTIONS)}")  # fmt: skip
        if node.keywords:
            raise self.fail(self.src.node(node.keywords[0].value), f"「{fn.zh}」的参数不能写成 名字=值",
                            f"{fn.key} takes no keyword arguments")  # fmt: skip
        if len(node.args) != 2:
            raise self.fail(self.src.node(node), f"「{fn.zh}」要两个参数，写了 {len(node.args)} 个：{fn.example}",
                            f"{fn.key} takes 2 arguments, {len(node.args)} given: {fn.example}")
        first, second = (self.operand(a) for a in node.args)
        if first.kind != "field" or first.type not in fn.first:
            kinds_zh = "文字字段" if fn.first == ("str",) else "文字字段或标签"
            raise self.fail(self.src.node(first.node), f"「{fn.zh}」的第一个参数要是{kinds_zh}：{fn.example}",
                            f"the first argument of {fn.key} must be a text field: {fn.example}")
        if second.type == "seq" and "seq" in fn.second:
            for e in second.node.elts:  # type: ignore[attr-defined]
                if not isinstance(e.value, str):
                    raise self.fail(self.src.node(e), "这里的列表只能写文字（要加引号）", "this list may only hold text")
        elif second.type != "str" or "str" not in fn.second:
            want_zh = "列表" if fn.second == ("seq",) else "文字"
            raise self.fail(self.src.node(second.node), f"「{fn.zh}」的第二个参数要是{want_zh}：{fn.example}",
                            f"the second argument of {fn.key} must be {'a list' if want_zh == '列表' else 'text'}"
                            f": {fn.example}")  # fmt: skip
        node.func.id = fn.key
        node.args = [self.freeze(first), self.freeze(second)]
        return node


def _is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def _const_type(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return "str"


def _comparable(t1: str, t2: str) -> bool:
    if t1 == t2:
        return True
    return {t1, t2} == {"bool", "number"}


# ---------------------------------------------------------------------------------------------------
# Compiling


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


def compile_condition(text: str, *, shops: Mapping[str, str] | None = None) -> Condition:
    """Check and compile a condition. Raises RuleSyntaxError with the position in `text`.

    `shops` optionally maps every accepted spelling of a shop (name or code) to its code; with it,
    店铺 literals are normalised and checked like provinces. Without it they are compared as written.
    """
    if not isinstance(text, str):
        raise RuleSyntaxError(0, 0, "条件必须是文字", "the condition must be text")
    src, tree = _parse(text)
    checker = _Checker(src, shops)
    try:
        body = checker.condition(tree.body)
    except RecursionError:
        raise RuleSyntaxError(0, len(text), "条件太复杂", "the condition is too complex") from None
    ast.fix_missing_locations(tree)
    return Condition(text, body, frozenset(checker.fields))


def check_condition(text: str, *, shops: Mapping[str, str] | None = None) -> RuleSyntaxError | None:
    """The error a condition would raise, or None: for an editor's live check."""
    try:
        compile_condition(text, shops=shops)
    except RuleSyntaxError as exc:
        return exc
    return None


# ---------------------------------------------------------------------------------------------------
# Evaluating

_OPERATORS: dict[type, Callable[..., Any]] = {
    ast.Eq: op.eq, ast.NotEq: op.ne, ast.Lt: op.lt, ast.LtE: op.le, ast.Gt: op.gt, ast.GtE: op.ge,
    ast.In: lambda x, y: x in y, ast.NotIn: lambda x, y: x not in y, ast.Not: op.not_,
}  # fmt: skip
_IMPLS = {f.key: f.impl for f in FUNCTIONS}


def _number(key: str, raw: object) -> int | float:
    if raw is None or raw == "":
        return 0
    if type(raw) is int or type(raw) is float:
        return raw  # type: ignore[return-value]
    if isinstance(raw, bool):
        return int(raw)
    try:
        return float(raw)  # type: ignore[arg-type]  # Decimal, "12.5"
    except (TypeError, ValueError):
        raise RuleEvaluationError(f"字段 {key} 的值 {raw!r} 不是数字", f"field {key}: {raw!r} is not a number") from None


def _text(raw: object) -> str:
    if raw is None:
        return ""
    if type(raw) is str:
        return raw  # type: ignore[return-value]
    value = getattr(raw, "value", raw)  # an Enum such as Channel
    return value if type(value) is str else str(value)


def _province(raw: object) -> str:
    s = _text(raw)
    return s if s in FULL_NAMES or not s else (normalise_province(s) or "")


_CONVERT: dict[str, Callable[[object], object]] = {
    "province": _province,
    "channel": lambda raw: normalise_channel(raw) or _text(raw),
    "region": lambda raw: normalise_region(raw) or _text(raw),
}
for _f in FIELDS:
    if _f.key in _CONVERT:
        continue
    if _f.type == "number":
        _CONVERT[_f.key] = (lambda k: lambda raw: _number(k, raw))(_f.key)
    elif _f.type == "list":
        _CONVERT[_f.key] = as_tuple_of_str
    else:
        _CONVERT[_f.key] = _text


class Condition:
    """A compiled condition. `evaluate(ctx)` -> bool, ctx keyed by English field keys.

    `fields` is the set of English keys the condition names. A key missing from ctx (or None) counts
    as "" / 0 / no tags by the field's type. 区域 missing or empty is derived from 收货省, so region
    conditions also depend on province. Province and channel values in ctx are normalised too
    (江苏 -> 江苏省, 淘宝 -> taobao), so a context need not be perfectly clean.

    Results are memoised on the tuple of the values of the fields it depends on: at most
    CACHE_SIZE entries, cleared when full. Evaluation is thread-safe.
    """

    def __init__(self, text: str, body: ast.expr, fields: frozenset[str]) -> None:
        self.text = text
        self.fields = fields
        self.line_level = bool(fields & LINE_LEVEL_KEYS)
        self._body = body
        deps = set(fields)
        if "region" in deps:
            deps.add("province")
        self._deps: tuple[str, ...] = tuple(sorted(deps))
        self._convert = tuple(_CONVERT[k] for k in self._deps)
        self._cache: dict[Any, bool] = {}
        self._lock = threading.Lock()
        self._evaluator = SimpleEval(operators=dict(_OPERATORS), functions=dict(_IMPLS), names={})
        self.evaluate = self._make_evaluate()  # type: ignore[method-assign]

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"

    @property
    def python(self) -> str:
        """The checked condition as the evaluator sees it (English keys, normalised literals)."""
        return ast.unparse(self._body)

    def evaluate(self, ctx: Mapping[str, object]) -> bool:  # replaced per instance by a fast closure
        return self._compute(tuple(_freeze(ctx.get(k)) for k in self._deps))

    def _make_evaluate(self) -> Callable[[Mapping[str, object]], bool]:
        """The per-instance evaluate: build the key, look it up, compute and store on a miss.

        The key is fetched with operator.itemgetter (one C call) when every key is present, with
        .get otherwise; list values (标签) are turned into tuples so they can be hashed.
        """
        cache, limit, compute, deps = self._cache, CACHE_SIZE, self._compute, self._deps
        list_keys = {k for k in deps if _CONVERT[k] is as_tuple_of_str}

        def store(key: Any, raw: tuple[object, ...]) -> bool:
            result = compute(raw)
            if len(cache) >= limit:
                cache.clear()
            try:
                cache[key] = result
            except TypeError:  # an unhashable value (a list given for a text field): not cached
                pass
            return result

        if not deps:
            constant = compute(())

            def evaluate(ctx: Mapping[str, object]) -> bool:
                return constant

        elif list_keys:

            def evaluate(ctx: Mapping[str, object]) -> bool:
                get = ctx.get
                key = tuple([as_tuple_of_str(get(k)) if k in list_keys else get(k) for k in deps])
                try:
                    return cache[key]
                except (KeyError, TypeError):
                    return store(key, key)

        elif len(deps) == 1:
            (only,) = deps

            def evaluate(ctx: Mapping[str, object]) -> bool:
                key = ctx.get(only)
                try:
                    return cache[key]
                except (KeyError, TypeError):
                    return store(key, (key,))

        else:
            fetch = itemgetter(*deps)

            def evaluate(ctx: Mapping[str, object]) -> bool:
                try:
                    key = fetch(ctx)
                except KeyError:
                    get = ctx.get
                    key = tuple([get(k) for k in deps])
                try:
                    return cache[key]
                except (KeyError, TypeError):
                    return store(key, key)

        return evaluate

    def _compute(self, raw: tuple[object, ...]) -> bool:
        names = {k: conv(v) for k, conv, v in zip(self._deps, self._convert, raw)}
        if "region" in names and not names["region"]:
            names["region"] = region_of(names["province"])  # type: ignore[arg-type]
        with self._lock:
            self._evaluator.names = names
            try:
                return bool(self._evaluator.eval(self.text, previously_parsed=self._body))
            except DomainError:
                raise
            except Exception as exc:  # pragma: no cover - the checker rules these out
                raise RuleEvaluationError(f"条件「{self.text}」无法计算：{exc}",
                                          f"condition {self.text!r} cannot be evaluated: {exc}") from exc

    def matching_lines(self, order_ctx: Mapping[str, object],
                       lines: Iterable[Mapping[str, object]]) -> list[bool]:  # fmt: skip
        """One result per line, each on the order's context updated with the line's values."""
        lines = list(lines)
        if not self.line_level:
            return [self.evaluate(order_ctx)] * len(lines)
        return [self.evaluate({**order_ctx, **ln}) for ln in lines]


def _freeze(value: object) -> object:
    if isinstance(value, (list, set, frozenset)):
        return tuple(value)
    return value


# ---------------------------------------------------------------------------------------------------
# Highlighting

HIGHLIGHT_KINDS = ("field", "string", "number", "operator", "keyword", "error")


def highlight_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, length, kind) for each token of `text`, kinds as in HIGHLIGHT_KINDS, in order.

    Works on anything (half-typed, invalid): never raises. Unknown names, unknown characters,
    unclosed quotes and unmatched brackets come out as "error". Compile errors that need the whole
    condition (types, province names) are not shown here; use check_condition for those.
    """
    try:
        toks, errors = _lex(text if isinstance(text, str) else str(text))
    except Exception:  # pragma: no cover - the lexer is written not to raise; stay safe in the editor
        return [(0, len(text), "error")] if text else []
    spans = []
    flagged = {(e.start, e.length) for e in errors}
    for t in toks:
        kind = "error" if (t.start, t.end - t.start) in flagged else t.hl
        spans.append((t.start, t.end - t.start, kind))
    return spans
