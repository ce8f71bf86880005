"""The shipping label (面单) layout: zones stacked top to bottom like a courier's own label.

Header (courier, sorting code) | waybill barcode | receiver (largest text) | sender | items and
gifts | channel, print time, order barcode | on 100×180 a tear-off receiver copy. Zone heights are
fixed per size so the scanner and the eye always find the waybill in the same place; the items
zone takes what is left. The result is a plan (see plan.py) painted as PDF, ZPL or TSPL.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from .barcode import WAYBILL_MIN_MODULE_MM, plan_code128
from .errors import TextDoesNotFit
from .fonts import ensure_font, text_width
from .model import (CHANNEL_SHOP, GIFT_LINES, ITEMS, ORDER_BARCODE, PRINTED_AT, SENDER, LabelSize,
                    LabelTemplate, ShippingLabelData)  # fmt: skip
from .plan import PT_MM, Element, LabelPlan, Rect, Tag, Text
from .textfit import FittedText, fit, fit_line

MARGIN = 2.0  # mm, all coordinates here are millimetres from the top-left corner
PAD = 1.5
WAYBILL = ("运单号", "waybill number")
ORDER_NO = ("订单号", "order number")


@dataclass(frozen=True)
class ShippingLayout:
    """Zone heights in mm (the items zone takes the rest) and a font scale for narrow stock."""

    header: float
    waybill: float
    receiver: float
    sender: float
    footer: float
    stub: float
    scale: float


LAYOUTS = {
    LabelSize.S100X150: ShippingLayout(15, 31, 36, 17, 17, 0, 1.0),
    LabelSize.S100X180: ShippingLayout(15, 31, 36, 17, 17, 31, 1.0),
    LabelSize.S76X130: ShippingLayout(13, 27, 33, 15, 15, 0, 0.82),
}


@dataclass(frozen=True)
class Zone:
    x: float
    top: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.top + self.h


class _Plan:
    """Collects elements; text sizes are points, positions millimetres."""

    def __init__(self) -> None:
        self.out: list[Element] = []

    def text(self, x: float, baseline: float, s: str, size: float, bold: bool = False,
             align: str = "left") -> None:  # fmt: skip
        self.out.append(Text(x, baseline, size, s, bold, align))

    def block(self, x: float, top: float, fitted: FittedText, bold: bool = False) -> None:
        y = top + fitted.size * 0.9 * PT_MM
        for line in fitted.lines:
            self.text(x, y, line, fitted.size, bold)
            y += fitted.leading * PT_MM


def plan_shipping_label(d: ShippingLabelData, t: LabelTemplate) -> LabelPlan:
    """Lay out one label; raises a LabelError when something cannot be shown in full."""
    ensure_font()  # text is measured with the label font
    lay, w, h = LAYOUTS[t.size], float(t.size.width_mm), float(t.size.height_mm)
    zones, top = [], MARGIN
    for zh in zone_heights(lay, t, h - 2 * MARGIN):
        zones.append(Zone(MARGIN, top, w - 2 * MARGIN, zh))
        top += zh
    header, waybill, receiver, sender, items, footer, stub = zones
    p, s = _Plan(), lay.scale
    _rules(p, zones, bool(stub.h))
    _header(p, d, header, s)
    _waybill(p, d, waybill, s)
    _receiver(p, d, receiver, s)
    if sender.h:
        _sender(p, d, sender, s)
    if items.h:
        _items(p, d, t, items, s)
    if footer.h:
        _footer(p, d, t, footer, s)
    if stub.h:
        _stub(p, d, stub, s)
    return LabelPlan(w, h, tuple(p.out))


def zone_heights(lay: ShippingLayout, t: LabelTemplate, inner: float) -> list[float]:
    """Heights (mm) of header, waybill, receiver, sender, items, footer, stub."""
    sender = lay.sender if t.shows(SENDER) else 0
    footer = lay.footer if any(t.shows(f) for f in (ORDER_BARCODE, CHANNEL_SHOP, PRINTED_AT)) else 0
    rest = inner - lay.header - lay.waybill - lay.receiver - sender - footer - lay.stub
    receiver = lay.receiver
    if not (t.shows(ITEMS) or t.shows(GIFT_LINES)):
        receiver, rest = receiver + rest, 0
    return [lay.header, lay.waybill, receiver, sender, rest, footer, lay.stub]


def _rules(p: _Plan, zones: list[Zone], has_stub: bool) -> None:
    """The outer frame and a rule under every zone but the last; the stub's tear line dashed."""
    shown = [z for z in zones if z.h]
    p.out.append(Rect(shown[0].x, shown[0].top, shown[0].w, shown[-1].bottom - shown[0].top, line=0.42))
    for i, z in enumerate(shown[:-1]):
        if has_stub and i == len(shown) - 2:  # the tear-off line: dashes, drawn as short bars
            p.out += [Rect(x, z.bottom - 0.35, 2.0, 0.7) for x in _frange(z.x, z.x + z.w - 2.0, 3.2)]
        else:
            p.out.append(Rect(z.x, z.bottom - 0.16, z.w, 0.32))


