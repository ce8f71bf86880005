"""The demo's orders arrive through the four fake gateways and the real sync, like a shop's would."""

from __future__ import annotations

import pytest

from orderdesk.channels.registry import adapter_for
from orderdesk.demo.channels import DemoChannels
from orderdesk.demo.seed import seed_demo
from orderdesk.domain.model import Channel
from orderdesk.services.channels import list_channels
from orderdesk.services.orders import order_detail
from orderdesk.services.sync import sync_channel


@pytest.fixture
def demo(monkeypatch, tmp_path):  # noqa: ANN001
    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    with DemoChannels(seed=3) as channels:
        yield channels


def _sync_all(store, names):  # noqa: ANN001
    return [sync_channel(store.make_uow, n, adapter_for, "demo-station") for n in names]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_fed_orders_are_pulled_from_every_platform_once(store, demo):  # noqa: ANN001
    seed_demo(store.make_uow, 0, with_rules=True)
    names = demo.register(store.make_uow)
    assert sorted(c.name for c in list_channels(store.make_uow, "system")) == sorted(names)
    placed = demo.feed(60)
    reports = _sync_all(store, names)
    assert all(r.error == "" for r in reports), [r.error for r in reports]
    assert sum(r.intake.created for r in reports) == len(placed)
    again = _sync_all(store, names)
    assert sum(r.intake.created for r in again) == 0
    channels = set()
    for order_no in placed:
        detail = order_detail(store.make_uow, "system", order_no)
        channels.add(detail.row.channel)
        assert detail.lines and detail.row.status == "ALLOCATED", (order_no, detail.row.status, detail.row.hold_reason)
    assert len(channels) == 4, channels


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_registering_twice_keeps_one_channel_per_platform(store, demo):  # noqa: ANN001
    demo.register(store.make_uow)
    demo.register(store.make_uow)
    platforms = sorted(c.platform for c in list_channels(store.make_uow, "system"))
    assert platforms == sorted(c.value for c in Channel)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_broken_demo_record_is_kept_out_and_listed_as_a_bad_order(store, monkeypatch, tmp_path):  # noqa: ANN001
    from orderdesk.services.channels import channel_problems

    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    with DemoChannels(seed=5, broken_every=1) as demo:  # every record broken
        names = demo.register(store.make_uow)
        assert demo.feed(3) == []
        reports = _sync_all(store, names)
    assert sum(r.intake.created for r in reports) == 0 and all(r.error == "" for r in reports)
    assert len(channel_problems(store.make_uow, "system", "tmall-flagship")) == 3


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_packed_seeded_demo_order_is_confirmed_on_its_fake_platform(store, demo, monkeypatch):  # noqa: ANN001
    from orderdesk.channels.shipping import Shipper
    from orderdesk.demo.seed import seeded_orders
    from orderdesk.services.orders import list_orders
    from orderdesk.services.read_models import OrderFilter
    from orderdesk.services.ship_confirm import Drain
    from tests.helpers.shipping import pack, timeline

    seed_demo(store.make_uow, 60, seed=2, with_rules=True)
    names = demo.register(store.make_uow)
    mirrored = set(demo.mirror(seeded_orders(60, seed=2)))
    demo.load_courier_codes(store.make_uow)
    assert names and mirrored
    rows = list_orders(store.make_uow, "system", OrderFilter(status="ALLOCATED"), limit=500)
    mine = next(r for r in rows if r.order_no in mirrored
                and len(order_detail(store.make_uow, "system", r.order_no).shipments) == 1)
    pack(store, mine.order_no)
    report = Drain(store.make_uow, Shipper(), "demo-station").run_once()
    assert report.counts == {"accepted": 1}, report.counts
    assert any("平台已确认发货" in t for t in timeline(store, mine.order_no))
