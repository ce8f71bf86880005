"""KPI arithmetic on hand-built event histories: one per kind of wrong delivery, and the times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.domain.kpi import (
    Bucket, KpiQuery, OrderHistory, Parcel, StationScan, Wrong, compute_kpis, percentile, wrong_deliveries,
)  # fmt: skip
from orderdesk.domain.kpi_events import Fact, HistoryEvent, fact_of

T0 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # 09:00 Beijing
MONTH = KpiQuery(datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC))


def h(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def ev(minutes: float, fact: Fact, actor: int = 7, from_status: str | None = None, reason: str = "",
       **details: object) -> HistoryEvent:  # fmt: skip
    return HistoryEvent(h(minutes), fact, actor, from_status, reason, details)


def good_events(waybill: str = "73100000000001") -> list[HistoryEvent]:
    """Allocated by the rules to SZ, both items scanned, packed, handed over, picked up, confirmed."""
    return [
        ev(10, Fact.ALLOCATED, warehouses=["SZ"]),
        ev(60, Fact.SCAN_ITEM, sku="A", qty=1, shipment=1),
        ev(61, Fact.SCAN_ITEM, sku="B", qty=2, shipment=1),
        ev(62, Fact.SCAN_PACKED, shipment=1),
        ev(62, Fact.PACKED),
        ev(120, Fact.HANDED_OVER, waybill=waybill),
        ev(180, Fact.SHIPPED, waybill=waybill),
        ev(200, Fact.CONFIRMED, waybill=waybill),
    ]


def order(events: list[HistoryEvent], no: str = "T1", parcels: tuple[Parcel, ...] | None = None,
          ordered: dict[str, int] | None = None) -> OrderHistory:  # fmt: skip
    parcels = parcels if parcels is not None else (Parcel(1, "SZ", "73100000000001", "ZTO"),)
    return OrderHistory(1, no, "taobao", "SZ", T0, ordered or {"A": 1, "B": 2}, parcels,
                        sorted(events, key=lambda e: e.at))  # fmt: skip


def kinds(o: OrderHistory) -> list[Wrong]:
    return [w.kind for w in wrong_deliveries(o)]


def test_a_right_delivery_has_no_wrong_reason_and_counts_for_oda() -> None:
    book = compute_kpis(MONTH, [order(good_events())], [])
    row = book.rows[("all", "", "", "")].summary()
    assert kinds(order(good_events())) == []
    assert (row["delivered"], row["delivered_right"], row["oda"]) == (1, 1, 1.0)
    assert row["pay_to_ship_median_h"] == 3.0 and row["pay_to_confirm_median_h"] == 3.33


def test_a_parcel_from_another_warehouse_than_the_rules_chose_is_wrong() -> None:
    o = order(good_events(), parcels=(Parcel(1, "HZ", "73100000000001", "ZTO"),))
    assert kinds(o) == [Wrong.WAREHOUSE]


def test_a_warehouse_chosen_by_hand_with_a_reason_is_not_wrong() -> None:
    events = good_events() + [ev(20, Fact.ALLOCATED, reason="SZ out of stock", warehouses=["HZ"], manual=True)]
    assert kinds(order(events, parcels=(Parcel(1, "HZ", "73100000000001", "ZTO"),))) == []


def test_scanned_contents_that_differ_from_the_order_are_wrong() -> None:
    events = [e for e in good_events() if e.details.get("sku") != "B"]  # B never scanned (an override)
    events.append(ev(61, Fact.SCAN_ITEM, sku="C", qty=1, shipment=1))
    wrong = wrong_deliveries(order(events))
    assert [w.kind for w in wrong] == [Wrong.CONTENTS] and wrong[0].detail == "B-2 C+1"


def test_an_undo_that_balances_a_double_scan_is_right() -> None:
    events = good_events() + [ev(61.5, Fact.SCAN_ITEM, sku="A", qty=1, shipment=1),
                              ev(61.6, Fact.SCAN_ITEM, sku="A", qty=-1, shipment=1)]  # fmt: skip
    assert kinds(order(events)) == []


def test_a_waybill_the_courier_cannot_have_issued_is_wrong() -> None:
    o = order(good_events("12AB"), parcels=(Parcel(1, "SZ", "12AB", "ZTO"),))
    assert kinds(o) == [Wrong.WAYBILL]


def test_a_waybill_the_courier_does_not_know_is_wrong() -> None:
    events = good_events() + [ev(300, Fact.WAYBILL_UNKNOWN, waybill="73100000000001")]
    assert kinds(order(events)) == [Wrong.WAYBILL]


def test_a_parcel_packed_twice_is_shipped_twice() -> None:
    events = good_events() + [ev(90, Fact.SCAN_PACKED, shipment=1)]
    assert kinds(order(events)) == [Wrong.TWICE]


def test_two_waybills_leaving_for_one_parcel_are_shipped_twice() -> None:
    events = good_events() + [ev(190, Fact.COURIER_SCAN, waybill="73100000000002", state="PICKED_UP")]
    assert kinds(order(events)) == [Wrong.TWICE]


def test_a_refunded_order_that_left_anyway_is_wrong_and_its_intercept_was_missed() -> None:
    events = good_events() + [ev(100, Fact.REFUND_REQUESTED, from_status="PACKED")]
    o = order(events)
    assert kinds(o) == [Wrong.REFUNDED]
    row = compute_kpis(MONTH, [o], []).rows[("all", "", "", "")].summary()
    assert (row["intercepts"], row["intercepts_caught"], row["oda"]) == (1, 0, 0.0)
    assert row["wrong"][0]["reason_en"] == "refunded but shipped anyway"


def test_a_withdrawn_refund_before_leaving_is_right() -> None:
    events = good_events() + [ev(100, Fact.REFUND_REQUESTED, from_status="PACKED"), ev(110, Fact.REFUND_WITHDRAWN)]
    assert kinds(order(events)) == []


def test_an_intercept_that_never_left_is_caught_and_not_a_delivery() -> None:
    events = [e for e in good_events() if e.at <= h(62)] + [ev(100, Fact.REFUND_REQUESTED, from_status="PACKED")]
    row = compute_kpis(MONTH, [order(events)], []).rows[("all", "", "", "")].summary()
    assert (row["intercepts"], row["intercepts_caught"], row["delivered"], row["refund_rate"]) == (1, 1, 0, 1.0)


def test_oda_and_wrong_list_over_several_orders_by_day() -> None:
    right = [order(good_events(), no=f"R{i}") for i in range(8)]
    bad = order(good_events("12AB"), no="W1", parcels=(Parcel(1, "SZ", "12AB", "ZTO"),))
    q = KpiQuery(MONTH.start, MONTH.end, Bucket.DAY)
    row = compute_kpis(q, [*right, bad], []).rows[("2026-11-02", "", "", "")].summary()
    assert (row["delivered"], row["delivered_right"], row["oda"]) == (9, 8, 0.8889)
    assert [w["order"] for w in row["wrong"]] == ["W1"]


def test_pay_to_ship_median_and_p90() -> None:
    hours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 30]
    histories = [OrderHistory(i, f"P{i}", "taobao", "SZ", T0, {}, (), [ev(60 * x, Fact.SHIPPED)])
                 for i, x in enumerate(hours)]  # fmt: skip
    row = compute_kpis(MONTH, histories, []).rows[("all", "", "", "")].summary()
    assert (row["pay_to_ship_median_h"], row["pay_to_ship_p90_h"]) == (5.0, 9.0)
    assert percentile([], 50) is None


def test_packer_hours_and_refusals_per_100_parcels() -> None:
    scans = [StationScan(h(m), "S1", "7", Fact.SCAN_PACKED) for m in (0, 10, 20, 70)]
    scans += [StationScan(h(5), "S1", "7", Fact.SCAN_REFUSED)]
    histories = [OrderHistory(i, f"K{i}", "taobao", "SZ", T0, {}, (), [ev(m, Fact.PACKED)])
                 for i, m in enumerate((0, 10, 20, 70))]  # fmt: skip
    row = compute_kpis(MONTH, histories, scans).rows[("all", "", "", "")].summary()
    assert (row["packer_hours"], row["orders_per_packer_hour"], row["refused_per_100_parcels"]) == (2, 2.0, 25.0)


def test_return_to_credit_note_time() -> None:
    events = good_events() + [ev(3000, Fact.RETURN_RECEIVED), ev(3090, Fact.CREDIT_NOTE)]
    row = compute_kpis(MONTH, [order(events)], []).rows[("all", "", "", "")].summary()
    assert row["return_to_credit_median_h"] == 1.5


def test_split_by_warehouse_and_month_boundaries_in_beijing_time() -> None:
    late = OrderHistory(1, "M1", "pdd", "HZ", datetime(2026, 11, 30, 17, tzinfo=UTC), {}, (), [])  # 1 Dec Beijing
    q = KpiQuery(datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC), Bucket.MONTH, split_warehouse=True)
    assert list(compute_kpis(q, [late], []).rows) == [("2026-12", "HZ", "", "")]


def test_a_backwards_period_is_refused() -> None:
    with pytest.raises(DomainError):
        KpiQuery(MONTH.end, MONTH.start)


def test_timeline_rows_map_to_facts_in_one_table() -> None:
    assert fact_of("TRANSITION", {"event": "SHIP"}) is Fact.SHIPPED
    assert fact_of("CONFIRM", {"step": "refused"}) is Fact.CONFIRM_REFUSED
    assert fact_of("TRACKING", {"state": "IN_TRANSIT"}) is Fact.COURIER_SCAN
    assert fact_of("TRACKING", {"state": "PROBLEM", "alert": "unknown_waybill"}) is Fact.WAYBILL_UNKNOWN
    assert fact_of("NOTE", {}) is None


# --- after-sale histories: refunds as records, pull-backs and checked-in returns ---------------------
def refund(minutes: float, step: str, action: str = "step", ref: str = "RF-1") -> HistoryEvent:
    return ev(minutes, Fact.REFUND, refund=ref, step=step, action=action)


def summary(*histories: OrderHistory) -> dict[str, object]:
    return compute_kpis(MONTH, list(histories), []).rows[("all", "", "", "")].summary()


def test_refund_and_return_rows_map_to_facts() -> None:
    assert fact_of("REFUND", {"refund": "RF-1", "step": "REQUESTED", "action": "opened"}) is Fact.REFUND
    assert fact_of("REFUND", {"action": "pulled_back", "waybill": "7310"}) is Fact.PULLED_BACK
    assert fact_of("REFUND", {"refund": "RF-1", "action": "returned"}) is None  # no step: nothing to measure
    assert fact_of("RETURN_RECEIVED", {"return_id": 3, "outcome": "PARTLY_RETURNED"}) is Fact.RETURN_RECEIVED


def test_a_packed_parcel_pulled_back_is_an_intercept_caught_before_handover() -> None:
    events = [e for e in good_events() if e.at <= h(62)] + [
        ev(100, Fact.REFUND_REQUESTED, from_status="PACKED"), refund(100, "REQUESTED", "opened"),
        ev(110, Fact.PULLED_BACK, waybill="73100000000001"), refund(200, "PAID", "paid"),
        ev(200, Fact.CREDIT_NOTE), ev(200, Fact.CANCELLED)]  # fmt: skip
    row = summary(order(events))
    assert (row["intercepts"], row["intercepts_caught"], row["delivered"], row["refund_rate"]) == (1, 1, 0, 1.0)


def test_a_refund_after_handover_is_no_intercept_nor_a_wrong_delivery_and_times_return_to_credit_note() -> None:
    """Handed over at 120, refunded at 130 (the order stays INTERCEPTED), picked up by the courier
    anyway, checked in as a return at 3000, refund paid with its credit note 90 minutes later."""
    events = [e for e in good_events() if e.at <= h(120)] + [
        ev(130, Fact.REFUND_REQUESTED, from_status="PACKED"), refund(130, "REQUESTED", "opened"),
        ev(180, Fact.COURIER_SCAN, waybill="73100000000001", state="PICKED_UP"),
        ev(3000, Fact.RETURN_RECEIVED, return_id=1), refund(3090, "PAID", "paid"), ev(3090, Fact.CREDIT_NOTE)]  # fmt: skip
    o = order(events)
    assert kinds(o) == []
    row = summary(o)
    assert (row["delivered"], row["oda"], row["intercepts"], row["intercepts_caught"]) == (1, 1.0, 0, 0)
    assert (row["refund_rate"], row["return_to_credit_median_h"]) == (1.0, 1.5)


def test_refund_rate_counts_paid_and_open_refunds_not_withdrawn_or_rejected_ones() -> None:
    shipped = good_events()
    kept = order(shipped + [ev(400, Fact.REFUND_REQUESTED, from_status="SHIPPED"), refund(400, "REQUESTED", "opened"),
                            refund(500, "PAID", "paid"), refund(600, "CLOSED"),
                            ev(500, Fact.REFUND_WITHDRAWN)], no="KEEP")  # refund only: the buyer keeps the goods
    waiting = order(shipped + [refund(400, "AGREED", "opened")], no="WAIT")
    withdrawn = order(shipped + [refund(400, "REQUESTED", "opened"), refund(450, "WITHDRAWN")], no="WD")
    rejected = order(shipped + [refund(400, "REQUESTED", "opened"), refund(450, "REJECTED"),
                                ev(450, Fact.REFUND_WITHDRAWN)], no="RJ")  # fmt: skip
    row = summary(kept, waiting, withdrawn, rejected)
    assert (row["paid_orders"], row["refunded_orders"], row["refund_rate"]) == (4, 2, 0.5)
