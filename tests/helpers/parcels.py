"""Packed parcels with waybills, made the way a warehouse makes them: labels printed (each parcel
takes its warehouse courier's next waybill number), then every item scanned at a pack station."""

from __future__ import annotations

from dataclasses import dataclass

from orderdesk.demo.seed import seed_demo
from orderdesk.domain.model import Channel, OrderLine
from orderdesk.services.intake import intake_orders
from orderdesk.services.labels import shipping_labels
from orderdesk.services.orders import order_detail
from orderdesk.services.packing import PackStation

from tests.helpers.builders import channel_order, paid_jiangsu_orders


@dataclass(frozen=True)
class Packed:
    order_no: str
    waybills: tuple[tuple[str, str], ...]  # (waybill, courier code) per parcel


def pack(make_uow, order_no: str) -> Packed:  # noqa: ANN001
    """Print the order's labels and pack each of its parcels at a station of its warehouse."""
    labels = shipping_labels(make_uow, "system", [order_no])
    detail = order_detail(make_uow, "system", order_no)
    for warehouse, lines in detail.shipments:
        station = PackStation(make_uow, "system", warehouse, f"test-{warehouse}")
        verdicts = [station.scan(order_no)] + [station.scan(sku) for sku, qty in lines for _ in range(qty)]
        assert all(v.ok for v in verdicts), [v.message_en for v in verdicts if not v.ok]
    return Packed(order_no, tuple((lab.waybill_no, lab.courier_code) for lab, _ in labels))


def packed_orders(make_uow, n: int, first_seq: int = 700_000, seed: int = 8) -> list[Packed]:  # noqa: ANN001
    """`n` Jiangsu orders (most of one parcel, some split), packed; the demo shop and its rules are seeded first."""
    batch = paid_jiangsu_orders(make_uow, first_seq, n=n, seed=seed)
    return [pack(make_uow, o.order_no) for o in batch]


def packed_split_order(make_uow, pid: str = "9100001") -> Packed:  # noqa: ANN001
    """A Jiangsu order of a folding basin (Shenzhen) and a bag (Suzhou): two parcels, two couriers."""
    lines = (OrderLine("BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", 1, 2990, 2990),
             OrderLine("CLN-BAG-100", "垃圾袋 100只", 1, 990, 990))  # fmt: skip
    seed_demo(make_uow, 0, with_rules=True)
    order = channel_order(pid, channel=Channel.TAOBAO, lines=lines)
    intake_orders(make_uow, [order], actor="system")
    packed = pack(make_uow, order.order_no)
    assert len(packed.waybills) == 2, packed
    return packed
