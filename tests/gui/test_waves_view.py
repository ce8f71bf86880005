"""The waves tab (波次) as the lead uses it: make a wave from the form, see it open with its orders
and slots, preview its pick list, print it to a real CUPS queue (recorded only once printed); a
packer can neither see the tab nor make a wave."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.views.waves_view import WavesView
from orderdesk.services.allocation import allocate_orders
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.orders import order_detail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.rule_sets import save_rule_set
from orderdesk.services.wave_queries import open_waves
from tests.helpers.cups import cups_server  # noqa: F401  (session fixture)
from tests.helpers.pdf_tools import code128

WH = "SZ-SUZHOU"


@pytest.fixture
def allocated(demo_store):  # noqa: ANN001
    save_rule_set(demo_store.make_uow, "system", DEMO_RULES, note="t")
    allocate_orders(demo_store.make_uow, "system")
    return demo_store


def _view(qtbot, store, jobs, lang: str, actor: str) -> WavesView:  # noqa: ANN001
    v = WavesView(store.make_uow, jobs, lang, actor, can_print=True)
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    qtbot.waitUntil(lambda: v.warehouse.findData(WH) >= 0, timeout=10_000)
    with qtbot.waitSignal(v.waves_loaded, timeout=10_000):
        v.warehouse.setCurrentIndex(v.warehouse.findData(WH))
    return v


@pytest.fixture
def lead_view(qtbot, allocated, jobs, ui_lang) -> Iterator[WavesView]:  # noqa: ANN001
    yield _view(qtbot, allocated, jobs, ui_lang, "lead")


def _make(qtbot, view: WavesView, count: int) -> None:  # noqa: ANN001
    view.count.setValue(count)
    with qtbot.waitSignal(view.waves_loaded, timeout=10_000):
        view.make_button.click()
    qtbot.waitUntil(lambda: view.panel.table.rowCount() == count, timeout=10_000)


def _row(table, r: int) -> list[str]:  # noqa: ANN001
    return [table.item(r, c).text() for c in range(table.columnCount())]


def test_a_wave_made_from_the_form_shows_open_with_its_slots(qtbot, lead_view, allocated):  # noqa: ANN001
    view = lead_view
    assert view.table.rowCount() == 0 and view.message.text() == "本仓库没有未完成的波次。"
    _make(qtbot, view, 5)
    wave = view.made
    assert view.message.text() == f"已生成波次 {wave.code}：5 单"
    assert view.table.rowCount() == 1
    code, _created, orders, packed, waiting = _row(view.table, 0)
    assert (code, orders, packed, waiting) == (wave.code, "5", "0", "5")
    assert view.table.selectionModel().selectedRows()[0].row() == 0  # the new wave is chosen
    assert view.panel.title.text() == f"波次 {wave.code}"
    assert [_row(view.panel.table, r) for r in range(5)] == [
        [wave.slot_code(i), no, "待打包"] for i, no in enumerate(wave.order_nos, 1)]
    assert [w.code for w in open_waves(allocated.make_uow, "lead", WH)] == [wave.code]


def test_the_channel_and_courier_filters_choose_the_orders(qtbot, lead_view, allocated):  # noqa: ANN001
    view = lead_view
    view.channel.setCurrentIndex(view.channel.findData("taobao"))
    _make(qtbot, view, 4)
    assert {order_detail(allocated.make_uow, "lead", no).row.channel for no in view.made.order_nos} == {"taobao"}
    view.courier.setCurrentIndex(view.courier.findData("JD"))  # no Suzhou parcel goes by JD in the demo
    view.make_button.click()
    qtbot.waitUntil(view.make_button.isEnabled, timeout=10_000)
    assert "没有可组波次的已分仓订单" in view.message.text() and view.table.rowCount() == 1


def test_the_pick_list_preview_shows_its_pages(qtbot, lead_view):  # noqa: ANN001
    view = lead_view
    _make(qtbot, view, 8)
    view.panel.preview_button.click()
    qtbot.waitUntil(lambda: view.panel.pdf.pageCount() >= 1, timeout=15_000)
    assert view.panel.message.text() == f"拣货单已生成：{view.panel.pdf.pageCount()} 页"


def test_a_packer_cannot_make_waves(qtbot, allocated, jobs, ui_lang, login):  # noqa: ANN001
    view = _view(qtbot, allocated, jobs, ui_lang, "packer1")
    view.make_button.click()
    qtbot.waitUntil(view.make_button.isEnabled, timeout=10_000)
    assert view.message.text().startswith("无权操作") and "分仓" in view.message.text()
    assert open_waves(allocated.make_uow, "lead", WH) == []
    [refused] = audit_trail(allocated.make_uow, "admin", AuditFilter(username="packer1", object_type="permission"),
                            include_orders=False)  # the refused click is audited, from the GUI's worker thread
    assert (refused.action, refused.object_id, refused.details["use_case"]) == ("access.refused", "allocate_orders",
                                                                                "waves.create_wave")  # fmt: skip
    packer = MainWindow(allocated.make_uow, jobs, ui_lang, login("packer1"), "test.db")
    lead = MainWindow(allocated.make_uow, jobs, ui_lang, login("lead"), "test.db")
    qtbot.addWidget(packer)
    qtbot.addWidget(lead)
    tabs = lambda w: [w.pack_tabs.tabText(i) for i in range(w.pack_tabs.count())]  # noqa: E731
    assert packer.waves is None and "波次" not in tabs(packer)
    assert isinstance(lead.waves, WavesView) and tabs(lead)[-1] == "波次"


@pytest.mark.slow
def test_printing_the_pick_list_through_cups_is_audited(qtbot, allocated, jobs, ui_lang, cups_server):  # noqa: ANN001, F811
    view = _view(qtbot, allocated, jobs, ui_lang, "lead")
    qtbot.waitUntil(lambda: view.panel.printer.findData(cups_server.DIRECT_QUEUE) >= 0, timeout=10_000)
    _make(qtbot, view, 6)
    wave = view.made
    view.panel.printer.setCurrentIndex(view.panel.printer.findData(cups_server.DIRECT_QUEUE))
    before = cups_server.job_ids(cups_server.DIRECT_QUEUE)
    with qtbot.waitSignal(view.panel.printed, timeout=30_000) as sent:
        view.panel.print_button.click()
    assert sent.args[0] == f"波次 {wave.code} 的拣货单已发送到打印机"
    [job] = cups_server.job_ids(cups_server.DIRECT_QUEUE) - before
    printed = code128(cups_server.wait_output(job))  # Qt sends the pages as images: read the barcodes back
    assert wave.code in printed and set(wave.order_nos) <= printed
    [entry] = audit_trail(allocated.make_uow, "admin", AuditFilter(object_type="label"), include_orders=False)
    assert entry.action == "label.print" and entry.object_id == "picklist"
    assert entry.details["printer"] == cups_server.DIRECT_QUEUE and entry.details["orders"] == sorted(wave.order_nos)


def test_the_station_shows_the_wave_orders_waiting_and_drops_a_packed_one(qtbot, allocated, jobs, ui_lang,  # noqa: ANN001
                                                                          tmp_path):  # fmt: skip
    from orderdesk.gui.qt import QLabel, QSettings
    from orderdesk.gui.views.station_setup_dialog import StationSetup
    from orderdesk.gui.views.station_view import StationView
    from orderdesk.printing import PrintMethod, PrintResult
    from orderdesk.services.waves import create_wave

    wave = create_wave(allocated.make_uow, "lead", WH, count=4)
    settings = QSettings(str(tmp_path / "station.ini"), QSettings.Format.IniFormat)
    StationSetup(WH, "bench-1", "", True).save(settings)
    station = StationView(allocated.make_uow, jobs, ui_lang, "packer1", settings=settings)
    station.labels.send = lambda *_a, **_k: [PrintResult("BenchPrinter", PrintMethod.QT, 1, 1, "OrderDesk")]
    qtbot.addWidget(station)
    station.show()
    line = station.findChild(QLabel, "stationWaiting")
    first_three = "  ".join(wave.slot_code(i) for i in (1, 2, 3))
    qtbot.waitUntil(lambda: line.text() == f"波次待打包：4 单 · 接下来：{first_three}", timeout=10_000)
    [(_wh, lines)] = [s for s in order_detail(allocated.make_uow, "lead", wave.order_nos[0]).shipments]
    for code in [wave.slot_code(1)] + [sku for sku, qty in lines for _ in range(qty)]:
        station.enqueue_scan(code)
    qtbot.waitUntil(lambda: bool(station.verdicts) and station.verdicts[-1].kind == "packed", timeout=10_000)
    next_three = "  ".join(wave.slot_code(i) for i in (2, 3, 4))
    qtbot.waitUntil(lambda: line.text() == f"波次待打包：3 单 · 接下来：{next_three}", timeout=10_000)
    qtbot.waitUntil(lambda: not station.busy and not station.queue, timeout=10_000)
    station.labels.wait()
