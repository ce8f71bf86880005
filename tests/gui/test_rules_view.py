"""The allocation page as operations staff and a warehouse lead use it: edit rules with a live check,
try them on real orders, save a version; work the held-orders queue by hand."""

from __future__ import annotations

import pytest

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.qt import QApplication, QInputMethodEvent, QMessageBox, Qt
from orderdesk.services.allocation import allocate_orders
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.orders import list_orders
from orderdesk.services.ports import AuditFilter
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.rule_preview import HELD, preview_rule_set
from orderdesk.services.rule_sets import current_rules, normalise_rule, rule_versions, save_rule_set

pytestmark = pytest.mark.gui

HOLD_BIG_ORDERS = {"name": "大额订单人工审核", "condition": "订单金额 >= 300", "action": "hold",
                   "params": {"reason": "大额订单请核对地址"}}  # fmt: skip


@pytest.fixture
def seeded(demo_store):  # noqa: ANN001
    """The demo database with the seed's rules in force and its orders allocated by them."""
    save_rule_set(demo_store.make_uow, "admin", DEMO_RULES, note="demo rules")
    allocate_orders(demo_store.make_uow, "admin")
    return demo_store


def _open_allocation(qtbot, store, jobs, ui_lang, login, user: str) -> MainWindow:  # noqa: ANN001
    """Log `user` in and click 分仓 in the navigation, as a person would."""
    w = MainWindow(store.make_uow, jobs, ui_lang, login(user), "test.db")
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    nav = w.ui.navList
    item = next(nav.item(i) for i in range(nav.count()) if nav.item(i).text() == "分仓")
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center())
    assert w.ui.pages.currentWidget() is w.allocation
    qtbot.waitUntil(lambda: w.rules.loaded and not jobs.busy and w.rules.table.rowCount() > 0, timeout=5000)
    return w


