"""The checker: whitelist, types and literal normalisation on the parsed tree, rewritten for evaluation."""

from __future__ import annotations

import ast
import difflib
from collections.abc import Mapping
from dataclasses import dataclass

from ..fields import FIELDS, Field, lookup_field, normalise_channel, normalise_region, strict_province
from .errors import RuleSyntaxError
from .functions import FUNCTIONS, lookup_function
from .literals import normalise_literal
from .source import _Source

MAX_DEPTH = 60  # and/or/not nesting in the tree

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
    def __init__(self, src: _Source, shops: Mapping[str, str] | None, scope: str = "order") -> None:
        self.src = src
        self.scope = scope
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
        if f.scope != self.scope:
            where_zh, where_en = ("客户标签", "customer tags") if self.scope == "customer" else ("分仓和赠品规则", "allocation and gift rules")
            raise self.fail(self.src.node(node), f"「{node.id}」不能用于{where_zh}",
                            f"{node.id!r} cannot be used in {where_en}")  # fmt: skip
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
                    t.value = normalise_literal(key, t.value, self.src.node(t), self.shops)

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
