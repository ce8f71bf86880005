"""After a rule change, a lead previews the re-allocation and moves the orders in one action."""

from __future__ import annotations

import pytest

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.domain.access import Permission
from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.qt import QMessageBox, Qt
from orderdesk.services.allocation import allocate_orders
from orderdesk.services.orders import list_orders
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.rule_sets import save_rule_set

pytestmark = pytest.mark.gui


def test_preview_then_move_un_packed_orders(qtbot, demo_store, jobs, ui_lang, login, monkeypatch):  # noqa: ANN001
    save_rule_set(demo_store.make_uow, "system", DEMO_RULES, permission=Permission.LOAD_DEMO_DATA)
    allocate_orders(demo_store.make_uow, "system")
    everything_to_chengdu = [{"name": "全部成都", "condition": "订单金额 >= 0", "action": "assign_warehouse",
                              "params": {"warehouse": "CD"}}]  # fmt: skip
    save_rule_set(demo_store.make_uow, "system", everything_to_chengdu, permission=Permission.LOAD_DEMO_DATA)
    asked: list[str] = []

    def answer_yes(_parent, _title, text, *a, **k):  # noqa: ANN001, ANN002, ANN003
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("lead"), "test.db")
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.reallocate.done, timeout=20_000):
        qtbot.mouseClick(w.reallocate, Qt.MouseButton.LeftButton)
    assert asked and "将改变仓库" in asked[0]
    allocated = list_orders(demo_store.make_uow, "system", OrderFilter(status="ALLOCATED"), limit=1000)
    assert allocated and {r.warehouse_code for r in allocated} <= {"CD"}


def test_a_packer_cannot_reallocate(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("packer1"), "test.db")
    qtbot.addWidget(w)
    assert not w.reallocate.isEnabled()
