"""Quarantine stock on a real database: never allocated, moved back or written off, each move in the
ledger, refusals audited and changing nothing; and `stock list` showing it."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from orderdesk.demo.rules import DEMO_RULES
from orderdesk.demo.seed import load_demo_master_data
from orderdesk.domain.access import Permission
from orderdesk.domain.errors import DomainError, StockShort
from orderdesk.domain.model import OrderLine
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import order_detail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.quarantine import quarantine_returned, quarantine_stock, release_quarantine, write_off
from orderdesk.services.rule_sets import save_rule_set
from orderdesk.services.stock import stock_levels
from tests.helpers.builders import channel_order
from tests.helpers.cli_inproc import run_cli

SKU = "STOR-BOX-L-WHT"
BOX = OrderLine(SKU, "加厚收纳箱 大号", 1, 4590, 4590)


@pytest.fixture
def shop(store):  # noqa: ANN001
    load_demo_master_data(store.make_uow)
    save_rule_set(store.make_uow, "system", DEMO_RULES, permission=Permission.LOAD_DEMO_DATA)
    return store


def _levels(store) -> dict:  # noqa: ANN001
    return {r.warehouse: r for r in stock_levels(store.make_uow, "system", sku=SKU)}


def _ledger(store, reason: str) -> list[tuple]:  # noqa: ANN001
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            "SELECT w.code, l.on_hand_delta, l.reserved_delta, l.quarantined_delta, l.note, l.order_id "
            "FROM stock_ledger l JOIN warehouses w ON w.id = l.warehouse_id JOIN products p ON p.id = l.product_id "
            "WHERE l.reason = :r AND p.sku = :sku ORDER BY l.id"), {"r": reason, "sku": SKU})]


def test_quarantined_stock_is_never_allocated(shop):  # noqa: ANN001
    for wh, row in _levels(shop).items():
        if row.available:
            quarantine_stock(shop.make_uow, "system", SKU, wh, row.available, "箱子压坏")
    assert all(r.available == 0 and r.quarantined > 0 for r in _levels(shop).values())
    intake_orders(shop.make_uow, [channel_order("Q1", province="江苏", lines=(BOX,))], actor="system")
    held = order_detail(shop.make_uow, "system", "TBQ1").row
    assert held.status == "ON_HOLD"
    assert all(r.reserved == 0 for r in _levels(shop).values())

    release_quarantine(shop.make_uow, "system", SKU, "SZ-SUZHOU", 1, "复检完好")
    intake_orders(shop.make_uow, [channel_order("Q2", province="江苏", lines=(BOX,))], actor="system")
    assert order_detail(shop.make_uow, "system", "TBQ2").row.status == "ALLOCATED"
    assert _levels(shop)["SZ-SUZHOU"].reserved == 1


def test_each_move_is_a_ledger_row_and_the_levels_follow(shop):  # noqa: ANN001
    before = _levels(shop)["SZ-SUZHOU"]
    quarantine_stock(shop.make_uow, "system", SKU, "SZ-SUZHOU", 5, "水渍")
    release_quarantine(shop.make_uow, "system", SKU, "SZ-SUZHOU", 2, "晾干可售")
    write_off(shop.make_uow, "system", SKU, "SZ-SUZHOU", 3, "无法修复")
    after = _levels(shop)["SZ-SUZHOU"]
    assert (after.on_hand, after.quarantined) == (before.on_hand - 3, before.quarantined)
    assert _ledger(shop, "quarantine") == [("SZ-SUZHOU", -5, 0, 5, "水渍", None)]
    assert _ledger(shop, "quarantine_release") == [("SZ-SUZHOU", 2, 0, -2, "晾干可售", None)]
    assert _ledger(shop, "write_off") == [("SZ-SUZHOU", 0, 0, -3, "无法修复", None)]


def test_a_damaged_return_goes_straight_into_quarantine(shop):  # noqa: ANN001
    intake_orders(shop.make_uow, [channel_order("R1", province="江苏", lines=(BOX,))], actor="system")
    before = _levels(shop)["SZ-SUZHOU"]
    with shop.make_uow(write=True) as uow:
        order_id = uow.queries.find_id("TBR1")
        quarantine_returned(uow, "system", SKU, "SZ-SUZHOU", 1, "退回破损", order_id)
        uow.commit()
    after = _levels(shop)["SZ-SUZHOU"]
    assert (after.on_hand, after.available, after.quarantined) == (before.on_hand, before.available, before.quarantined + 1)
    assert _ledger(shop, "return_damaged") == [("SZ-SUZHOU", 0, 0, 1, "退回破损", order_id)]


def test_moving_more_than_there_is_is_refused_changes_nothing_and_is_audited(shop):  # noqa: ANN001
    before = _levels(shop)["SZ-SUZHOU"]
    with pytest.raises(StockShort):
        quarantine_stock(shop.make_uow, "system", SKU, "SZ-SUZHOU", before.available + 1, "全部压坏")
    with pytest.raises(StockShort):
        write_off(shop.make_uow, "system", SKU, "SZ-SUZHOU", 1, "报废")  # nothing is quarantined
    with pytest.raises(DomainError):
        release_quarantine(shop.make_uow, "system", SKU, "SZ-SUZHOU", 1, "  ")
    assert _levels(shop)["SZ-SUZHOU"] == before
    assert _ledger(shop, "quarantine") == [] and _ledger(shop, "write_off") == []
    refused = [(r.action, r.object_id, r.details["qty"]) for r in
               audit_trail(shop.make_uow, "system", AuditFilter(object_type="stock"), limit=None)
               if r.action.endswith(".refused")]  # fmt: skip
    assert sorted(refused) == sorted([("stock.quarantine.refused", f"{SKU}@SZ-SUZHOU", before.available + 1),
                                      ("stock.write_off.refused", f"{SKU}@SZ-SUZHOU", 1),
                                      ("stock.release.refused", f"{SKU}@SZ-SUZHOU", 1)])


def test_the_command_line_moves_quarantine_and_lists_it(shop, monkeypatch):  # noqa: ANN001
    monkeypatch.delenv("ORDERDESK_USER", raising=False)
    url = shop.engine.url.render_as_string(hide_password=False)
    start = _levels(shop)["SZ-SUZHOU"]
    ok = run_cli("--db", url, "stock", "quarantine", SKU, "--warehouse", "SZ-SUZHOU", "--qty", "4", "--reason", "破损")
    assert ok.code == 0, ok.err
    assert run_cli("--db", url, "stock", "write-off", SKU, "--warehouse", "SZ-SUZHOU", "--qty", "1",
                   "--reason", "报废").code == 0
    listed = run_cli("--db", url, "stock", "list", "--sku", SKU, "--warehouse", "SZ-SUZHOU", "--json")
    row = json.loads(listed.out)[0]
    assert (row["quarantined"], row["available"]) == (3, start.available - 4)
    short = run_cli("--lang", "en", "--db", url, "stock", "release-quarantine", SKU, "--warehouse", "SZ-SUZHOU",
                    "--qty", "9", "--reason", "ok")
    assert short.code == 1 and "Not enough stock" in short.err and not short.crashed
