"""Courier handover (交接): which parcel may go into a courier's manifest, and why not.

Pure rules. The handover service looks up what a scan names (a parcel's waybill or an order
number) and hands the facts to `check_parcel`; every refusal is a `HandoverRefusal` whose code
is recorded with the scan and whose words are said at the dock, short and concrete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .couriers import courier
from .errors import DomainError
from .packing import clean_scan
from .status import OrderStatus as S

CLOSE_CODES = {"CLOSE", "*CLOSE*", "关闭", "签收"}
MAX_CODE = 64
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")


class HandoverRefusal(DomainError):
    """A scan the handover refuses; nothing is handed over. `code` names the reason."""

    def __init__(self, code: str, zh: str, en: str, order: str | None = None, manifest: int | None = None) -> None:
        super().__init__(zh, en)
        self.code, self.order, self.manifest = code, order, manifest


@dataclass(frozen=True)
class ManifestFacts:
    id: int
    courier_code: str
    warehouse_code: str
    warehouse_name: str
    closed: bool


@dataclass(frozen=True)
class ParcelFacts:
    """One shipment as the dock sees it, with where it was already handed over (if it was)."""

    shipment_id: int
    order_id: int
    order_no: str
    order_status: str
    shipment_status: str
    warehouse_code: str
    warehouse_name: str
    courier_code: str
    waybill_no: str
    in_manifest: int | None = None


def clean_handover_code(raw: str) -> str:
    """The scan as meant (full-width made half-width, spaces dropped); garbage is refused here."""
    code = clean_scan(raw)
    if not code:
        raise HandoverRefusal("empty", "空扫描，请重扫", "Empty scan; scan again")
    if len(code) > MAX_CODE or not _CODE.fullmatch(code):
        shown = code[:24] + ("…" if len(code) > 24 else "")
        raise HandoverRefusal("garbage", f"不是运单号或订单号：{shown}", f"Not a waybill or order number: {shown}")
    return code


def check_parcel(p: ParcelFacts, m: ManifestFacts) -> None:
    """Refuse a parcel that must not go to this courier from this dock now; else return."""
    no = p.order_no
    if p.in_manifest is not None:
        where_zh = "本交接单" if p.in_manifest == m.id else f"交接单 {p.in_manifest}"
        where_en = "this manifest" if p.in_manifest == m.id else f"manifest {p.in_manifest}"
        raise HandoverRefusal("handed_over", f"包裹已交接（{where_zh}），请勿重复扫描",
                              f"Already handed over ({where_en}); do not scan it twice", no, p.in_manifest)  # fmt: skip
    check_status(p.order_no, p.order_status, p.shipment_status)
    if p.warehouse_code != m.warehouse_code:
        raise HandoverRefusal("other_warehouse", f"包裹属于{p.warehouse_name}，不是本仓（{m.warehouse_name}）",
                              f"This parcel ships from {p.warehouse_code}, not {m.warehouse_code}", no)  # fmt: skip
    if not p.waybill_no:
        raise HandoverRefusal("no_waybill", f"订单 {no} 的包裹还没有面单号，请先打印面单",
                              f"Order {no}'s parcel has no waybill yet: print its label first", no)  # fmt: skip
    if p.courier_code != m.courier_code:
        theirs, ours = courier(p.courier_code) if p.courier_code else None, courier(m.courier_code)
        name_zh, name_en = (theirs.zh, theirs.en) if theirs else ("其他快递", "another courier")
        raise HandoverRefusal("other_courier", f"这是{name_zh}的包裹，不能交给{ours.zh}",
                              f"This is a {name_en} parcel, not {ours.en}'s", no)  # fmt: skip


def check_status(no: str, order_status: str, shipment_status: str) -> None:
    """Refunded, cancelled, gone already, or not packed: the parcel stays in the warehouse."""
    status = S(order_status)
    if status is S.INTERCEPTED or status is S.REFUND_REQUESTED:
        raise HandoverRefusal("intercepted", "退款订单，请拦截，不能交接", "Refund requested: intercept, do not hand over", no)
    if status is S.CANCELLED:
        raise HandoverRefusal("cancelled", "订单已取消，不能交接", "Order cancelled: do not hand over", no)
    if status in (S.SHIPPED, S.DELIVERED, S.RETURNED):
        raise HandoverRefusal("shipped", f"订单已{status.zh}，不能再交接", f"Order already {status.en.lower()}", no)
    if shipment_status != "PACKED":
        raise HandoverRefusal("not_packed", f"订单 {no} 的包裹还没有打包，不能交接",
                              f"Order {no}'s parcel is not packed yet", no)  # fmt: skip
