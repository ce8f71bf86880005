"""Fit text into a box: wrap first, then shrink down to a floor, else refuse (never cut silently).

Chinese may break between any two characters; runs of Latin letters and digits (house numbers,
SKUs, phone numbers) are kept whole unless a run alone is wider than the box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import TextDoesNotFit
from .fonts import text_width

LEADING = 1.18
_TOKEN = re.compile(r"[A-Za-z0-9#][A-Za-z0-9\-_.@#/:+*×]*|[ \t]+|\n|.", re.S)


@dataclass(frozen=True)
class FittedText:
    size: float
    lines: tuple[str, ...]

    @property
    def leading(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        return block_height(len(self.lines), self.size)


def block_height(n_lines: int, size: float) -> float:
    """Height of n lines: full leading between lines, the last one only its cap-and-descent."""
    return 0.0 if n_lines == 0 else (n_lines - 1) * size * LEADING + size * 1.05


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy wrap at `size` points into lines no wider than `width` (hard newlines kept)."""
    lines: list[str] = []
    cur, cur_w = "", 0.0
    for tok in _tokens(text):
        if tok == "\n":
            lines.append(cur.rstrip())
            cur, cur_w = "", 0.0
            continue
        w = text_width(tok, size)
        if cur_w + w <= width or (tok.isspace() and cur):
            cur, cur_w = cur + tok, cur_w + w
        elif tok.isspace():
            continue
        elif w > width:  # a run longer than the whole line: split it by characters
            for ch in tok:
                cw = text_width(ch, size)
                if cur_w + cw > width and cur:
                    lines.append(cur.rstrip())
                    cur, cur_w = "", 0.0
                cur, cur_w = cur + ch, cur_w + cw
        else:
            lines.append(cur.rstrip())
            cur, cur_w = tok, w
    if cur.strip():
        lines.append(cur.rstrip())
    return lines


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("\r\n", "\n").strip())


def fit(text: str, width: float, height: float, max_size: float, min_size: float,
        what: tuple[str, str], step: float = 0.5) -> FittedText:  # fmt: skip
    """The largest size from max_size down to min_size at which the wrapped text fits the box."""
    size = max_size
    while size >= min_size - 1e-6:
        lines = wrap(text, width, size)
        if block_height(len(lines), size) <= height:
            return FittedText(size, tuple(lines))
        size -= step
    raise TextDoesNotFit(what[0], what[1], text, min_size)


def fit_line(text: str, width: float, max_size: float, min_size: float, what: tuple[str, str]) -> float:
    """The largest size at which `text` fits on one line of `width` (shrinks, never wraps)."""
    natural = text_width(text, 1.0)
    size = min(max_size, width / natural) if natural else max_size
    if size < min_size - 1e-6:
        raise TextDoesNotFit(what[0], what[1], text, min_size)
    return size
