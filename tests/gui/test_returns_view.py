"""The returns desk screen, driven as a USB scanner drives it: the parcel, then each item, the
condition chosen with F-keys, F10 to close; green and the rising tone for a check-in, red and the
reason for a refusal; a parcel that names no order lands in the unknown parcels tab."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.gui.qt import QInputDialog, Qt
from orderdesk.gui.views.returns_view import ReturnsView
from orderdesk.gui.views.station_feedback import GREEN, RED
from orderdesk.services.orders import change_status, order_detail
from tests.helpers.parcels import packed_split_order

WH = "SZ-SUZHOU"
BASIN, BAG = "BASIN-FOLD-32-BLU", "CLN-BAG-100"


@pytest.fixture
def view(qtbot, demo_store, jobs, ui_lang) -> Iterator[ReturnsView]:  # noqa: ANN001
    v = ReturnsView(demo_store.make_uow, jobs, ui_lang, "packer1", "returns-1")
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    v.activateWindow()
    qtbot.waitUntil(lambda: v.warehouse.count() > 0, timeout=10_000)
    v.warehouse.setCurrentIndex(v.warehouse.findData(WH))
    qtbot.waitUntil(v.scan_field.hasFocus, timeout=5000)
    yield v
    qtbot.waitUntil(lambda: not v.busy and not v.queue, timeout=10_000)
    jobs.wait()


def scan(qtbot, view: ReturnsView, code: str):  # noqa: ANN001, ANN201 - the ReturnVerdict
    before = len(view.verdicts)
    qtbot.keyClicks(view.scan_field, code)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.verdicts) > before and not view.busy, timeout=10_000)
    return view.verdicts[-1]


def key(qtbot, view: ReturnsView, k: Qt.Key):  # noqa: ANN001, ANN201
    before = len(view.verdicts)
    qtbot.keyClick(view.scan_field, k)
    qtbot.waitUntil(lambda: len(view.verdicts) > before and not view.busy, timeout=10_000)
    return view.verdicts[-1]


def test_a_parcel_is_checked_in_by_scans_and_f_keys(qtbot, view, demo_store, monkeypatch):  # noqa: ANN001
    packed = packed_split_order(demo_store.make_uow)
    change_status(demo_store.make_uow, packed.order_no, OrderEvent.SHIP, "system")
    opened = scan(qtbot, view, packed.order_no)
    assert opened.kind == "opened" and view.banner.colour == GREEN and view.lines.rowCount() == 2
    assert "未申请退款" in view.banner.text()
    assert scan(qtbot, view, BASIN).kind == "item"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("袋子压破", True))
    qtbot.keyClick(view.scan_field, Qt.Key.Key_F3)
    assert view.condition == "damaged" and "袋子压破" in view.mode.text()
    bag = scan(qtbot, view, BAG)
    assert bag.kind == "item" and [li.damaged for li in bag.lines if li.sku == BAG] == [1]
    wrong = scan(qtbot, view, "NOT-A-CODE-9")
    assert not wrong.ok and view.banner.colour == RED and "无法识别的条码" in view.banner.text()
    assert view.sounds.played[-1] == "say_unknown_barcode" or not view.sounds.enabled
    done = key(qtbot, view, Qt.Key.Key_F10)
    assert done.kind == "checked_in" and done.outcome == "RETURNED" and view.banner.colour == GREEN
    assert view.condition == "resellable"  # back to the usual for the next parcel
    assert order_detail(demo_store.make_uow, "system", packed.order_no).row.status == "RETURNED"
    qtbot.waitUntil(lambda: view.today.rowCount() == 1, timeout=10_000)
    assert view.today.item(0, 1).text() == packed.order_no
    assert view.scan_field.hasFocus()


def test_an_unknown_parcel_goes_to_the_unknown_tab(qtbot, view):  # noqa: ANN001
    opened = scan(qtbot, view, "73123456789012")
    assert opened.kind == "unknown_opened"
    assert scan(qtbot, view, BASIN).ok
    recorded = key(qtbot, view, Qt.Key.Key_F10)
    assert recorded.kind == "unknown_recorded" and recorded.return_id
    qtbot.waitUntil(lambda: view.unknown.rowCount() == 1, timeout=10_000)
    assert view.unknown.item(0, 0).text() == str(recorded.return_id) and view.tabs.tabText(2).endswith(("(1)", "（1）"))  # half- or full-width brackets by language


def test_fast_scans_keep_the_condition_chosen_when_they_were_scanned(qtbot, view, demo_store):  # noqa: ANN001
    packed = packed_split_order(demo_store.make_uow)
    change_status(demo_store.make_uow, packed.order_no, OrderEvent.SHIP, "system")
    qtbot.keyClick(view.scan_field, Qt.Key.Key_F4)  # missing, chosen before the parcel is even open
    for code in (packed.order_no, BAG):  # typed back to back: the second is queued before the first's verdict
        qtbot.keyClicks(view.scan_field, code)
        qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_F2)
    qtbot.keyClicks(view.scan_field, BASIN)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.verdicts) == 3 and not view.busy, timeout=10_000)
    assert [v.kind for v in view.verdicts] == ["opened", "missing", "item"]
    last = {li.sku: li for li in view.verdicts[-1].lines}
    assert (last[BAG].missing, last[BASIN].resellable) == (1, 1)
