"""The demo's four shops on their (local, fake) platform gateways: new orders arrive the real way.

`orderdesk demo` starts one fake gateway per platform on 127.0.0.1, registers each as a channel of
the demo database (signed with the fake's own keys) and keeps putting new platform-shaped orders
on them; the app's background sync pulls them in exactly as it would from Taobao or Pinduoduo.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..channels.fakes.douyin_server import FakeDouyinServer
from ..channels.fakes.douyin_server import sample_order as douyin_order
from ..channels.fakes.miniprogram_server import FakeMiniProgramServer
from ..channels.fakes.miniprogram_server import sample_order as miniprogram_order
from ..channels.fakes.pdd_server import FakePddServer
from ..channels.fakes.pdd_server import sample_order as pdd_order
from ..channels.fakes.top_server import FakeTopServer, sample_trade
from ..domain.model import Channel, ChannelOrder
from ..services.channels import add_channel, list_channels
from ..services.unit_of_work import UowFactory
from .catalog import shops_for
from .generator import SHANGHAI, generate_order
from .tracking import DemoTracking


@dataclass(frozen=True)
class DemoGateway:
    """One running fake gateway and the credentials the demo channel signs with."""

    channel: Channel
    server: Any
    app_key: str
    app_secret: str
    session: str

    @property
    def name(self) -> str:
        return shops_for(self.channel)[0].code  # live orders land in the seeded demo shop


def _gateways() -> list[DemoGateway]:
    top, pdd, dy, mp = FakeTopServer(), FakePddServer(), FakeDouyinServer(), FakeMiniProgramServer()
    return [
        DemoGateway(Channel.TAOBAO, top, top.app_key, top.app_secret, top.session),
        DemoGateway(Channel.PDD, pdd, pdd.client_id, pdd.client_secret, pdd.access_token),
        DemoGateway(Channel.DOUYIN, dy, dy.app_key, dy.app_secret, dy.access_token),
        DemoGateway(Channel.MINIPROGRAM, mp, mp.app_key, mp.app_secret, mp.token),
    ]


class DemoChannels:
    """The fake gateways of a demo session: start, register as channels, feed, stop."""

    def __init__(self, seed: int | None = None, clock: Callable[[], datetime] | None = None,
                 broken_every: int = 0) -> None:  # fmt: skip
        """`broken_every`: now and then (about one order in that many) a shop delivers a broken record,
        as real gateways sometimes do; the demo then shows it under the channel's bad orders."""
        self.gateways = {g.channel: g for g in _gateways()}
        self.broken_every = broken_every
        self.rng = random.Random(seed)
        self.clock = clock or (lambda: datetime.now(SHANGHAI))
        self.seq = 0
        self.tracking = DemoTracking()  # the demo's courier (a fake Kdniao)

    def start(self) -> DemoChannels:
        for g in self.gateways.values():
            g.server.start()
        self.tracking.start()
        return self

    def stop(self) -> None:
        for g in self.gateways.values():
            g.server.stop()
        self.tracking.stop()

    def __enter__(self) -> DemoChannels:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def register(self, make_uow: UowFactory, actor: str = "system") -> list[str]:
        """Add (or re-point) a channel per gateway; the first sync looks back a minute."""
        known = {c.name for c in list_channels(make_uow, actor)}
        names = []
        for g in self.gateways.values():
            if g.name not in known:
                add_channel(make_uow, actor, g.channel.value, g.name, g.app_key, g.app_secret, session=g.session,
                            base_url=g.server.url, since=self.clock() - timedelta(minutes=1))  # fmt: skip
            names.append(g.name)
        self.tracking.register(make_uow, actor)
        return names

    def mirror(self, orders: list[ChannelOrder]) -> list[str]:
        """Put already seeded orders of the connected demo shops on their platforms too, so that
        packing one confirms it there as it would on the real platform. Returns their numbers."""
        shops = {g.name for g in self.gateways.values()}
        return [self.put(o, o.modified_at) for o in orders if o.shop_code in shops]

    def load_courier_codes(self, make_uow: UowFactory, actor: str = "system") -> None:
        """Each platform's courier list, loaded through its demo connection (and mapped by name)."""
        from ..channels.shipping import Shipper
        from ..services.courier_codes import load_companies

        for g in self.gateways.values():
            load_companies(make_uow, actor, Shipper(), g.channel.value)

    def feed(self, count: int = 1, first_seq: int = 950_000) -> list[str]:
        """Put `count` new paid orders on the gateways (each on its own platform); their hub numbers."""
        placed = []
        for _ in range(count):
            now = self.clock()
            order = generate_order(self.rng, now, first_seq + self.seq, paid_at=now - timedelta(seconds=30))
            self.seq += 1
            if self.broken_every and self.rng.randrange(self.broken_every) == 0:
                self._put_broken(order, now)
                continue
            placed.append(self.put(order, now))
        return placed

    def _put_broken(self, order: ChannelOrder, modified: datetime) -> None:
        """A Taobao trade whose amount is not a number: the sync must keep it out and say so."""
        trade = _taobao(order, modified)
        trade["payment"] = "¥--"
        self.gateways[Channel.TAOBAO].server.add_trade(trade)

    def put(self, order: ChannelOrder, modified: datetime) -> str:
        """Place one order on its platform's gateway in that platform's own shape."""
        server = self.gateways[order.channel].server
        add = server.add_trade if order.channel is Channel.TAOBAO else server.add_order
        add(_ON_PLATFORM[order.channel](order, modified))
        return order.order_no


