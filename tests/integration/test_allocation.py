"""Allocation on a real database: the seed's rules, splits, stock, gifts, holds and the rule set's history."""

from __future__ import annotations

from dataclasses import replace

import pytest

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.demo.seed import load_demo_master_data
from orderdesk.domain.access import Permission
from orderdesk.domain.errors import StockShort
from orderdesk.domain.model import OrderLine
from orderdesk.services.allocation import allocate_orders, assign_by_hand
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import order_detail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.rule_preview import preview_rule_set
from orderdesk.services.rule_sets import RuleSetError, current_rules, roll_back, rule_versions, save_rule_set
from orderdesk.services.stock import stock_levels
from tests.helpers.builders import channel_order

DEMO = Permission.LOAD_DEMO_DATA
BOX = OrderLine("STOR-BOX-L-WHT", "加厚收纳箱 大号", 1, 4590, 4590)
BASIN = OrderLine("BASIN-FOLD-32-BLU", "折叠洗脸盆 32cm 蓝色", 2, 2990, 5980)


@pytest.fixture
def shop(store):  # noqa: ANN001
    load_demo_master_data(store.make_uow)
    save_rule_set(store.make_uow, "system", DEMO_RULES, permission=DEMO)
    return store


def _take(store, *orders):  # noqa: ANN001, ANN002
    intake_orders(store.make_uow, list(orders), actor="system")


def _where(store, order_no):  # noqa: ANN001
    from orderdesk.services.allocation import shipments_of_order

    return shipments_of_order(store.make_uow, "system", order_no)


def test_the_seed_rules_send_each_order_where_the_business_said(shop):  # noqa: ANN001
    _take(shop,
          channel_order("J1", province="江苏", lines=(BOX,)),
          channel_order("J2", province="上海", lines=(BASIN,)),
          channel_order("N1", province="北京", lines=(BOX,)),
          channel_order("W1", province="四川", lines=(BOX,)))  # fmt: skip
    assert _where(shop, "TBJ1") == [("SZ-SUZHOU", ["STOR-BOX-L-WHT"])]
    assert _where(shop, "TBJ2") == [("SZ-SHENZHEN", ["BASIN-FOLD-32-BLU"])]
    assert _where(shop, "TBN1") == [("TJ", ["STOR-BOX-L-WHT"])]
    assert _where(shop, "TBW1") == [("CD", ["STOR-BOX-L-WHT"])]
    assert order_detail(shop.make_uow, "system", "TBJ1").row.status == "ALLOCATED"


def test_lines_for_different_warehouses_split_the_order(shop):  # noqa: ANN001
    _take(shop, channel_order("S1", province="浙江", lines=(BOX, BASIN)))
    assert _where(shop, "TBS1") == [("SZ-SUZHOU", ["STOR-BOX-L-WHT"]), ("SZ-SHENZHEN", ["BASIN-FOLD-32-BLU"])]


def test_keep_together_ships_the_whole_order_from_one_warehouse(shop):  # noqa: ANN001
    rules = [dict(r) for r in DEMO_RULES]
    rules[0] = rules[0] | {"keep_together": True}
    save_rule_set(shop.make_uow, "system", rules, permission=DEMO)
    _take(shop, channel_order("K1", province="浙江", lines=(BOX, BASIN)))
    assert _where(shop, "TBK1") == [("SZ-SHENZHEN", ["STOR-BOX-L-WHT", "BASIN-FOLD-32-BLU"])]


def test_allocation_reserves_stock_and_writes_the_ledger(shop):  # noqa: ANN001
    before = {r.warehouse: r for r in stock_levels(shop.make_uow, "system", sku="STOR-BOX-L-WHT")}
    _take(shop, channel_order("R1", province="江苏", lines=(OrderLine(BOX.sku, BOX.title, 3, 4590, 13770),)))
    after = {r.warehouse: r for r in stock_levels(shop.make_uow, "system", sku="STOR-BOX-L-WHT")}
    assert after["SZ-SUZHOU"].reserved == before["SZ-SUZHOU"].reserved + 3
    assert after["SZ-SUZHOU"].on_hand == before["SZ-SUZHOU"].on_hand


def test_a_warehouse_out_of_stock_is_skipped_to_the_next_matching_rule(shop):  # noqa: ANN001
    rules = [
        {"name": "江浙沪苏州", "condition": '收货省 in ["江苏", "浙江", "上海"]', "action": "assign_warehouse",
         "params": {"warehouse": "SZ-SUZHOU"}},
        {"name": "兜底深圳", "condition": "订单金额 >= 0", "action": "assign_warehouse",
         "params": {"warehouse": "SZ-SHENZHEN"}},
    ]  # fmt: skip
    save_rule_set(shop.make_uow, "system", rules, permission=DEMO)
    _drain(shop, "STOR-BOX-L-WHT", "SZ-SUZHOU")
    _take(shop, channel_order("O1", province="江苏", lines=(BOX,)))
    assert _where(shop, "TBO1") == [("SZ-SHENZHEN", ["STOR-BOX-L-WHT"])]


