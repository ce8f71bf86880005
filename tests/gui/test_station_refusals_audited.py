"""A refused lead override at the station screen is in the audit log: the badge scanned into the F9
dialog was unknown, or belonged to someone without the override permission. The parcel stays open
and unchanged, and the admin reads who tried, at which station, and what was missing."""

from __future__ import annotations

import pytest

from orderdesk.gui.qt import Qt
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.users import issue_badge
from tests.gui.test_station_view import (  # noqa: F401 - allocated, parcels, settings and view are fixtures
    allocated,
    db_state,
    ime_commit,
    parcels,
    scan_and_wait,
    settings,
    view,
)


def _override(qtbot, view, badge: str) -> None:  # noqa: ANN001
    """F9, the badge, Enter, a reason, Enter: as a lead does it at the bench."""
    qtbot.keyClick(view.scan_field, Qt.Key.Key_F9)
    dialog = view.dialog
    qtbot.waitUntil(dialog.badge.hasFocus, timeout=5000)
    qtbot.keyClicks(dialog.badge, badge)
    qtbot.keyClick(dialog.badge, Qt.Key.Key_Return)
    ime_commit(dialog.reason, "缺货，客户同意少发")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.verdicts[-1].scan == "OVERRIDE", timeout=10_000)
    qtbot.waitUntil(lambda: not view.busy, timeout=10_000)


def _refusals(store) -> list:  # noqa: ANN001
    rows = audit_trail(store.make_uow, "admin", AuditFilter(object_type="permission"), include_orders=False)
    return [r for r in rows if r.action == "access.refused"]


@pytest.mark.parametrize("badge_of", [None, "packer2"], ids=["unknown-badge", "packers-badge"])
def test_a_refused_override_is_audited_with_the_station_and_changes_nothing(qtbot, view, allocated, parcels,  # noqa: F811
                                                                            badge_of):  # fmt: skip
    order_no = next(iter(parcels))
    scan_and_wait(qtbot, view, order_no)
    before = db_state(allocated, order_no)
    badge = issue_badge(allocated.make_uow, "admin", badge_of) if badge_of else "0000NOT-A-BADGE"
    _override(qtbot, view, badge)
    assert not view.verdicts[-1].ok and db_state(allocated, order_no) == before

    [entry] = _refusals(allocated)
    assert (entry.username, entry.object_id) == (badge_of or "packer1", "override")
    assert entry.details["station"] == "bench-1"
    assert entry.details["use_case"] == "packing.PackStation.override"
    if badge_of:
        assert (entry.details["role"], entry.details["packer"]) == ("packer", "packer1")
    else:
        assert entry.details["badge"] == "Unknown badge"
    assert badge not in str(entry.details)  # a badge code is a credential
