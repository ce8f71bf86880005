"""A warehouse day scripted through the CLI: products files with bad values, warehouses by name,
demo data run again, parcels and products read back, the products benchmark.

The commands run in-process; each test gets its own copy of one demo database built per module."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.e2e.test_cli import cli_env, copy_sqlite, refused  # noqa: F401 - fixture shared with the CLI tests
from tests.e2e.test_cli import orderdesk_inproc as orderdesk

HEADER = ["商家编码", "商品名称", "类目", "单价(元)", "重量(g)", "仓库", "库存"]


def _json(env, *args: str):  # noqa: ANN001, ANN202
    return json.loads(orderdesk(env, *args).stdout)


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


@pytest.fixture(scope="module")
def demo_template(cli_env, tmp_path_factory: pytest.TempPathFactory) -> str:  # noqa: F811
    url = f"sqlite:///{tmp_path_factory.mktemp('day') / 'day.db'}"
    orderdesk(cli_env, "--db", url, "db", "upgrade")
    orderdesk(cli_env, "--db", url, "demo-data", "--orders", "30", "--seed", "5", "--with-rules", "--json")
    return url


@pytest.fixture
def demo(demo_template: str, tmp_path: Path) -> str:
    return copy_sqlite(demo_template, tmp_path)


def test_a_products_file_with_numbers_too_large_is_refused_row_by_row_and_writes_nothing(cli_env, demo, tmp_path):  # noqa: F811
    path = _csv(tmp_path / "p.csv", [["NEW-1", "新品", "杂货", "1e308", "10", "SZ-SUZHOU", "1"],
                                     ["NEW-2", "新品", "杂货", "1", "99999999999999999999", "SZ-SUZHOU", "1"],
                                     ["X" * 100_000, "新品", "杂货", "1", "1", "SZ-SUZHOU", "1"]])  # fmt: skip
    proc = orderdesk(cli_env, "--db", demo, "products", "import", str(path), ok=False)
    message = refused(proc) if proc.stdout == "" else proc.stderr
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "第 2 行" in message and "第 3 行" in message and "第 4 行" in message and "太大" in message
    assert "太长" in message and len(message) < 2000
    en = orderdesk(cli_env, "--db", demo, "--lang", "en", "products", "import", str(path), "--json", ok=False)
    assert [e["row"] for e in json.loads(en.stdout)["errors"]] == [2, 3, 4]
    assert "too large" in en.stdout and "too long" in en.stdout
    assert refused(orderdesk(cli_env, "--db", demo, "products", "list", "--sku", "NEW-1", ok=False))


def test_warehouses_are_named_by_name_or_code_everywhere(cli_env, demo):  # noqa: F811
    by_code = _json(cli_env, "--db", demo, "stock", "list", "--warehouse", "SZ-SHENZHEN", "--json")
    assert by_code and _json(cli_env, "--db", demo, "stock", "list", "--warehouse", "深圳仓", "--json") == by_code
    orderdesk(cli_env, "--db", demo, "rules", "add", "--name", "t", "--when", '商品类目 == "折叠盆"',
              "--warehouse", "深圳仓")  # fmt: skip
    assert _json(cli_env, "--db", demo, "rules", "list", "--json")[-1]["params"]["warehouse"] == "SZ-SHENZHEN"
    orderdesk(cli_env, "--db", demo, "stock", "adjust", "BASIN-FOLD-32-BLU", "--warehouse", "苏州仓", "--delta", "5")
    before = {(r["sku"], r["warehouse"]): r["on_hand"] for r in by_code}
    after = _json(cli_env, "--db", demo, "stock", "list", "--sku", "BASIN-FOLD-32-BLU", "--warehouse", "sz-suzhou", "--json")
    assert [r["warehouse"] for r in after] == ["SZ-SUZHOU"] and before  # the code in any letter case
    by_name, by_code_ = (_json(cli_env, "--db", demo, "orders", "list", "--warehouse", wh, "--json")
                         for wh in ("深圳仓", "SZ-SHENZHEN"))  # fmt: skip
    # minutes left to ship-by tick between the two calls; the orders themselves must be the same
    assert by_name and [o["order_no"] for o in by_name] == [o["order_no"] for o in by_code_]
    assert {o["warehouse"] for o in by_name} == {"SZ-SHENZHEN"}


@pytest.mark.parametrize("verb", [["stock", "list", "--json"], ["orders", "list", "--json"],
                                  ["rules", "add", "--name", "t", "--when", '收货省 == "江苏省"'],
                                  ["stock", "adjust", "BASIN-FOLD-32-BLU", "--delta", "1"]])  # fmt: skip
def test_an_unknown_warehouse_is_refused_with_the_list_of_warehouses(cli_env, demo, verb):  # noqa: F811
    message = refused(orderdesk(cli_env, "--db", demo, *verb, "--warehouse", "火星仓", ok=False))
    assert "火星仓" in message and "深圳仓（SZ-SHENZHEN）" in message and "苏州仓（SZ-SUZHOU）" in message
    en = refused(orderdesk(cli_env, "--db", demo, "--lang", "en", *verb, "--warehouse", "火星仓", ok=False))
    assert "No warehouse has the name or code '火星仓'" in en and "深圳仓 (SZ-SHENZHEN)" in en


def test_demo_data_again_keeps_the_categories_a_products_import_changed(cli_env, demo, tmp_path):  # noqa: F811
    path = _csv(tmp_path / "cat.csv", [["BASIN-FOLD-32-BLU", "", "清仓", "", "", "", ""]])
    orderdesk(cli_env, "--db", demo, "products", "import", str(path))
    orderdesk(cli_env, "--db", demo, "demo-data", "--orders", "0")
    [p] = _json(cli_env, "--db", demo, "products", "list", "--sku", "BASIN-FOLD-32-BLU", "--json")
    assert p["category"] == "清仓" and len(p["barcodes"]) == 2


def test_orders_show_has_parcels_with_waybills_and_lines_with_barcodes_and_category(cli_env, demo, tmp_path):  # noqa: F811
    allocated = _json(cli_env, "--db", demo, "orders", "list", "--status", "ALLOCATED", "--json")
    order_no = allocated[0]["order_no"]
    orderdesk(cli_env, "--db", demo, "labels", order_no, "--out", str(tmp_path / "l.pdf"))
    detail = _json(cli_env, "--db", demo, "orders", "show", order_no, "--json")
    [parcel, *_] = detail["parcels"]
    assert parcel["waybill"] and parcel["courier"] and parcel["warehouse"] and parcel["lines"]
    products = {p["sku"]: p for p in _json(cli_env, "--db", demo, "products", "list", "--json")}
    for line in detail["lines"]:
        assert line["barcodes"] == products[line["sku"]]["barcodes"] and line["barcodes"]
        assert line["category"] == products[line["sku"]]["category"]
    table = orderdesk(cli_env, "--db", demo, "orders", "show", order_no).stdout
    assert parcel["waybill"] in table and parcel["courier"] in table and products[detail["lines"][0]["sku"]]["barcodes"][0] in table


def test_products_list_filters_by_sku_and_category_and_refuses_unknown_ones(cli_env, demo):  # noqa: F811
    everything = _json(cli_env, "--db", demo, "products", "list", "--json")
    assert len(everything) > 10 and all(p["barcodes"] for p in everything if p["category"] != "赠品")
    basins = _json(cli_env, "--db", demo, "products", "list", "--category", "折叠盆", "--json")
    assert basins == [p for p in everything if p["category"] == "折叠盆"] and basins
    message = refused(orderdesk(cli_env, "--db", demo, "products", "list", "--category", "没有的类目", ok=False))
    assert "折叠盆" in message
    assert "BASIN-FOLD-32-BLU" in orderdesk(cli_env, "--db", demo, "products", "list").stdout


def test_products_bench_prints_figures(cli_env):  # noqa: F811
    figures = _json(cli_env, "bench", "--only", "products", "--products-rows", "400", "--json")["products"]
    assert figures["rows"] == 400 and figures["skus"] == 200 and figures["parse_s"] > 0
    assert figures["import_new_s"] > 0 and figures["import_update_s"] > 0 and "meets_floors" in figures
