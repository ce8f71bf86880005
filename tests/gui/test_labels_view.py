"""The labels page: pick the orders waiting, preview, print to a real CUPS queue; a printer that
cannot print says so and nothing is recorded as printed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.gui.views.labels_view import LabelsView
from orderdesk.services.allocation import allocate_orders
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.labels import orders_awaiting_labels
from orderdesk.services.ports import AuditFilter
from orderdesk.services.rule_sets import save_rule_set
from tests.helpers.cups import TempCups, cups_server  # noqa: F401  (session fixture)
from tests.helpers.pdf_tools import code128, pdf_text

pytestmark = pytest.mark.slow


@pytest.fixture
def allocated(demo_store):  # noqa: ANN001
    save_rule_set(demo_store.make_uow, "system", DEMO_RULES, note="test")
    allocate_orders(demo_store.make_uow, "system")
    return demo_store


@pytest.fixture
def view(qtbot, allocated, jobs, ui_lang, cups_server) -> Iterator[LabelsView]:  # noqa: ANN001, F811
    v = LabelsView(allocated.make_uow, jobs, ui_lang, "packer1", can_print=True)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitUntil(lambda: v.printer.count() >= 2, timeout=10_000)
    yield v


def _choose(view: LabelsView, printer: str) -> None:
    view.printer.setCurrentIndex(view.printer.findData(printer))


def _label_audits(store) -> list:  # noqa: ANN001
    return [a for a in audit_trail(store.make_uow, "admin", AuditFilter(object_type="label"), include_orders=False)]


def test_waiting_orders_preview_and_print_through_cups(qtbot, view, allocated, cups_server):  # noqa: ANN001, F811
    view.warehouse.setCurrentIndex(view.warehouse.findData("SZ-SUZHOU"))
    view.fill_button.click()
    qtbot.waitUntil(lambda: len(view.order_nos()) > 0, timeout=5000)
    view.orders.setPlainText("\n".join(view.order_nos()[:3]))
    nos = view.order_nos()
    view.preview_button.click()
    qtbot.waitUntil(lambda: view.pdf.pageCount() == len(nos), timeout=10_000)
    assert view.message.text() == f"已生成 {len(nos)} 页"
    _choose(view, cups_server.DIRECT_QUEUE)
    before = cups_server.job_ids(cups_server.DIRECT_QUEUE)
    with qtbot.waitSignal(view.status_message, timeout=30_000) as sent:
        view.print_button.click()
    assert sent.args[0] == f"已发送 {len(nos)} 页到打印机"
    [job] = cups_server.job_ids(cups_server.DIRECT_QUEUE) - before
    text = pdf_text(cups_server.wait_output(job))
    [entry] = _label_audits(allocated)
    assert entry.action == "label.print" and entry.details["printer"] == cups_server.DIRECT_QUEUE
    assert entry.details["orders"] == sorted(nos) and all(w in text for w in entry.details["waybills"])
    assert set(entry.details["waybills"]) & code128(cups_server.wait_output(job))
    waiting = orders_awaiting_labels(allocated.make_uow, "system", "SZ-SUZHOU")
    assert not set(nos) & set(waiting)  # printed: no longer waiting


def test_a_stopped_printer_refuses_and_nothing_counts_as_printed(qtbot, view, allocated, cups_server):  # noqa: ANN001, F811
    nos = orders_awaiting_labels(allocated.make_uow, "system")[:2]
    view.orders.setPlainText("\n".join(nos))
    cups_server.wait_idle(cups_server.PDF_QUEUE)
    cups_server.run("cupsdisable", "-r", "缺纸", cups_server.PDF_QUEUE)
    try:
        _choose(view, cups_server.PDF_QUEUE)
        view.print_button.click()
        qtbot.waitUntil(view.print_button.isEnabled, timeout=30_000)
    finally:
        cups_server.run("cupsenable", cups_server.PDF_QUEUE)
    assert cups_server.PDF_QUEUE in view.message.text() and "已发送" not in view.message.text()
    assert _label_audits(allocated) == []
    assert set(nos) <= set(orders_awaiting_labels(allocated.make_uow, "system"))


def test_an_order_that_must_not_ship_is_refused_in_words(qtbot, view, allocated):  # noqa: ANN001
    view.orders.setPlainText("TB000000000404")
    view.preview_button.click()
    qtbot.waitUntil(lambda: "找不到订单" in view.message.text(), timeout=5000)
    assert view.pdf.pageCount() == 0
