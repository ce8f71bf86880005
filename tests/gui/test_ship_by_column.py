"""The orders table's 发货截止 column: time left in words, red rows near the deadline, darker once
late, nothing red for shipped orders; the alert count reaches the window's status bar."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.models.orders_model import DUE_SOON_FG, OVERDUE_BG, OVERDUE_FG, SHIP_BY_COL, OrdersTableModel
from orderdesk.gui.qt import Qt
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import count_orders, list_orders
from orderdesk.services.read_models import OrderFilter
from tests.helpers.builders import channel_order

pytestmark = pytest.mark.gui
FG, BG, SHOW = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DisplayRole


def _put(store, now: datetime, offsets: dict[str, timedelta]) -> None:  # noqa: ANN001
    orders = [replace(channel_order(pid), ship_by=now + off) for pid, off in offsets.items()]
    intake_orders(store.make_uow, orders, actor="system", allocate=False)


def _colour(model: OrdersTableModel, row: int, col: int, role: int) -> str | None:
    brush = model.data(model.index(row, col), role)
    return brush.color().name() if brush is not None else None


def test_rows_turn_red_near_the_deadline_and_darker_when_late(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    now = datetime.now(UTC).replace(microsecond=0)
    _put(demo_store, now, {"9001": timedelta(hours=5, minutes=30), "9002": -timedelta(hours=2, minutes=10),
                           "9003": timedelta(hours=20)})  # fmt: skip
    make = demo_store.make_uow
    ours = {"TB9001", "TB9002", "TB9003"}  # the demo's own orders are older; keep to these three

    def page(f, a, n):  # noqa: ANN001, ANN202
        return [r for r in list_orders(make, "system", f, limit=1000, after=a) if r.order_no in ours]

    model = OrdersTableModel(jobs, page, lambda f: count_orders(make, "system", f), "zh", now=lambda: now,
                             due_soon=timedelta(hours=6))  # fmt: skip
    model.set_filter(OrderFilter(sort="ship_by", now=now))
    qtbot.waitUntil(lambda: not model.loading and len(model.rows) == 3, timeout=5000)
    row = {r.order_no: i for i, r in enumerate(model.rows)}
    assert model.headerData(SHIP_BY_COL, Qt.Orientation.Horizontal, SHOW) == "发货截止"
    soon, late, later = row["TB9001"], row["TB9002"], row["TB9003"]
    assert model.data(model.index(soon, SHIP_BY_COL), SHOW) == "剩 5 小时"
    assert model.data(model.index(late, SHIP_BY_COL), SHOW) == "已超时 2 小时"
    assert _colour(model, soon, 0, FG) == DUE_SOON_FG and _colour(model, soon, 0, BG) is None
    assert _colour(model, late, 0, FG) == OVERDUE_FG and _colour(model, late, 6, BG) == OVERDUE_BG
    assert _colour(model, later, 0, FG) is None and _colour(model, later, 0, BG) is None
    model.set_due_soon(timedelta(hours=24))  # the setting widened: the 20 h order is due soon now
    assert _colour(model, later, 0, FG) == DUE_SOON_FG


def test_the_window_shows_the_alert_and_the_filter_lists_only_urgent_orders(qtbot, demo_store, jobs, ui_lang,
                                                                            login):  # noqa: ANN001
    now = datetime.now(UTC)
    _put(demo_store, now, {"9101": timedelta(hours=1), "9102": -timedelta(hours=3)})
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("admin"), "test.db")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "单即将超时发货" in w.ship_by_label.text(), timeout=5000)
    assert w.orders.alert.isVisible() and w.orders.alert.text() == w.ship_by_label.text()
    w.orders.alert.click()  # the alert sets the "due within 6 hours" filter
    qtbot.waitUntil(lambda: not w.orders.model.loading and not w.jobs.busy, timeout=5000)
    rows = w.orders.model.rows
    assert rows and {"TB9101", "TB9102"} <= {r.order_no for r in rows}
    assert all(r.status in ("PAID", "ON_HOLD", "ALLOCATED", "PACKED") for r in rows)
    assert [r.ship_by for r in rows] == sorted(r.ship_by for r in rows)
    assert all(r.ship_by <= now + timedelta(hours=6, minutes=1) for r in rows)
