"""Parcels ready for the courier: Jiangsu demo orders allocated to Suzhou, packed at a station
(through the real pack service) and given their ZTO waybill by the real labels service."""

from __future__ import annotations

from orderdesk.services.labels import shipping_labels
from orderdesk.services.orders import order_detail
from orderdesk.services.packing import PackStation
from tests.helpers.builders import paid_jiangsu_orders

WH = "SZ-SUZHOU"


def suzhou_orders(make_uow, first_seq: int, n: int) -> dict[str, list[tuple[str, int]]]:  # noqa: ANN001
    """Allocated single-parcel Suzhou orders: {order_no: [(sku, qty)]}."""
    out = {}
    for o in paid_jiangsu_orders(make_uow, first_seq, n=n):
        d = order_detail(make_uow, "system", o.order_no)
        if d.row.status == "ALLOCATED" and len(d.shipments) == 1 and d.shipments[0][0] == WH:
            out[o.order_no] = list(d.shipments[0][1])
    return out


def pack(make_uow, order_no: str, lines: list[tuple[str, int]], waybill: str = "", station: str = "bench-h") -> None:  # noqa: ANN001
    """Pack one order at a station (a pre-printed waybill scanned first when given)."""
    bench = PackStation(make_uow, "packer1", WH, station)
    verdicts = [bench.scan(order_no)] + ([bench.scan(waybill)] if waybill else [])
    verdicts += [bench.scan(f"{qty}*{sku}") for sku, qty in lines]
    assert verdicts[-1].kind == "packed", [(v.scan, v.refusal, v.message_en) for v in verdicts]


def ready_parcels(make_uow, first_seq: int, n: int, labelled: int | None = None) -> list[tuple[str, str]]:  # noqa: ANN001
    """(order_no, waybill) of packed Suzhou parcels; the first `labelled` (default all) got their
    label and ZTO waybill, the rest are packed without one ("" as waybill)."""
    orders = suzhou_orders(make_uow, first_seq, n)
    for order_no, lines in orders.items():
        pack(make_uow, order_no, lines)
    nos = list(orders)
    with_label = nos if labelled is None else nos[:labelled]
    waybills = {d.order_no: d.waybill_no for d, _t in shipping_labels(make_uow, "system", with_label, warehouse=WH)}
    return [(no, waybills.get(no, "")) for no in nos]
