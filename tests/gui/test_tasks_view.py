"""The warehouse task inbox on screen: a refunded packed parcel appears on the pull-back list with
the count in the navigation; scanning its waybill pulls it back (green) and empties the list; a
parcel not on the list is refused (red) and nothing changes."""

from __future__ import annotations

from orderdesk.gui.qt import Qt
from orderdesk.gui.views.tasks_view import TasksView
from orderdesk.services.refunds import request_refund
from tests.helpers.handover import WH, ready_parcels


def test_a_pull_back_is_listed_counted_and_done_by_scanning(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    (order_no, waybill), *_ = ready_parcels(demo_store.make_uow, 990_000, 4)
    request_refund(demo_store.make_uow, "cs1", order_no, reason="买家申请退款")
    view = TasksView(demo_store.make_uow, jobs, ui_lang, "lead")
    qtbot.addWidget(view)
    counts: list[int] = []
    view.count_changed.connect(counts.append)
    view.show()
    qtbot.waitUntil(lambda: view.warehouse.count() > 0, timeout=5000)
    view.warehouse.setCurrentIndex(view.warehouse.findData(WH))
    qtbot.waitUntil(lambda: [i.order_no for i in view.items] == [order_no], timeout=5000)
    view.tick()
    qtbot.waitUntil(lambda: bool(counts) and counts[-1] >= 1, timeout=5000)
    assert view.table.item(0, 0).text() == "拦截取回" and view.table.item(0, 2).text() == waybill
    qtbot.keyClicks(view.scan_field, "73129999999999")
    with qtbot.waitSignal(view.verdict_shown, timeout=5000) as refused:
        qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    assert not refused.args[0].ok and [i.order_no for i in view.items] == [order_no]
    qtbot.keyClicks(view.scan_field, waybill)
    with qtbot.waitSignal(view.verdict_shown, timeout=5000) as done:
        qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    assert done.args[0].ok and "已取回" in view.banner.text()
    qtbot.waitUntil(lambda: view.items == [] and view.table.rowCount() == 0, timeout=5000)
