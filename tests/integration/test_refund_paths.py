"""Refunds followed by where the order is, on SQLite and PostgreSQL: an unpacked order is
intercepted with its stock frozen; a packed parcel goes on the pull-back list and its stock comes
back on the scan; a parcel with the courier is awaited as a return; partial refunds touch only
their lines; withdrawn and rejected let go of what they held; "refund paid" issues the credit
note. Bad input is refused with a reason, changes nothing, and is audited."""

from __future__ import annotations

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.refunds import RefundRefused, RefundStep, TaskKind
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.credit_notes import credit_notes
from orderdesk.services.dashboard import alert_items, dashboard_snapshot
from orderdesk.services.handover import open_manifest, scan_parcel
from orderdesk.services.orders import change_status, order_detail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.refunds import (
    expected_return, move_refund, note_return_received, refunds_of, request_refund,
)  # fmt: skip
from orderdesk.services.stock import stock_levels
from orderdesk.services.warehouse_tasks import courier_intercepted, inbox_count, pull_back, task_inbox
from tests.helpers.handover import WH, ready_parcels, suzhou_orders


def _status(store, order_no):  # noqa: ANN001, ANN202
    return order_detail(store.make_uow, "system", order_no).row.status


def _stock(store, sku):  # noqa: ANN001, ANN202
    [row] = stock_levels(store.make_uow, "system", sku=sku, warehouse=WH)
    return row.on_hand, row.reserved, row.frozen


def _refund_events(store, order_no):  # noqa: ANN001, ANN202
    return [e.details.get("action") for e in order_detail(store.make_uow, "system", order_no).events if e.kind == "REFUND"]


def test_unpacked_order_is_intercepted_with_its_stock_frozen_then_paid_and_credited(store):  # noqa: ANN001
    order_no, lines = next(iter(suzhou_orders(store.make_uow, 910_000, 6).items()))
    sku, qty = lines[0]
    before = _stock(store, sku)
    out = request_refund(store.make_uow, "cs1", order_no, reason="买家不想要了")
    assert (out.from_status.value, out.to_status.value, out.path) == ("ALLOCATED", "INTERCEPTED", "INTERCEPT")
    assert _stock(store, sku) == (before[0], before[1] - qty, before[2] + qty)  # reservation frozen
    paid = move_refund(store.make_uow, "cs1", order_no, RefundStep.PAID, "平台已退款")
    assert paid.to_status.value == "CANCELLED" and paid.credit_note and paid.credit_note.startswith("CN")
    assert _stock(store, sku) == (before[0], before[1] - qty, before[2])  # frozen released to available
    [note] = [n for n in credit_notes(store.make_uow, "finance") if n.order_no == order_no]
    assert note.total_fen < 0 and sorted((ln.sku, -ln.quantity) for ln in note.lines) == sorted(lines)
    assert _refund_events(store, order_no) == ["opened", "path", "step", "paid"]


def test_withdrawn_and_rejected_let_go_of_what_they_held(store):  # noqa: ANN001
    (a, a_lines), (b, _b_lines), *_ = suzhou_orders(store.make_uow, 920_000, 8).items()
    sku, _qty = a_lines[0]
    before = _stock(store, sku)
    request_refund(store.make_uow, "cs1", a, reason="退款")
    back = move_refund(store.make_uow, "cs1", a, RefundStep.WITHDRAWN, "买家撤销")
    assert back.to_status.value == "ALLOCATED" and _stock(store, sku) == before
    request_refund(store.make_uow, "cs1", b, reason="退款")
    assert move_refund(store.make_uow, "cs1", b, RefundStep.REJECTED, "商家拒绝").to_status.value == "ALLOCATED"
    with pytest.raises(DomainError) as none_open:  # nothing open any more: refused, nothing changed
        move_refund(store.make_uow, "cs1", b, RefundStep.PAID, "x")
    assert "no open refund" in none_open.value.reason("en") and _status(store, b) == "ALLOCATED"
    assert [n for n in credit_notes(store.make_uow, "finance") if n.order_no in (a, b)] == []


