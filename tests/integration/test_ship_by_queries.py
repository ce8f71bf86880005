"""The due-soon read side on SQLite and PostgreSQL: exact edges, overdue, shipped orders left out,
earliest deadline first across pages, and the alert count."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import change_status, list_orders
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.ship_by import ship_by_alert
from tests.helpers.builders import T0, channel_order

NOW = T0 + timedelta(hours=40)


def _orders(store, deadlines: dict[str, timedelta]) -> None:  # noqa: ANN001
    """Orders TB<pid> whose ship-by is NOW + the given offset."""
    orders = [replace(channel_order(pid), ship_by=NOW + off) for pid, off in deadlines.items()]
    intake_orders(store.make_uow, orders, actor="system", allocate=False)


def _listed(store, **flt) -> list[str]:  # noqa: ANN001, ANN003
    return [r.order_no for r in list_orders(store.make_uow, "system", OrderFilter(now=NOW, **flt), limit=100)]


def test_due_within_takes_exactly_n_hours_and_the_overdue_leaves_later_ones(store):
    _orders(store, {"1": timedelta(hours=6), "2": timedelta(hours=6, seconds=1), "3": -timedelta(hours=2),
                    "4": timedelta(minutes=30), "5": timedelta(days=3)})  # fmt: skip
    due = _listed(store, due_within=timedelta(hours=6), sort="ship_by")
    assert due == ["TB3", "TB4", "TB1"]  # earliest first; exactly 6 h is in, 6 h 1 s is not
    assert _listed(store, overdue=True, sort="ship_by") == ["TB3"]


def test_shipped_and_cancelled_orders_have_no_deadline_left(store):
    _orders(store, {"11": timedelta(hours=1), "12": -timedelta(hours=1), "13": timedelta(hours=2)})
    change_status(store.make_uow, "TB11", OrderEvent.SHIP_ELSEWHERE, "system", reason="寄出")
    change_status(store.make_uow, "TB12", OrderEvent.REQUEST_REFUND, "system", reason="退款")
    assert _listed(store, due_within=timedelta(hours=6)) == ["TB13"]
    assert _listed(store, overdue=True) == []
    alert = ship_by_alert(store.make_uow, "system", timedelta(hours=6), now=NOW)
    assert (alert.due_soon, alert.overdue) == (1, 0)
    assert alert.text("zh") == "1 单即将超时发货"


def test_the_alert_counts_due_soon_and_overdue_apart(store):
    _orders(store, {"21": -timedelta(minutes=1), "22": timedelta(hours=5), "23": timedelta(hours=7)})
    alert = ship_by_alert(store.make_uow, "system", timedelta(hours=6), now=NOW)
    assert (alert.due_soon, alert.overdue) == (1, 1)
    assert alert.text("zh") == "2 单即将超时发货（1 单已超时）"
    assert "1 overdue" in alert.text("en")


def test_sorting_by_deadline_pages_without_gaps_or_repeats(store):
    offsets = {str(100 + i): timedelta(minutes=(i * 37) % 50) for i in range(50)}  # many equal deadlines
    _orders(store, offsets)
    flt = OrderFilter(sort="ship_by", now=NOW)
    seen, after = [], None
    while True:
        page = list_orders(store.make_uow, "system", flt, limit=7, after=after)
        if not page:
            break
        seen += page
        after = page[-1].page_key("ship_by")
    assert sorted(r.order_no for r in seen) == sorted(f"TB{p}" for p in offsets)
    keys = [(r.ship_by, r.id) for r in seen]
    assert keys == sorted(keys)
