"""Waves as the lead and the stations see them: open waves with their counts, the orders waiting at
the pack stations by slot (oldest wave first), and a wave's pick list keeping the real slots."""

from __future__ import annotations

from collections import Counter

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.services.orders import change_status, order_detail
from orderdesk.services.packing import PackStation
from orderdesk.services.wave_queries import open_waves, waiting_orders, wave_orders, wave_pick_list, wave_slots
from orderdesk.services.waves import create_wave

from tests.helpers.builders import paid_jiangsu_orders

WH = "SZ-SUZHOU"


@pytest.fixture
def allocated(store):  # noqa: ANN001
    """Ten paid Jiangsu orders, allocated (most of them to Suzhou)."""
    paid_jiangsu_orders(store.make_uow, 710_000)
    return store


def _items_here(store, order_no: str) -> Counter:  # noqa: ANN001
    d = order_detail(store.make_uow, "system", order_no)
    [lines] = [lines for wh, lines in d.shipments if WH in wh or wh.startswith("苏州")]
    return Counter({sku: qty for sku, qty in lines})


def _pack(store, code: str, order_no: str) -> None:  # noqa: ANN001
    station = PackStation(store.make_uow, "packer1", WH, "bench-1")
    verdicts = [station.scan(code)]
    for sku, qty in _items_here(store, order_no).items():
        verdicts += [station.scan(sku) for _ in range(qty)]
    assert verdicts[0].order == order_no and verdicts[-1].kind == "packed", verdicts[-1]


def _summary(store) -> dict[str, tuple[int, int, int]]:  # noqa: ANN001
    return {w.code: (w.orders, w.packed, w.waiting) for w in open_waves(store.make_uow, "packer1", WH)}


def test_new_waves_wait_at_the_stations_oldest_first(allocated):  # noqa: ANN001
    store = allocated
    assert open_waves(store.make_uow, "lead", WH) == [] and waiting_orders(store.make_uow, "lead", WH) == []
    first = create_wave(store.make_uow, "lead", WH, count=3)
    second = create_wave(store.make_uow, "lead", WH, count=2)
    waves = open_waves(store.make_uow, "lead", WH)
    assert [(w.code, w.orders, w.packed, w.waiting) for w in waves] == [(first.code, 3, 0, 3), (second.code, 2, 0, 2)]
    assert waves[0].created_at <= waves[1].created_at
    expected = [(first.code, i, no, first.slot_code(i)) for i, no in enumerate(first.order_nos, 1)]
    expected += [(second.code, i, no, second.slot_code(i)) for i, no in enumerate(second.order_nos, 1)]
    assert waiting_orders(store.make_uow, "packer1", WH) == expected
    assert waiting_orders(store.make_uow, "packer1", WH, limit=4) == expected[:4]
    assert open_waves(store.make_uow, "lead", "SH-SHANGHAI") == []  # another warehouse's stations see none


def test_packing_takes_an_order_off_the_waiting_list_and_a_done_wave_closes(allocated):  # noqa: ANN001
    store = allocated
    wave = create_wave(store.make_uow, "lead", WH, count=3)
    other = create_wave(store.make_uow, "lead", WH, count=1)
    _pack(store, wave.slot_code(2), wave.order_nos[1])
    assert _summary(store)[wave.code] == (3, 1, 2)
    assert [w.order_no for w in waiting_orders(store.make_uow, "packer1", WH)] == [
        wave.order_nos[0], wave.order_nos[2], other.order_nos[0]]
    assert wave_orders(store.make_uow, "lead", wave.code) == [wave.order_nos[0], wave.order_nos[2]]
    slots = wave_slots(store.make_uow, "lead", wave.code)
    assert [(s.slot, s.slot_code, s.order_no, s.packed, s.waiting) for s in slots] == [
        (1, wave.slot_code(1), wave.order_nos[0], False, True),
        (2, wave.slot_code(2), wave.order_nos[1], True, False),
        (3, wave.slot_code(3), wave.order_nos[2], False, True)]
    _pack(store, other.slot_code(1), other.order_nos[0])
    assert set(_summary(store)) == {wave.code}


def test_a_refunded_order_is_neither_waiting_nor_packed(allocated):  # noqa: ANN001
    store = allocated
    wave = create_wave(store.make_uow, "lead", WH, count=2)
    change_status(store.make_uow, wave.order_nos[0], OrderEvent.REQUEST_REFUND, "cs1", reason="buyer asked")
    assert _summary(store) == {wave.code: (2, 0, 1)}
    assert [w.order_no for w in waiting_orders(store.make_uow, "packer1", WH)] == [wave.order_nos[1]]
    [slot] = [s for s in wave_slots(store.make_uow, "lead", wave.code) if s.slot == 1]
    assert slot.status == "INTERCEPTED" and not slot.packed and not slot.waiting


def test_the_pick_list_lists_what_is_left_under_the_real_slot_numbers(allocated):  # noqa: ANN001
    store = allocated
    wave = create_wave(store.make_uow, "lead", WH, count=4)
    full = wave_pick_list(store.make_uow, "lead", wave.code)
    assert full.wave_id == wave.code
    assert {(li.order_no, li.slot_no) for li in full.lines} == {(no, i) for i, no in enumerate(wave.order_nos, 1)}
    _pack(store, wave.slot_code(1), wave.order_nos[0])
    change_status(store.make_uow, wave.order_nos[2], OrderEvent.REQUEST_REFUND, "cs1", reason="buyer asked")
    rest = wave_pick_list(store.make_uow, "lead", wave.code)  # the intercepted order is left out, not refused
    assert {(li.order_no, li.slot_no) for li in rest.lines} == {(wave.order_nos[1], 2), (wave.order_nos[3], 4)}


def test_unknown_waves_and_roles_without_the_right_are_refused(allocated):  # noqa: ANN001
    store = allocated
    with pytest.raises(DomainError):
        wave_slots(store.make_uow, "lead", "W000000000-NOPE")
    with pytest.raises(DomainError):
        wave_pick_list(store.make_uow, "lead", "W000000000-NOPE")
    wave = create_wave(store.make_uow, "lead", WH, count=1)
    with pytest.raises(DomainError):
        wave_pick_list(store.make_uow, "ops1", wave.code)  # operations may wave but not print
