"""The dashboard (数据看板): today's queues and alerts on screen, a click-through to the orders behind
an alert, and an update within a second of another process changing an order, on SQLite (PRAGMA
data_version) and PostgreSQL (LISTEN/NOTIFY)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from orderdesk.bootstrap import open_store
from orderdesk.demo.seed import seed_demo
from orderdesk.gui.models.dashboard_model import DashboardModel
from orderdesk.gui.views.dashboard_view import DashboardView
from orderdesk.services.intake import intake_orders
from tests.helpers.builders import channel_order

CHANGE = """
import sys, time
from orderdesk.bootstrap import open_store
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.services.orders import change_status
store = open_store(sys.argv[1])
time.sleep(0.5)  # the dashboard is listening by now
change_status(store.make_uow, "TB2", OrderEvent.CANCEL, "system", "买家取消")
print(time.time(), flush=True)
store.close()
"""

UNKNOWN_PARCEL = """
import sys, time
from orderdesk.bootstrap import open_store
from orderdesk.services.returns import ReturnDesk
store = open_store(sys.argv[1])
time.sleep(0.5)  # the dashboard is listening by now
desk = ReturnDesk(store.make_uow, "packer1", "SZ-SUZHOU", "returns-1")
assert desk.scan("73123456789012").kind == "unknown_opened"  # a waybill no parcel of ours carries
assert desk.scan("CLN-BAG-100").ok
assert desk.scan("DONE").kind == "unknown_recorded"
print(time.time(), flush=True)
store.close()
"""


@pytest.fixture
def live(db_url, qtbot, jobs):  # noqa: ANN001
    store = open_store(db_url)
    intake_orders(store.make_uow, [channel_order(str(i)) for i in (1, 2, 3)], actor="system")  # paid long ago
    model = DashboardModel(store.make_uow, jobs, "system", "zh_CN", store.change_feed)
    yield store, model
    model.stop()
    jobs.wait()
    store.close()


def test_another_process_cancelling_an_order_updates_the_dashboard_within_a_second(qtbot, live, db_url):  # noqa: ANN001
    store, model = live
    seen: list[tuple[float, dict[str, int]]] = []
    model.updated.connect(lambda snap: seen.append((time.time(), dict(snap.alerts))))
    model.start()
    qtbot.waitUntil(lambda: bool(seen) and model.watcher.isRunning(), timeout=10_000)
    assert seen[-1][1]["unpacked"] == 3
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(CHANGE), db_url], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)  # the GUI thread keeps running meanwhile
    assert proc.returncode == 0
    committed = float(proc.stdout.read().split()[-1])
    qtbot.waitUntil(lambda: seen[-1][1]["unpacked"] == 2, timeout=5_000)
    updated = next(at for at, alerts in seen if alerts["unpacked"] == 2)
    assert updated - committed < 1.0


def test_an_unknown_returned_parcel_recorded_elsewhere_updates_the_dashboard_within_a_second(qtbot, live, db_url):  # noqa: ANN001
    """The returns tables wake the dashboard too (on PostgreSQL: migration 0020's triggers)."""
    store, model = live
    seed_demo(store.make_uow, 0)  # the warehouses, products and packers the returns desk needs
    seen: list[tuple[float, dict[str, int]]] = []
    model.updated.connect(lambda snap: seen.append((time.time(), dict(snap.alerts))))
    model.start()
    qtbot.waitUntil(lambda: bool(seen) and model.watcher.isRunning(), timeout=10_000)
    assert seen[-1][1]["unknown_returns"] == 0
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(UNKNOWN_PARCEL), db_url], stdout=subprocess.PIPE,
                            text=True)  # fmt: skip
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    assert proc.returncode == 0
    committed = float(proc.stdout.read().split()[-1])
    qtbot.waitUntil(lambda: seen[-1][1]["unknown_returns"] == 1, timeout=5_000)
    updated = next(at for at, alerts in seen if alerts["unknown_returns"] == 1)
    assert updated - committed < 1.0


def test_the_page_shows_queues_and_alerts_and_opens_the_orders_behind_one(qtbot, live, jobs, db_url):  # noqa: ANN001
    if not db_url.startswith("sqlite"):
        pytest.skip("the page is the same on both databases")
    store, model = live
    view = DashboardView(model, store.make_uow, jobs, "zh_CN", "system")
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: model.snapshot is not None and view.total.text() != "—", timeout=10_000)
    assert view.total.text() == "3" and "淘宝" in view.by_channel.text()
    assert view.alert_buttons["unpacked"].text().endswith("：3")
    assert view.alert_buttons["intercepts_not_pulled_back"].text().endswith("：0")
    opened: list[str] = []
    view.open_order.connect(opened.append)
    view.alert_buttons["unpacked"].click()
    qtbot.waitUntil(lambda: getattr(view, "alert_dialog", None) is not None, timeout=5_000)
    items = view.alert_dialog.list
    assert sorted(items.item(i).text() for i in range(items.count())) == ["TB1", "TB2", "TB3"]
    items.itemDoubleClicked.emit(items.item(0))
    assert opened == [items.item(0).text()] if opened else False
