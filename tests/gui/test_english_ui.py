"""The English translation, chosen by --lang en or in settings."""

from __future__ import annotations

import pytest

from orderdesk.gui.main_window import MainWindow
from orderdesk.gui.qt import Qt

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("ui_lang", ["en"], indirect=True)
def test_english_labels_and_plurals(qtbot, demo_store, jobs, ui_lang, login):  # noqa: ANN001
    w = MainWindow(demo_store.make_uow, jobs, ui_lang, login("admin"), "test.db")
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "orders" in w.orders.total.text(), timeout=5000)
    assert w.orders.model.headerData(0, Qt.Orientation.Horizontal) == "Order no."
    assert w.ui.navList.item(1).text() == "Allocation"
    assert w.orders.status.itemText(1) == "Paid"
    assert w.orders.total.text().endswith(" orders")
