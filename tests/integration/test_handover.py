"""Courier handover at the dock: packed parcels go into the courier's manifest once; every parcel
that must not go is refused with its reason, changes nothing, and the refusal is kept with who
scanned what; the order's timeline says who took the parcel, and its status stays PACKED."""

from __future__ import annotations

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.timeline import describe_event
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.handover import HandoverDesk, close_manifest, open_manifest, scan_parcel
from orderdesk.services.handover_queries import list_manifests, manifest_detail
from orderdesk.services.orders import change_status, order_detail
from orderdesk.services.ports import AuditFilter
from tests.helpers.handover import WH, pack, ready_parcels, suzhou_orders


def _status(store, order_no):  # noqa: ANN001, ANN202
    return order_detail(store.make_uow, "system", order_no).row.status


def test_packed_parcels_are_handed_over_once_and_their_timeline_names_the_courier(store):  # noqa: ANN001
    (a, wa), (b, _wb), *_ = ready_parcels(store.make_uow, 810_000, 8)
    m = open_manifest(store.make_uow, "lead", "中通快递", "苏州仓")  # by name, as a lead would type it
    assert (m.courier_code, m.warehouse_code) == ("ZTO", WH)
    first = scan_parcel(store.make_uow, "lead", m.id, wa)
    second = scan_parcel(store.make_uow, "lead", m.id, b)  # the order number works too
    assert first.ok and first.kind == "accepted" and first.order == a and first.count == 1
    assert second.ok and second.order == b and second.count == 2 and second.waybill.startswith("7312")
    assert _status(store, a) == "PACKED" and _status(store, b) == "PACKED"  # SHIPPED only at the courier's scan
    events = [e for e in order_detail(store.make_uow, "system", a).events if e.kind == "HANDOVER"]
    assert len(events) == 1 and events[0].user == "lead"
    said = describe_event(events[0].kind, events[0].from_status, events[0].to_status, events[0].reason, events[0].details)
    assert said.startswith(f"交给中通快递（交接单 {m.id}）") and wa in said
    assert "Handed over to ZTO Express (manifest" in describe_event("HANDOVER", None, None, "", events[0].details, "en")
    closed = close_manifest(store.make_uow, "lead", m.id)
    assert closed.ok and closed.kind == "closed" and closed.count == 2
    detail = manifest_detail(store.make_uow, "cs1", m.id)
    assert detail.manifest.status == "CLOSED" and detail.manifest.closed_by == "lead"
    assert [p.waybill_no for p in detail.parcels] == [wa, second.waybill]
    assert [r.id for r in list_manifests(store.make_uow, "cs1")] == [m.id]
    actions = [r.action for r in audit_trail(store.make_uow, "admin", AuditFilter(object_type="handover_manifest"))]
    assert {"handover.open", "handover.close"} <= set(actions)


def test_every_parcel_that_must_not_go_is_refused_with_its_reason_and_recorded(store):  # noqa: ANN001
    ready = ready_parcels(store.make_uow, 820_000, 14, labelled=10)
    (ok_no, ok_wb), (ref_no, ref_wb), (can_no, can_wb), (oth_no, oth_wb), (dup_no, dup_wb) = ready[:5]
    unlabelled = next(no for no, wb in ready if not wb)
    change_status(store.make_uow, ref_no, OrderEvent.REQUEST_REFUND, "cs1", reason="买家申请仅退款")
    change_status(store.make_uow, can_no, OrderEvent.REQUEST_REFUND, "cs1", reason="退款")
    change_status(store.make_uow, can_no, OrderEvent.CANCEL, "cs1", reason="已退款")
    unpacked = next(iter(suzhou_orders(store.make_uow, 830_000, 6)))
    yto_no, yto_lines = next(iter(suzhou_orders(store.make_uow, 840_000, 6).items()))
    pack(store.make_uow, yto_no, yto_lines, waybill="YT1234567890123")  # a pre-printed YTO label
    m = open_manifest(store.make_uow, "lead", "ZTO", WH)
    elsewhere = open_manifest(store.make_uow, "lead", "ZTO", "SZ-SHENZHEN")
    other = open_manifest(store.make_uow, "admin", "ZTO", WH)
    assert scan_parcel(store.make_uow, "lead", m.id, dup_wb).ok
    assert scan_parcel(store.make_uow, "admin", other.id, ok_wb).ok
    cases = {  # scan -> the reason it is refused
        ref_wb: "intercepted", can_wb: "cancelled", unpacked: "not_packed", "YT1234567890123": "other_courier",
        unlabelled: "no_waybill", dup_wb: "handed_over", ok_wb: "handed_over", "73129999999999": "unknown",
        "扫码枪乱码%%": "garbage", "x" * 80: "garbage",
    }  # fmt: skip
    before = {no: _status(store, no) for no in (ref_no, can_no, unpacked, yto_no, unlabelled, dup_no, ok_no)}
    for code, why in cases.items():
        v = scan_parcel(store.make_uow, "lead", m.id, code)
        assert not v.ok and v.kind == "refused" and v.refusal == why, (code, v)
        assert v.message_zh and v.message_en and v.message_zh != v.message_en
    assert scan_parcel(store.make_uow, "lead", elsewhere.id, oth_wb).refusal == "other_warehouse"
    assert "交接单 " in scan_parcel(store.make_uow, "lead", m.id, ok_wb).message_zh  # names the other manifest
    assert "本交接单" in scan_parcel(store.make_uow, "lead", m.id, dup_wb).message_zh
    assert {no: _status(store, no) for no in before} == before  # refusals change nothing
    detail = manifest_detail(store.make_uow, "lead", m.id)
    assert [p.waybill_no for p in detail.parcels] == [dup_wb]
    refused = [(r.code, r.verdict, r.user) for r in detail.refused]
    for code, why in cases.items():
        assert (code, f"refused:{why}", "lead") in refused
    assert [(r.order_no, r.verdict) for r in detail.refused if r.code == ref_wb] == [(ref_no, "refused:intercepted")]


