"""Logging in at a shared station: password, badge, first run, and what each role gets to see."""

from __future__ import annotations

import pytest

from orderdesk.demo.seed import DEMO_PASSWORD
from orderdesk.gui.dialogs.first_admin_dialog import FirstAdminDialog
from orderdesk.gui.dialogs.login_dialog import LoginDialog
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.qt import QDialog, Qt
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.users import issue_badge, needs_first_admin

pytestmark = pytest.mark.gui


def _type_login(qtbot, dialog, user: str, password: str) -> None:  # noqa: ANN001
    qtbot.keyClicks(dialog.username, user)
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_wrong_password_is_refused_inline_and_the_right_one_logs_in(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    dialog = LoginDialog(demo_store.make_uow, jobs, ui_lang)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_login(qtbot, dialog, "packer1", "wrong-password")
    qtbot.waitUntil(lambda: "密码错误" in dialog.error.text(), timeout=5000)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "packer1" and dialog.actor.role == "packer"


def test_a_badge_scan_logs_in_without_a_password(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    code = issue_badge(demo_store.make_uow, "admin", "packer2")
    dialog = LoginDialog(demo_store.make_uow, jobs, ui_lang)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClicks(dialog.username, code)
        qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    assert dialog.actor.username == "packer2"


def test_first_run_creates_the_admin(qtbot, store, jobs, ui_lang):  # noqa: ANN001
    assert needs_first_admin(store.make_uow)
    dialog = FirstAdminDialog(store.make_uow, jobs, ui_lang)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.display_name.setText("张老板")
    qtbot.keyClicks(dialog.password, "s3cret-pass")
    qtbot.keyClicks(dialog.repeat, "s3cret-typo")
    dialog.buttons.accepted.emit()
    assert "differ" in dialog.error.text() or "不一致" in dialog.error.text()
    dialog.repeat.setText("s3cret-pass")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.buttons.accepted.emit()
    assert not needs_first_admin(store.make_uow)


def test_a_packer_sees_masked_phones_and_no_audit_page(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("packer1"), "test.db")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: len(w.orders.model.rows) > 0, timeout=5000)
    pages = [w.ui.navList.item(i).text() for i in range(w.ui.navList.count())]
    assert "审计日志" not in pages and w.audit is None
    assert all("*" in r.receiver_phone or not r.receiver_phone.isdigit() for r in w.orders.model.rows)
    w.orders.table.selectRow(0)
    qtbot.waitUntil(lambda: w.orders.detail.order_no is not None, timeout=5000)
    assert not w.orders.detail.reveal.isVisible()


def test_customer_service_reveals_a_phone_and_the_reveal_is_audited(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("cs1"), "test.db")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: len(w.orders.model.rows) > 0, timeout=5000)
    row = next(i for i, r in enumerate(w.orders.model.rows) if "*" in r.receiver_phone)
    w.orders.table.selectRow(row)
    panel = w.orders.detail
    qtbot.waitUntil(lambda: panel.reveal.isVisible(), timeout=5000)
    assert "*" in panel.receiver.text()
    qtbot.mouseClick(panel.reveal, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.reveal.isVisible(), timeout=5000)
    trail = audit_trail(demo_store.make_uow, "admin", AuditFilter(username="cs1"), include_orders=False)
    assert [(r.action, r.object_id) for r in trail if r.action == "pii.revealed"] == [("pii.revealed", panel.order_no)]


def test_enter_after_the_user_name_moves_on_instead_of_submitting(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    dialog = LoginDialog(demo_store.make_uow, jobs, ui_lang)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.username, "packer1")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert dialog.error.text() == "" and not jobs.busy
    trail = audit_trail(demo_store.make_uow, "admin", AuditFilter(username="packer1"), include_orders=False)
    assert not [r for r in trail if r.action == "login.failed"]
