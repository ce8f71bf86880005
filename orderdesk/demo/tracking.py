"""The demo's courier: a fake Kdniao that tells every parcel it is asked about a "delivered" story,
fast (picked up within seconds, delivered in about three minutes), and a handful of demo orders
packed at start so the orders view shows them move to SHIPPED and DELIVERED on their own.

The tracking runs the real way: the app's sync thread plans rounds (time scaled for the demo),
queries the fake over HTTP with signed requests and applies the courier's replies.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from ..channels.fakes.kdniao_server import FakeKdniaoServer
from ..services.labels import orders_awaiting_labels, shipping_labels
from ..services.orders import order_detail
from ..services.packing import PackStation
from ..services.tracking_setup import setup_tracking
from ..services.unit_of_work import UowFactory

STORY_SPEED = 900.0  # the 44 hours of a delivery in about three minutes
PLAN_SCALE = 1 / 360  # the planner's hours become ten seconds
DEMO_QUOTA = 20_000


class DemoTracking:
    """The fake Kdniao of a demo session; `every` and `scale` are the sync thread's tracking pace."""

    every = timedelta(seconds=5)
    scale = PLAN_SCALE

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        extra = {"clock": clock} if clock else {}
        self.server = FakeKdniaoServer(auto="delivered", auto_speed=STORY_SPEED, **extra)

    def start(self) -> DemoTracking:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def register(self, make_uow: UowFactory, actor: str = "system") -> None:
        setup_tracking(make_uow, actor, self.server.ebusiness_id, self.server.api_key, base_url=self.server.url,
                       daily_quota=DEMO_QUOTA)  # fmt: skip


def pack_demo_parcels(make_uow: UowFactory, count: int = 6, warehouse: str = "SZ-SUZHOU") -> list[str]:
    """Print labels for and pack `count` allocated single-parcel orders of one warehouse, as a station would."""
    packed: list[str] = []
    for order_no in orders_awaiting_labels(make_uow, "system", warehouse, limit=count * 4):
        detail = order_detail(make_uow, "system", order_no)
        if len(packed) == count or len(detail.shipments) != 1:
            continue
        shipping_labels(make_uow, "system", [order_no])
        station = PackStation(make_uow, "system", warehouse, "demo-station")
        verdicts = [station.scan(order_no)] + [station.scan(sku) for sku, qty in detail.shipments[0][1] for _ in range(qty)]
        if verdicts[-1].kind == "packed":
            packed.append(order_no)
    return packed
