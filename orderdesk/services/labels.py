"""Labels as use cases: the data for shipping labels (waybill numbers given once), packing slips and
pick lists; waybill number blocks; label templates; and the audit of every print.

Rendering is `orderdesk.labels` (pure) and printing `orderdesk.printing` (an adapter); this module
only decides what goes on the paper and records what was printed, after it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from ..domain.access import Permission
from ..domain.couriers import WaybillShapeError, check_waybill, courier
from ..domain.errors import DomainError, OrderNotFound
from ..domain.model import Channel, mask_phone
from ..domain.status import OrderStatus as S
from ..labels.model import (
    LabelSize,
    LabelTemplate,
    PackingSlipData,
    PickLine,
    PickListData,
    ShippingLabelData,
    SlipLine,
)
from .actors import audit, now_utc, require_actor
from .unit_of_work import UowFactory

PRINTABLE = {S.ALLOCATED.value, S.PACKED.value, S.SHIPPED.value}  # packed/shipped: a reprint


def shipping_labels(make_uow: UowFactory, actor: str, order_nos: Sequence[str],
                    now: Callable[[], datetime] = now_utc,
                    warehouse: str | None = None) -> list[tuple[ShippingLabelData, LabelTemplate]]:  # fmt: skip
    """One label per parcel (only those leaving `warehouse`, when given: a pack station prints its
    own parcel of a split order), with the template that applies. Parcels without a waybill get
    the next number of their warehouse's courier now (kept for reprints), in this transaction."""
    with make_uow(write=True) as uow:
        require_actor(uow, actor, Permission.PRINT_LABELS)
        parcels = [p for p in _printable(uow, order_nos) if warehouse is None or p.warehouse_code == warehouse]
        templates = uow.labels.templates()
        # Number blocks are claimed in one fixed order (warehouse, courier), so two stations printing
        # overlapping batches queue behind each other instead of deadlocking.
        given = {p.shipment_id: _give_waybill(uow, p) for p in sorted(
            (p for p in parcels if not p.waybill_no), key=lambda p: (p.warehouse_id, p.warehouse_courier))}
        out = []
        for p in parcels:
            code, waybill = given.get(p.shipment_id, (p.courier_code, p.waybill_no))
            out.append((_label(p, code, waybill, now()), template_for(templates, code, p.channel)))
        uow.commit()
        return out


def _give_waybill(uow, p) -> tuple[str, str]:  # noqa: ANN001
    code = p.warehouse_courier
    if not code:
        raise DomainError(f"仓库 {p.warehouse_name} 没有设置快递公司，无法取面单号",
                          f"Warehouse {p.warehouse_code} has no courier set: no waybill number to give")  # fmt: skip
    number = uow.labels.claim_waybill(p.warehouse_id, code)
    if number is None:
        name = courier(code).zh
        raise DomainError(f"{p.warehouse_name} 的{name}面单号已用完，请先添加号段",
                          f"No {code} waybill numbers left for {p.warehouse_code}: add a number block first")  # fmt: skip
    try:
        check_waybill(code, number)  # a block added before shapes were checked, or a typo in it
    except WaybillShapeError as exc:
        raise DomainError(f"{exc.zh}；请检查 {p.warehouse_name} 的{courier(code).zh}号段",
                          f"{exc.en}; check {p.warehouse_code}'s {code} number block") from exc  # fmt: skip
    uow.labels.set_waybill(p.shipment_id, code, number)
    return code, number


def _printable(uow, order_nos: Sequence[str]) -> list:  # noqa: ANN001
    """The parcels of these orders; an unknown, unallocated or intercepted order stops the batch."""
    wanted = [n.strip() for n in order_nos if n.strip()]
    if not wanted:
        raise DomainError("没有给出订单号", "No order numbers given")
    parcels = uow.labels.parcels(wanted)
    found = {p.order_no for p in parcels}
    for number in wanted:
        if number not in found and not any(p.order_no.endswith(number) for p in parcels):
            stored = uow.orders.get_for_update(number)
            if stored is None:
                raise OrderNotFound(number)
            raise DomainError(f"订单 {stored.order_no} 尚未分仓，没有包裹可打印",
                              f"Order {stored.order_no} is not allocated yet: no parcel to print")  # fmt: skip
    for p in parcels:
        if p.status not in PRINTABLE:
            status = S(p.status)
            raise DomainError(f"订单 {p.order_no} 状态为「{status.zh}」，不能打印",
                              f"Order {p.order_no} is {status.en}: it cannot be printed")  # fmt: skip
    return parcels


