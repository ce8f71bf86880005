"""Pick list (拣货单) for a wave on A4: one walk through the bins, then the sorting slots.

Part one sums the wave per bin and SKU in walking order (natural sort: A-2 before A-10) and says
which slot gets how many. Part two lists every order's slot with its order number as a barcode,
so the packer scans the slot's sheet instead of typing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import draw
from .barcode import draw_code128
from .errors import InvalidDocumentData
from .flow import Row, draw_pages, paginate
from .model import PickLine, PickListData
from .textfit import wrap

PAGE = A4
MARGIN = 12 * mm
HEADER_H = 30 * mm
CONT_HEADER_H = 12 * mm
FOOTER_H = 8 * mm
SLOT_ROW_H = 19 * mm


@dataclass(frozen=True)
class PickGroup:
    """All units of one SKU to take from one bin, and which slot each goes to."""

    bin_code: str
    sku: str
    name: str
    qty: int
    slots: tuple[tuple[int, int], ...]  # (slot number, quantity), by slot


def bin_sort_key(bin_code: str) -> tuple[object, ...]:
    """Natural order of bin codes, so pickers walk A-01-2, A-01-10, B-1 and not A-01-10 first."""
    parts = re.findall(r"\d+|\D+", bin_code)
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in parts)


def group_lines(lines: tuple[PickLine, ...]) -> list[PickGroup]:
    """Sum lines per (bin, SKU), sorted by bin then SKU; quantities per slot kept."""
    per: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[str, str] = {}
    for ln in lines:
        per[(ln.bin_code, ln.sku)][ln.slot_no] += ln.qty
        names.setdefault(ln.sku, ln.name)
    keys = sorted(per, key=lambda k: (bin_sort_key(k[0]), k[1]))
    return [PickGroup(b, s, names[s], sum(per[(b, s)].values()), tuple(sorted(per[(b, s)].items())))
            for b, s in keys]  # fmt: skip


def order_slots(lines: tuple[PickLine, ...]) -> list[tuple[int, str]]:
    """(slot, order number) pairs by slot; one order in two slots or two orders in one is refused."""
    slot_of: dict[str, int] = {}
    order_of: dict[int, str] = {}
    for ln in lines:
        slot = slot_of.setdefault(ln.order_no, ln.slot_no)
        order = order_of.setdefault(ln.slot_no, ln.order_no)
        if slot != ln.slot_no or order != ln.order_no:
            raise InvalidDocumentData(f"订单 {ln.order_no} 与格口 {ln.slot_no} 的对应不唯一",
                                      f"Order {ln.order_no} and slot {ln.slot_no} do not map one to one")
    return sorted(order_of.items())


def draw_pick_list(c: Canvas, d: PickListData) -> None:
    if not d.lines:
        raise InvalidDocumentData("拣货单没有商品行", "The pick list has no lines")
    if any(ln.qty <= 0 for ln in d.lines):
        raise InvalidDocumentData("拣货数量必须大于 0", "Pick quantities must be above 0")
    w, h = PAGE
    groups, slots = group_lines(d.lines), order_slots(d.lines)
    rows = _pick_rows(groups, w) + _slot_rows(slots, w)
    body = h - 2 * MARGIN - FOOTER_H
    pages = paginate(rows, body - HEADER_H, body - CONT_HEADER_H)

    def frame(c: Canvas, n: int, total: int) -> float:
        draw.text(c, MARGIN, MARGIN, f"打印 Printed {d.printed_at:%Y-%m-%d %H:%M}", 7.5)
        draw.text(c, w - MARGIN, MARGIN, f"第 {n}/{total} 页  Page {n} of {total}", 7.5, align="right")
        return _header(c, d, groups, slots, w, h) if n == 1 else _cont_header(c, d, h)

    draw_pages(c, pages, frame)


# Columns of part one, as shares of the text width: bin | SKU and name | qty | slots | done box.
_COLS = (0.16, 0.40, 0.09, 0.29, 0.06)


def _col_x(w: float) -> list[float]:
    xs, x = [], MARGIN
    for share in _COLS:
        xs.append(x)
        x += share * (w - 2 * MARGIN)
    return xs + [x]


def _pick_rows(groups: list[PickGroup], w: float) -> list[Row]:
    xs = _col_x(w)
    head = _pick_header(xs)
    title = _title("一、拣货 Pick (按库位 by bin)", w)
    return [title, head] + [_group_row(g, xs, head) for g in groups]


def _title(s: str, w: float) -> Row:
    def paint(c: Canvas, top: float) -> None:
        draw.text(c, MARGIN, top - 7 * mm, s, 12, bold=True)

    return Row(10 * mm, paint, keep_with_next=True)


def _pick_header(xs: list[float]) -> Row:
    names = ("库位 Bin", "SKU / 商品 Item", "数量 Qty", "分格 Slot × qty", "完成")

    def paint(c: Canvas, top: float) -> None:
        c.setFillGray(0.88)
        c.rect(xs[0], top - 7 * mm, xs[-1] - xs[0], 7 * mm, stroke=0, fill=1)
        c.setFillGray(0)
        for x, s in zip(xs, names):
            draw.text(c, x + 1.5 * mm, top - 5 * mm, s, 8.5, bold=True)

    return Row(7 * mm, paint, keep_with_next=True)


def _group_row(g: PickGroup, xs: list[float], head: Row) -> Row:
    name_lines = wrap(g.name, xs[2] - xs[1] - 3 * mm, 9)
    slot_text = "  ".join(f"#{s}×{q}" for s, q in g.slots)
    slot_lines = wrap(slot_text, xs[4] - xs[3] - 3 * mm, 9.5)
    height = max(13 * mm, 6 * mm + 11 + 11 * max(len(name_lines), len(slot_lines)))

    def paint(c: Canvas, top: float) -> None:
        draw.text(c, xs[0] + 1.5 * mm, top - 7 * mm, g.bin_code, 13, bold=True)
        draw.text(c, xs[1] + 1.5 * mm, top - 5 * mm, g.sku, 10, bold=True)
        for i, s in enumerate(name_lines):
            draw.text(c, xs[1] + 1.5 * mm, top - 5 * mm - 11 * (i + 1), s, 9)
        draw.text(c, xs[3] - 3 * mm, top - 7.5 * mm, str(g.qty), 17, True, "right")
        for i, s in enumerate(slot_lines):
            draw.text(c, xs[3] + 1.5 * mm, top - 5 * mm - 11 * i, s, 9.5)
        draw.frame(c, xs[4] + 2 * mm, top - 8 * mm, 5 * mm, 5 * mm, 0.8)
        draw.hline(c, xs[0], xs[-1], top - height, 0.5)

    return Row(height, paint, header=head)


def _slot_rows(slots: list[tuple[int, str]], w: float) -> list[Row]:
    """Two slot cards per row: big slot number, the order number as barcode and text."""
    half = (w - 2 * MARGIN) / 2
    rows = [_title(f"二、分格 Sort into slots（{len(slots)} 单 orders）", w)]
    for i in range(0, len(slots), 2):
        pair = slots[i : i + 2]

        def paint(c: Canvas, top: float, pair: list[tuple[int, str]] = pair) -> None:
            for k, (slot, order_no) in enumerate(pair):
                _slot_card(c, MARGIN + k * half, top, half - 3 * mm, slot, order_no)

        rows.append(Row(SLOT_ROW_H, paint))
    return rows


def _slot_card(c: Canvas, x: float, top: float, width: float, slot: int, order_no: str) -> None:
    box = 15 * mm
    draw.frame(c, x, top - box - 1 * mm, box, box, 1.5)
    draw.text(c, x + box / 2, top - 1 * mm - box / 2 - 6, str(slot), 18 if slot < 100 else 13, True, "center")
    bx = x + box + 1 * mm
    draw_code128(c, order_no, (bx, top - 12 * mm, width - box - 1 * mm, 10 * mm), ("订单号", "order number"),
                 max_mm=0.33, align="left")  # fmt: skip
    draw.text(c, bx + 2.5 * mm, top - 16 * mm, order_no, 8.5)


def _header(c: Canvas, d: PickListData, groups: list[PickGroup], slots: list[tuple[int, str]],
            w: float, h: float) -> float:  # fmt: skip
    top = h - MARGIN
    draw.text(c, MARGIN, top - 18, "拣货单 Pick list", 18, bold=True)
    draw_code128(c, d.wave_id, (w - MARGIN - 80 * mm, top - 13 * mm, 80 * mm, 12 * mm),
                 ("波次号", "wave id"), max_mm=0.375)  # fmt: skip
    draw.text(c, w - MARGIN - 40 * mm, top - 17 * mm, f"波次 Wave {d.wave_id}", 9, align="center")
    units = sum(g.qty for g in groups)
    info = (f"仓库 Warehouse: {d.warehouse_name}    拣货员 Picker: {d.picker or '—'}    "
            f"{len(slots)} 单 orders · {len(groups)} 行 lines · {units} 件 units")  # fmt: skip
    draw.text(c, MARGIN, top - 24 * mm, info, 9.5)
    draw.hline(c, MARGIN, w - MARGIN, top - 27 * mm, 1.2)
    return top - HEADER_H


def _cont_header(c: Canvas, d: PickListData, h: float) -> float:
    draw.text(c, MARGIN, h - MARGIN - 12, f"拣货单（续） Pick list, continued — {d.wave_id}", 11, bold=True)
    return h - MARGIN - CONT_HEADER_H
