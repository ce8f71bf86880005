"""A compiled condition and its evaluation: simpleeval on the checked tree, memoised on the fields' values."""

from __future__ import annotations

import ast
import operator as op
import threading
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import Any

from simpleeval import SimpleEval

from ...errors import DomainError
from ...provinces import FULL_NAMES, normalise_province
from ..fields import ALL_FIELDS, LINE_LEVEL_KEYS, as_tuple_of_str, normalise_channel, normalise_region, region_of
from .errors import RuleEvaluationError
from .functions import FUNCTIONS

CACHE_SIZE = 50_000  # memoised results per condition; the cache is cleared when full

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
for _f in ALL_FIELDS:
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

    Results are memoised on the tuple of the values of the fields it depends on: at most `cache_size`
    entries (CACHE_SIZE unless given), cleared when full. Evaluation is thread-safe.
    """

    def __init__(self, text: str, body: ast.expr, fields: frozenset[str],
                 cache_size: int | None = None) -> None:  # fmt: skip
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
        limit = CACHE_SIZE if cache_size is None else cache_size
        self.evaluate = self._make_evaluate(limit)  # type: ignore[method-assign]

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"

    @property
    def python(self) -> str:
        """The checked condition as the evaluator sees it (English keys, normalised literals)."""
        return ast.unparse(self._body)

    def evaluate(self, ctx: Mapping[str, object]) -> bool:  # replaced per instance by a fast closure
        return self._compute(tuple(_freeze(ctx.get(k)) for k in self._deps))

    def _make_evaluate(self, limit: int) -> Callable[[Mapping[str, object]], bool]:
        """The per-instance evaluate: build the key, look it up, compute and store on a miss.

        The key is fetched with operator.itemgetter (one C call) when every key is present, with
        .get otherwise; list values (标签) are turned into tuples so they can be hashed.
        """
        cache, compute, deps = self._cache, self._compute, self._deps
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