def _frange(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(int((stop - start) / step) + 1)]


def _fit_line(s: str, width_mm: float, max_pt: float, min_pt: float, what: tuple[str, str]) -> float:
    return fit_line(s, width_mm * mm, max_pt, min_pt, what)


def _header(p: _Plan, d: ShippingLabelData, z: Zone, s: float) -> None:
    size = _fit_line(d.courier_name, z.w * 0.55, 20 * s, 9, ("快递公司名称", "courier name"))
    p.text(z.x + 2, z.top + (z.h + size * 0.72 * PT_MM) / 2, d.courier_name, size, bold=True)
    code = d.route_code or d.courier_code
    if code:
        size = _fit_line(code, z.w * 0.4, (24 if d.route_code else 16) * s, 9, ("分拣码", "sorting code"))
        p.text(z.x + z.w - 2, z.top + (z.h + size * 0.72 * PT_MM) / 2, code, size, True, "right")


def _waybill(p: _Plan, d: ShippingLabelData, z: Zone, s: float) -> None:
    size = 15 * s
    bars_h = z.h - 2 - size * PT_MM - 3
    p.out.append(plan_code128(d.waybill_no, (z.x, z.top + 2, z.w, bars_h), WAYBILL, WAYBILL_MIN_MODULE_MM))
    p.text(z.x + z.w / 2, z.bottom - 1.8, d.waybill_no, size, bold=True, align="center")


@dataclass(frozen=True)
class _PartyStyle:
    who_pt: float  # "name  phone" line, shrunk to fit one line
    addr_pt: float  # address: wrapped at this size, shrunk if needed ...
    addr_min_pt: float  # ... down to this, else an error
    strong: bool  # bold: the receiver is what the courier reads


def _party(p: _Plan, z: Zone, tag: Tag, who: str, address: str, st: _PartyStyle,
           what: tuple[str, str]) -> None:  # fmt: skip
    """A 收/寄 block: tag, a 'name  phone' line, the address wrapped and shrunk to fit."""
    p.out.append(tag)
    x = tag.x + tag.side + PAD + 1
    width = z.x + z.w - PAD - x
    size = _fit_line(who, width, st.who_pt, 6, (f"{what[0]}姓名和电话", f"{what[1]} name and phone"))
    p.text(x, z.top + PAD + size * 0.9 * PT_MM, who, size, bold=st.strong)
    top = z.top + PAD + size * 1.3 * PT_MM
    fitted = fit(address, width * mm, (z.bottom - PAD / 2 - top) * mm, st.addr_pt, st.addr_min_pt,
                 (f"{what[0]}地址", f"{what[1]} address"))  # fmt: skip
    p.block(x, top, fitted, bold=st.strong and fitted.size >= 9)


def _receiver(p: _Plan, d: ShippingLabelData, z: Zone, s: float) -> None:
    tag = Tag(z.x + PAD, z.top + PAD, 9 * s, "收", inverted=True)
    who = f"{d.receiver_name}  {d.receiver_phone_masked}"
    _party(p, z, tag, who, d.receiver_address, _PartyStyle(18 * s, 15 * s, 7, True), ("收件人", "receiver"))


