"""`orderdesk products import`, `orderdesk stock …`, `orderdesk held` and `orderdesk assign`."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import quarantine_cmd
from .auth import with_store
from .inputs import int_range
from .output import error, print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    products = verbs.add_parser("products", help="products and their barcodes", parents=[common])
    sub = products.add_subparsers(dest="products_verb", required=True, metavar="ACTION")
    imp = sub.add_parser("import", help="import products and stock from .xlsx or .csv", parents=[common])
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    imp.add_argument("--skip-errors", action="store_true", help="write the good rows even if some are wrong")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=run_import)
    pls = sub.add_parser("list", help="products with category, price, weight and barcodes", parents=[common])
    pls.add_argument("--sku", help="only this SKU")
    pls.add_argument("--category", help="only this category (类目)")
    pls.add_argument("--json", action="store_true")
    pls.set_defaults(handler=run_products_list)
    stock = verbs.add_parser("stock", help="stock levels and adjustments", parents=[common])
    ssub = stock.add_subparsers(dest="stock_verb", required=True, metavar="ACTION")
    ls = ssub.add_parser("list", help="stock per SKU and warehouse", parents=[common])
    ls.add_argument("--sku")
    ls.add_argument("--warehouse", help="its code or its name (深圳仓)")
    ls.add_argument("--low", action="store_true", help="only SKUs under their low-stock threshold (alerts)")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_stock_list)
    adj = ssub.add_parser("adjust", help="receive (+N) or remove (-N) stock", parents=[common])
    adj.add_argument("sku")
    adj.add_argument("--warehouse", required=True, help="its code or its name")
    adj.add_argument("--delta", type=int_range(-1_000_000, 1_000_000), required=True)
    adj.add_argument("--reason", default="adjust")
    adj.add_argument("--note", default="")
    adj.set_defaults(handler=run_stock_adjust)
    quarantine_cmd.register_stock_verbs(ssub, common)
    held = verbs.add_parser("held", help="the exception queue: orders on hold and why", parents=[common])
    held.add_argument("--limit", type=int_range(1, 100_000), default=100)
    held.add_argument("--json", action="store_true")
    held.set_defaults(handler=run_held)
    assign = verbs.add_parser("assign", help="allocate a held order to a warehouse by hand", parents=[common])
    assign.add_argument("order_no", metavar="ORDER_NO")
    assign.add_argument("--warehouse", required=True, help="its code or its name")
    assign.add_argument("--reason", required=True)
    assign.set_defaults(handler=run_assign)



def run_import(args: argparse.Namespace) -> int:
    from ..imports.products_file import load_products_file
    from ..services.product_import import import_products, known_skus

    def work(mk, actor):  # noqa: ANN001, ANN202
        parsed = load_products_file(args.file, known_skus=known_skus(mk))
        return import_products(mk, actor, parsed, dry_run=args.dry_run, skip_errors=args.skip_errors)

    report = with_store(args, work)
    if args.json:
        print_json(report.to_json(args.lang))
    else:
        en = args.lang == "en"
        state = ("written" if report.written else "nothing written") if en else ("已写入" if report.written else "未写入")
        print((f"{report.new_products} new, {report.updated_products} updated products, {report.stock_rows} stock rows: {state}"
               if en else f"新商品 {report.new_products}，更新 {report.updated_products}，库存行 {report.stock_rows}：{state}"))  # fmt: skip
        for e in report.errors:
            error(e.format(args.lang))
    return 1 if report.errors and not report.written and not args.dry_run else 0


def run_products_list(args: argparse.Namespace) -> int:
    from ..services.catalog_queries import list_products

    rows = with_store(args, lambda mk, actor: list_products(mk, actor, args.sku, args.category))
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    en = args.lang == "en"
    print_table(["SKU", "Name" if en else "商品", "Category" if en else "类目", "Price" if en else "单价",
                 "Weight (g)" if en else "重量(g)", "Low stock" if en else "预警", "Barcodes" if en else "条码"],
                [[r.sku, r.name, r.category, f"{r.unit_price_fen / 100:.2f}", r.weight_g,
                  "" if r.low_stock_threshold is None else r.low_stock_threshold, " ".join(r.barcodes)]
                 for r in rows])  # fmt: skip
    return 0


def run_stock_list(args: argparse.Namespace) -> int:
    from ..services.stock import stock_levels

    rows = with_store(args, lambda mk, actor: stock_levels(mk, actor, args.sku, args.warehouse, args.low))
    if args.json:
        print_json([{"sku": r.sku, "name": r.name, "warehouse": r.warehouse, "bin": r.bin, "on_hand": r.on_hand,
                     "reserved": r.reserved, "frozen": r.frozen, "available": r.available,
                     "quarantined": r.quarantined, "threshold": r.threshold} for r in rows])  # fmt: skip
        return 0
    print_table(["SKU", "商品/name", "仓库/wh", "库位/bin", "在库", "预占", "冻结", "可用", "隔离", "预警"],
                [[r.sku, r.name, r.warehouse, r.bin, r.on_hand, r.reserved, r.frozen, r.available, r.quarantined,
                  r.threshold if r.threshold is not None else ""] for r in rows])  # fmt: skip
    return 0


def run_stock_adjust(args: argparse.Namespace) -> int:
    from ..services.stock import adjust_stock

    with_store(args, lambda mk, actor: adjust_stock(mk, actor, args.sku, args.warehouse, args.delta, args.reason, args.note))
    print(f"{args.sku} @ {args.warehouse}: {args.delta:+d}")
    return 0


def run_held(args: argparse.Namespace) -> int:
    from ..services.orders import list_orders
    from ..services.read_models import OrderFilter

    rows = with_store(args, lambda mk, actor: list_orders(mk, actor, OrderFilter(status="ON_HOLD"), limit=args.limit))
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    print_table(["订单号/order", "省份", "金额", "原因/reason"],
                [[r.order_no, r.province or "?", f"{r.total_fen / 100:.2f}", r.hold_reason] for r in rows])  # fmt: skip
    return 0


def run_assign(args: argparse.Namespace) -> int:
    from ..services.allocation import assign_by_hand

    with_store(args, lambda mk, actor: assign_by_hand(mk, actor, args.order_no, args.warehouse, args.reason))
    print(f"{args.order_no} → {args.warehouse}")
    return 0
