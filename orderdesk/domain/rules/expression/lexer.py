"""The lexer: condition text as a Chinese IME types it -> tokens of Python text, each with its original span.

Full-width punctuation, curly and corner quotes, ≥ ≤ ≠, && || ! and the Chinese words 且/或/非/是/在…
become Python; a run of Chinese letters is split into known field and function names and these words.
"""

from __future__ import annotations

import keyword
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..fields import ALL_FIELDS, lookup_field
from .functions import FUNCTIONS, lookup_function

MAX_NESTING = 30  # brackets inside brackets

_ZH_WORDS = {
    "且": "and", "并且": "and", "而且": "and", "或": "or", "或者": "or", "非": "not",
    "不是": "不是", "是": "==", "等于": "==", "不等于": "!=", "在": "in", "属于": "in",
    "不在": "not in", "不属于": "not in", "真": "True", "假": "False",
}  # fmt: skip
_EN_WORDS = {"and": "and", "or": "or", "not": "not", "in": "in", "true": "True", "false": "False"}
_VOCAB: dict[str, str] = {}
for _f in ALL_FIELDS:
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
