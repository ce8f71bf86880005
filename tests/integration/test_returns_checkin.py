"""The returns desk (退货入库): a returned parcel is scanned in item by item; resellable units go back
on sale, damaged ones into quarantine; the order is RETURNED when everything it shipped is back, a
split order's parcels may come back apart; every mistake is refused, recorded and changes nothing;
a parcel that names no order is kept as an unknown parcel and matched later."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from orderdesk.domain.errors import DomainError
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.refunds import TaskKind
from orderdesk.services.dashboard import alert_items, dashboard_snapshot
from orderdesk.services.orders import change_status, order_detail
from orderdesk.services.returns import ReturnDesk
from orderdesk.services.returns_records import list_returns, match_unknown, unknown_parcels
from orderdesk.services.stock import stock_levels
from orderdesk.services.warehouse_tasks import task_inbox
from orderdesk.store.models_returns import ReturnScan

from tests.helpers.parcels import packed_split_order

WH = "SZ-SUZHOU"
BASIN, BAG = "BASIN-FOLD-32-BLU", "CLN-BAG-100"
STRANGER = "73123456789012"  # a ZTO-shaped waybill no parcel of ours carries


@pytest.fixture
def shipped(store):  # noqa: ANN001
    """A split order (a basin from one warehouse, a bag from another), shipped, with a refund request."""
    packed = packed_split_order(store.make_uow)
    change_status(store.make_uow, packed.order_no, OrderEvent.SHIP, "system")
    change_status(store.make_uow, packed.order_no, OrderEvent.REQUEST_REFUND, "system", reason="buyer returns it")
    return packed


def _desk(store, station: str = "returns-1") -> ReturnDesk:  # noqa: ANN001
    return ReturnDesk(store.make_uow, "packer1", WH, station)


def _levels(store) -> dict:  # noqa: ANN001
    return {s.sku: s for s in stock_levels(store.make_uow, "system") if s.warehouse == WH}


def _status(store, order_no: str) -> str:  # noqa: ANN001
    return order_detail(store.make_uow, "system", order_no).row.status


def _timeline(store, order_no: str) -> list[str]:  # noqa: ANN001
    from orderdesk.domain.timeline import describe_event

    return [describe_event(e.kind, e.from_status, e.to_status, e.reason, e.details)
            for e in order_detail(store.make_uow, "system", order_no).events]


def test_a_full_return_puts_the_goods_back_on_sale_and_the_order_returned(store, shipped):  # noqa: ANN001
    before = _levels(store)
    desk = _desk(store)
    verdicts = [desk.scan(line) for line in (shipped.order_no, BASIN, BAG, "DONE")]
    assert all(v.ok for v in verdicts), [v.message_en for v in verdicts]
    assert verdicts[0].kind == "opened" and {li.sku for li in verdicts[0].lines} == {BASIN, BAG}
    assert not verdicts[0].no_refund_request
    done = verdicts[-1]
    assert done.kind == "checked_in" and done.outcome == "RETURNED" and done.state == "RETURNED"
    assert _status(store, shipped.order_no) == "RETURNED"
    after = _levels(store)
    for sku in (BASIN, BAG):
        assert after[sku].on_hand == (before[sku].on_hand if sku in before else 0) + 1
    texts = _timeline(store, shipped.order_no)
    assert any("退货入库（已退货）" in t and BASIN in t and BAG in t for t in texts), texts
    assert any("售后中 → 已退货" in t for t in texts), texts


def test_a_split_order_comes_back_in_two_parcels_partly_then_fully(store, shipped):  # noqa: ANN001
    (first, _c1), (second, _c2) = shipped.waybills
    detail = order_detail(store.make_uow, "system", shipped.order_no)
    in_first = {sku for p in detail.parcels if p.waybill_no == first for sku, _q in p.lines}
    in_second = {sku for p in detail.parcels if p.waybill_no == second for sku, _q in p.lines}
    desk = _desk(store)
    one = [desk.scan(line) for line in (first, *in_first, "DONE")]
    assert one[-1].kind == "checked_in" and one[-1].outcome == "PARTLY_RETURNED", [v.message_en for v in one]
    assert _status(store, shipped.order_no) == "REFUND_REQUESTED"  # the rest is still out
    two = [desk.scan(line) for line in (second, *in_second, "DONE")]
    assert two[0].kind == "opened" and sum(li.returned_before for li in two[0].lines) == len(in_first)
    assert two[-1].outcome == "RETURNED" and _status(store, shipped.order_no) == "RETURNED"
    rows = list_returns(store.make_uow, "system", WH)
    assert [r.outcome for r in rows] == ["RETURNED", "PARTLY_RETURNED"] and rows[1].parcel_code == first


def test_damaged_units_go_to_quarantine_and_missing_ones_leave_the_order_partly_returned(store, shipped):  # noqa: ANN001
    before = _levels(store)
    desk = _desk(store)
    verdicts = [desk.scan(line) for line in (shipped.order_no, f"{BASIN} damaged 盆底裂开", f"MISSING {BAG}", "DONE")]
    assert all(v.ok for v in verdicts), [v.message_en for v in verdicts]
    assert verdicts[2].kind == "missing" and verdicts[-1].outcome == "PARTLY_RETURNED"
    assert "缺 1 件" in verdicts[-1].message_zh
    after = _levels(store)
    assert after[BASIN].quarantined == before.get(BASIN).quarantined + 1 if BASIN in before else after[BASIN].quarantined == 1
    assert after[BASIN].on_hand == (before[BASIN].on_hand if BASIN in before else 0)  # never on sale
    assert _status(store, shipped.order_no) == "REFUND_REQUESTED"
    texts = _timeline(store, shipped.order_no)
    assert any("破损（盆底裂开）" in t and "缺失" in t and "部分退货" in t for t in texts), texts
    damaged = [li for li in verdicts[-1].lines if li.sku == BASIN][0]
    assert (damaged.damaged, damaged.resellable) == (1, 0)


def test_a_return_scanned_twice_is_refused(store, shipped):  # noqa: ANN001
    (first, _c), _ = shipped.waybills
    desk = _desk(store)
    detail = order_detail(store.make_uow, "system", shipped.order_no)
    items = [sku for p in detail.parcels if p.waybill_no == first for sku, _q in p.lines]
    assert [desk.scan(x).ok for x in (first, *items, "DONE")] == [True] * (len(items) + 2)
    again = desk.scan(first)
    assert not again.ok and again.refusal == "already_checked_in" and again.order == shipped.order_no
    assert "已于" in again.message_zh and "请勿重复入库" in again.message_zh
    # the whole order back, then its number again
    desk.scan(shipped.order_no)
    rest = [sku for p in detail.parcels if p.waybill_no != first for sku, _q in p.lines]
    assert all(desk.scan(x).ok for x in (*rest, "DONE"))
    twice = desk.scan(shipped.order_no)
    assert not twice.ok and twice.refusal == "already_checked_in" and "already fully checked in" in twice.message_en


@pytest.mark.parametrize("mistake", ["wrong_item", "too_many", "unknown_barcode", "bad_line"])
def test_item_mistakes_are_refused_recorded_and_change_nothing(store, shipped, mistake):  # noqa: ANN001
    desk = _desk(store)
    desk.scan(shipped.order_no)
    desk.scan(BASIN)
    before_levels, before_status = _levels(store), _status(store, shipped.order_no)
    line = {"wrong_item": "CUP-CERAMIC-350-WHT", "too_many": BASIN, "unknown_barcode": "NOT-A-CODE-42",
            "bad_line": f"{BAG} squashed"}[mistake]  # fmt: skip
    if mistake == "wrong_item":
        line = next(s.sku for s in stock_levels(store.make_uow, "system") if s.sku not in (BASIN, BAG))
    verdict = desk.scan(line)
    assert not verdict.ok and verdict.refusal == mistake and verdict.order == shipped.order_no
    assert verdict.message_zh and verdict.message_en and verdict.message_zh != verdict.message_en
    assert sum(li.resellable for li in verdict.lines) == 1  # the basin counted before is still counted
    assert _levels(store) == before_levels and _status(store, shipped.order_no) == before_status
    with store.make_uow() as uow:
        logged = uow.session.execute(select(ReturnScan.verdict, ReturnScan.why, ReturnScan.user_id)
                                     .order_by(ReturnScan.id.desc()).limit(1)).one()  # fmt: skip
    assert logged.verdict == f"refused:{mistake}" and logged.why == verdict.message_en and logged.user_id
    done = desk.scan("DONE")  # the refused line left the session as it was
    assert done.ok and done.outcome == "PARTLY_RETURNED"


def test_garbage_and_unshipped_orders_are_refused_before_any_item(store):  # noqa: ANN001
    from tests.helpers.builders import paid_jiangsu_orders

    batch = paid_jiangsu_orders(store.make_uow, 700_000, n=2)
    desk = _desk(store)
    garbage = desk.scan("%%%???")
    assert not garbage.ok and garbage.refusal == "unknown_barcode"
    unshipped = desk.scan(batch[0].order_no)
    assert not unshipped.ok and unshipped.refusal == "not_shipped" and "尚未发货" in unshipped.message_zh
    item_first = desk.scan(BASIN)
    assert not item_first.ok and item_first.refusal == "no_parcel"


def test_a_shipped_order_without_a_refund_request_is_accepted_and_says_so(store):  # noqa: ANN001
    packed = packed_split_order(store.make_uow)
    change_status(store.make_uow, packed.order_no, OrderEvent.SHIP, "system")
    desk = _desk(store)
    opened = desk.scan(packed.order_no)
    assert opened.ok and opened.no_refund_request and "未申请退款" in opened.message_zh
    done = [desk.scan(x) for x in (BASIN, BAG, "DONE")][-1]
    assert done.outcome == "RETURNED" and done.no_refund_request
    assert _status(store, packed.order_no) == "RETURNED"
    assert any("未申请退款" in t for t in _timeline(store, packed.order_no))


def test_an_unknown_parcel_is_recorded_and_matched_to_its_order_later(store, shipped):  # noqa: ANN001
    desk = _desk(store)
    opened = desk.scan(STRANGER)
    assert opened.ok and opened.kind == "unknown_opened"
    assert desk.scan(BASIN).ok and desk.scan(f"{BAG} damaged 袋子破了").ok
    recorded = desk.scan("DONE")
    assert recorded.kind == "unknown_recorded" and recorded.return_id
    waiting = unknown_parcels(store.make_uow, "system", WH)
    assert [(p.id, p.parcel_code, p.state) for p in waiting] == [(recorded.return_id, STRANGER, "UNKNOWN")]
    assert {(li["sku"], li["condition"]) for li in waiting[0].lines} == {(BASIN, "resellable"), (BAG, "damaged")}
    assert _status(store, shipped.order_no) == "REFUND_REQUESTED"  # nothing checked in yet
    [task] = [i for i in task_inbox(store.make_uow, "lead", WH) if i.kind is TaskKind.UNKNOWN_PARCEL]
    assert (task.order_no, task.waybill, task.detail) == ("", STRANGER, f"#{recorded.return_id}")
    assert dashboard_snapshot(store.make_uow, "lead").alerts["unknown_returns"] == 1
    assert alert_items(store.make_uow, "lead", "unknown_returns") == [f"#{recorded.return_id} {STRANGER} @ {WH}"]
    again = desk.scan(STRANGER)
    assert not again.ok and again.refusal == "already_recorded"
    before = _levels(store)
    done = match_unknown(store.make_uow, "packer1", recorded.return_id, shipped.order_no)
    assert done.outcome.value == "RETURNED" and _status(store, shipped.order_no) == "RETURNED"
    after = _levels(store)
    assert after[BASIN].on_hand == (before[BASIN].on_hand if BASIN in before else 0) + 1
    assert after[BAG].quarantined == (before[BAG].quarantined if BAG in before else 0) + 1
    assert unknown_parcels(store.make_uow, "system", WH) == []
    assert TaskKind.UNKNOWN_PARCEL not in {i.kind for i in task_inbox(store.make_uow, "lead", WH)}  # done when matched
    assert dashboard_snapshot(store.make_uow, "lead").alerts["unknown_returns"] == 0
    assert any("由未知包裹" in t for t in _timeline(store, shipped.order_no))
    with pytest.raises(DomainError) as refused:
        match_unknown(store.make_uow, "packer1", recorded.return_id, shipped.order_no)
    assert refused.value.code == "already_matched"  # type: ignore[attr-defined]


def test_matching_an_unknown_parcel_to_an_order_that_never_had_its_items_is_refused(store, shipped):  # noqa: ANN001
    from tests.helpers.parcels import packed_split_order as another

    other = another(store.make_uow, pid="9100002")
    change_status(store.make_uow, other.order_no, OrderEvent.SHIP, "system")
    desk = _desk(store)
    sku = next(s.sku for s in stock_levels(store.make_uow, "system") if s.sku not in (BASIN, BAG))
    assert [desk.scan(x).ok for x in ("UNKNOWN 没有面单", sku, "DONE")] == [True, True, True]
    parcel = unknown_parcels(store.make_uow, "system")[0]
    assert parcel.note == "没有面单" and parcel.parcel_code == ""
    with pytest.raises(DomainError) as refused:
        match_unknown(store.make_uow, "packer1", parcel.id, other.order_no)
    assert refused.value.code == "wrong_item"  # type: ignore[attr-defined]
    assert unknown_parcels(store.make_uow, "system")[0].state == "UNKNOWN"
    from orderdesk.services.audit_service import audit_trail
    from orderdesk.services.ports import AuditFilter

    trail = audit_trail(store.make_uow, "system", AuditFilter(object_type="return"), include_orders=False)
    refusals = [e for e in trail if e.action == "returns.match.refused"]
    assert [(e.username, e.object_id, e.details["order"], e.details["code"]) for e in refusals] == [
        ("packer1", str(parcel.id), other.order_no, "wrong_item")]
    assert _status(store, other.order_no) == "SHIPPED"


def test_a_parcel_refunded_after_handover_is_checked_in_and_leaves_returns_expected(store):  # noqa: ANN001
    """The refund branch keeps a handed-over parcel INTERCEPTED; the desk takes it back as a return,
    in one transaction with the refund leaving "returns expected". A parcel that never left is still
    refused: it is pulled back through the inbox."""
    from orderdesk.services.handover import open_manifest, scan_parcel
    from orderdesk.services.refunds import refunds_of, request_refund
    from tests.helpers.handover import ready_parcels

    (left, waybill), (kept, kept_waybill), *_ = ready_parcels(store.make_uow, 975_000, 6)
    manifest = open_manifest(store.make_uow, "lead", "ZTO", WH)
    assert scan_parcel(store.make_uow, "lead", manifest.id, waybill).ok
    assert request_refund(store.make_uow, "cs1", left, reason="退货退款").to_status.value == "INTERCEPTED"
    request_refund(store.make_uow, "cs1", kept, reason="退款")
    expected = lambda: {i.order_no for i in task_inbox(store.make_uow, "lead", WH)  # noqa: E731
                        if i.kind is TaskKind.RETURN_EXPECTED}  # fmt: skip
    assert expected() == {left}
    assert TaskKind.COURIER_INTERCEPT in {i.kind for i in task_inbox(store.make_uow, "lead", WH) if i.order_no == left}
    never_left = _desk(store).scan(kept_waybill)
    assert not never_left.ok and never_left.refusal == "intercepted"
    lines = order_detail(store.make_uow, "system", left).shipments[0][1]
    desk = _desk(store)
    verdicts = [desk.scan(waybill)] + [desk.scan(f"{q}*{sku}") for sku, q in lines] + [desk.scan("DONE")]
    assert all(v.ok for v in verdicts), [v.message_en for v in verdicts]
    assert verdicts[0].no_refund_request is False and verdicts[-1].state == "RETURNED"
    assert _status(store, left) == "RETURNED" and expected() == set()
    assert left not in {i.order_no for i in task_inbox(store.make_uow, "lead", WH)}  # its courier intercept too
    [(_no, rec)] = refunds_of(store.make_uow, "cs1", left)
    assert rec.returned_at is not None
    assert any("已拦截 → 已退货" in t for t in _timeline(store, left)), _timeline(store, left)
