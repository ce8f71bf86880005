"""The orders screen shows where each parcel is: a 物流 column (red for a problem parcel) fed by the
courier's replies, and the selected order's tracking timeline (time, place, status in words, the
courier's own words), newest scan first. Tracked through a fake Kdniao over real HTTP."""

from __future__ import annotations

import pytest

from orderdesk.channels.fakes.kdniao_server import FakeKdniaoServer
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.models.orders_model import TRACKING_ALERT_FG, TRACKING_COL
from orderdesk.gui.qt import Qt
from orderdesk.services.orders import order_detail
from orderdesk.services.tracking_setup import setup_tracking
from tests.helpers.parcels import Packed, packed_orders
from tests.helpers.tracking import SimClock, rounds_until

pytestmark = pytest.mark.gui


def _status(store, order_no: str) -> str:  # noqa: ANN001
    return order_detail(store.make_uow, "system", order_no).row.status


@pytest.fixture
def tracked(demo_store, secrets_in_tmp) -> tuple[Packed, Packed]:  # noqa: ANN001
    """Two packed orders: one delivered, one a problem parcel (问题件) after pick-up."""
    clock = SimClock()
    delivered, problem = packed_orders(demo_store.make_uow, 2, first_seq=991_000)
    with FakeKdniaoServer(clock=clock.now) as kd:
        setup_tracking(demo_store.make_uow, "system", kd.ebusiness_id, kd.api_key, base_url=kd.url, daily_quota=2000)
        kd.play(*delivered.waybills[0], "delivered", start=clock.now())
        kd.play(*problem.waybills[0], "problem", start=clock.now())
        rounds_until(demo_store.make_uow, clock, lambda: _status(demo_store, delivered.order_no) == "DELIVERED")
    return delivered, problem


@pytest.fixture
def window(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("admin"), "test.db")
    qtbot.addWidget(w)
    w.show()
    return w


def _find(qtbot, w, order_no: str) -> int:  # noqa: ANN001
    w.orders.search.setText(order_no)
    w.orders.apply_filters()
    qtbot.waitUntil(lambda: not w.orders.model.loading and [r.order_no for r in w.orders.model.rows] == [order_no],
                    timeout=5000)  # fmt: skip
    return 0


def test_the_tracking_column_says_where_each_parcel_is_and_marks_problems_red(qtbot, window, tracked):  # noqa: ANN001
    delivered, problem = tracked
    model = window.orders.model
    assert model.headerData(TRACKING_COL, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "物流"
    _find(qtbot, window, delivered.order_no)
    assert model.data(model.index(0, TRACKING_COL)).startswith("已签收")
    assert model.data(model.index(0, TRACKING_COL), Qt.ItemDataRole.ForegroundRole) is None
    _find(qtbot, window, problem.order_no)
    assert model.data(model.index(0, TRACKING_COL)).startswith("问题件")
    brush = model.data(model.index(0, TRACKING_COL), Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color().name() == TRACKING_ALERT_FG
    assert problem.waybills[0][0] in model.data(model.index(0, TRACKING_COL), Qt.ItemDataRole.ToolTipRole)


def test_the_order_panel_shows_the_parcels_scans_newest_first(qtbot, window, tracked):  # noqa: ANN001
    delivered, _problem = tracked
    _find(qtbot, window, delivered.order_no)
    window.orders.table.selectRow(0)
    panel = window.orders.detail
    qtbot.waitUntil(lambda: panel.tracking.topLevelItemCount() == 1, timeout=5000)
    assert panel.tracking_box.isVisibleTo(window)
    head = panel.tracking.topLevelItem(0)
    assert head.text(2) == "已签收" and delivered.waybills[0][0] in head.text(3)
    scans = [[head.child(i).text(c) for c in range(4)] for i in range(head.childCount())]
    assert len(scans) == 5  # pick-up, two in transit, out for delivery, signed for
    assert scans[0][2] == "已签收" and scans[-1][2] == "已揽收"  # newest first
    assert [s[0] for s in scans] == sorted((s[0] for s in scans), reverse=True)
    assert all(s[0] and s[3] for s in scans) and any(s[1] for s in scans)  # time, place, the courier's words


def test_an_order_no_courier_was_asked_about_shows_no_tracking(qtbot, window, demo_store):  # noqa: ANN001
    window.orders.table.selectRow(0)
    panel = window.orders.detail
    qtbot.waitUntil(lambda: panel.order_no is not None, timeout=5000)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=5000)
    assert panel.tracking.topLevelItemCount() == 0 and not panel.tracking_box.isVisibleTo(window)
