"""Every value of an imported order checked against the columns it will be stored in, before writing.

A 1e308 amount or a 100,000-character name would otherwise fail mid-write (OverflowError on
SQLite, DataError on PostgreSQL, or silently stored on SQLite only). Checked here, an order
that does not fit is rejected like any bad row, on the row (and column) it came from, and a
preview (--dry-run) says so too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..domain.model import ChannelOrder, OrderLine, customer_key
from ..imports.orders_file import FIELD, FileResult, ParsedOrder, RowProblem
from .ports import ColumnLimits

# (import field key, column, value) for the order itself and for each of its lines
_ORDER: tuple[tuple[str, str, Callable[[ChannelOrder], object]], ...] = (
    ("order_id", "orders.platform_order_id", lambda o: o.platform_order_id),
    ("order_id", "orders.order_no", lambda o: o.order_no),
    ("receiver_name", "orders.receiver_name", lambda o: o.receiver.name),
    ("phone", "orders.receiver_phone", lambda o: o.receiver.phone),
    ("province", "orders.province_raw", lambda o: o.receiver.province_raw),
    ("city", "orders.city", lambda o: o.receiver.city),
    ("district", "orders.district", lambda o: o.receiver.district),
    ("street", "orders.street", lambda o: o.receiver.street),
    ("detail", "orders.address_detail", lambda o: o.receiver.detail),
    ("buyer_ref", "customers.buyer_ref", lambda o: o.buyer_ref),
    ("total", "orders.total_fen", lambda o: o.total_fen),
    ("freight", "orders.freight_fen", lambda o: o.freight_fen),
    ("discount", "orders.discount_fen", lambda o: o.discount_fen),
)  # fmt: skip
_LINE: tuple[tuple[str, str, Callable[[OrderLine], object]], ...] = (
    ("sku", "order_lines.sku", lambda ln: ln.sku),
    ("title", "order_lines.title", lambda ln: ln.title),
    ("line_id", "order_lines.platform_line_id", lambda ln: ln.platform_line_id),
    ("quantity", "order_lines.quantity", lambda ln: ln.quantity),
    ("total", "order_lines.paid_fen", lambda ln: ln.paid_fen),
    ("unit_price", "order_lines.unit_price_fen", lambda ln: ln.unit_price_fen),
)
_FEN_FIELDS = frozenset({"total", "freight", "discount", "unit_price"})


@dataclass(frozen=True)
class _Excess:
    key: str  # the import field the value came from
    line: int | None  # index of the order's line, None for the order's own fields
    zh: str
    en: str


def screen(orders: Sequence[ParsedOrder], files: Sequence[FileResult],
           limits: ColumnLimits) -> tuple[list[ParsedOrder], list[RowProblem]]:  # fmt: skip
    """(the orders whose every value fits, a problem per row of the orders that do not)."""
    headers = {f.name: f.mapping for f in files}
    kept: list[ParsedOrder] = []
    problems: list[RowProblem] = []
    for p in orders:
        excesses = _excesses(p.order, limits)
        if excesses:
            problems += _problems(p, excesses, headers.get(p.file, {}))
        else:
            kept.append(p)
    return kept, problems


def _excesses(o: ChannelOrder, limits: ColumnLimits) -> list[_Excess]:
    """What does not fit; an order's sums are left out when a line already explains them."""
    lines = [e for i, ln in enumerate(o.lines) for key, col, get in _LINE
             if (e := _check(key, i, col, get(ln), limits))]  # fmt: skip
    found = [e for key, col, get in _ORDER
             if (e := _check(key, None, col, get(o), limits)) and not (lines and key in _FEN_FIELDS)]  # fmt: skip
    buyer = "buyer_ref" if o.buyer_ref else "receiver_name"  # the customer key is made of either
    customer = _check(buyer, None, "customers.key", customer_key(o.channel, o.buyer_ref, o.receiver), limits)
    return found + ([customer] if customer else []) + lines


def _check(key: str, line: int | None, column: str, value: object, limits: ColumnLimits) -> _Excess | None:
    if isinstance(value, str) and len(value) > limits.lengths.get(column, len(value)):
        most = limits.lengths[column]
        return _Excess(key, line, f"内容太长（{len(value):,} 个字符，最多 {most} 个）",
                       f"too long ({len(value):,} characters, at most {most})")  # fmt: skip
    if isinstance(value, int) and column in limits.ranges:
        low, high = limits.ranges[column]
        if not low <= value <= high:
            most = f"{high / 100:,.2f}" if key in _FEN_FIELDS else f"{high:,}"
            return _Excess(key, line, f"数值超出可保存的范围（最大 {most}）",
                           f"the number is out of the range that can be stored (at most {most})")  # fmt: skip
    return None


def _problems(p: ParsedOrder, excesses: list[_Excess], mapping: dict[str, str]) -> list[RowProblem]:
    """Each excess on the row it came from (a line's own row when the file has one row per item),
    then the order's other rows, rejected with it."""
    rows = p.rows
    per_item = len(rows) == len(p.order.lines)
    out: list[RowProblem] = []
    seen = set()
    for e in excesses:
        row = rows[e.line] if per_item and e.line is not None else rows[0]
        what = "fen" if e.key in _FEN_FIELDS else e.key  # a line's unit price is its amount / quantity
        if (row, what) in seen:
            continue
        seen.add((row, what))
        label = mapping.get(e.key) or FIELD[e.key].zh
        out.append(RowProblem(row, label, f"{FIELD[e.key].zh}{e.zh}", f"{FIELD[e.key].en}: {e.en}", p.file))
    bad = {r.row for r in out}
    first = min(bad)
    no = p.order.platform_order_id[:40]
    out += [RowProblem(r, "", f"同一订单 {no} 的第 {first} 行有问题，整单未导入",
                       f"row {first} of the same order {no} has a problem; the whole order was not imported", p.file)
            for r in rows if r not in bad]  # fmt: skip
    return out