def test_no_stock_anywhere_or_no_rule_holds_the_order_with_a_reason(shop):  # noqa: ANN001
    rules = [{"name": "只发江浙沪", "condition": '收货省 in ["江苏", "浙江", "上海"]', "action": "assign_warehouse",
              "params": {"warehouse": "SZ-SUZHOU"}}]  # fmt: skip
    save_rule_set(shop.make_uow, "system", rules, permission=DEMO)
    _drain(shop, "STOR-BOX-M-WHT", "SZ-SUZHOU")
    _take(shop, channel_order("H1", province="广东", lines=(BOX,)),
          channel_order("H2", province="江苏", lines=(OrderLine("STOR-BOX-M-WHT", "中号", 1, 3290, 3290),)))
    h1, h2 = (order_detail(shop.make_uow, "system", n).row for n in ("TBH1", "TBH2"))
    assert h1.status == h2.status == "ON_HOLD"
    assert "没有匹配" in h1.hold_reason and "库存不足" in h2.hold_reason


def test_a_held_order_is_resolved_by_hand_with_a_reason_in_the_log(shop):  # noqa: ANN001
    save_rule_set(shop.make_uow, "system", [{"name": "大额审核", "condition": "订单金额 > 50", "action": "hold",
                                           "params": {"reason": "大额订单"}}] + DEMO_RULES,
                  permission=DEMO)  # fmt: skip
    _take(shop, channel_order("M1", province="江苏", lines=(BOX, BASIN)))
    assert order_detail(shop.make_uow, "system", "TBM1").row.status == "ON_HOLD"
    assign_by_hand(shop.make_uow, "system", "TBM1", "SZ-SHENZHEN", "客户要求一起发")
    assert order_detail(shop.make_uow, "system", "TBM1").row.status == "ALLOCATED"
    assert _where(shop, "TBM1") == [("SZ-SHENZHEN", ["STOR-BOX-L-WHT", "BASIN-FOLD-32-BLU"])]
    _admin(shop)
    trail = audit_trail(shop.make_uow, "boss", AuditFilter(object_id="TBM1"))
    manual = [r for r in trail if r.action == "order.allocate_by_hand"]
    assert manual and manual[0].details["reason"] == "客户要求一起发" and manual[0].username == "system"


def test_gift_rule_adds_the_gift_once(shop):  # noqa: ANN001
    big = OrderLine("STOR-DRAWER-3", "抽屉式收纳柜", 2, 8990, 17980)
    _take(shop, replace(channel_order("G1", province="江苏", lines=(big,)), total_fen=17980))
    allocate_orders(shop.make_uow, "system", ["TBG1"])  # already allocated: nothing happens twice
    d = order_detail(shop.make_uow, "system", "TBG1")
    gifts = [ln for ln in d.lines if ln.is_gift]
    assert [(g.sku, g.quantity) for g in gifts] == [("GIFT-TOWEL", 1)]


def test_without_rules_orders_stay_paid(store):  # noqa: ANN001
    load_demo_master_data(store.make_uow)
    _take(store, channel_order("P1", province="江苏", lines=(BOX,)))
    assert order_detail(store.make_uow, "system", "TBP1").row.status == "PAID"


def test_a_broken_rule_is_refused_with_its_position_and_nothing_is_saved(shop):  # noqa: ANN001
    before = rule_versions(shop.make_uow, "system")
    bad = DEMO_RULES + [{"name": "写错的", "condition": '收货城市 == "苏州"', "action": "assign_warehouse",
                         "params": {"warehouse": "SZ-SUZHOU"}}]  # fmt: skip
    with pytest.raises(RuleSetError) as caught:
        save_rule_set(shop.make_uow, "system", bad, permission=DEMO)
    assert caught.value.index == len(DEMO_RULES) and caught.value.position == 0
    assert "收货城市" in caught.value.zh
    gone = DEMO_RULES[:1] + [{"name": "没仓库", "condition": "订单金额 > 0", "action": "assign_warehouse",
                              "params": {"warehouse": "NOPE"}}]  # fmt: skip
    with pytest.raises(RuleSetError, match="NOPE"):
        save_rule_set(shop.make_uow, "system", gone, permission=DEMO)
    assert rule_versions(shop.make_uow, "system") == before


def test_roll_back_restores_an_earlier_version(shop):  # noqa: ANN001
    first = rule_versions(shop.make_uow, "system")[0].version
    save_rule_set(shop.make_uow, "system", DEMO_RULES[:2], permission=DEMO)
    assert len(current_rules(shop.make_uow, "system")) == 2
    _admin(shop)
    newest = roll_back(shop.make_uow, "boss", first)
    assert [r["name"] for r in current_rules(shop.make_uow, "system")] == [r["name"] for r in DEMO_RULES]
    assert rule_versions(shop.make_uow, "system")[0].version == newest > first