def test_partial_refund_freezes_and_credits_only_its_lines(store):  # noqa: ANN001
    multi = {no: lines for no, lines in suzhou_orders(store.make_uow, 930_000, 30).items()
             if sum(q for _s, q in lines) >= 2}  # fmt: skip
    order_no, lines = next(iter(multi.items()))
    sku, qty = lines[0]
    before = _stock(store, sku)
    out = request_refund(store.make_uow, "cs1", order_no, [(sku, 1)], reason="只退一件")
    assert out.to_status.value == "INTERCEPTED"
    assert _stock(store, sku) == (before[0], before[1] - 1, before[2] + 1)
    paid = move_refund(store.make_uow, "cs1", order_no, RefundStep.PAID, "已退一件")
    assert paid.to_status.value == "INTERCEPTED"  # the rest of the order is still the buyer's
    [note] = [n for n in credit_notes(store.make_uow, "finance") if n.order_no == order_no]
    assert [(ln.sku, ln.quantity) for ln in note.lines] == [(sku, -1)]
    [(_no, rec)] = refunds_of(store.make_uow, "cs1", order_no)
    assert [(ln.sku, ln.quantity) for ln in rec.lines] == [(sku, 1)] and rec.credit_note == note.number


def test_packed_parcel_goes_on_the_pull_back_list_and_the_scan_brings_its_stock_back(store):  # noqa: ANN001
    (order_no, waybill), *_ = ready_parcels(store.make_uow, 940_000, 4)
    lines = order_detail(store.make_uow, "system", order_no).shipments[0][1]
    sku, qty = lines[0]
    before = _stock(store, sku)
    out = request_refund(store.make_uow, "cs1", order_no, reason="买家申请退款")
    assert (out.to_status.value, out.path) == ("INTERCEPTED", "PULL_BACK")
    assert _stock(store, sku) == before  # nothing back until a person has the parcel in hand
    inbox = task_inbox(store.make_uow, "lead", WH)
    assert [(i.kind, i.order_no, i.waybill) for i in inbox] == [(TaskKind.PULL_BACK, order_no, waybill)]
    assert inbox_count(store.make_uow, "lead", WH) == 1
    assert dashboard_snapshot(store.make_uow, "lead").alerts["intercepts_not_pulled_back"] == 1
    assert alert_items(store.make_uow, "lead", "intercepts_not_pulled_back") == [order_no]
    wrong = pull_back(store.make_uow, "packer1", WH, "73129999999999")
    assert not wrong.ok and "not on this warehouse's pull back list" in wrong.message_en and wrong.message_zh
    done = pull_back(store.make_uow, "packer1", WH, waybill)
    assert done.ok and done.order_no == order_no
    assert _stock(store, sku) == (before[0] + qty, before[1], before[2] + qty)  # back on hand, frozen for the refund
    assert task_inbox(store.make_uow, "lead", WH) == [] and not pull_back(store.make_uow, "packer1", WH, waybill).ok
    assert dashboard_snapshot(store.make_uow, "lead").alerts["intercepts_not_pulled_back"] == 0
    assert alert_items(store.make_uow, "lead", "intercepts_not_pulled_back") == []
    paid = move_refund(store.make_uow, "cs1", order_no, RefundStep.PAID, "已退款")
    assert paid.to_status.value == "CANCELLED" and paid.credit_note
    assert _stock(store, sku) == (before[0] + qty, before[1], before[2])
    assert "pulled_back" in _refund_events(store, order_no)
    refused = audit_trail(store.make_uow, "admin", AuditFilter(object_type="task"))
    assert [(r.action, r.object_id) for r in refused] == [("task.refused", "73129999999999"), ("task.refused", waybill)]


def test_withdrawn_after_the_pull_back_the_parcel_is_packed_again(store):  # noqa: ANN001
    (order_no, waybill), *_ = ready_parcels(store.make_uow, 945_000, 4)
    sku, qty = order_detail(store.make_uow, "system", order_no).shipments[0][1][0]
    before = _stock(store, sku)
    request_refund(store.make_uow, "cs1", order_no, reason="退款")
    assert pull_back(store.make_uow, "packer1", WH, order_no).ok  # the order number works too
    back = move_refund(store.make_uow, "cs1", order_no, RefundStep.WITHDRAWN, "买家撤销")
    assert back.to_status.value == "ALLOCATED"
    assert _stock(store, sku) == (before[0] + qty, before[1] + qty, before[2])  # reserved for the re-pack


