"""The courier handover screen, driven as the lead drives it: choose courier and warehouse, start,
then scan each parcel with a USB scanner (keys, then Enter). A packed parcel goes green and into the
list; a refused one turns the banner red with its reason and stays out; closing signs it off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from orderdesk.gui.qt import QSettings, Qt
from orderdesk.gui.views.handover_view import HandoverView
from orderdesk.gui.views.station_feedback import GREEN, RED
from orderdesk.services.handover_queries import manifest_detail
from orderdesk.services.orders import change_status
from orderdesk.domain.lifecycle import OrderEvent
from tests.helpers.handover import WH, ready_parcels


@pytest.fixture
def ready(demo_store) -> list[tuple[str, str]]:  # noqa: ANN001
    return ready_parcels(demo_store.make_uow, 900_000, 8)


@pytest.fixture
def view(qtbot, demo_store, jobs, ui_lang, tmp_path) -> Iterator[HandoverView]:  # noqa: ANN001
    settings = QSettings(str(tmp_path / "dock.ini"), QSettings.Format.IniFormat)
    v = HandoverView(demo_store.make_uow, jobs, ui_lang, "lead", "赵主管 (lead)", settings=settings)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    v.activateWindow()
    qtbot.waitUntil(lambda: v.warehouse.count() > 0 and v.scan_field.hasFocus(), timeout=10_000)
    yield v
    qtbot.waitUntil(lambda: not v.busy and not v.queue, timeout=10_000)
    v.printing.wait()
    jobs.wait()


def scan(qtbot, view: HandoverView, code: str):  # noqa: ANN001, ANN201 - a HandoverVerdict
    before = len(view.verdicts)
    qtbot.keyClicks(view.scan_field, code)
    qtbot.keyClick(view.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(view.verdicts) > before and not view.busy, timeout=10_000)
    return view.verdicts[-1]


def start(qtbot, view: HandoverView, courier: str = "ZTO", warehouse: str = WH) -> None:  # noqa: ANN001
    view.courier.setCurrentIndex(view.courier.findData(courier))
    view.warehouse.setCurrentIndex(view.warehouse.findData(warehouse))
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.desk is not None, timeout=10_000)


def test_a_packed_parcel_goes_green_into_the_list_and_a_refused_one_turns_the_banner_red(qtbot, view, ready, demo_store):  # noqa: ANN001
    (a, wa), (b, wb) = ready[0], ready[1]
    early = scan(qtbot, view, wa)  # no manifest yet: said so, nothing handed over
    assert not early.ok and early.refusal == "no_manifest" and view.banner.colour == RED
    start(qtbot, view)
    assert view.scan_field.hasFocus() and not view.open_button.isEnabled()
    good = scan(qtbot, view, wa)
    assert good.ok and view.banner.colour == GREEN and "已交给中通快递" in view.banner.text()
    assert view.accepted.count() == 1 and wa in view.accepted.item(0).text() and "已交接 1 件" in view.count.text()
    change_status(demo_store.make_uow, b, OrderEvent.REQUEST_REFUND, "cs1", reason="买家申请退款")
    refused = scan(qtbot, view, wb)
    assert not refused.ok and refused.refusal == "intercepted"
    assert view.banner.colour == RED and view.banner.text() == "退款订单，请拦截，不能交接"
    assert view.sounds.played[-1] == "say_intercepted" and view.accepted.count() == 1
    again = scan(qtbot, view, wa)
    assert again.refusal == "handed_over" and "本交接单" in view.banner.text() and view.banner.colour == RED
    assert scan(qtbot, view, "%%<~garbled~>").refusal == "garbage"
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.desk is None, timeout=10_000)
    assert view.verdicts[-1].kind == "closed" and "已关闭" in view.count.text() and view.open_button.isEnabled()
    detail = manifest_detail(demo_store.make_uow, "lead", good.manifest)
    assert detail.manifest.status == "CLOSED" and [p.waybill_no for p in detail.parcels] == [wa]
    assert sorted(r.verdict for r in detail.refused) == ["refused:garbage", "refused:handed_over", "refused:intercepted"]


def test_a_restarted_dock_continues_its_open_manifest(qtbot, view, ready, demo_store, jobs, ui_lang, tmp_path):  # noqa: ANN001
    start(qtbot, view)
    assert scan(qtbot, view, ready[2][1]).ok
    later = HandoverView(demo_store.make_uow, jobs, ui_lang, "lead", settings=view.settings)
    qtbot.addWidget(later)
    later.show()
    qtbot.waitUntil(lambda: later.warehouse.count() > 0, timeout=10_000)
    start(qtbot, later)
    assert later.desk.manifest.id == view.desk.manifest.id and later.accepted.count() == 1
    assert "继续交接单" in later.banner.text()
    jobs.wait()