def test_a_closed_manifest_takes_no_more_scans_and_close_scans_close_it(store):  # noqa: ANN001
    (a, wa), (b, wb), *_ = ready_parcels(store.make_uow, 850_000, 6)
    m = open_manifest(store.make_uow, "packer1", "ZTO", WH)
    desk = HandoverDesk(store.make_uow, "packer1", m)
    assert desk.scan(wa).ok
    closing = desk.scan("CLOSE")
    assert closing.kind == "closed" and closing.count == 1
    late = desk.scan(wb)
    assert not late.ok and late.refusal == "closed" and _status(store, b) == "PACKED"
    assert not desk.close().ok
    assert open_manifest(store.make_uow, "packer1", "ZTO", WH, resume=True).id != m.id  # a closed one is not resumed


def test_the_open_manifest_is_resumed_and_only_roles_that_ship_may_hand_over(store):  # noqa: ANN001
    (a, wa), *_ = ready_parcels(store.make_uow, 860_000, 4)
    m = open_manifest(store.make_uow, "lead", "zto", WH)
    again = open_manifest(store.make_uow, "lead", "ZTO Express", WH, resume=True)
    assert again.id == m.id and again.resumed
    with pytest.raises(DomainError, match="lacks the 'ship_orders' permission") as refused:
        scan_parcel(store.make_uow, "cs1", m.id, wa)
    assert "无权操作" in refused.value.reason("zh")
    with pytest.raises(DomainError, match="Unknown courier code"):
        open_manifest(store.make_uow, "lead", "顺风", WH)
    with pytest.raises(DomainError, match="No warehouse"):
        open_manifest(store.make_uow, "lead", "ZTO", "北京仓")
    assert _status(store, a) == "PACKED" and manifest_detail(store.make_uow, "lead", m.id).parcels == []


def test_a_warehouse_that_confirms_at_handover_gets_its_confirmation_from_the_scan(store):  # noqa: ANN001
    from orderdesk.services.courier_codes import outbox_overview, set_confirm_moment

    def waiting() -> int:
        summary, _alerts = outbox_overview(store.make_uow, "system")
        return sum(s.waiting for s in summary)

    [(first, waybill)] = ready_parcels(store.make_uow, 829_000, 3)[:1]  # confirmed at pack, the default
    before = waiting()
    assert before >= 1
    set_confirm_moment(store.make_uow, "system", WH, "handover")
    (a, wa), (b, wb), *_ = ready_parcels(store.make_uow, 830_000, 8)
    assert waiting() == before  # packed, but the platform must not hear of it before the courier has it
    m = open_manifest(store.make_uow, "lead", "ZTO", WH)
    assert scan_parcel(store.make_uow, "lead", m.id, wa).ok
    assert waiting() == before + 1
    assert not scan_parcel(store.make_uow, "lead", m.id, wa).ok  # a second scan is refused, adds nothing
    assert scan_parcel(store.make_uow, "lead", m.id, waybill).ok  # packed before the switch: already queued
    assert scan_parcel(store.make_uow, "lead", m.id, wb).ok
    assert waiting() == before + 2