def _sender(p: _Plan, d: ShippingLabelData, z: Zone, s: float) -> None:
    tag = Tag(z.x + PAD, z.top + PAD, 6.5 * s, "寄", inverted=False)
    who = f"{d.sender_name}  {d.sender_phone}"
    _party(p, z, tag, who, d.sender_address, _PartyStyle(9.5 * s, 8.5 * s, 6, False), ("寄件人", "sender"))


def _items(p: _Plan, d: ShippingLabelData, t: LabelTemplate, z: Zone, s: float) -> None:
    lines = [f"内件：{x}" if i == 0 else x for i, x in enumerate(d.item_lines)] if t.shows(ITEMS) else []
    if t.shows(GIFT_LINES):
        lines += [f"赠品：{g}" for g in d.gift_lines]
    if lines:
        fitted = _fit_with_overflow(lines, (z.w - 2 * PAD) * mm, (z.h - 2 * PAD) * mm, 9 * s)
        p.block(z.x + PAD, z.top + PAD, fitted)


def _fit_with_overflow(lines: list[str], width: float, height: float, max_size: float) -> FittedText:
    """Item lists may be long: show what fits and say plainly how many more are on the slip."""
    what = ("物品清单", "item list")
    for shown in range(len(lines), 0, -1):
        hidden = len(lines) - shown
        note = [f"……另有 {hidden} 项，见装箱单 / +{hidden} more, see packing slip"] if hidden else []
        try:
            return fit("\n".join(lines[:shown] + note), width, height, max_size, 6, what)
        except TextDoesNotFit:
            continue
    return fit(f"共 {len(lines)} 项，见装箱单 / {len(lines)} items, see packing slip", width, height, 7, 5, what)


def _footer(p: _Plan, d: ShippingLabelData, t: LabelTemplate, z: Zone, s: float) -> None:
    """Channel and print time on one line; below, the order number as a barcode for the bench."""
    size = 7.5 * s
    y = z.top + PAD + size * 0.85 * PT_MM
    right = z.x + z.w - PAD
    if t.shows(PRINTED_AT):
        stamp = f"打印 {d.printed_at:%Y-%m-%d %H:%M}"
        p.text(right, y, stamp, size, align="right")
        right -= text_width(stamp, size) / mm + 3
    if t.shows(CHANNEL_SHOP):
        shop = f"{d.channel_name} · {d.shop_name}"
        shop_size = _fit_line(shop, right - z.x - 2 * PAD, size, 5.5, ("渠道和店铺", "channel and shop"))
        p.text(z.x + PAD, y, shop, shop_size)
    if t.shows(ORDER_BARCODE):
        box = (z.x, y + 1.5, z.w, z.bottom - 4.5 - y - 1.5)
        p.out.append(plan_code128(d.order_no, box, ORDER_NO, max_mm=0.375))
        p.text(z.x + z.w / 2, z.bottom - 1.4, f"订单号 {d.order_no}", 7.5 * s, align="center")
    else:
        p.text(z.x + PAD, z.bottom - 3, f"订单号 {d.order_no}", 10 * s)


def _stub(p: _Plan, d: ShippingLabelData, z: Zone, s: float) -> None:
    """The lower copy of a two-part label, kept by the receiver: waybill again, who, which order."""
    p.text(z.x + PAD, z.top + PAD + 2.5, "收件人存根 Receiver copy", 7 * s)
    p.text(z.x + z.w - PAD, z.top + PAD + 2.5, d.courier_name, 8 * s, True, "right")
    box = (z.x, z.top + 5, z.w, z.h - 20)
    p.out.append(plan_code128(d.waybill_no, box, WAYBILL, WAYBILL_MIN_MODULE_MM))
    p.text(z.x + z.w / 2, z.bottom - 10.5, d.waybill_no, 11 * s, True, "center")
    who = f"{d.receiver_name}  {d.receiver_phone_masked}    订单 {d.order_no}"
    size = _fit_line(who, z.w - 2 * PAD, 8.5 * s, 5.5, ("收件人存根", "receiver copy"))
    p.text(z.x + PAD, z.bottom - 2.5, who, size)
