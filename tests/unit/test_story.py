"""An order's story in words, per lifecycle path, as customer service reads it and the buyer gets it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from orderdesk.domain.events import EventKind
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.story import StoryEvent, StoryInput, StoryParcel, StoryScan, describe, tell, when

CN = timezone(timedelta(hours=8))
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=CN)
PICKED = StoryScan(datetime(2026, 12, 2, 18, 2, tzinfo=CN), "【上海市】顺丰速运 已收取快件", "PICKED_UP")
HUB = StoryScan(datetime(2026, 12, 3, 9, 15, tzinfo=CN), "到达上海转运中心", "IN_TRANSIT")
SIGNED = StoryScan(datetime(2026, 12, 3, 9, 40, tzinfo=CN), "已签收，签收人：本人", "DELIVERED")
WAYBILL = "SF1234567890123"


def _parcel(*scans: StoryScan, state: str = "", waybill: str = WAYBILL, seq: int = 1) -> StoryParcel:
    return StoryParcel(seq, "苏州仓", "SF", waybill, "PACKED", state, scans)


def _order(status: str, *parcels: StoryParcel, hold: str = "", events: tuple[StoryEvent, ...] = ()) -> StoryInput:
    return StoryInput("TB3001001", status, NOW - timedelta(days=2), "SZ", hold, events, parcels)


INTERNAL = ("苏州仓", "SZ", "packer_li", "省份无法识别")


@pytest.mark.parametrize(("order", "staff", "buyer"), [
    (_order("PAID"), "已付款，等待分配仓库", "已付款，仓库正在为您备货"),
    (_order("ON_HOLD", hold="省份无法识别"), "待审核（省份无法识别）", "已付款，仓库正在为您备货"),
    (_order("ALLOCATED"), "已分仓（SZ），等待打包", "已付款，仓库正在为您备货"),
    (_order("PACKED", _parcel()), "已打包，顺丰 SF1234567890123，等待快递揽收",
     "已打包完成，正在等待快递揽收（顺丰速运 SF1234567890123）"),
    (_order("SHIPPED", _parcel(PICKED, HUB, state="IN_TRANSIT")),
     "已发货，顺丰 SF1234567890123，昨天 18:02 揽收，今天 09:15 到达上海转运中心",
     "已发货，由顺丰速运（运单号 SF1234567890123）发出，最新进展：今天 09:15 到达上海转运中心。"),
    (_order("SHIPPED", _parcel(PICKED, state="PROBLEM")), "已发货，顺丰 SF1234567890123，昨天 18:02 揽收，⚠ 问题件",
     "包裹运输中遇到异常，我们正在联系快递处理"),
    (_order("DELIVERED", _parcel(PICKED, HUB, SIGNED, state="DELIVERED")),
     "已签收，顺丰 SF1234567890123，昨天 18:02 揽收，今天 09:40 已签收，签收人：本人",
     "已于今天 09:40签收（顺丰速运 SF1234567890123）"),
    (_order("INTERCEPTED"), "已拦截", "退款申请我们已收到，订单已停止发货"),
    (_order("REFUND_REQUESTED", _parcel(PICKED, state="PICKED_UP")), "售后中，顺丰 SF1234567890123，昨天 18:02 揽收",
     "售后申请我们已收到"),
    (_order("RETURNED", _parcel(PICKED, state="RETURNED")), "已退货，顺丰 SF1234567890123，昨天 18:02 揽收，⚠ 已退回寄件人",
     "退回的商品我们已收到"),
    (_order("CANCELLED"), "已取消", "已取消"),
])  # fmt: skip
def test_status_in_words_and_the_buyers_message_per_lifecycle_path(order, staff, buyer):
    story = tell(order, NOW)
    assert story.status_text == staff
    assert buyer in story.buyer_text
    assert story.buyer_text.startswith("您好，您的订单 TB3001001 ")
    assert not any(word in story.buyer_text for word in INTERNAL)


def test_two_parcels_are_told_one_by_one():
    second = _parcel(waybill="SF9999999999999", seq=2)
    story = tell(_order("SHIPPED", _parcel(PICKED, HUB, state="IN_TRANSIT"), second), NOW)
    assert story.status_text == ("已发货，共 2 个包裹：顺丰 SF1234567890123，昨天 18:02 揽收，今天 09:15 到达上海转运中心；"
                                 "顺丰 SF9999999999999，等待快递揽收")  # fmt: skip
    assert "已分 2 个包裹发货" in story.buyer_text
    assert story.parcels[0].startswith("包裹 1（苏州仓）：") and story.parcels[0].endswith("【运输中】")


def test_english_status_for_staff():
    story = tell(_order("SHIPPED", _parcel(PICKED, HUB, state="IN_TRANSIT")), NOW, lang="en")
    assert story.status_text == "Shipped, SF Express SF1234567890123, picked up yesterday 18:02, today 09:15 到达上海转运中心"


def _ev(kind: EventKind | str, reason: str = "", frm: str | None = None, to: str | None = None, **details: object):
    return StoryEvent(NOW, "packer_li", str(kind), frm, to, reason, dict(details))


@pytest.mark.parametrize(("event", "text"), [
    (_ev(EventKind.CREATED, "channel:pdd", None, "PAID"), "从拼多多接单"),
    (_ev(EventKind.TRANSITION, "", "PAID", "ALLOCATED", event=OrderEvent.ALLOCATE.value), "分配仓库（已支付 → 已分仓）"),
    (_ev(EventKind.TRANSITION, "", "ALLOCATED", "PACKED", event=OrderEvent.PACK.value), "验货打包（已分仓 → 已打包）"),
    (_ev(EventKind.TRANSITION, "到达", "PACKED", "SHIPPED", event=OrderEvent.SHIP.value), "快递揽收（已打包 → 已发货）：到达"),
    (_ev(EventKind.TRANSITION, "", "SHIPPED", "DELIVERED", event=OrderEvent.DELIVER.value), "买家签收（已发货 → 已签收）"),
    (_ev(EventKind.TRANSITION, "买家来电", "SHIPPED", "REFUND_REQUESTED", event="REQUEST_REFUND"),
     "买家申请退款（已发货 → 售后中）：买家来电"),
    (_ev(EventKind.TRANSITION, "", "REFUND_REQUESTED", "RETURNED", event="RECEIVE_RETURN"), "退货入库（售后中 → 已退货）"),
    (_ev(EventKind.CHANNEL_UPDATE, "channel:taobao"), "平台更新了订单信息"),
    (_ev(EventKind.NOTE, "买家要求周末送货"), "备注：买家要求周末送货"),
    (_ev(EventKind.TRACKING, "到达上海转运中心", waybill=WAYBILL, state="IN_TRANSIT"),
     f"快递运输中（运单 {WAYBILL}）：到达上海转运中心"),
    (_ev(EventKind.CONFIRM, "", step="accepted", waybill=WAYBILL), f"平台已确认发货（运单 {WAYBILL}）"),
    (_ev(EventKind.HANDOVER, "manifest:7", courier="SF", manifest=7, waybill=WAYBILL),
     f"交给顺丰速运（交接单 7），运单号 {WAYBILL}"),
    (_ev(EventKind.CREDIT_NOTE, "仅退款", number="HC2026-000001", total="-29.90"), "开具红字凭证 HC2026-000001（-29.90 元）：仅退款"),
    (_ev("RETURN_RECEIVED", "", None, None, outcome="PARTLY_RETURNED", parcel="YT9000000000001",
         lines=[{"sku": "BASIN", "quantity": 1, "condition": "resellable"},
                {"sku": "BAG", "quantity": 1, "condition": "damaged", "reason": "压坏"}]),
     "退货入库（部分退货）：1 × BASIN 可售，1 × BAG 破损（压坏）；包裹 YT9000000000001"),
    (_ev("LATER_KIND", "退货已签收", "REFUND_REQUESTED", "RETURNED", waybill="YT9000000000001"),
     "later kind：售后中 → 已退货 退货已签收 waybill=YT9000000000001"),
    (_ev("SOMETHING_NEW"), "something new"),
])  # fmt: skip
def test_every_event_kind_on_the_timeline_in_words_and_a_later_kind_still_reads(event, text):
    assert describe(event) == text


def test_timeline_has_time_who_and_words_oldest_first():
    later = StoryEvent(NOW - timedelta(hours=1), "cs_wang", "NOTE", reason="已回复")
    first = StoryEvent(NOW - timedelta(days=1, hours=1), "system", "CREATED", None, "PAID", "channel:taobao")
    story = tell(_order("PAID", events=(later, first)), NOW)
    assert [(t.when, t.who, t.text) for t in story.timeline] == [
        ("昨天 09:00", "system", "从淘宝/天猫接单"), ("今天 09:00", "cs_wang", "备注：已回复")]


@pytest.mark.parametrize(("at", "zh", "en"), [
    (datetime(2026, 12, 3, 0, 0, tzinfo=CN), "今天 00:00", "today 00:00"),
    (datetime(2026, 12, 2, 23, 59, tzinfo=CN), "昨天 23:59", "yesterday 23:59"),
    (datetime(2026, 12, 1, 23, 59, tzinfo=CN), "12月1日 23:59", "Dec 1 23:59"),
    (datetime(2025, 12, 31, 8, 0, tzinfo=CN), "2025-12-31 08:00", "2025-12-31 08:00"),
    (datetime(2026, 12, 2, 16, 30, tzinfo=timezone.utc), "今天 00:30", "today 00:30"),  # Beijing's day, not UTC's
])  # fmt: skip
def test_relative_times_at_their_edges(at, zh, en):
    assert when(at, NOW) == zh
    assert when(at, NOW, "en") == en


@pytest.mark.parametrize("event", list(OrderEvent))
def test_every_lifecycle_step_has_its_own_words(event):
    text = describe(_ev(EventKind.TRANSITION, "", "PAID", "ALLOCATED", event=event.value))
    assert text and not text.startswith(("transition", "TRANSITION", "已支付 →"))
