"""A demo shop whose orders are on the four fake platforms, synced in, allocated, packed and
labelled the real way: what the ship-confirm tests start from."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from orderdesk.channels.registry import adapter_for
from orderdesk.channels.shipping import Shipper
from orderdesk.demo.channels import DemoChannels
from orderdesk.demo.seed import seed_demo
from orderdesk.domain.model import Channel, OrderLine
from orderdesk.services.courier_codes import load_companies
from orderdesk.services.labels import shipping_labels
from orderdesk.services.orders import order_detail
from orderdesk.services.packing import PackStation
from orderdesk.services.ship_confirm import Drain
from orderdesk.services.sync import sync_channel
from tests.helpers.builders import channel_order

BASIN = OrderLine("BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", 1, 2990, 2990)


def open_shop(store, demo: DemoChannels, *, load: tuple[Channel, ...] = tuple(Channel)) -> list[str]:  # noqa: ANN001
    """Seed the demo master data and rules, register the fake platforms, load courier lists."""
    seed_demo(store.make_uow, 0, with_rules=True)
    names = demo.register(store.make_uow)
    for ch in load:
        load_companies(store.make_uow, "system", Shipper(), ch.value)
    return names


def place(demo: DemoChannels, channel: Channel, n: int, first: int, *, split: bool = False) -> list[str]:
    """`n` paid Jiangsu orders on one platform; `split` ones hold a folding basin (Shenzhen) and
    another item (Suzhou), so they leave in two parcels."""
    now = datetime.now(UTC)
    out = []
    for i in range(n):
        pid = _pid(channel, first + i)
        lines = (BASIN, OrderLine("BABY-TUB-FOLD", "折叠婴儿浴盆", 1, 8900, 8900)) if split else None
        order = replace(channel_order(pid, channel=channel, lines=lines), paid_at=now - timedelta(minutes=2),
                        modified_at=now - timedelta(seconds=20))  # fmt: skip
        out.append(demo.put(order, order.modified_at))
    return out


def _pid(channel: Channel, seq: int) -> str:
    return {Channel.TAOBAO: f"41{seq:011d}", Channel.PDD: f"240501-{seq:015d}",
            Channel.DOUYIN: f"69{seq:017d}", Channel.MINIPROGRAM: f"MP{seq:012d}"}[channel]  # fmt: skip


def sync_all(store, names: list[str]) -> None:  # noqa: ANN001
    reports = [sync_channel(store.make_uow, n, adapter_for, "test-station") for n in names]
    assert all(r.error == "" for r in reports), [r.error for r in reports]


def pack(store, order_no: str) -> int:  # noqa: ANN001
    """Pack every parcel of the order at its warehouse's station and print its labels (waybills
    given); returns the number of parcels."""
    detail = order_detail(store.make_uow, "system", order_no)
    assert detail.row.status == "ALLOCATED", (order_no, detail.row.status, detail.row.hold_reason)
    for warehouse, lines in detail.shipments:
        station = PackStation(store.make_uow, "system", warehouse, f"bench-{warehouse}")
        verdicts = [station.scan(order_no)] + [station.scan(sku) for sku, qty in lines for _ in range(qty)]
        assert all(v.ok for v in verdicts), [v.message_en for v in verdicts if not v.ok]
    shipping_labels(store.make_uow, "system", [order_no])
    return len(detail.shipments)


def drain(store, owner: str = "test-drain", **options: object) -> Drain:  # noqa: ANN001
    return Drain(store.make_uow, Shipper(), owner, **options)  # type: ignore[arg-type]


def timeline(store, order_no: str, lang: str = "zh") -> list[str]:  # noqa: ANN001
    """The order's timeline as a person reads it."""
    from orderdesk.domain.timeline import describe_event

    detail = order_detail(store.make_uow, "system", order_no)
    return [describe_event(e.kind, e.from_status, e.to_status, e.reason, e.details, lang) for e in detail.events]
