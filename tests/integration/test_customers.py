"""Customer profiles and tags on a real database: one customer across channels, merged and split by
hand (audited), tags recomputed from the orders, a business tag previewed and a segment exported."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.domain.model import Channel
from orderdesk.domain.rules import RuleSyntaxError
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.customers import (add_tag, customer_profile, export_segment, list_customers, merge_profiles,
                                          preview_tag, recompute_tags, set_threshold, split_identity)  # fmt: skip
from orderdesk.services.desk import search
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import change_status
from orderdesk.services.ports import AuditFilter

from tests.helpers.builders import channel_order
from tests.helpers.cli_inproc import run_cli

NOW = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)


def _order(pid: str, channel: Channel, days_ago: float, total_fen: int, phone: str, name: str = "张伟", ref: str = ""):  # noqa: ANN202
    o = channel_order(pid, channel=channel, phone=phone, name=name)
    at = NOW - timedelta(days=days_ago)
    return replace(o, paid_at=at, modified_at=at, total_fen=total_fen, buyer_ref=ref or o.buyer_ref)


@pytest.fixture
def shop(store):  # noqa: ANN001, ANN201
    intake_orders(store.make_uow, [
        _order("5001", Channel.TAOBAO, 10, 80_000, "13812345678"),
        _order("WX5002", Channel.MINIPROGRAM, 20, 40_000, "13812345678"),
        _order("4900000000000005003", Channel.DOUYIN, 30, 30_000, "138****5678", ref="dy_open_zw"),
        _order("5004", Channel.TAOBAO, 300, 5_000, "13900000001", name="李娜"),
        _order("5005", Channel.TAOBAO, 200, 5_000, "13900000001", name="李娜"),
    ], actor="system", allocate=False)  # fmt: skip
    return store


def _ids(store, phone_or_id: str) -> list[int]:  # noqa: ANN001
    return [i["id"] for i in customer_profile(store.make_uow, "system", phone_or_id).identities]


def test_one_customer_across_channels_by_phone_then_merged_and_split_by_hand(shop):
    p = customer_profile(shop.make_uow, "system", "13812345678", now=NOW)
    assert (p.facts.orders, p.facts.spend_fen, p.facts.channels) == (2, 120_000, ("miniprogram", "taobao"))
    assert p.phone == "138****5678"
    douyin = search(shop.make_uow, "system", "dy_open_zw").hits[0].customer_id
    merged = merge_profiles(shop.make_uow, "system", "13812345678", str(douyin), "同一买家：抖音收货人与电话一致")
    assert merged.facts.orders == 3 and merged.facts.channels == ("douyin", "miniprogram", "taobao")
    assert merged.facts.spend_fen == 150_000
    assert len(search(shop.make_uow, "system", "TB5001").hits) == 3  # the desk now shows all three
    split_identity(shop.make_uow, "system", douyin, "合并错了")
    assert customer_profile(shop.make_uow, "system", "13812345678", now=NOW).facts.orders == 2
    assert customer_profile(shop.make_uow, "system", str(douyin), now=NOW).facts.channels == ("douyin",)
    trail = audit_trail(shop.make_uow, "system", AuditFilter(object_type="customer"), include_orders=False)
    actions = [(e.action, e.details.get("reason")) for e in trail]
    assert ("customer.merged", "同一买家：抖音收货人与电话一致") in actions and ("customer.split", "合并错了") in actions


def test_merge_and_split_are_refused_without_reason_permission_or_a_second_identity(shop):
    with pytest.raises(DomainError):
        merge_profiles(shop.make_uow, "system", "13812345678", "13900000001", "  ")
    with pytest.raises(DomainError):
        merge_profiles(shop.make_uow, "system", "13812345678", "13812345678", "same")
    with pytest.raises(DomainError):
        split_identity(shop.make_uow, "system", _ids(shop, "13900000001")[0], "alone")


def test_tags_recomputed_from_orders_and_thresholds_edited(shop):
    change_status(shop.make_uow, "TB5004", OrderEvent.REQUEST_REFUND, "system", reason="t")
    counts = recompute_tags(shop.make_uow, "system", now=NOW)
    assert counts == {"high_value": 1, "churn_risk": 1, "frequent_refunder": 0}
    assert list_customers(shop.make_uow, "system", "high_value")[0].phone == "138****5678"
    assert list_customers(shop.make_uow, "system", "churn_risk")[0].name == "李娜"
    set_threshold(shop.make_uow, "system", "high_value_fen", "120001")
    assert recompute_tags(shop.make_uow, "system", now=NOW)["high_value"] == 0


def test_a_business_tag_in_the_condition_language_previewed_saved_and_exported(shop, tmp_path):
    with pytest.raises(RuleSyntaxError) as bad:
        add_tag(shop.make_uow, "system", "big", "大客户", '累计消费 >= 500 且 收货省 == "江苏"')
    assert bad.value.position == 14  # 0-based: under 收货省
    preview = preview_tag(shop.make_uow, "system", "累计消费 >= 500 且 渠道数 >= 2", now=NOW)
    assert (preview.count, preview.total) == (1, 3) and preview.sample[0].facts.orders == 2
    add_tag(shop.make_uow, "system", "big", "大客户", "累计消费 >= 500 且 渠道数 >= 2")
    assert recompute_tags(shop.make_uow, "system", now=NOW)["big"] == 1
    out = tmp_path / "big.xlsx"
    assert export_segment(shop.make_uow, "system", "big", out) == 1
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("客户编号", "姓名", "手机", "订单数")
    assert rows[1][1:5] == ("张伟", "13812345678", 2, 1200)


def test_cli_customers_show_and_list_json_and_an_inline_tag_error(shop):
    url = str(shop.engine.url)
    shown = json.loads(run_cli("--db", url, "customers", "show", "13812345678", "--json").out)
    assert shown["orders"] == 2 and shown["channels"] == ["miniprogram", "taobao"]
    recompute_tags(shop.make_uow, "system", now=NOW)
    listed = json.loads(run_cli("--db", url, "customers", "list", "--tag", "churn_risk", "--json").out)
    assert [c["name"] for c in listed] == ["李娜"]
    bad = run_cli("--db", url, "tags", "add", "x1", "订单数 >= 2 且 收货省 == 1")
    assert bad.code == 1 and bad.err.splitlines()[1] == " " * 15 + "^^^^^^" and "不能用于客户标签" in bad.err


def _stats(store) -> dict[int, object]:  # noqa: ANN001
    with store.make_uow() as uow:
        return {f.profile_id: f for f in uow.customers.stats()}


def test_recompute_fills_the_customer_stats_and_a_preview_reads_them_as_of_then(shop):
    zw, ln = _ids(shop, "13812345678")[0], _ids(shop, "13900000001")[0]
    assert not _stats(shop)  # nothing until the first recompute; a preview adds up the orders meanwhile
    assert preview_tag(shop.make_uow, "system", "订单数 >= 2", now=NOW).as_of is None
    recompute_tags(shop.make_uow, "system", now=NOW)
    stats = _stats(shop)
    assert len(stats) == 3
    z, li = stats[zw], stats[ln]
    assert (z.orders, z.spend_fen, z.recent_spend_fen, z.refunds, z.channel_count) == (2, 120_000, 120_000, 0, 2)
    assert (li.orders, li.spend_fen, li.recent_spend_fen) == (2, 10_000, 0)
    assert li.first_at == NOW - timedelta(days=300) and li.last_at == NOW - timedelta(days=200)
    intake_orders(shop.make_uow, [_order("5006", Channel.TAOBAO, 1, 90_000, "13900000001", name="李娜")],
                  actor="system", allocate=False)  # fmt: skip
    before = preview_tag(shop.make_uow, "system", "累计消费 >= 500", now=NOW)
    assert (before.count, before.total, before.as_of) == (1, 3, NOW)  # the figures of the last recompute
    recompute_tags(shop.make_uow, "system", now=NOW)
    assert preview_tag(shop.make_uow, "system", "累计消费 >= 500", now=NOW).count == 2
    assert _stats(shop)[ln].orders == 3


def test_a_merge_and_a_split_recount_the_profiles_figures_at_once(shop):
    recompute_tags(shop.make_uow, "system", now=NOW)
    douyin = search(shop.make_uow, "system", "dy_open_zw").hits[0].customer_id
    zw = _ids(shop, "13812345678")[0]
    merge_profiles(shop.make_uow, "system", "13812345678", str(douyin), "同一买家")
    stats = _stats(shop)
    assert douyin not in stats and (stats[zw].orders, stats[zw].channel_count) == (3, 3)
    assert preview_tag(shop.make_uow, "system", "渠道数 >= 3", now=NOW).count == 1
    split_identity(shop.make_uow, "system", douyin, "合并错了")
    stats = _stats(shop)
    assert (stats[zw].orders, stats[douyin].orders, len(stats)) == (2, 1, 3)


@pytest.mark.parametrize(("name", "value", "tag", "tagged"), [
    ("high_value_fen", "120000", "high_value", 1), ("high_value_fen", "120001", "high_value", 0),
    ("high_value_days", "20", "high_value", 1), ("high_value_days", "19", "high_value", 0),  # 20 days: in the window
    ("churn_days", "199", "churn_risk", 1), ("churn_days", "200", "churn_risk", 0),  # "more than" 200 days
    ("churn_min_orders", "2", "churn_risk", 1), ("churn_min_orders", "3", "churn_risk", 0),
])  # fmt: skip
def test_built_in_thresholds_at_their_edges_through_the_stats(shop, name, value, tag, tagged):
    if name == "high_value_days":
        set_threshold(shop.make_uow, "system", "high_value_fen", "120000")
    set_threshold(shop.make_uow, "system", name, value)
    assert recompute_tags(shop.make_uow, "system", now=NOW)[tag] == tagged


def test_a_frequent_refunder_at_exactly_the_rate(store):
    orders = [_order(f"61{k:02d}", Channel.TAOBAO, k + 1, 1_000, "13700000007", name="王芳") for k in range(10)]
    intake_orders(store.make_uow, orders, actor="system", allocate=False)
    for k in range(3):
        change_status(store.make_uow, f"TB61{k:02d}", OrderEvent.REQUEST_REFUND, "system", reason="t")
    assert recompute_tags(store.make_uow, "system", now=NOW)["frequent_refunder"] == 1  # 3 of 10 = 0.3
    set_threshold(store.make_uow, "system", "refunder_min_rate", "0.31")
    assert recompute_tags(store.make_uow, "system", now=NOW)["frequent_refunder"] == 0
