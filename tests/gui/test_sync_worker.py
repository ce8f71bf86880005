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
