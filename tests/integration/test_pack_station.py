"""The pack station service: every mistake a packer can make is refused and changes nothing; a good
parcel is packed once, by one station, and a refund stops it even at the last item."""

from __future__ import annotations

from collections import Counter

import pytest

from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.services.orders import change_status, order_detail
from orderdesk.services.packing import PackStation
from orderdesk.services.stock import stock_levels
from orderdesk.services.users import issue_badge
from orderdesk.services.waves import create_wave, throughput

from tests.helpers.builders import paid_jiangsu_orders

WH = "SZ-SUZHOU"


@pytest.fixture
def parcels(store):  # noqa: ANN001
    """Allocated Suzhou orders: {order_no: Counter(sku -> qty)} of their Suzhou parcel."""
    batch = paid_jiangsu_orders(store.make_uow, 700_000)
    out = {}
    for o in batch:
        d = order_detail(store.make_uow, "system", o.order_no)
        here = [lines for wh, lines in d.shipments if WH in wh or wh.startswith("苏州")]
        if d.row.status == "ALLOCATED" and len(d.shipments) == 1 and here:
            out[o.order_no] = Counter({sku: qty for sku, qty in here[0]})
    assert len(out) >= 4, out
    return out


def _station(store, name="bench-1", user="packer1"):  # noqa: ANN001
    return PackStation(store.make_uow, user, WH, name)


def _pack_all(station: PackStation, order_no: str, items: Counter) -> list:
    verdicts = [station.scan(order_no)]
    for sku, qty in items.items():
        verdicts += [station.scan(sku) for _ in range(qty)]
    return verdicts


def _status(store, order_no):  # noqa: ANN001, ANN202
    return order_detail(store.make_uow, "system", order_no).row.status


def test_a_full_parcel_is_packed_and_its_stock_leaves_the_shelf(store, parcels):  # noqa: ANN001
    order_no, items = next(iter(parcels.items()))
    before = {(s.sku, s.warehouse): s for s in stock_levels(store.make_uow, "system")}
    verdicts = _pack_all(_station(store), order_no, items)
    assert verdicts[0].kind == "opened" and verdicts[0].lines and all(v.ok for v in verdicts)
    assert verdicts[-1].kind == "packed" and verdicts[-1].state == "PACKED" and verdicts[-1].print_label
    assert all(v.kind == "item" for v in verdicts[1:-1])
    assert _status(store, order_no) == "PACKED"
    after = {(s.sku, s.warehouse): s for s in stock_levels(store.make_uow, "system")}
    for sku, qty in items.items():
        assert after[(sku, WH)].on_hand == before[(sku, WH)].on_hand - qty
        assert after[(sku, WH)].reserved == before[(sku, WH)].reserved - qty


@pytest.mark.parametrize("mistake", ["wrong_item", "too_many", "unknown_barcode"])
def test_item_mistakes_are_refused_and_change_nothing(store, parcels, mistake):  # noqa: ANN001
    order_no, items = max(parcels.items(), key=lambda kv: len(kv[1]))  # two SKUs: one can be overdone
    assert len(items) >= 2
    station = _station(store)
    station.scan(order_no)
    sku, qty = next(iter(items.items()))
    for _ in range(qty - 1):
        station.scan(sku)
    before = order_detail(store.make_uow, "system", order_no).row
    if mistake == "wrong_item":
        other = next(s for other in parcels.values() for s in other if s not in items)
        verdict = station.scan(other)
    elif mistake == "too_many":
        assert station.scan(sku).ok
        before = order_detail(store.make_uow, "system", order_no).row
        verdict = station.scan(sku)
    else:
        verdict = station.scan("NOT-A-CODE-42")
    assert not verdict.ok and verdict.refusal == mistake and verdict.order == order_no and verdict.message_zh
    assert order_detail(store.make_uow, "system", order_no).row == before


def test_double_scans_count_once_each_and_undo_takes_the_last_back(store, parcels):  # noqa: ANN001
    order_no, items = max(parcels.items(), key=lambda kv: sum(kv[1].values()))
    station = _station(store)
    station.scan(order_no)
    sku = next(iter(items))
    first = station.scan(sku)
    undone = station.scan("UNDO")
    assert undone.kind == "undo" and sum(li.scanned for li in undone.lines) == sum(li.scanned for li in first.lines) - 1
    again = station.scan(sku)
    assert again.ok and sum(li.scanned for li in again.lines) == sum(li.scanned for li in first.lines)


def test_the_quantity_shortcut_scans_many_of_one_sku(store, parcels):  # noqa: ANN001
    order_no, items = next(iter(parcels.items()))
    station = _station(store)
    station.scan(order_no)
    verdicts = [station.scan(f"{qty}*{sku}") for sku, qty in items.items()]
    assert verdicts[-1].kind == "packed" and _status(store, order_no) == "PACKED"


def test_a_second_station_cannot_take_an_order_being_packed_until_the_claim_lapses(store, parcels, monkeypatch):  # noqa: ANN001
    order_no, items = max(parcels.items(), key=lambda kv: sum(kv[1].values()))
    assert _station(store, "bench-1").scan(order_no).ok
    other = _station(store, "bench-2", "packer2")
    refused = other.scan(order_no)
    assert not refused.ok and refused.refusal == "claimed" and "bench-1" in refused.message_zh
    monkeypatch.setenv("ORDERDESK_CLAIM_SECONDS", "0")
    assert _station(store, "bench-1").scan(next(iter(items))).ok  # renews with a zero lease: lapses at once
    taken = other.scan(order_no)
    assert taken.ok and taken.kind == "opened" and all(li.scanned == 0 for li in taken.lines)