def test_a_handed_over_parcel_is_awaited_as_a_return_with_a_courier_intercept_task(store):  # noqa: ANN001
    (a, wa), (b, wb), *_ = ready_parcels(store.make_uow, 950_000, 6)
    m = open_manifest(store.make_uow, "lead", "ZTO", WH)
    assert scan_parcel(store.make_uow, "lead", m.id, wa).ok
    out = request_refund(store.make_uow, "cs1", a, reason="退货退款")
    assert (out.path, out.to_status.value) == ("AWAIT_RETURN", "INTERCEPTED")
    change_status(store.make_uow, b, OrderEvent.SHIP, "system", reason="揽收")
    shipped = request_refund(store.make_uow, "cs1", b, reason="退货退款")
    assert (shipped.path, shipped.to_status.value) == ("AWAIT_RETURN", "REFUND_REQUESTED")
    kinds = {(i.kind, i.order_no) for i in task_inbox(store.make_uow, "lead", WH)}
    assert kinds == {(TaskKind.COURIER_INTERCEPT, a), (TaskKind.RETURN_EXPECTED, a), (TaskKind.RETURN_EXPECTED, b)}
    paid = move_refund(store.make_uow, "cs1", b, RefundStep.PAID, "已退款")
    assert paid.credit_note and paid.to_status.value == "REFUND_REQUESTED"  # the goods are still awaited
    with store.make_uow(write=True) as uow:  # the returns check-in's interface
        expected = expected_return(uow, wb)  # by the original waybill (the order number works too)
        assert expected is not None and expected.order_no == b and expected.lines and expected_return(uow, a)
        assert note_return_received(uow, expected.order_id, 1, _now()) == 1
        uow.commit()
    left = {(i.kind, i.order_no) for i in task_inbox(store.make_uow, "lead", WH)}
    assert left == {(TaskKind.COURIER_INTERCEPT, a), (TaskKind.RETURN_EXPECTED, a)}
    assert courier_intercepted(store.make_uow, "lead", WH, wa).ok
    assert {i.kind for i in task_inbox(store.make_uow, "lead", WH)} == {TaskKind.RETURN_EXPECTED}


def _now():  # noqa: ANN202
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_bad_refunds_are_refused_with_a_reason_change_nothing_and_are_audited(store):  # noqa: ANN001
    order_no, lines = next(iter(suzhou_orders(store.make_uow, 960_000, 6).items()))
    sku, qty = lines[0]
    cases = [("TB-NO-SUCH", [], "not_found"), (order_no, [("NO-SUCH-SKU", 1)], "unknown_line"),
             (order_no, [(sku, qty + 1)], "too_many"), (order_no, [(sku, 0)], "bad_quantity")]  # fmt: skip
    before = _stock(store, sku)
    for number, asked, code in cases:
        with pytest.raises(DomainError) as exc:
            request_refund(store.make_uow, "cs1", number, asked, reason="退款")
        assert exc.value.reason("zh") != exc.value.reason("en")
        assert getattr(exc.value, "code", "not_found") == code
    assert _status(store, order_no) == "ALLOCATED" and _stock(store, sku) == before
    assert refunds_of(store.make_uow, "cs1", order_no) == []
    audited = [r.details["code"] for r in audit_trail(store.make_uow, "admin", AuditFilter(object_type="order"))
               if r.action == "refund.refused"]  # fmt: skip
    assert sorted(audited) == sorted(c for _n, _a, c in cases)
    with pytest.raises(RefundRefused):
        request_refund(store.make_uow, "cs1", order_no, reason="  ")


def test_paid_while_the_goods_are_on_their_way_back_keeps_the_order_open_and_refund_only_resumes_it(store):  # noqa: ANN001
    (a, wa), (b, _wb), *_ = ready_parcels(store.make_uow, 955_000, 6)
    m = open_manifest(store.make_uow, "lead", "ZTO", WH)
    assert scan_parcel(store.make_uow, "lead", m.id, wa).ok
    request_refund(store.make_uow, "cs1", a, reason="退货退款")
    paid = move_refund(store.make_uow, "cs1", a, RefundStep.PAID, "已退款")
    assert paid.credit_note and paid.to_status.value == "INTERCEPTED"  # not cancelled: the parcel is still out
    change_status(store.make_uow, b, OrderEvent.SHIP, "system", reason="揽收")
    request_refund(store.make_uow, "cs1", b, reason="仅退款", returns_goods=False)
    assert TaskKind.RETURN_EXPECTED not in {i.kind for i in task_inbox(store.make_uow, "lead", WH) if i.order_no == b}
    kept = move_refund(store.make_uow, "cs1", b, RefundStep.PAID, "仅退款，买家保留商品")
    assert kept.to_status.value == "SHIPPED" and kept.credit_note
