"""Intake on a real database: orders land once, merge on re-delivery, and never go backwards."""

from __future__ import annotations

import pytest

from orderdesk.domain.errors import UnknownUser
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.model import OrderLine, RefundState, TradeState
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import change_status, list_orders, order_detail
from orderdesk.services.read_models import OrderFilter
from tests.helpers.builders import channel_order, later


def test_new_order_lands_with_lines_customer_and_creation_event(store):
    report = intake_orders(store.make_uow, [channel_order("1001", note="请尽快发货")], actor="system")
    assert (report.created, report.updated) == (1, 0)
    d = order_detail(store.make_uow, "system", "TB1001")
    assert d.row.status == "PAID"
    assert d.row.province == "江苏省" and d.province_raw == "江苏"
    assert d.buyer_note == "请尽快发货"
    assert [(ln.sku, ln.quantity) for ln in d.lines] == [("BASIN-FOLD-32-BLU", 2)]
    assert [e.kind for e in d.events] == ["CREATED"]
    assert d.events[0].user == "system"


def test_redelivered_order_is_not_duplicated(store):
    o = channel_order("1002")
    intake_orders(store.make_uow, [o], actor="system")
    again = intake_orders(store.make_uow, [o, o], actor="system")
    assert again.created == 0 and again.unchanged == 2
    rows = list_orders(store.make_uow, "system", OrderFilter(search="1002"))
    assert len(rows) == 1


def test_update_merges_fields_and_stale_copy_changes_nothing(store):
    o = channel_order("1003")
    intake_orders(store.make_uow, [o], actor="system")
    newer = later(o, 10, buyer_note="改地址了", refund_state=RefundState.REQUESTED)
    r = intake_orders(store.make_uow, [newer], actor="system")
    assert r.updated == 1
    d = order_detail(store.make_uow, "system", "TB1003")
    assert d.row.status == "INTERCEPTED" and d.buyer_note == "改地址了"
    stale = later(o, 5, buyer_note="旧数据")
    r = intake_orders(store.make_uow, [stale], actor="system")
    assert r.stale == 1
    d = order_detail(store.make_uow, "system", "TB1003")
    assert d.row.status == "INTERCEPTED" and d.buyer_note == "改地址了"


def test_withdrawn_refund_puts_order_back_where_it_was(store):
    o = channel_order("1004")
    intake_orders(store.make_uow, [o], actor="system")
    change_status(store.make_uow, "TB1004", OrderEvent.ALLOCATE, actor="system")
    intake_orders(store.make_uow, [later(o, 1, refund_state=RefundState.REQUESTED)], actor="system")
    assert order_detail(store.make_uow, "system", "TB1004").row.status == "INTERCEPTED"
    intake_orders(store.make_uow, [later(o, 2, refund_state=RefundState.NONE)], actor="system")
    d = order_detail(store.make_uow, "system", "TB1004")
    assert d.row.status == "ALLOCATED"
    moves = [(e.from_status, e.to_status) for e in d.events if e.kind == "TRANSITION"]
    assert moves == [("PAID", "ALLOCATED"), ("ALLOCATED", "INTERCEPTED"), ("INTERCEPTED", "ALLOCATED")]


def test_closed_trade_cancels_unshipped_order(store):
    o = channel_order("1005")
    intake_orders(store.make_uow, [o], actor="system")
    intake_orders(store.make_uow, [later(o, 3, trade_state=TradeState.CLOSED, refund_state=RefundState.REFUNDED)],
                  actor="system")  # fmt: skip
    assert order_detail(store.make_uow, "system", "TB1005").row.status == "CANCELLED"


def test_unpaid_orders_are_not_taken_in(store):
    r = intake_orders(store.make_uow, [channel_order("1006", trade=TradeState.UNPAID)], actor="system")
    assert r.skipped_unpaid == 1 and r.created == 0
    assert list_orders(store.make_uow, "system", OrderFilter()) == []


def test_unknown_actor_is_refused_and_nothing_is_written(store):
    with pytest.raises(UnknownUser):
        intake_orders(store.make_uow, [channel_order("1007")], actor="nobody")
    assert list_orders(store.make_uow, "system", OrderFilter()) == []


def test_a_failing_batch_writes_nothing(store):
    good = channel_order("1008")
    # A NULL quantity breaks a NOT NULL column on both backends, after the good order was written.
    bad = channel_order("1009", lines=(OrderLine("SKU-OK", "t", None, 100, 100),))  # type: ignore[arg-type]
    with pytest.raises(Exception):
        intake_orders(store.make_uow, [good, bad], actor="system")
    assert list_orders(store.make_uow, "system", OrderFilter()) == []


def test_every_order_of_a_buyer_found_by_phone(store):
    orders = [channel_order(str(2000 + i), phone="13900001111" if i % 2 else "13700002222") for i in range(6)]
    intake_orders(store.make_uow, orders, actor="system")
    rows = list_orders(store.make_uow, "system", OrderFilter(phone="13900001111"))
    assert sorted(r.order_no for r in rows) == ["TB2001", "TB2003", "TB2005"]


def test_pages_follow_each_other_without_gaps_or_repeats(store):
    orders = [channel_order(str(3000 + i), minutes=i) for i in range(25)]
    intake_orders(store.make_uow, orders, actor="system", batch_size=7)
    seen, after = [], None
    while True:
        page = list_orders(store.make_uow, "system", OrderFilter(), limit=10, after=after)
        if not page:
            break
        seen += [r.order_no for r in page]
        after = (page[-1].paid_at, page[-1].id)
    assert sorted(seen) == sorted(o.order_no for o in orders) and len(seen) == 25
