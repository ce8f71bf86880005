"""The channels page shows the ship-confirm outbox and a refusal's alert; the courier codes dialog
loads a platform's list and saves a code, which lets the waiting parcel go."""

from __future__ import annotations

import pytest

from orderdesk.demo.channels import DemoChannels
from orderdesk.domain.model import Channel
from orderdesk.gui.dialogs.courier_codes_dialog import CourierCodesDialog
from orderdesk.gui.views.channels_view import ChannelsView
from tests.helpers.shipping import drain, open_shop, pack, place, sync_all


@pytest.fixture
def demo(monkeypatch, tmp_path):  # noqa: ANN001
    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "secrets.key"))
    with DemoChannels(seed=3) as channels:
        yield channels


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_refusal_is_an_alert_on_the_channels_page_until_closed(qtbot, store, demo, jobs, ui_lang):  # noqa: ANN001
    names = open_shop(store, demo)
    [order_no] = place(demo, Channel.PDD, 1, 9100)
    sync_all(store, names)
    pack(store, order_no)
    demo.gateways[Channel.PDD].server.update_order(order_no.removeprefix("PDD"), refund_status=4)
    assert drain(store).run_once().counts == {"refused": 1}
    view = ChannelsView(store.make_uow, jobs, ui_lang, "admin", can_manage=True)
    qtbot.addWidget(view)
    view.show()
    alerts = view.outbox.alert_table
    qtbot.waitUntil(lambda: alerts.rowCount() == 1, timeout=20_000)
    assert alerts.item(0, 0).text() == order_no
    assert alerts.item(0, 3).text() == "包裹已打包但平台拒绝发货：买家已退款 — 请拦截包裹"
    outbox = view.outbox.table
    assert [outbox.item(0, c).text() for c in (0, 4)] == ["拼多多", "1"]
    alerts.selectRow(0)
    qtbot.waitUntil(view.outbox.close_button.isEnabled, timeout=10_000)
    view.outbox.close_button.click()
    qtbot.waitUntil(lambda: alerts.rowCount() == 0, timeout=20_000)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_courier_codes_dialog_loads_a_list_and_saves_a_code(qtbot, store, demo, jobs, ui_lang):  # noqa: ANN001
    open_shop(store, demo, load=())
    dialog = CourierCodesDialog(store.make_uow, jobs, ui_lang, "admin")
    qtbot.addWidget(dialog)
    dialog.platform.setCurrentIndex(dialog.platform.findData("douyin"))
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0 and dialog.rows[0].channel == "douyin", timeout=20_000)
    assert dialog.table.item(0, 1).text() == "（未设置）"
    dialog.load_button.click()
    qtbot.waitUntil(lambda: dialog.rows and dialog.rows[0].list_loaded, timeout=30_000)
    by_courier = {r.courier_code: r for r in dialog.rows}
    assert by_courier["SF"].platform_code == "shunfeng" and by_courier["SF"].platform_name == "顺丰速运"
    row = [r.courier_code for r in dialog.rows].index("ZTO")
    dialog.table.selectRow(row)
    qtbot.keyClicks(dialog.code, "nope")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "没有编码 nope" in dialog.message.text(), timeout=20_000)
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "zhongtong")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.table.item(row, 1).text() == "zhongtong", timeout=20_000)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_background_sync_thread_confirms_packed_parcels_and_signals_refusals(qtbot, store, demo):  # noqa: ANN001
    from orderdesk.channels.registry import adapter_for
    from orderdesk.channels.shipping import Shipper
    from orderdesk.gui.sync_worker import SyncWorker

    names = open_shop(store, demo)
    good, refunded = place(demo, Channel.DOUYIN, 2, 9200)
    sync_all(store, names)
    pack(store, good)
    pack(store, refunded)
    dy = demo.gateways[Channel.DOUYIN].server
    order = dy.order(refunded.removeprefix("DY"))
    order["sku_order_list"][0]["after_sale_info"] = {"after_sale_status": 6, "after_sale_type": 2, "refund_status": 1}
    dy.update_order(refunded.removeprefix("DY"), sku_order_list=order["sku_order_list"])
    worker = SyncWorker(store.make_uow, adapter_for, 5, shipper=Shipper())
    with qtbot.waitSignal(worker.confirmed, timeout=20_000) as got:
        worker.tick()
    done, alerts = got.args
    assert done == 1 and alerts == [[refunded, "包裹已打包但平台拒绝发货：买家已退款 — 请拦截包裹",
                                     "Parcel packed but the platform refused the shipment: the buyer was refunded — intercept the parcel"]]
    assert dict(dy.book.accepted) == {good.removeprefix("DY"): 1}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_channels_page_counts_problem_and_stalled_parcels_beside_the_outbox(qtbot, store, secrets_in_tmp, jobs,
                                                                              ui_lang):  # noqa: ANN001
    from orderdesk.channels.fakes.kdniao_server import FakeKdniaoServer
    from orderdesk.services.tracking_setup import setup_tracking, tracking_alerts
    from tests.helpers.parcels import packed_orders
    from tests.helpers.tracking import SimClock, rounds_until

    problem, stalled, fine = packed_orders(store.make_uow, 3, first_seq=992_000)
    view = ChannelsView(store.make_uow, jobs, ui_lang, "admin", can_manage=True)
    qtbot.addWidget(view)
    view.show()
    label = view.outbox.tracking_alerts
    qtbot.waitUntil(lambda: label.text() == "物流预警：无", timeout=20_000)
    clock = SimClock()
    with FakeKdniaoServer(clock=clock.now) as kd:
        setup_tracking(store.make_uow, "system", kd.ebusiness_id, kd.api_key, base_url=kd.url, daily_quota=2000)
        for parcel, story in ((problem, "problem"), (stalled, "stalled"), (fine, "delivered")):
            kd.play(*parcel.waybills[0], story, start=clock.now())
        kinds = lambda: {a.kind.value for a in tracking_alerts(store.make_uow, "system")}  # noqa: E731
        rounds_until(store.make_uow, clock, lambda: {"problem", "stalled"} <= kinds())
    view.refresh()
    qtbot.waitUntil(lambda: label.text() == "物流预警：问题件 1 · 超过48小时无新轨迹 1", timeout=20_000)
    assert "#c62828" in label.styleSheet()
