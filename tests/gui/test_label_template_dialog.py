"""Label templates are chosen per courier and channel in the app, and the next labels follow them."""

from __future__ import annotations

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.gui.dialogs.label_template_dialog import LabelTemplateDialog
from orderdesk.labels.model import LabelSize
from orderdesk.services.allocation import allocate_orders
from orderdesk.services.labels import shipping_labels
from orderdesk.services.orders import list_orders
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.rule_sets import save_rule_set


def test_a_template_saved_for_a_courier_shapes_its_labels(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    dialog = LabelTemplateDialog(demo_store.make_uow, jobs, ui_lang, "admin")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.fields["items"].isChecked(), timeout=5000)  # the default shows everything
    dialog.courier.setCurrentIndex(dialog.courier.findData("ZTO"))
    dialog.size.setCurrentIndex(dialog.size.findData("76x130"))
    dialog.fields["sender"].setChecked(False)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.message.text() == "已保存。", timeout=5000)
    save_rule_set(demo_store.make_uow, "system", DEMO_RULES, note="t")
    allocate_orders(demo_store.make_uow, "system")
    nos = [r.order_no for r in list_orders(demo_store.make_uow, "system",
                                           OrderFilter(status="ALLOCATED", warehouse_code="SZ-SUZHOU"), limit=2)]  # fmt: skip
    for label, template in shipping_labels(demo_store.make_uow, "system", nos):
        assert label.courier_code == "ZTO" and template.size is LabelSize.S76X130 and not template.shows("sender")
    again = LabelTemplateDialog(demo_store.make_uow, jobs, ui_lang, "admin")
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: bool(again.saved), timeout=5000)
    again.courier.setCurrentIndex(again.courier.findData("ZTO"))
    assert again.size.currentData() == "76x130" and not again.fields["sender"].isChecked()


def test_a_packer_may_not_change_templates(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    dialog = LabelTemplateDialog(demo_store.make_uow, jobs, ui_lang, "packer1")
    qtbot.addWidget(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=5000)
    text = dialog.message.text()
    assert text != "已保存。" and ("packer1" in text or "权限" in text), text
