"""What goes on the labels: a waybill number given once per parcel, refusals for orders that must not
ship, templates per courier/channel, and every print and reprint in the audit log."""

from __future__ import annotations

import dataclasses
import random
import threading
from datetime import timedelta

import pytest

from orderdesk.demo.generator import SHANGHAI, generate_order
from orderdesk.demo.seed import seed_demo
from orderdesk.domain.errors import DomainError, OrderNotFound
from orderdesk.domain.model import RefundState
from orderdesk.labels.model import ITEMS, LabelSize, LabelTemplate
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.intake import intake_orders
from orderdesk.services.labels import (
    add_waybill_range,
    packing_slips,
    pick_lists,
    record_print,
    save_label_template,
    shipping_labels,
    waybill_ranges,
)
from orderdesk.services.orders import order_detail
from orderdesk.services.ports import AuditFilter
from datetime import datetime


@pytest.fixture
def orders(store):  # noqa: ANN001
    """Twelve fresh paid orders, allocated by the demo rules; their order numbers."""
    seed_demo(store.make_uow, 0, with_rules=True)
    rng = random.Random(4)
    now = datetime.now(SHANGHAI)
    batch = [generate_order(rng, now, 500_000 + i, paid_at=now - timedelta(minutes=i)) for i in range(12)]
    batch = [dataclasses.replace(o, trade_state=o.trade_state.PAID, refund_state=RefundState.NONE) for o in batch]
    intake_orders(store.make_uow, batch, actor="system")
    allocated = [o for o in batch if order_detail(store.make_uow, "system", o.order_no).row.status == "ALLOCATED"]
    assert len(allocated) >= 8
    return allocated


def test_each_parcel_gets_its_couriers_next_number_once_and_keeps_it(store, orders):  # noqa: ANN001
    nos = [o.order_no for o in orders]
    first = shipping_labels(store.make_uow, "system", nos)
    waybills = [label.waybill_no for label, _t in first]
    assert len(waybills) >= len(nos) and len(set(waybills)) == len(waybills)
    again = shipping_labels(store.make_uow, "system", nos)
    assert [label.waybill_no for label, _t in again] == waybills  # a reprint shows the same number
    label = first[0][0]
    assert label.courier_name and label.receiver_phone_masked.count("*") >= 4 and label.item_lines
    left = {r.warehouse_code: r.left for r in waybill_ranges(store.make_uow, "system")}
    assert sum(1_000_000 - n for n in left.values()) == len(waybills)


def test_an_unknown_an_unallocated_and_an_intercepted_order_are_refused(store, orders):  # noqa: ANN001
    with pytest.raises(OrderNotFound):
        shipping_labels(store.make_uow, "system", ["TB000000404"])
    refunded = orders[0]
    later = refunded.modified_at + timedelta(minutes=5)
    intake_orders(store.make_uow, [dataclasses.replace(refunded, refund_state=RefundState.REQUESTED,
                                                       modified_at=later)], actor="system")  # fmt: skip
    status = order_detail(store.make_uow, "system", refunded.order_no).row.status
    assert status in ("INTERCEPTED", "REFUND_REQUESTED")
    with pytest.raises(DomainError) as refused:
        shipping_labels(store.make_uow, "system", [orders[1].order_no, refunded.order_no])
    assert refunded.order_no in refused.value.reason("zh") and "不能打印" in refused.value.reason("zh")
    # nothing half-done: the good order in the same batch did not take a number either
    left = sum(r.left for r in waybill_ranges(store.make_uow, "system"))
    assert left == 4 * 1_000_000


def test_running_out_of_numbers_is_said_and_takes_nothing(store, orders):  # noqa: ANN001
    exhausted = [r for r in waybill_ranges(store.make_uow, "system")]
    # a new warehouse-sized problem: use up Suzhou's block by giving it a tiny one only
    with store.make_uow(write=True) as uow:
        from sqlalchemy import update

        from orderdesk.store.models import WaybillRange

        uow.session.execute(update(WaybillRange).values(next_seq=WaybillRange.last_seq))  # one number left each
        uow.commit()
    nos = [o.order_no for o in orders]
    with pytest.raises(DomainError) as empty:
        shipping_labels(store.make_uow, "system", nos)
    assert "面单号已用完" in empty.value.reason("zh") and "add a number block" in empty.value.reason("en")
    assert all(r.left == 1 for r in waybill_ranges(store.make_uow, "system")) and len(exhausted) == 4


def test_blocks_must_have_one_shape_and_not_overlap(store):  # noqa: ANN001
    seed_demo(store.make_uow, 0)
    with pytest.raises(DomainError, match="overlaps"):
        add_waybill_range(store.make_uow, "system", "SZ-SUZHOU", "ZTO", "73120000000500", "73120000000600")
    with pytest.raises(DomainError, match="differ in shape"):
        add_waybill_range(store.make_uow, "system", "SZ-SUZHOU", "ZTO", "7312", "731200")
    with pytest.raises(DomainError, match="Unknown courier"):
        add_waybill_range(store.make_uow, "system", "SZ-SUZHOU", "XXX", "1", "9")
    new = add_waybill_range(store.make_uow, "system", "SZ-SUZHOU", "zto", "75000000000000", "75000000000009")
    assert new and any(r.prefix == "" and r.left == 10 for r in waybill_ranges(store.make_uow, "system"))