def _label(p, courier_code: str, waybill: str, at: datetime) -> ShippingLabelData:  # noqa: ANN001
    goods = tuple(f"{li.title or li.sku} ×{li.quantity}" for li in p.lines if not li.is_gift)
    gifts = tuple(f"{li.title or li.sku} ×{li.quantity}" for li in p.lines if li.is_gift)
    if p.parcels_in_order > 1:
        goods = (f"包裹 {p.seq}/{p.parcels_in_order}",) + goods
    detail = " ".join(x for x in (p.street, p.address_detail) if x)
    return ShippingLabelData(
        courier_name=courier(courier_code).zh, courier_code=courier_code, waybill_no=waybill, order_no=p.order_no,
        sender_name=p.shop_name, sender_phone=p.warehouse_phone, sender_address=p.warehouse_address,
        receiver_name=p.receiver_name, receiver_phone_masked=mask_phone(p.receiver_phone), province=p.province,
        city=p.city, district=p.district, address_detail=detail, item_lines=goods,
        channel_name=Channel(p.channel).zh, shop_name=p.shop_name, printed_at=at, gift_lines=gifts,
    )  # fmt: skip


def template_for(templates: Sequence[tuple[str, str, str, list[str]]], courier_code: str,
                 channel: str) -> LabelTemplate:  # fmt: skip
    """The most specific template: courier+channel, then courier, then channel, then the default."""
    by_key = {(c, ch): (size, fields) for c, ch, size, fields in templates}
    for key in ((courier_code, channel), (courier_code, ""), ("", channel), ("", "")):
        if key in by_key:
            size, fields = by_key[key]
            return LabelTemplate.from_setting({"size": size, "fields": fields})
    return LabelTemplate()


def orders_awaiting_labels(make_uow: UowFactory, actor: str, warehouse: str | None = None,
                           limit: int = 200) -> list[str]:  # fmt: skip
    """Allocated orders (of one warehouse, or all) with a parcel whose label was never printed."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.labels.awaiting(warehouse or None, limit)


def packing_slips(make_uow: UowFactory, actor: str, order_nos: Sequence[str],
                  now: Callable[[], datetime] = now_utc) -> list[PackingSlipData]:  # fmt: skip
    """One slip per parcel: what goes in this box, the buyer's note, the gifts."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.PRINT_LABELS)
        return [_slip(p, now()) for p in _printable(uow, order_nos)]


def _slip(p, at: datetime) -> PackingSlipData:  # noqa: ANN001
    goods = tuple(SlipLine(li.sku, li.title, li.quantity) for li in p.lines if not li.is_gift)
    gifts = tuple(SlipLine(li.sku, li.title, li.quantity) for li in p.lines if li.is_gift)
    name = courier(p.courier_code).zh if p.courier_code else ""
    return PackingSlipData(order_no=p.order_no, channel_name=Channel(p.channel).zh, shop_name=p.shop_name,
                           receiver_name=p.receiver_name, lines=goods, printed_at=at, gift_lines=gifts,
                           buyer_note=p.buyer_note, seller_note=p.seller_note, courier_name=name,
                           waybill_no=p.waybill_no or "", paid_at=p.paid_at)  # fmt: skip


def pick_lists(make_uow: UowFactory, actor: str, order_nos: Sequence[str], wave_id: str = "",
               now: Callable[[], datetime] = now_utc) -> list[PickListData]:  # fmt: skip
    """One pick list per warehouse for a wave of orders; slot n is the n-th order of the wave there."""
    with make_uow() as uow:
        who = require_actor(uow, actor, Permission.PRINT_LABELS)
        parcels = _printable(uow, order_nos)
    by_warehouse: dict[str, list] = {}
    for p in parcels:
        by_warehouse.setdefault(p.warehouse_code, []).append(p)
    out = []
    for code, group in by_warehouse.items():
        slots = {n: i for i, n in enumerate(dict.fromkeys(p.order_no for p in group), start=1)}
        lines = tuple(PickLine(li.sku, li.title, li.bin, li.quantity, p.order_no, slots[p.order_no])
                      for p in group for li in p.lines)  # fmt: skip
        out.append(PickListData(wave_id or f"W{now().strftime('%m%d%H%M')}-{code}", group[0].warehouse_name, now(),
                                lines, picker=who.display_name))  # fmt: skip
    return out


def pick_list(make_uow: UowFactory, actor: str, order_nos: Sequence[str], wave_id: str = "") -> PickListData:
    """The pick list of a wave that is all in one warehouse (a picker walks one building)."""
    lists = pick_lists(make_uow, actor, order_nos, wave_id)
    if len(lists) > 1:
        raise DomainError("这些订单分属多个仓库，请每个仓库各打一张拣货单",
                          "These orders are in several warehouses: make one pick list per warehouse")  # fmt: skip
    return lists[0]


