"""The orders screen as a user drives it: filter, search, scroll, open an order."""

from __future__ import annotations

import pytest

from orderdesk.domain.model import mask_phone
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.qt import Qt
from orderdesk.services.orders import list_orders
from orderdesk.services.read_models import OrderFilter

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("admin"), "test.db")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: len(w.orders.model.rows) > 0, timeout=5000)
    return w


def _wait_idle(qtbot, w) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: not w.orders.model.loading and not w.jobs.busy, timeout=5000)


def test_first_page_loads_and_total_counts_every_order(qtbot, window, demo_orders):  # noqa: ANN001
    _wait_idle(qtbot, window)
    assert len(window.orders.model.rows) == window.orders.model.PAGE_SIZE
    assert str(demo_orders) in window.orders.total.text()


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, window, demo_orders):  # noqa: ANN001
    _wait_idle(qtbot, window)
    table = window.orders.table
    for _ in range(5):
        table.scrollToBottom()
        qtbot.wait(50)
        _wait_idle(qtbot, window)
    assert len(window.orders.model.rows) == demo_orders
    nos = [r.order_no for r in window.orders.model.rows]
    assert len(set(nos)) == len(nos)


def test_status_filter_shows_only_that_status(qtbot, window):  # noqa: ANN001
    combo = window.orders.status
    combo.setCurrentIndex(combo.findData("CANCELLED"))
    _wait_idle(qtbot, window)
    rows = window.orders.model.rows
    assert rows and {r.status for r in rows} == {"CANCELLED"}


def test_typing_a_phone_finds_every_order_of_that_buyer(qtbot, window, demo_store, demo_orders):  # noqa: ANN001
    everyone = list_orders(demo_store.make_uow, "system", OrderFilter(), limit=demo_orders, reveal=True)
    phone = next(r.receiver_phone for r in everyone if r.receiver_phone.isdigit())
    expected = {r.order_no for r in everyone if r.receiver_phone == phone}
    qtbot.keyClicks(window.orders.search, phone)
    qtbot.keyClick(window.orders.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: {r.order_no for r in window.orders.model.rows} == expected, timeout=5000)


def test_selecting_an_order_shows_lines_and_timeline(qtbot, window):  # noqa: ANN001
    _wait_idle(qtbot, window)
    first = window.orders.model.rows[0]
    window.orders.table.selectRow(0)
    panel = window.orders.detail
    qtbot.waitUntil(lambda: first.order_no in panel.title.text(), timeout=5000)
    assert panel.lines.rowCount() >= 1
    assert panel.timeline.topLevelItemCount() >= 1
    assert "接单" in panel.timeline.topLevelItem(0).text(2)
    assert mask_phone(first.receiver_phone) in panel.receiver.text()


def test_ui_speaks_chinese_by_default(window):  # noqa: ANN001
    model = window.orders.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "订单号"
    assert window.ui.navList.item(0).text() == "订单"
    assert window.orders.status.itemText(1) == "已支付"


def test_new_orders_do_not_move_the_list_under_a_reader(qtbot, window):  # noqa: ANN001
    _wait_idle(qtbot, window)
    window.orders.table.selectRow(3)
    chosen = window.orders.model.rows[3].order_no
    with qtbot.waitSignal(window.orders.status_message, timeout=2000) as blocker:
        window.orders.on_new_orders(2)  # what the background sync calls when orders arrived
    assert "2" in blocker.args[0]
    assert window.orders.model.rows[3].order_no == chosen