def test_the_most_specific_template_applies(store, orders):  # noqa: ANN001
    small = LabelTemplate(LabelSize.S76X130, frozenset({ITEMS}))
    save_label_template(store.make_uow, "system", "", "", LabelTemplate(LabelSize.S100X180))
    save_label_template(store.make_uow, "system", "ZTO", "", small)
    labels = shipping_labels(store.make_uow, "system", [o.order_no for o in orders])
    sizes = {label.courier_code: t.size for label, t in labels}
    assert sizes.pop("ZTO") == LabelSize.S76X130
    assert set(sizes.values()) <= {LabelSize.S100X180}


def test_prints_and_reprints_are_audited_with_the_printer(store, orders):  # noqa: ANN001
    nos = [orders[0].order_no]
    shipping_labels(store.make_uow, "system", nos)
    record_print(store.make_uow, "system", "shipping", nos, "Zebra-Bench-1", job="41")
    record_print(store.make_uow, "system", "shipping", nos, "Zebra-Bench-2", job="42")
    trail = audit_trail(store.make_uow, "system", AuditFilter(object_type="label"), include_orders=False)
    assert [(a.action, a.details["printer"]) for a in trail] == [("label.print", "Zebra-Bench-1"),
                                                                 ("label.reprint", "Zebra-Bench-2")]
    assert trail[0].details["waybills"] and trail[0].details["orders"] == nos


def test_slips_and_pick_lists_carry_the_parcel_contents(store, orders):  # noqa: ANN001
    nos = [o.order_no for o in orders]
    slips = packing_slips(store.make_uow, "system", nos)
    assert {s.order_no for s in slips} == set(nos) and all(s.lines or s.gift_lines for s in slips)
    lists = pick_lists(store.make_uow, "system", nos, wave_id="W1")
    picked = {(line.order_no, line.sku) for pl in lists for line in pl.lines}
    assert {o.order_no for o in orders} == {n for n, _ in picked}
    for pl in lists:
        slots = {line.order_no: line.slot_no for line in pl.lines}
        assert sorted(slots.values()) == list(range(1, len(slots) + 1)) and all(line.bin_code for line in pl.lines)


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_stations_printing_at_once_never_get_the_same_number(store, orders):  # noqa: ANN001
    got: list[str] = []
    errors: list[Exception] = []

    def station(chunk: list[str]) -> None:
        try:
            got.extend(label.waybill_no for label, _t in shipping_labels(store.make_uow, "system", chunk))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    nos = [o.order_no for o in orders]
    threads = [threading.Thread(target=station, args=(nos[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(got) == len(set(got)) >= len(nos)


def test_a_labelled_parcel_keeps_its_warehouse_when_rules_change(store, orders):  # noqa: ANN001
    from orderdesk.services.allocation import reallocate_orders, reallocation_candidates

    labelled = orders[0].order_no
    [(label, _t)] = shipping_labels(store.make_uow, "system", [labelled])[:1]
    before = order_detail(store.make_uow, "system", labelled)
    assert labelled not in reallocation_candidates(store.make_uow, "system")
    assert orders[1].order_no in reallocation_candidates(store.make_uow, "system")
    reallocate_orders(store.make_uow, "system", [labelled, orders[1].order_no])
    after = order_detail(store.make_uow, "system", labelled)
    assert after.row.status == "ALLOCATED" and after.shipments == before.shipments
    [(again, _t)] = shipping_labels(store.make_uow, "system", [labelled])[:1]
    assert again.waybill_no == label.waybill_no


def test_a_station_prints_only_its_own_warehouses_parcel_of_a_split_order(store, orders):  # noqa: ANN001
    from orderdesk.services.labels import record_print as record

    split = None
    for o in orders:
        detail = order_detail(store.make_uow, "system", o.order_no)
        if len({wh for wh, _lines in detail.shipments}) > 1:
            split = o.order_no
    all_parcels = shipping_labels(store.make_uow, "system", [orders[0].order_no])
    here = all_parcels[0][0]
    mine = shipping_labels(store.make_uow, "system", [orders[0].order_no], warehouse="NO-SUCH-WH")
    assert mine == [] and here.waybill_no
    record(store.make_uow, "system", "shipping", [orders[0].order_no], "Bench", warehouse="NO-SUCH-WH")
    trail = audit_trail(store.make_uow, "system", AuditFilter(object_type="label"), include_orders=False)
    assert trail[-1].details["waybills"] == []  # nothing of another warehouse counted as printed
    assert split is None or len(shipping_labels(store.make_uow, "system", [split])) > 1
