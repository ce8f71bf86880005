"""The background sync as the app runs it: new orders signalled, a failing channel shown as an alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.channels.fakes.top_server import Fault, FakeTopServer, sample_trade
from orderdesk.channels.registry import adapter_for
from orderdesk.gui.sync_worker import SyncWorker
from orderdesk.services.channels import add_channel

pytestmark = pytest.mark.gui



def test_new_orders_are_signalled_and_a_long_failure_becomes_an_alert(qtbot, demo_store, top):  # noqa: ANN001
    now = datetime.now(UTC)
    add_channel(demo_store.make_uow, "system", "taobao", "tb-live", top.app_key, top.app_secret,
                session=top.session, base_url=top.url, since=now - timedelta(hours=1))  # fmt: skip
    top.add_trades([sample_trade(str(8800 + i), modified=now - timedelta(minutes=10 - i)) for i in range(3)])
    no_wait = lambda access: adapter_for(access, sleep=lambda _s: None)  # noqa: E731
    clock = [now]
    worker = SyncWorker(demo_store.make_uow, no_wait, 5, now=lambda: clock[0])
    with qtbot.waitSignal(worker.arrived, timeout=10_000) as got:
        worker.tick()
    assert got.args == [3]
    top.inject(Fault.SESSION_EXPIRED, times=None)
    with qtbot.waitSignal(worker.status, timeout=10_000) as first:
        worker.tick()
    assert "tb-live ✗" in first.args[0] and first.args[1] is False  # failing, not yet for long
    clock[0] = now + timedelta(minutes=10)
    with qtbot.waitSignal(worker.status, timeout=10_000) as later:
        worker.tick()
    assert later.args[1] is True  # still failing after minutes: an alert that stays
    top.clear_faults()
    with qtbot.waitSignal(worker.status, timeout=10_000) as healed:
        worker.tick()
    assert "tb-live ✓" in healed.args[0] and healed.args[1] is False


def test_the_sync_thread_tracks_packed_parcels_and_signals_orders_the_courier_moved(qtbot, demo_store, secrets_in_tmp):  # noqa: ANN001
    from orderdesk.channels.fakes.kdniao_server import FakeKdniaoServer
    from orderdesk.channels.kdniao import kdniao_client
    from orderdesk.services.orders import order_detail
    from orderdesk.services.tracking_setup import setup_tracking
    from tests.helpers.parcels import packed_orders

    [p] = packed_orders(demo_store.make_uow, 1, first_seq=990_000)
    with FakeKdniaoServer() as kd:
        kd.play(*p.waybills[0], "delivered", start=datetime.now(UTC) - timedelta(hours=50))  # already delivered
        setup_tracking(demo_store.make_uow, "system", kd.ebusiness_id, kd.api_key, base_url=kd.url)
        worker = SyncWorker(demo_store.make_uow, adapter_for, 5, tracking_client=kdniao_client,
                            track_every=timedelta(0), track_scale=1e-5)  # fmt: skip
        worker.tick()  # the parcel is followed from now on; its first poll comes a moment later
        with qtbot.waitSignal(worker.tracked, timeout=20_000) as got:
            qtbot.wait(200)
            worker.tick()
    assert got.args == [2]  # shipped and delivered in one round
    assert order_detail(demo_store.make_uow, "system", p.order_no).row.status == "DELIVERED"
