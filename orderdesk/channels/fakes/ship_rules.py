"""What the fake gateways share about shipments: each platform's courier company list, and a book
of what left with which waybill, so a repeat is refused the way the platforms refuse it.

A platform takes a waybill for an order (or for some of its lines) once; a repeat is answered
"already shipped" naming the waybill it has, which the drain reads as done when it is its own.
The book also counts the ship calls per order, so tests can see that nothing was taken twice.
The company codes below are this fake's (real lists come from the platforms' APIs; §8).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

COMPANIES: dict[str, list[tuple[str, str]]] = {
    "taobao": [("ZTO", "中通快递"), ("YTO", "圆通速递"), ("STO", "申通快递"), ("YUNDA", "韵达快递"),
               ("SF", "顺丰速运"), ("JTSD", "极兔速递"), ("EMS", "EMS"), ("JD", "京东快递"), ("POST", "中国邮政"),
               ("ZJS", "宅急送")],
    "pdd": [("115", "中通快递"), ("85", "圆通快递"), ("1", "申通快递"), ("121", "韵达快递"), ("44", "顺丰快递"),
            ("384", "极兔速递"), ("118", "EMS"), ("120", "京东配送"), ("132", "邮政快递包裹")],
    "douyin": [("zhongtong", "中通快递"), ("yuantong", "圆通速递"), ("shentong", "申通快递"), ("yunda", "韵达快递"),
               ("shunfeng", "顺丰速运"), ("jtexpress", "极兔速递"), ("ems", "EMS"), ("jd", "京东快递")],
    "miniprogram": [("ZTO", "中通快递"), ("YTO", "圆通速递"), ("STO", "申通快递"), ("YD", "韵达快递"),
                    ("SF", "顺丰速运"), ("JTSD", "极兔速递"), ("EMS", "EMS"), ("JD", "京东物流")],
}  # fmt: skip
WHOLE = "*"  # the line key of a whole-order shipment


class ShipBook:
    """Per order: line → waybill shipped, calls received, shipments accepted. Not thread-safe: the
    gateways call it under their own lock."""

    def __init__(self, platform: str) -> None:
        self.codes = {code for code, _ in COMPANIES[platform]}
        self.shipped: dict[str, dict[str, str]] = {}
        self.calls: Counter[str] = Counter()
        self.accepted: Counter[str] = Counter()

    def decide(self, order_id: str, waybill: str, company: str, lines: Iterable[str] = (),
               refusal: str = "") -> tuple[str, str] | None:  # fmt: skip
        """None when the shipment is taken (and booked), else (kind, the waybills already there).

        kind: already (a line or the order already left), refunded / closed / not_to_ship (the
        order's own state, given by the gateway as `refusal`), company (an unknown code).
        """
        self.calls[order_id] += 1
        book = self.shipped.setdefault(order_id, {})
        keys = list(lines) or [WHOLE]
        there = sorted({book[k] for k in keys if k in book} | ({book[WHOLE]} if WHOLE in book else set()))
        if there:
            return "already", ",".join(there)
        if refusal:
            return refusal, ""
        if company not in self.codes:
            return "company", ""
        for k in keys:
            book[k] = waybill
        self.accepted[order_id] += 1
        return None

    def all_shipped(self, order_id: str, all_lines: Iterable[str]) -> bool:
        book = self.shipped.get(order_id, {})
        return WHOLE in book or all(k in book for k in all_lines)

    def mark_shipped(self, order_id: str, waybill: str) -> None:
        """An order shipped outside this fake's calls (e.g. added as already shipped)."""
        self.shipped.setdefault(order_id, {})[WHOLE] = waybill


MESSAGES = {  # kind → (zh, en); "{w}" is the waybill already there
    "already": ("订单已发货，不能重复发货（运单号 {w}）", "already shipped (waybill {w})"),
    "refunded": ("买家已申请退款，不能发货", "the buyer asked for a refund; cannot ship"),
    "closed": ("交易已关闭，不能发货", "the trade is closed; cannot ship"),
    "not_to_ship": ("订单状态不是待发货", "the order status is not waiting to ship"),
    "company": ("物流公司编码不存在", "unknown logistics company code"),
}


def message(kind: str, waybills: str = "") -> str:
    zh, en = MESSAGES[kind]
    return f"{zh.format(w=waybills)} ({en.format(w=waybills)})"