def record_print(make_uow: UowFactory, actor: str, kind: str, order_nos: Sequence[str], printer: str,
                 job: str = "", now: Callable[[], datetime] = now_utc, file: str = "",
                 warehouse: str | None = None) -> None:  # fmt: skip
    """After the print queue took the job: count it on the parcels (shipping labels) and audit it;
    a parcel printed before is a reprint, said so in the audit."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.PRINT_LABELS)
        parcels = [p for p in (uow.labels.parcels(list(order_nos)) if order_nos else [])
                   if warehouse is None or p.warehouse_code == warehouse]
        reprint = any(p.label_prints for p in parcels) if kind == "shipping" else False
        if kind == "shipping":
            uow.labels.mark_printed([p.shipment_id for p in parcels], now())
        audit(uow, who, "label.reprint" if reprint else "label.print", "label", kind, printer=printer, job=job,
              orders=sorted({p.order_no for p in parcels}) or list(order_nos),
              waybills=[p.waybill_no for p in parcels if p.waybill_no] if kind == "shipping" else [],
              **({"file": file} if file else {}))  # fmt: skip
        uow.commit()


def add_waybill_range(make_uow: UowFactory, actor: str, warehouse: str, courier_code: str, first: str,
                      last: str) -> int:  # fmt: skip
    """Register a block of numbers the courier issued, e.g. 731000000000..731000009999 or YT…; the
    numbers' common letters become the prefix and the rest counts up."""
    code = courier(courier_code).code
    prefix, digits, lo, hi = _parse_block(first, last)
    check_waybill(code, first), check_waybill(code, last)  # both ends must be this courier's numbers
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_MASTER_DATA)
        warehouse_id = uow.directory.warehouse_id(warehouse)
        if warehouse_id is None:
            raise DomainError(f"没有仓库 {warehouse}", f"No warehouse {warehouse}")
        if uow.labels.overlapping_range(code, prefix, lo, hi):
            raise DomainError(f"号段 {first}–{last} 与已有号段重叠", f"Block {first}–{last} overlaps one already added")
        range_id = uow.labels.add_range(code, warehouse_id, prefix, digits, lo, hi, now_utc())
        audit(uow, who, "waybill_range.add", "waybill_range", str(range_id), courier=code, warehouse=warehouse,
              first=first, last=last)  # fmt: skip
        uow.commit()
        return range_id


def _parse_block(first: str, last: str) -> tuple[str, int, int, int]:
    a, b = first.strip().upper(), last.strip().upper()
    prefix = a.rstrip("0123456789")
    tail_a, tail_b = a[len(prefix):], b[len(prefix):]
    if not tail_a or len(a) != len(b) or not b.startswith(prefix) or not tail_b.isdigit():
        raise DomainError(f"号段的起止号格式不一致：{first} / {last}", f"The block's first and last numbers differ in shape: {first} / {last}")
    lo, hi = int(tail_a), int(tail_b)
    if lo > hi:
        raise DomainError(f"号段起号大于止号：{first} > {last}", f"The block starts after it ends: {first} > {last}")
    return prefix, len(tail_a), lo, hi


def waybill_ranges(make_uow: UowFactory, actor: str) -> list:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.labels.ranges()


def save_label_template(make_uow: UowFactory, actor: str, courier_code: str, channel: str,
                        template: LabelTemplate) -> None:  # fmt: skip
    code = courier(courier_code).code if courier_code else ""
    if channel and channel not in {c.value for c in Channel}:
        raise DomainError(f"未知的渠道 {channel[:40]}（可选：{'、'.join(c.value for c in Channel)}）",
                          f"Unknown channel {channel[:40]} (one of {', '.join(c.value for c in Channel)})")  # fmt: skip
    platform = Channel(channel).value if channel else ""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_SETTINGS)
        setting = template.to_setting()
        uow.labels.save_template(code, platform, str(setting["size"]), list(setting["fields"]), now_utc())  # type: ignore[arg-type]
        audit(uow, who, "label_template.save", "label_template", f"{code or '*'}/{platform or '*'}", **setting)
        uow.commit()


def label_templates(make_uow: UowFactory, actor: str) -> list[tuple[str, str, LabelTemplate]]:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return [(c, ch, LabelTemplate(LabelSize(size), frozenset(fields))) for c, ch, size, fields
                in uow.labels.templates()]  # fmt: skip
