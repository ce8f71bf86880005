"""The customer service desk as an agent uses it: type what the buyer reads out, read the story,
copy the message for the buyer, act within the role."""

from __future__ import annotations

import json

from orderdesk.domain.access import ROLE_PERMISSIONS, Role
from orderdesk.gui.qt import QApplication, QInputDialog, Qt
from orderdesk.gui.views.desk_view import DeskView
from orderdesk.services.orders import list_orders, order_detail
from orderdesk.services.read_models import OrderFilter

from tests.helpers.cli_inproc import run_cli


def _view(qtbot, store, jobs, lang, user, role):  # noqa: ANN001, ANN202
    view = DeskView(store.make_uow, jobs, lang, user, ROLE_PERMISSIONS[role])
    qtbot.addWidget(view)
    view.show()
    return view


def _phone_of_a_paid_order(store) -> tuple[str, str]:  # noqa: ANN001
    rows = list_orders(store.make_uow, "system", OrderFilter(status="PAID"), limit=200, reveal=True)
    r = next(r for r in rows if r.receiver_phone.isdigit())
    return r.order_no, r.receiver_phone


def test_typing_a_phone_shows_the_buyers_orders_and_the_story_and_copies_the_buyer_message(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    order_no, phone = _phone_of_a_paid_order(demo_store)
    view = _view(qtbot, demo_store, jobs, ui_lang, "cs1", Role.CUSTOMER_SERVICE)
    qtbot.keyClicks(view.search_box, phone)
    qtbot.waitUntil(lambda: view.result is not None and view.result.state == "found", timeout=5000)
    assert view.result.query == phone
    assert order_no in [view.results.item(r, 0).text() for r in range(view.results.rowCount())]
    qtbot.waitUntil(lambda: view.story is not None, timeout=5000)
    assert view.status_text.text().startswith(view.result.hits[0].order_no)
    assert view.timeline.topLevelItemCount() >= 1
    qtbot.waitUntil(lambda: view.customer is not None and view.profile.isVisible(), timeout=5000)
    assert view.customer.id == view.result.hits[0].profile_id
    assert f"{view.customer.facts.orders} 单" in view.profile.text()
    view.copy_button.click()
    assert QApplication.clipboard().text() == view.story.story.buyer_text
    assert "您好，您的订单" in QApplication.clipboard().text()
    out = run_cli("--db", str(demo_store.engine.url), "lookup", phone, "--json")
    shown = json.loads(out.out)
    assert shown["orders"] == view.result.to_json("zh_CN")["orders"]
    assert shown["story"]["status_text"] == view.story.story.status_text
    assert shown["customer"] == view.customer.to_json()


def test_short_text_asks_for_more_and_a_late_answer_never_replaces_the_newest(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    _order_no, phone = _phone_of_a_paid_order(demo_store)
    view = _view(qtbot, demo_store, jobs, ui_lang, "cs1", Role.CUSTOMER_SERVICE)
    view.search_box.setText("1234")
    view.run_search()
    qtbot.waitUntil(lambda: view.result is not None, timeout=5000)
    assert view.result.state == "too_short" and "姓名" in view.message.text()
    for text in ("13900000000", "张", phone):  # three searches in flight at once: only the last may show
        view.search_box.setText(text)
        view.run_search()
    qtbot.waitUntil(lambda: view.result is not None and view.result.query == phone, timeout=5000)
    jobs.wait()
    assert view.result.query == phone and view.result.state == "found"


def test_actions_follow_the_role_and_a_note_joins_the_timeline(qtbot, demo_store, jobs, ui_lang, monkeypatch):  # noqa: ANN001
    order_no, phone = _phone_of_a_paid_order(demo_store)
    packer = _view(qtbot, demo_store, jobs, ui_lang, "packer1", Role.PACKER)
    assert packer.actions == {}
    cs = _view(qtbot, demo_store, jobs, ui_lang, "cs1", Role.CUSTOMER_SERVICE)
    assert set(cs.actions) == {"deskNote", "deskRefund", "deskReveal"}
    cs.search_box.setText(order_no)
    cs.run_search()
    qtbot.waitUntil(lambda: cs.story is not None and cs.story.order_no == order_no, timeout=5000)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("买家来电催发货", True))
    with qtbot.waitSignal(cs.status_message, timeout=5000):
        cs.actions["deskNote"].click()
    qtbot.waitUntil(lambda: cs.timeline.topLevelItemCount() > 0
                    and cs.timeline.topLevelItem(0).text(2) == "备注：买家来电催发货", timeout=5000)  # fmt: skip
    assert cs.timeline.topLevelItem(0).text(1) == "cs1"
    qtbot.mouseClick(cs.actions["deskReveal"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: phone in cs.revealed.text(), timeout=5000)
    assert order_detail(demo_store.make_uow, "system", order_no).row.status == "PAID"
