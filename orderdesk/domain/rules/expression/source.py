"""The Python text the lexer emits, with the map from its characters and ast offsets back to the original."""

from __future__ import annotations

import ast
from bisect import bisect_left, bisect_right

from .lexer import _Tok


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
