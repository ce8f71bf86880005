"""Rules, allocation, stock and product import driven through the CLI, as scripts and ops staff do.

The commands run in-process (`orderdesk_inproc`): these tests are about what the verbs do, not about
the process; each test gets its own copy of one demo database built once for the module.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from orderdesk.bootstrap import open_store
from orderdesk.services.orders import order_detail
from tests.e2e.test_cli import cli_env, copy_sqlite  # noqa: F401 - fixture shared with the CLI tests
from tests.e2e.test_cli import orderdesk_inproc as orderdesk

SEED_RULES = [
    ("折叠盆一律深圳仓", "商品类目 == “折叠盆”", "SZ-SHENZHEN"),  # typed on a Chinese IME: full-width quotes
    ("江浙沪发苏州仓", '收货省 in ["江苏", "浙江", "上海"] and 商品类目 != "折叠盆"', "SZ-SUZHOU"),
    ("北方发天津仓", '区域 in ["华北", "东北"]', "TJ"),
]


@pytest.fixture(scope="module")
def demo_template(cli_env, tmp_path_factory: pytest.TempPathFactory) -> str:  # noqa: ANN001, F811
    url = f"sqlite:///{tmp_path_factory.mktemp('alloc') / 'alloc.db'}"
    orderdesk(cli_env, "--db", url, "db", "upgrade")
    orderdesk(cli_env, "--db", url, "demo-data", "--orders", "300", "--seed", "4")
    return url


@pytest.fixture
def db(demo_template: str, tmp_path: Path) -> str:
    return copy_sqlite(demo_template, tmp_path)


def _json(env, *args):  # noqa: ANN001, ANN002
    return json.loads(orderdesk(env, *args).stdout)


def _line_skus(url: str, order_nos: list[str]) -> dict[str, list[str]]:
    """Each order's line SKUs, read through the same query `orders show` uses, in one store opening
    (an `orders show` per order would open the database hundreds of times)."""
    store = open_store(url)
    try:
        return {no: [ln.sku for ln in order_detail(store.make_uow, "system", no).lines] for no in order_nos}
    finally:
        store.close()


def test_seed_rules_typed_on_the_command_line_allocate_the_demo_orders(cli_env, db):  # noqa: ANN001, F811
    for name, when, wh in SEED_RULES:
        orderdesk(cli_env, "--db", db, "rules", "add", "--name", name, "--when", when, "--warehouse", wh)
    listed = _json(cli_env, "--db", db, "rules", "list", "--json")
    assert [r["name"] for r in listed] == [n for n, _, _ in SEED_RULES]
    report = _json(cli_env, "--db", db, "allocate", "--pending", "--json")
    assert report["allocated"] > 0
    orders = _json(cli_env, "--db", db, "orders", "list", "--json", "--limit", "1000")
    allocated = [o for o in orders if o["status"] == "ALLOCATED"]
    skus = _line_skus(db, [o["order_no"] for o in allocated])
    for o in allocated:
        basin = any(sku.startswith("BASIN-FOLD") for sku in skus[o["order_no"]])
        if basin and len(skus[o["order_no"]]) == 1:
            assert o["warehouse"] == "SZ-SHENZHEN", o
        elif not basin and o["province"] in ("江苏省", "浙江省", "上海市"):
            assert o["warehouse"] == "SZ-SUZHOU", o
        elif not basin and o["province"] in ("北京市", "天津市", "河北省", "辽宁省", "黑龙江省"):
            assert o["warehouse"] == "TJ", o
    held = _json(cli_env, "--db", db, "held", "--json")
    assert held and all(h["hold_reason"] for h in held)  # e.g. 广东 matches none of the three rules


def test_a_wrong_rule_is_refused_with_its_position(cli_env, db):  # noqa: ANN001, F811
    proc = orderdesk(cli_env, "--db", db, "rules", "add", "--name", "错的", "--when", '收货城市 == "苏州"',
                     "--warehouse", "SZ-SUZHOU", ok=False)  # fmt: skip
    assert proc.returncode != 0 and "收货城市" in proc.stderr and "收货市" in proc.stderr
    assert _json(cli_env, "--db", db, "rules", "list", "--json") == []


def test_export_import_round_trip_and_preview(cli_env, db, tmp_path: Path):  # noqa: ANN001, F811
    for name, when, wh in SEED_RULES:
        orderdesk(cli_env, "--db", db, "rules", "add", "--name", name, "--when", when, "--warehouse", wh)
    out = tmp_path / "rules.json"
    orderdesk(cli_env, "--db", db, "rules", "export", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    data["rules"].append({"name": "其余苏州", "condition": "订单金额 >= 0", "action": "assign_warehouse",
                          "params": {"warehouse": "SZ-SUZHOU"}})  # fmt: skip
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    preview = _json(cli_env, "--db", db, "rules", "test", "--file", str(out), "--orders", "300", "--json")
    assert preview["orders"] == 300 and "HELD" not in preview["by_warehouse"] or preview["by_warehouse"].get("HELD", 0) < 300
    assert _json(cli_env, "--db", db, "rules", "list", "--json")[-1]["name"] == "北方发天津仓"  # preview saved nothing
    orderdesk(cli_env, "--db", db, "rules", "import", str(out))
    versions = _json(cli_env, "--db", db, "rules", "versions", "--json")
    assert versions[0]["rules"] == 4 and len(versions) == 4


def test_products_import_reports_rows_and_writes_all_or_nothing(cli_env, db, tmp_path: Path):  # noqa: ANN001, F811
    f = tmp_path / "products.csv"
    with f.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["商家编码", "商品名称", "商品类目", "单价(元)", "重量(g)", "条码", "预警数量", "仓库", "库位", "库存"])
        w.writerow(["NEW-CUP-01", "保温杯 500ml", "厨房用品", "¥59.00", "350", "JJ900001", "10", "苏州仓", "C-01", "120"])
        w.writerow(["", "没有编码", "厨房用品", "1", "1", "", "", "", "", ""])
        w.writerow(["NEW-CUP-02", "保温杯 350ml", "厨房用品", "49", "300", "JJ000101", "", "SZ-SUZHOU", "C-02", "-5"])
    proc = orderdesk(cli_env, "--db", db, "products", "import", str(f), ok=False)
    assert proc.returncode != 0
    assert "第 3 行" in proc.stderr and "第 4 行" in proc.stderr
    assert _json(cli_env, "--db", db, "stock", "list", "--sku", "NEW-CUP-01", "--json") == []
    orderdesk(cli_env, "--db", db, "products", "import", str(f), "--skip-errors")
    stock = _json(cli_env, "--db", db, "stock", "list", "--sku", "NEW-CUP-01", "--json")
    assert [(s["warehouse"], s["on_hand"], s["bin"]) for s in stock] == [("SZ-SUZHOU", 120, "C-01")]


def test_stock_cannot_go_negative_and_low_stock_is_listed(cli_env, db):  # noqa: ANN001, F811
    level = _json(cli_env, "--db", db, "stock", "list", "--sku", "BABY-TUB-FOLD", "--warehouse", "TJ", "--json")[0]
    proc = orderdesk(cli_env, "--db", db, "stock", "adjust", "BABY-TUB-FOLD", "--warehouse", "TJ",
                     "--delta", str(-(level["on_hand"] + 1)), ok=False)  # fmt: skip
    assert proc.returncode != 0 and "BABY-TUB-FOLD" in proc.stderr
    orderdesk(cli_env, "--db", db, "stock", "adjust", "BABY-TUB-FOLD", "--warehouse", "TJ",
              "--delta", str(-(level["available"] - 3)))  # fmt: skip
    low = _json(cli_env, "--db", db, "stock", "list", "--low", "--json")
    assert {"sku": "BABY-TUB-FOLD", "warehouse": "TJ"}.items() <= next(
        r for r in low if r["sku"] == "BABY-TUB-FOLD" and r["warehouse"] == "TJ").items()


def test_a_held_order_is_assigned_by_hand(cli_env, db):  # noqa: ANN001, F811
    orderdesk(cli_env, "--db", db, "rules", "add", "--name", "只发江浙沪", "--when", '收货省 in ["江苏", "浙江", "上海"]',
              "--warehouse", "SZ-SUZHOU")  # fmt: skip
    orderdesk(cli_env, "--db", db, "allocate", "--pending")
    held = _json(cli_env, "--db", db, "held", "--json")
    target = held[0]["order_no"]
    refused = orderdesk(cli_env, "--db", db, "assign", target, "--warehouse", "SZ-SUZHOU", "--reason", " ", ok=False)
    assert refused.returncode != 0
    orderdesk(cli_env, "--db", db, "assign", target, "--warehouse", "SZ-SUZHOU", "--reason", "客户同意从苏州发")
    assert _json(cli_env, "--db", db, "orders", "show", target, "--json")["status"] == "ALLOCATED"
