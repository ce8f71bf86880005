"""The channels page sets when a warehouse's parcels are confirmed to the platforms: pick the
warehouse and the moment, save; a user without the right to manage warehouses cannot."""

from __future__ import annotations

import pytest

from orderdesk.gui.qt import Qt
from orderdesk.gui.views.channels_view import ChannelsView
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.courier_codes import confirm_moments
from orderdesk.services.ports import AuditFilter

pytestmark = pytest.mark.gui


def _view(qtbot, store, jobs, lang: str, user: str, can_set: bool) -> ChannelsView:  # noqa: ANN001
    view = ChannelsView(store.make_uow, jobs, lang, user, can_manage=False, can_set_moment=can_set)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.outbox.moment.warehouse.count() > 0, timeout=10_000)
    return view


def test_a_lead_switches_a_warehouse_to_confirm_at_handover(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    control = _view(qtbot, demo_store, jobs, ui_lang, "lead", True).outbox.moment
    control.warehouse.setCurrentIndex(control.warehouse.findData("SZ-SUZHOU"))
    assert control.moment.currentText() == "打包后立即" and not control.save.isEnabled()  # nothing to save yet
    control.moment.setCurrentIndex(control.moment.findData("handover"))
    assert control.moment.currentText() == "快递交接时"
    with qtbot.waitSignal(control.status_message, timeout=10_000) as said:
        qtbot.mouseClick(control.save, Qt.MouseButton.LeftButton)
    assert said.args[0].startswith("SZ-SUZHOU") and "快递交接时" in said.args[0]
    moments = {m.warehouse: m.moment for m in confirm_moments(demo_store.make_uow, "system")}
    assert moments["SZ-SUZHOU"] == "handover" and set(moments.values()) == {"pack", "handover"}
    [entry] = audit_trail(demo_store.make_uow, "system", AuditFilter(object_type="warehouse"), include_orders=False)
    assert (entry.username, entry.action, entry.details["confirm_at"]) == ("lead", "warehouse.confirm_at", "handover")
    qtbot.waitUntil(lambda: not control.save.isEnabled() and control.moment.currentData() == "handover", timeout=10_000)


def test_without_the_right_the_control_only_shows_the_moment(qtbot, demo_store, jobs, ui_lang):  # noqa: ANN001
    control = _view(qtbot, demo_store, jobs, ui_lang, "cs1", False).outbox.moment
    assert not control.moment.isEnabled() and not control.save.isEnabled()
    assert control.moment.currentData() == "pack"
