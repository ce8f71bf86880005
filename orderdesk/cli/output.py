"""Printing for the CLI: JSON for machines, aligned tables for people (CJK-width aware)."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any


def print_json(data: Any, compact: bool = False) -> None:
    """Pretty JSON, or one line (`compact`) for streams read line by line."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=None if compact else 2, default=str)
    sys.stdout.write("\n")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]
    for n, r in enumerate(cells):
        line = "  ".join(c + " " * (w - display_width(c)) for c, w in zip(r, widths, strict=True))
        print(line.rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def error(message: str) -> None:
    print(message, file=sys.stderr)
