"""Customer service registers a refund on the order: it is intercepted at once and a pack station
refuses it; withdrawing the refund puts it back where it was."""

from __future__ import annotations

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.gui.qt import QInputDialog
from orderdesk.gui.views.orders_view import OrdersView
from orderdesk.services.allocation import allocate_orders
from orderdesk.services.orders import list_orders, order_detail
from orderdesk.services.packing import PackStation
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.rule_sets import save_rule_set


def _view(qtbot, store, jobs, lang, user, can_refund):  # noqa: ANN001, ANN202
    view = OrdersView(store.make_uow, jobs, lang, user, can_refund=can_refund)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: len(view.model.rows) > 0, timeout=5000)
    return view


def _select(qtbot, view, order_no):  # noqa: ANN001, ANN202
    view.search.setText(order_no)
    view.apply_filters()
    qtbot.waitUntil(lambda: [r.order_no for r in view.model.rows] == [order_no], timeout=5000)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.detail.order_no == order_no, timeout=5000)


def test_a_refund_from_the_order_intercepts_it_and_the_station_refuses(qtbot, demo_store, jobs, ui_lang, monkeypatch):  # noqa: ANN001
    save_rule_set(demo_store.make_uow, "system", DEMO_RULES, note="t")
    allocate_orders(demo_store.make_uow, "system")
    order_no = list_orders(demo_store.make_uow, "system", OrderFilter(status="ALLOCATED", warehouse_code="SZ-SUZHOU"),
                           limit=1)[0].order_no  # fmt: skip
    view = _view(qtbot, demo_store, jobs, ui_lang, "cs1", can_refund=True)
    _select(qtbot, view, order_no)
    assert view.detail.refund.isVisible() and view.detail.refund.text() == "登记退款（拦截）…"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("买家申请仅退款", True))
    with qtbot.waitSignal(view.status_message, timeout=5000):
        view.detail.refund.click()
    assert order_detail(demo_store.make_uow, "system", order_no).row.status == "INTERCEPTED"
    verdict = PackStation(demo_store.make_uow, "packer1", "SZ-SUZHOU", "bench-1").scan(order_no)
    assert not verdict.ok and verdict.message_zh == "退款订单，请拦截"
    qtbot.waitUntil(lambda: view.detail.refund.text() == "撤销退款…", timeout=5000)
    with qtbot.waitSignal(view.status_message, timeout=5000):
        view.detail.refund.click()
    assert order_detail(demo_store.make_uow, "system", order_no).row.status == "ALLOCATED"


def test_a_cancelled_reason_dialog_changes_nothing_and_packers_see_no_button(qtbot, demo_store, jobs, ui_lang, monkeypatch):  # noqa: ANN001
    order_no = list_orders(demo_store.make_uow, "system", OrderFilter(status="PAID"), limit=1)[0].order_no
    view = _view(qtbot, demo_store, jobs, ui_lang, "cs1", can_refund=True)
    _select(qtbot, view, order_no)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    view.detail.refund.click()
    qtbot.wait(200)
    assert order_detail(demo_store.make_uow, "system", order_no).row.status == "PAID"
    packer = _view(qtbot, demo_store, jobs, ui_lang, "packer1", can_refund=False)
    _select(qtbot, packer, order_no)
    assert not packer.detail.refund.isVisible()