@pytest.mark.parametrize("how", ["intercepted", "cancelled", "packed"])
def test_orders_that_must_not_be_packed_are_refused_at_the_first_scan(store, parcels, how):  # noqa: ANN001
    order_no, items = next(iter(parcels.items()))
    if how == "intercepted":
        change_status(store.make_uow, order_no, OrderEvent.REQUEST_REFUND, "cs1", reason="buyer asked")
    elif how == "cancelled":
        change_status(store.make_uow, order_no, OrderEvent.REQUEST_REFUND, "cs1", reason="buyer asked")
        change_status(store.make_uow, order_no, OrderEvent.CANCEL, "cs1", reason="refunded")
    else:
        _pack_all(_station(store), order_no, items)
    verdict = _station(store, "bench-2", "packer2").scan(order_no)
    assert not verdict.ok and verdict.refusal == how and verdict.order == order_no
    if how == "intercepted":
        assert verdict.message_zh == "退款订单，请拦截" and verdict.state == "INTERCEPTED"


def test_a_refund_during_packing_blocks_the_last_item_and_a_withdrawal_releases_it(store, parcels):  # noqa: ANN001
    order_no, items = max(parcels.items(), key=lambda kv: sum(kv[1].values()))
    station = _station(store)
    station.scan(order_no)
    scans = [sku for sku, qty in items.items() for _ in range(qty)]
    for sku in scans[:-1]:
        assert station.scan(sku).ok
    change_status(store.make_uow, order_no, OrderEvent.REQUEST_REFUND, "cs1", reason="refund arrived by sync")
    blocked = station.scan(scans[-1])
    assert not blocked.ok and blocked.refusal == "intercepted" and _status(store, order_no) == "INTERCEPTED"
    change_status(store.make_uow, order_no, OrderEvent.WITHDRAW_REFUND, "cs1", reason="buyer withdrew")
    assert station.scan(scans[-1]).kind == "packed" and _status(store, order_no) == "PACKED"


def test_a_pre_printed_waybill_is_recognised_and_kept_on_the_parcel(store, parcels):  # noqa: ANN001
    order_no, items = next(iter(parcels.items()))
    station = _station(store)
    station.scan(order_no)
    noted = station.scan("73100000000077")
    assert noted.kind == "waybill" and "中通" in noted.message_zh
    last = [station.scan(sku) for sku, qty in items.items() for _ in range(qty)][-1]
    assert last.kind == "packed" and not last.print_label and last.waybill == "73100000000077"
    second = [k for k in parcels if k != order_no][0]
    station.scan(second)
    reused = station.scan("73100000000077")
    assert not reused.ok and reused.refusal == "waybill_used" and order_no in reused.message_zh


def test_a_leads_badge_seals_a_short_parcel_with_a_reason(store, parcels):  # noqa: ANN001
    order_no, _items = next(iter(parcels.items()))
    station = _station(store)
    station.scan(order_no)
    packer_badge = issue_badge(store.make_uow, "admin", "packer2")
    assert station.override(packer_badge, "缺货，客户同意少发").refusal in ("forbidden", "error")
    assert station.override(issue_badge(store.make_uow, "admin", "lead"), " ").refusal == "no_reason"
    sealed = station.override(issue_badge(store.make_uow, "admin", "lead"), "缺货，客户同意少发")
    assert sealed.kind == "packed" and _status(store, order_no) == "PACKED"


def test_waves_give_slots_and_a_slot_scan_opens_its_order(store, parcels):  # noqa: ANN001
    wave = create_wave(store.make_uow, "lead", WH, count=3)
    assert len(wave.order_nos) == 3
    opened = _station(store).scan(wave.slot_code(2))
    assert opened.ok and opened.order == wave.order_nos[1]
    again = create_wave(store.make_uow, "lead", WH, count=3)
    assert not set(again.order_nos) & set(wave.order_nos)


def test_throughput_counts_parcels_and_refusals_per_station(store, parcels):  # noqa: ANN001
    (a, items_a), (b, items_b) = list(parcels.items())[:2]
    _pack_all(_station(store, "bench-1"), a, items_a)
    s2 = _station(store, "bench-2", "packer2")
    s2.scan("NOPE")
    _pack_all(s2, b, items_b)
    rows = {r.station: (r.packed, r.refused) for r in throughput(store.make_uow, "lead")}
    assert rows == {"bench-1": (1, 0), "bench-2": (1, 1)}


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_lost_database_is_said_as_such_never_as_order_not_found(store, parcels, pg_server):  # noqa: ANN001
    order_no, _items = next(iter(parcels.items()))
    station = _station(store)
    assert station.scan(order_no).ok
    pg_server.drop_database(store.engine.url.database)  # the server ends every session and the database
    verdict = station.scan("6901234567890")
    assert not verdict.ok and verdict.refusal == "db_lost"
    assert "数据库连接中断" in verdict.message_zh and "找不到" not in verdict.message_zh
    assert "connection to the database was lost" in verdict.message_en or "Cannot connect" in verdict.message_en


@pytest.mark.parametrize("scan", ["0*{sku}", "00*{sku}", "{long}"])
def test_a_bad_quantity_or_overlong_scan_is_refused_for_the_open_order_and_logged(store, parcels, scan):  # noqa: ANN001
    order_no, items = next(iter(parcels.items()))
    station = _station(store)
    assert station.scan(order_no).ok
    verdict = station.scan(scan.format(sku=next(iter(items)), long="6" * 5000))
    assert not verdict.ok and verdict.order == order_no and verdict.state == "ALLOCATED"
    assert verdict.refusal in ("bad_quantity", "too_long") and len(verdict.to_json()["scan"]) <= 128
    rows = {r.station: (r.packed, r.refused) for r in throughput(store.make_uow, "lead")}
    assert rows == {"bench-1": (0, 1)}  # the refusal is in the scan log, as every other refusal