def test_stock_never_goes_negative(shop):  # noqa: ANN001
    level = {r.warehouse: r for r in stock_levels(shop.make_uow, "system", sku="STOR-BOX-L-WHT")}["TJ"]
    with pytest.raises(StockShort):
        _move(shop, "STOR-BOX-L-WHT", "TJ", -(level.on_hand + 1))
    after = {r.warehouse: r for r in stock_levels(shop.make_uow, "system", sku="STOR-BOX-L-WHT")}["TJ"]
    assert after.on_hand == level.on_hand


def test_preview_counts_where_orders_would_go_and_writes_nothing(shop):  # noqa: ANN001
    _take(shop, *(channel_order(f"V{i}", province=p, lines=(BOX,)) for i, p in enumerate(["江苏", "北京", "广东"])))
    only_suzhou = [{"name": "全部苏州", "condition": "订单金额 >= 0", "action": "assign_warehouse",
                    "params": {"warehouse": "SZ-SUZHOU"}}]  # fmt: skip
    preview = preview_rule_set(shop.make_uow, "system", only_suzhou, orders=100)
    assert preview.orders == 3 and preview.by_warehouse == {"SZ-SUZHOU": 3}
    assert preview.moved == 2
    assert _where(shop, "TBV1") == [("TJ", ["STOR-BOX-L-WHT"])]


def _admin(store) -> None:  # noqa: ANN001
    from orderdesk.services.users import create_first_admin, needs_first_admin

    if needs_first_admin(store.make_uow):
        create_first_admin(store.make_uow, "boss", "老板", "boss-password")


def _move(store, sku, wh, delta):  # noqa: ANN001
    from orderdesk.services.actors import now_utc, require_actor
    from orderdesk.services.ports import Movement

    with store.make_uow(write=True) as uow:
        who = require_actor(uow, "system")
        uow.stock.move([Movement(sku, wh, on_hand=delta, reason="test")], who.id, now_utc())
        uow.commit()


def _drain(store, sku, wh):  # noqa: ANN001
    level = {r.warehouse: r for r in stock_levels(store.make_uow, "system", sku=sku)}[wh]
    _move(store, sku, wh, -level.available)


def test_reallocation_after_a_rule_change_is_previewed_then_moves_orders_and_their_stock(shop):  # noqa: ANN001
    from orderdesk.services.allocation import reallocate_orders, reallocation_candidates

    big = OrderLine("STOR-DRAWER-3", "抽屉式收纳柜", 2, 8990, 17980)
    _take(shop, replace(channel_order("Z1", province="江苏", lines=(big,)), total_fen=17980))
    assert _where(shop, "TBZ1") == [("SZ-SUZHOU", ["STOR-DRAWER-3", "GIFT-TOWEL"])]
    before = {r.warehouse: r.reserved for r in stock_levels(shop.make_uow, "system", sku="STOR-DRAWER-3")}
    moved_rules = [{"name": "全部成都", "condition": "订单金额 >= 0", "action": "assign_warehouse",
                    "params": {"warehouse": "CD"}}] + DEMO_RULES  # fmt: skip
    save_rule_set(shop.make_uow, "system", moved_rules, permission=DEMO)
    nos = reallocation_candidates(shop.make_uow, "system")
    preview = preview_rule_set(shop.make_uow, "system", moved_rules, order_nos=nos)
    assert preview.moves[("SZ-SUZHOU", "CD")] == 1
    assert _where(shop, "TBZ1")[0][0] == "SZ-SUZHOU"  # a preview changes nothing
    report = reallocate_orders(shop.make_uow, "system", nos)
    assert report.allocated == 1
    assert _where(shop, "TBZ1") == [("CD", ["STOR-DRAWER-3", "GIFT-TOWEL"])]
    after = {r.warehouse: r.reserved for r in stock_levels(shop.make_uow, "system", sku="STOR-DRAWER-3")}
    assert after["SZ-SUZHOU"] == before["SZ-SUZHOU"] - 2 and after["CD"] == before["CD"] + 2
    d = order_detail(shop.make_uow, "system", "TBZ1")
    assert [ln.sku for ln in d.lines if ln.is_gift] == ["GIFT-TOWEL"]  # the gift is not added twice
    assert [e.to_status for e in d.events if e.kind == "TRANSITION"][-2:] == ["PAID", "ALLOCATED"]


def test_a_rule_naming_a_retired_warehouse_leaves_new_orders_paid_with_a_clear_error(shop):  # noqa: ANN001
    from sqlalchemy import update

    from orderdesk.store.models import Warehouse

    with shop.make_uow(write=True) as uow:
        uow.session.execute(update(Warehouse).where(Warehouse.code == "TJ").values(active=False))
        uow.commit()
    report = intake_orders(shop.make_uow, [channel_order("D1", province="北京", lines=(BOX,))], actor="system")
    assert report.created == 1 and report.allocation_error is not None
    assert "TJ" in report.allocation_error.zh and "不存在或已停用" in report.allocation_error.zh
    assert order_detail(shop.make_uow, "system", "TBD1").row.status == "PAID"
