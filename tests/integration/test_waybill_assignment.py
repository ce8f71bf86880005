"""Waybill numbers are checked against their courier when they are given to a parcel: a number
block must be the courier's, a label never takes a number of the wrong shape, and a pre-printed
waybill scanned at the station must fit the courier the parcel already goes with."""

from __future__ import annotations

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.services.actors import now_utc
from orderdesk.services.labels import add_waybill_range, shipping_labels
from orderdesk.services.packing import PackStation
from tests.helpers.handover import WH, suzhou_orders


def test_a_block_of_another_couriers_numbers_is_refused(store):  # noqa: ANN001
    suzhou_orders(store.make_uow, 700_100, 2)  # the demo shop
    with pytest.raises(DomainError) as refused:
        add_waybill_range(store.make_uow, "system", WH, "ZTO", "YT8800000000000", "YT8800000000099")
    assert "不符合中通快递的单号格式" in refused.value.reason("zh") and "14 digits" in refused.value.reason("en")


def test_a_label_never_takes_a_number_that_is_not_its_couriers(store):  # noqa: ANN001
    order_no = next(iter(suzhou_orders(store.make_uow, 700_200, 6)))
    with store.make_uow(write=True) as uow:  # a block typed in before shapes were checked: 13 digits for ZTO
        wid = uow.directory.warehouse_id(WH)
        uow.session.execute(__import__("sqlalchemy").text("UPDATE waybill_ranges SET next_seq = last_seq + 1"))
        uow.labels.add_range("ZTO", wid, "", 13, 7300000000000, 7300000000009, now_utc())
        uow.commit()
    with pytest.raises(DomainError) as refused:
        shipping_labels(store.make_uow, "system", [order_no], warehouse=WH)
    assert "7300000000000" in refused.value.reason("zh") and "号段" in refused.value.reason("zh")
    assert "number block" in refused.value.reason("en")


def test_a_pre_printed_waybill_must_fit_the_courier_the_parcel_already_has(store):  # noqa: ANN001
    orders = suzhou_orders(store.make_uow, 700_300, 8)
    labelled, lines = next(iter(orders.items()))
    zto = shipping_labels(store.make_uow, "system", [labelled], warehouse=WH)[0][0].waybill_no
    station = PackStation(store.make_uow, "packer1", WH, "bench-w")
    assert station.scan(labelled).ok
    wrong = station.scan("YT1234567890123")
    assert not wrong.ok and wrong.refusal == "waybill_courier"
    assert "不是中通快递的单号" in wrong.message_zh and "goes with ZTO Express" in wrong.message_en
    packed = [station.scan(f"{q}*{sku}") for sku, q in lines][-1]
    assert packed.kind == "packed"
    with store.make_uow() as uow:  # the printed ZTO label stays the parcel's
        parcel = uow.handover.parcels_by_code(zto)[0]
    assert (parcel.order_no, parcel.courier_code, parcel.shipment_status) == (labelled, "ZTO", "PACKED")
