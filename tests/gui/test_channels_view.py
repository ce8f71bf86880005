"""The channels page: connect a shop, test it, see its sync state in words, and a red alert that stays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from orderdesk.channels.fakes.top_server import Fault, FakeTopServer, sample_trade
from orderdesk.channels.registry import adapter_for
from orderdesk.gui.dialogs.add_channel_dialog import AddChannelDialog
from orderdesk.gui.views.channels_view import ALERT_BG, ChannelsView
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.channels import add_channel
from orderdesk.services.sync import sync_channel



def _view(qtbot, store, jobs, lang, user="admin", can_manage=True) -> ChannelsView:  # noqa: ANN001
    view = ChannelsView(store.make_uow, jobs, lang, user, can_manage=can_manage)
    qtbot.addWidget(view)
    view.show()
    return view


def _cell(view: ChannelsView, row: int, col: int) -> str:
    return view.table.item(row, col).text()


def _connect(store, top, name="tb-main", secret=None):  # noqa: ANN001
    add_channel(store.make_uow, "admin", "taobao", name, top.app_key, secret or top.app_secret, session=top.session,
                base_url=top.url, since=datetime.now(UTC) - timedelta(hours=1))  # fmt: skip


def test_an_admin_connects_a_shop_in_the_dialog_and_tests_it(qtbot, demo_store, jobs, ui_lang, top):  # noqa: ANN001
    dialog = AddChannelDialog(demo_store.make_uow, jobs, ui_lang, "admin")
    qtbot.addWidget(dialog)
    dialog.platform.setCurrentIndex(dialog.platform.findData("taobao"))
    qtbot.keyClicks(dialog.name, "tb-main")
    qtbot.keyClicks(dialog.app_key, top.app_key)
    qtbot.keyClicks(dialog.app_secret, top.app_secret)
    qtbot.keyClicks(dialog.session, top.session)
    qtbot.keyClicks(dialog.base_url, top.url)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    view = _view(qtbot, demo_store, jobs, ui_lang)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    assert _cell(view, 0, 0) == "tb-main" and _cell(view, 0, 1) == "淘宝/天猫"
    assert _cell(view, 0, 2) == "等待首次同步"
    qtbot.waitUntil(view.test_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(view.status_message, timeout=10_000) as said:
        view.test_button.click()
    assert said.args[0] == "tb-main：凭证有效。"
    trail = audit_trail(demo_store.make_uow, "admin", AuditFilter(object_type="channel"), include_orders=False)
    assert [(a.action, a.object_id, a.details["ok"]) for a in trail if a.action == "channel.test"] == [
        ("channel.test", "tb-main", True)]


def test_a_wrong_secret_fails_the_test_in_words(qtbot, demo_store, jobs, ui_lang, top):  # noqa: ANN001
    _connect(demo_store, top, secret="not-the-secret")
    view = _view(qtbot, demo_store, jobs, ui_lang)
    qtbot.waitUntil(view.test_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(view.status_message, timeout=10_000) as said:
        view.test_button.click()
    assert said.args[0].startswith("tb-main：测试调用失败：") and "淘宝" in said.args[0]
    assert top.bad_signatures >= 1


def test_the_sync_state_shows_orders_pulled_and_bad_orders(qtbot, demo_store, jobs, ui_lang, top):  # noqa: ANN001
    _connect(demo_store, top)
    recent = datetime.now(UTC) - timedelta(minutes=1)
    top.add_trades([sample_trade(str(7100 + i), modified=recent) for i in range(5)])
    top.add_trade(sample_trade("7199", modified=recent, payment="free"))
    assert sync_channel(demo_store.make_uow, "tb-main", adapter_for, "station-a").error == ""
    view = _view(qtbot, demo_store, jobs, ui_lang)
    view.set_next_run(datetime.now(UTC) + timedelta(seconds=1))
    qtbot.waitUntil(lambda: view.table.rowCount() == 1 and _cell(view, 0, 4) == "5", timeout=5000)
    assert _cell(view, 0, 2) == "正常" and _cell(view, 0, 7) == "1" and _cell(view, 0, 5) != "—"
    qtbot.waitUntil(lambda: view.problems.rowCount() == 1, timeout=5000)
    assert view.problems.item(0, 0).text() == "7199" and "payment" in view.problems.item(0, 4).text()


def test_a_channel_failing_for_minutes_is_red_until_it_recovers(qtbot, demo_store, jobs, ui_lang, top):  # noqa: ANN001
    _connect(demo_store, top)
    top.inject(Fault.HTTP_500, times=None)
    no_wait = lambda access: adapter_for(access, sleep=lambda _s: None)  # noqa: E731
    earlier = lambda: datetime.now(UTC) - timedelta(minutes=5)  # noqa: E731 - the failure began 5 minutes ago
    sync_channel(demo_store.make_uow, "tb-main", no_wait, "station-a", now=earlier)
    sync_channel(demo_store.make_uow, "tb-main", no_wait, "station-a")
    view = _view(qtbot, demo_store, jobs, ui_lang)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    assert _cell(view, 0, 2).startswith("告警：") and _cell(view, 0, 6) == "2" and _cell(view, 0, 8)
    assert view.table.item(0, 0).background().color() == ALERT_BG
    top.clear_faults()
    sync_channel(demo_store.make_uow, "tb-main", no_wait, "station-a")
    view.refresh()
    qtbot.waitUntil(lambda: _cell(view, 0, 2) == "正常", timeout=5000)
    assert _cell(view, 0, 6) == "0" and _cell(view, 0, 8) == ""


def test_a_packer_sees_the_state_but_cannot_connect_or_test(qtbot, demo_store, jobs, ui_lang, top):  # noqa: ANN001
    _connect(demo_store, top)
    view = _view(qtbot, demo_store, jobs, ui_lang, user="packer1", can_manage=False)
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=5000)
    assert not view.add_button.isEnabled() and not view.test_button.isEnabled()