def _click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _type(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """Type as a person at a Chinese station does: Latin letters, digits and punctuation as key presses,
    each run of Chinese characters committed by the input method (QTest cannot press a Chinese key)."""
    run = ""
    for ch in text + "\0":
        if ch != "\0" and not ch.isascii():
            run += ch
            continue
        if run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if ch != "\0":
            qtbot.keyClicks(widget, ch)


def _choose(qtbot, combo, data: str) -> None:  # noqa: ANN001
    """Pick an entry of a combo box with the arrow keys."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def _select_rule(qtbot, view, row: int) -> None:  # noqa: ANN001
    rect = view.table.visualRect(view.table.model().index(row, 2))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current == row


def _retype_condition(qtbot, view, text: str) -> None:  # noqa: ANN001
    _click(qtbot, view.condition)
    qtbot.keyClick(view.condition, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.condition, Qt.Key.Key_Delete)
    _type(qtbot, view.condition, text)


def test_a_wrong_field_is_shown_as_you_type_with_where_and_what_was_meant(qtbot, seeded, jobs, ui_lang, login):  # noqa: ANN001
    w = _open_allocation(qtbot, seeded, jobs, ui_lang, login, "ops1")
    view = w.rules
    assert view.can_edit and view.title.text() == "规则"
    _select_rule(qtbot, view, 1)  # 江浙沪发苏州仓
    assert "正确" in view.condition_error.text()
    _retype_condition(qtbot, view, '收货城市 == "苏州"')
    error = view.condition_error.text()
    assert "第 1 个字符" in error and "收货城市" in error and "收货市" in error
    assert view.title.text() == "规则 *" and w.allocation.tabText(0) == "分仓规则 *"
    assert view.draft[1]["condition"] == '收货城市 == "苏州"' and view.draft[1]["name"] == "江浙沪发苏州仓"
    assert ("error" in {kind for _s, _n, kind in view.highlighter.spans(view.condition.toPlainText())})
    # a click on the message selects the wrong word; typing over it fixes the condition
    view.condition.moveCursor(view.condition.textCursor().MoveOperation.End)
    _click(qtbot, view.condition_error)
    assert view.condition.textCursor().selectedText() == "收货城市"
    _type(qtbot, view.condition, "收货市")
    assert view.condition.toPlainText() == '收货市 == "苏州"'
    assert "正确" in view.condition_error.text() and "⚠" not in view.condition_error.text()
    assert "error" not in {kind for _s, _n, kind in view.highlighter.spans(view.condition.toPlainText())}
    assert current_rules(seeded.make_uow, "ops1")[1]["condition"] == DEMO_RULES[1]["condition"]  # nothing saved


def test_the_field_picker_inserts_the_field_name_at_the_cursor(qtbot, seeded, jobs, ui_lang, login):  # noqa: ANN001
    view = _open_allocation(qtbot, seeded, jobs, ui_lang, login, "ops1").rules
    _select_rule(qtbot, view, 6)  # 满99送毛巾: 订单金额 >= 99
    _click(qtbot, view.condition)
    view.condition.moveCursor(view.condition.textCursor().MoveOperation.End)
    qtbot.keyClicks(view.condition, " and ")
    picker = view.field_picker
    row = picker.findData("收货省")
    assert picker.itemText(row).startswith("收货省 — 收货地址的省级行政区")
    picker.activated.emit(row)
    _type(qtbot, view.condition, ' == "江苏"')
    assert view.condition.toPlainText() == '订单金额 >= 99 and 收货省 == "江苏"'
    assert "正确" in view.condition_error.text() and picker.currentIndex() == 0


def test_the_seed_rules_typed_in_by_hand_are_tried_then_saved_as_a_new_version(qtbot, seeded, jobs, ui_lang,
                                                                                login):  # noqa: ANN001
    w = _open_allocation(qtbot, seeded, jobs, ui_lang, login, "ops1")
    view = w.rules
    versions_before = len(rule_versions(seeded.make_uow, "ops1"))
    while view.table.rowCount():
        _select_rule(qtbot, view, 0)
        _click(qtbot, view.delete_button)
    assert view.draft == [] and view.dirty
    warehouse_names = {"SZ-SHENZHEN": "深圳仓", "SZ-SUZHOU": "苏州仓", "TJ": "天津仓"}
    for rule in DEMO_RULES[:3]:
        _click(qtbot, view.add_button)
        _type(qtbot, view.name, rule["name"])
        _click(qtbot, view.condition)
        _type(qtbot, view.condition, rule["condition"])
        assert "正确" in view.condition_error.text(), view.condition_error.text()
        assert view.action.currentText() == "分配仓库"
        _choose(qtbot, view.warehouse, rule["params"]["warehouse"])
        assert view.warehouse.currentText() == f"{warehouse_names[rule['params']['warehouse']]} " \
            f"({rule['params']['warehouse']})"
    assert [view.table.item(i, 2).text() for i in range(3)] == [r["name"] for r in DEMO_RULES[:3]]
    assert [normalise_rule(r) for r in view.draft] == [normalise_rule(r) for r in DEMO_RULES[:3]]

    assert view.preview_count.value() == 1000
    _click(qtbot, view.preview_button)
    qtbot.waitUntil(lambda: view.preview is not None, timeout=10_000)
    expected = preview_rule_set(seeded.make_uow, "ops1", DEMO_RULES[:3], orders=1000)
    assert view.preview.by_warehouse == expected.by_warehouse
    shown = {view.preview_table.item(r, 0).text(): view.preview_table.item(r, 1).text()
             for r in range(view.preview_table.rowCount())}  # fmt: skip
    for code, name in warehouse_names.items():
        assert shown[f"{name} ({code})"].startswith(f"{expected.by_warehouse[code]} (")
    assert shown["挂起"].startswith(f"{expected.by_warehouse[HELD]} (")  # 西南/华南 orders now match no rule
    for r in range(view.preview_table.rowCount()):
        outcome = next(k for k in expected.by_warehouse if view.preview_table.item(r, 0).text() in (k, "挂起")
                       or view.preview_table.item(r, 0).text().endswith(f"({k})"))  # fmt: skip
        assert view.preview_table.item(r, 3).text().split(", ")[0] == expected.examples[outcome][0]
    summary = view.preview_summary.text()
    changed = sum(n for (before, _after), n in expected.moves.items() if before)
    assert summary.startswith(f"试运行 {expected.orders} 单：")
    assert f"将有 {changed} 单改变仓库" in summary and f"拆单 {expected.split}" in summary and "赠品" in summary
    assert current_rules(seeded.make_uow, "ops1") != [] and len(current_rules(seeded.make_uow, "ops1")) == 8

    _type(qtbot, view.note, "只保留三条分仓规则")
    _click(qtbot, view.save_button)
    qtbot.waitUntil(lambda: not view.dirty and not jobs.busy and view.versions_list.count() == versions_before + 1,
                    timeout=5000)  # fmt: skip
    versions = rule_versions(seeded.make_uow, "ops1")
    assert len(versions) == versions_before + 1
    assert versions[0].note == "只保留三条分仓规则" and versions[0].username == "ops1" and versions[0].rule_count == 3
    assert [r["name"] for r in current_rules(seeded.make_uow, "ops1")] == [r["name"] for r in DEMO_RULES[:3]]
    assert view.title.text() == "规则" and "已保存为第" in view.save_status.text()
    assert "当前生效" in view.versions_list.item(0).text()


def test_a_refused_save_selects_the_wrong_rule_and_shows_where(qtbot, seeded, jobs, ui_lang, login):  # noqa: ANN001
    view = _open_allocation(qtbot, seeded, jobs, ui_lang, login, "ops1").rules
    versions_before = len(rule_versions(seeded.make_uow, "ops1"))
    _select_rule(qtbot, view, 3)
    _retype_condition(qtbot, view, '区域 in ["西南", "西北"] and 收货省 == "火星"')
    assert "火星" in view.condition_error.text()
    _select_rule(qtbot, view, 0)
    _click(qtbot, view.save_button)
    qtbot.waitUntil(lambda: not jobs.busy and "未保存" in view.save_status.text(), timeout=5000)
    assert view.current == 3 and "第 4 条规则" in view.condition_error.text()
    cursor = view.condition.textCursor()
    assert view.condition.toPlainText()[cursor.selectionStart():cursor.selectionEnd()] == '"火星"'
    # an action without its warehouse is refused under the rule, not in the condition
    _retype_condition(qtbot, view, '区域 in ["西南", "西北"]')
    _select_rule(qtbot, view, 2)
    _choose(qtbot, view.warehouse, "")
    _select_rule(qtbot, view, 0)
    _click(qtbot, view.save_button)
    qtbot.waitUntil(lambda: not jobs.busy and view.rule_error.text() != "", timeout=5000)
    assert view.current == 2 and "仓库" in view.rule_error.text()
    assert len(rule_versions(seeded.make_uow, "ops1")) == versions_before and view.dirty


def test_reload_asks_before_dropping_changes_and_a_version_can_be_restored(qtbot, seeded, jobs, ui_lang, login,
                                                                           monkeypatch):  # noqa: ANN001
    view = _open_allocation(qtbot, seeded, jobs, ui_lang, login, "ops1").rules
    asked: list[str] = []
    answer = {"value": QMessageBox.StandardButton.No}

    def question(_parent, _title, text, *_args):  # noqa: ANN001, ANN202
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr(QMessageBox, "question", question)
    _select_rule(qtbot, view, 0)
    view.name.end(False)
    _type(qtbot, view.name, "（改）")
    _click(qtbot, view.reload_button)
    assert len(asked) == 1 and view.dirty and view.draft[0]["name"] == "折叠盆一律深圳仓（改）"
    answer["value"] = QMessageBox.StandardButton.Yes
    _click(qtbot, view.reload_button)
    qtbot.waitUntil(lambda: not jobs.busy and not view.dirty, timeout=5000)
    assert view.draft[0]["name"] == "折叠盆一律深圳仓"
    # save a change, then bring the first version back
    _select_rule(qtbot, view, 7)
    _click(qtbot, view.delete_button)
    _click(qtbot, view.save_button)
    qtbot.waitUntil(lambda: not jobs.busy and not view.dirty and view.versions_list.count() == 2, timeout=5000)
    assert len(current_rules(seeded.make_uow, "ops1")) == 7
    view.versions_list.setCurrentRow(1)
    _click(qtbot, view.restore_button)
    qtbot.waitUntil(lambda: not jobs.busy and view.versions_list.count() == 3, timeout=5000)
    assert len(current_rules(seeded.make_uow, "ops1")) == 8 and len(view.draft) == 8
    assert rule_versions(seeded.make_uow, "ops1")[0].note == "roll back to version 1"


def test_a_packer_sees_the_rules_read_only(qtbot, seeded, jobs, ui_lang, login):  # noqa: ANN001
    w = _open_allocation(qtbot, seeded, jobs, ui_lang, login, "packer1")
    view = w.rules
    assert not view.can_edit and view.readonly_note.isVisible()
    assert view.table.rowCount() == len(DEMO_RULES)
    _select_rule(qtbot, view, 1)
    for widget in (view.name, view.action, view.warehouse, view.field_picker, view.enabled, view.keep_together,
                   view.add_button, view.delete_button, view.up_button, view.down_button, view.save_button,
                   view.note, view.restore_button):  # fmt: skip
        assert not widget.isEnabled(), widget.objectName()
    assert view.condition.isReadOnly()
    _click(qtbot, view.condition)
    qtbot.keyClicks(view.condition, "x")
    assert view.condition.toPlainText() == DEMO_RULES[1]["condition"] and not view.dirty
    assert not view.table.item(1, 1).flags() & Qt.ItemFlag.ItemIsUserCheckable
    w.allocation.setCurrentWidget(w.held)
    qtbot.waitUntil(lambda: w.held.loaded and not jobs.busy, timeout=5000)
    assert not w.held.assign_button.isEnabled() and not w.held.reason.isEnabled()


def test_a_held_order_is_allocated_by_hand_with_a_reason(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    save_rule_set(demo_store.make_uow, "admin", [HOLD_BIG_ORDERS, *DEMO_RULES], note="hold big orders")
    allocate_orders(demo_store.make_uow, "admin")
    held_before = list_orders(demo_store.make_uow, "admin", OrderFilter(status="ON_HOLD"), limit=1000)
    assert held_before and all("大额订单请核对地址" in r.hold_reason for r in held_before)
    w = _open_allocation(qtbot, demo_store, jobs, ui_lang, login, "lead")
    tabs = w.allocation
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(1).center())
    view = w.held
    assert tabs.currentWidget() is view and tabs.tabText(1) == "异常订单"
    qtbot.waitUntil(lambda: view.table.rowCount() == len(held_before) and view.warehouse.count() > 1, timeout=5000)
    assert view.count.text() == f"挂起 {len(held_before)} 单"
    order_no = view.table.item(0, 0).text()
    assert "大额订单请核对地址" in view.table.item(0, 4).text()
    _choose(qtbot, view.warehouse, "TJ")
    assert view.warehouse.currentText() == "天津仓 (TJ)"
    _click(qtbot, view.assign_button)  # no reason yet
    assert "原因" in view.error.text() and view.reason.hasFocus() and not jobs.busy
    assert view.table.rowCount() == len(held_before)
    _type(qtbot, view.reason, "客户来电要求从天津仓发")
    _click(qtbot, view.assign_button)
    qtbot.waitUntil(lambda: view.table.rowCount() == len(held_before) - 1 and not jobs.busy, timeout=5000)
    assert order_no not in [view.table.item(r, 0).text() for r in range(view.table.rowCount())]
    assert view.error.text() == "" and view.reason.text() == ""
    row = list_orders(demo_store.make_uow, "admin", OrderFilter(search=order_no))[0]
    assert row.status == "ALLOCATED" and row.warehouse_code == "TJ"
    trail = audit_trail(demo_store.make_uow, "admin", AuditFilter(object_id=order_no), include_orders=False)
    assert [(r.action, r.username, r.details.get("warehouse"), r.details.get("reason")) for r in trail] == [
        ("order.allocate_by_hand", "lead", "TJ", "客户来电要求从天津仓发")]
