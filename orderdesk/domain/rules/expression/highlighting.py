"""Token kinds for colouring a condition as it is typed: works on any text, half-typed or invalid."""

from __future__ import annotations

from .lexer import _lex

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