def _yuan(fen: int) -> str:
    return f"{fen / 100:.2f}"


def _taobao(o: ChannelOrder, modified: datetime) -> dict[str, Any]:
    r = o.receiver
    lines = [(li.sku, li.quantity, _yuan(li.unit_price_fen)) for li in o.lines]
    return sample_trade(o.platform_order_id, modified=modified, lines=lines, post_fee=_yuan(o.freight_fen),
                        receiver_state=r.province_raw, receiver_city=r.city, receiver_district=r.district,
                        buyer_message=o.buyer_note)  # fmt: skip


def _pdd(o: ChannelOrder, modified: datetime) -> dict[str, Any]:
    r = o.receiver
    lines = [(li.sku, li.quantity, _yuan(li.unit_price_fen)) for li in o.lines]
    return pdd_order(o.platform_order_id, updated=modified, lines=lines, postage=_yuan(o.freight_fen),
                     province=r.province_raw, city=r.city, town=r.district, buyer_memo=o.buyer_note)  # fmt: skip


def _douyin(o: ChannelOrder, modified: datetime) -> dict[str, Any]:
    r = o.receiver
    lines = [(li.sku, li.quantity, li.unit_price_fen) for li in o.lines]
    return douyin_order(o.platform_order_id, updated=modified, lines=lines, post_amount=o.freight_fen,
                        province=r.province_raw, city=r.city, town=r.district, buyer_words=o.buyer_note)  # fmt: skip


def _miniprogram(o: ChannelOrder, modified: datetime) -> dict[str, Any]:
    r = o.receiver
    lines = tuple((li.sku, li.quantity, li.unit_price_fen) for li in o.lines)
    receiver = {"name": r.name, "phone": r.phone, "province": r.province_raw, "city": r.city,
                "district": r.district, "street": r.street, "detail": r.detail}  # fmt: skip
    return miniprogram_order(o.platform_order_id, updated=modified, lines=lines, freight_fen=o.freight_fen,
                             receiver=receiver, buyer_note=o.buyer_note)  # fmt: skip


_ON_PLATFORM = {Channel.TAOBAO: _taobao, Channel.PDD: _pdd, Channel.DOUYIN: _douyin, Channel.MINIPROGRAM: _miniprogram}
