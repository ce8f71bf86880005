"""`orderdesk rules …` and `orderdesk allocate`: the allocation rule set, and running it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.rules.shape import (
    MAX_FILE_BYTES, MAX_GIFT_QUANTITY, MAX_PREVIEW_ORDERS, MAX_RULES, parse_rule_file,
)  # fmt: skip
from .auth import with_store
from .inputs import int_range, read_input, write_output
from .output import print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rules = verbs.add_parser("rules", help="allocation and gift rules", parents=[common])
    sub = rules.add_subparsers(dest="rules_verb", required=True, metavar="ACTION")
    ls = sub.add_parser("list", help="the rule set in force, in order", parents=[common])
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    add = sub.add_parser("add", help="add one rule (saved as a new version)", parents=[common])
    add.add_argument("--name", required=True)
    add.add_argument("--when", required=True, metavar="CONDITION", help='e.g. 收货省 in ["江苏省","浙江省"]')
    add.add_argument("--warehouse", help="assign lines to this warehouse (its code or its name)")
    add.add_argument("--gift", metavar="SKU", help="add this gift SKU")
    add.add_argument("--gift-quantity", type=int_range(1, MAX_GIFT_QUANTITY), default=1)
    add.add_argument("--tag", help="add this tag")
    add.add_argument("--hold", metavar="REASON", help="hold the order for review with this reason")
    add.add_argument("--keep-together", action="store_true", help="ship the whole order from one warehouse")
    add.add_argument("--position", type=int_range(1, MAX_RULES), help="1-based place in the list (default: last)")
    add.add_argument("--disabled", action="store_true")
    add.set_defaults(handler=run_add)
    imp = sub.add_parser("import", help="replace the rule set with a JSON file (all or nothing)", parents=[common])
    imp.add_argument("file", type=Path)
    imp.add_argument("--note", default="")
    imp.set_defaults(handler=run_import)
    exp = sub.add_parser("export", help="write the rule set to a JSON file", parents=[common])
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=run_export)
    test = sub.add_parser("test", help="preview a rule set on recent orders (writes nothing)", parents=[common])
    test.add_argument("--orders", type=int_range(1, MAX_PREVIEW_ORDERS), default=1000, metavar="N")
    test.add_argument("--file", type=Path, help="a draft rule set (JSON); default: the rules in force")
    test.add_argument("--json", action="store_true")
    test.set_defaults(handler=run_test)
    ver = sub.add_parser("versions", help="saved versions of the rule set", parents=[common])
    ver.add_argument("--json", action="store_true")
    ver.set_defaults(handler=run_versions)
    rb = sub.add_parser("rollback", help="bring back an earlier version (as a new version)", parents=[common])
    rb.add_argument("version", type=int_range(1, 2**31 - 1))
    rb.set_defaults(handler=run_rollback)
    alloc = verbs.add_parser("allocate", help="allocate orders to warehouses by the rules", parents=[common])
    alloc.add_argument("orders", nargs="*", metavar="ORDER_NO")
    alloc.add_argument("--pending", action="store_true", help="every PAID order (the default without ORDER_NO)")
    alloc.add_argument("--reallocate", action="store_true",
                       help="re-plan every un-packed order with the rules in force (after a rule change)")
    alloc.add_argument("--preview", action="store_true", help="with --reallocate: show what would move, change nothing")
    alloc.add_argument("--json", action="store_true")
    alloc.set_defaults(handler=run_allocate)



def run_list(args: argparse.Namespace) -> int:
    from ..services.rule_sets import current_rules

    rules = with_store(args, current_rules)
    if args.json:
        print_json(rules)
        return 0
    rows = [[i, r["name"], r["condition"], _action_text(r), "" if r["enabled"] else "停用/off"]
            for i, r in enumerate(rules, start=1)]  # fmt: skip
    print_table(["#", "名称/name", "条件/condition", "动作/action", ""], rows)
    return 0


def _action_text(r: dict) -> str:
    p = r.get("params", {})
    from ..domain.allocation import RuleAction
    from ..services.rule_sets import ACTION_ZH

    try:
        label = ACTION_ZH[RuleAction(r["action"])]
    except ValueError:
        label = r["action"]
    detail = p.get("warehouse") or p.get("gift_sku") or p.get("tag") or p.get("reason") or ""
    return f"{label} {detail}".strip() + (" (整单同仓)" if r.get("keep_together") else "")


def run_add(args: argparse.Namespace) -> int:
    from ..services.rule_sets import add_rule

    chosen = [x for x in (args.warehouse, args.gift, args.tag, args.hold) if x]
    if len(chosen) != 1:
        raise DomainError("请在 --warehouse、--gift、--tag、--hold 中选一个动作",
                          "Give exactly one action: --warehouse, --gift, --tag or --hold")  # fmt: skip
    if args.warehouse:
        action, params = "assign_warehouse", {"warehouse": args.warehouse}
    elif args.gift:
        action, params = "add_gift", {"gift_sku": args.gift, "gift_quantity": args.gift_quantity}
    elif args.tag:
        action, params = "add_tag", {"tag": args.tag}
    else:
        action, params = "hold", {"reason": args.hold}
    rule = {"name": args.name, "condition": args.when, "action": action, "params": params,
            "enabled": not args.disabled, "keep_together": args.keep_together}  # fmt: skip
    version = with_store(args, lambda mk, actor: add_rule(mk, actor, rule, args.position))
    print(f"已保存规则，规则集版本 {version}" if args.lang != "en" else f"Rule saved; rule set version {version}")
    return 0


def _read_rules(path: Path) -> list[dict]:
    """The whole file is checked (size, JSON, nesting, every rule's shape) before the database is opened."""
    return parse_rule_file(read_input(path, limit=MAX_FILE_BYTES), str(path))


def run_import(args: argparse.Namespace) -> int:
    from ..services.rule_sets import save_rule_set

    rules = _read_rules(args.file)
    version = with_store(args, lambda mk, actor: save_rule_set(mk, actor, rules, note=args.note or f"import {args.file.name}"))
    print(f"已导入 {len(rules)} 条规则，规则集版本 {version}" if args.lang != "en"
          else f"Imported {len(rules)} rules; rule set version {version}")  # fmt: skip
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..services.rule_sets import current_rules

    rules = with_store(args, current_rules)
    write_output(args.file, (json.dumps({"rules": rules}, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    print(f"已导出 {len(rules)} 条规则到 {args.file}" if args.lang != "en" else f"Exported {len(rules)} rules to {args.file}")
    return 0


def run_test(args: argparse.Namespace) -> int:
    from ..services.rule_preview import preview_rule_set
    from ..services.rule_sets import current_rules

    from_file = _read_rules(args.file) if args.file else None

    def work(mk, actor):  # noqa: ANN001, ANN202
        draft = from_file if from_file is not None else current_rules(mk, actor)
        return preview_rule_set(mk, actor, draft, orders=args.orders)

    preview = with_store(args, work)
    if args.json:
        print_json(preview.to_json())
        return 0
    print(f"预览 {preview.orders} 单 / previewed {preview.orders} orders; moved {preview.moved}, split {preview.split}")
    print_table(["去向/outcome", "单数/orders", "示例/examples"],
                [[k, n, " ".join(preview.examples.get(k, [])[:3])] for k, n in preview.by_warehouse.most_common()])  # fmt: skip
    for reason, n in preview.held_reasons.most_common():
        print(f"  HELD {n:>6}  {reason}")
    return 0


def run_versions(args: argparse.Namespace) -> int:
    from ..services.rule_sets import rule_versions

    versions = with_store(args, rule_versions)
    if args.json:
        print_json([{"version": v.version, "at": v.at.isoformat(), "user": v.username, "note": v.note,
                     "rules": v.rule_count} for v in versions])  # fmt: skip
        return 0
    print_table(["version", "at", "user", "rules", "note"],
                [[v.version, v.at.astimezone().strftime("%Y-%m-%d %H:%M"), v.username, v.rule_count, v.note]
                 for v in versions])  # fmt: skip
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    from ..services.rule_sets import roll_back

    version = with_store(args, lambda mk, actor: roll_back(mk, actor, args.version))
    print(f"已恢复第 {args.version} 版，保存为第 {version} 版" if args.lang != "en"
          else f"Version {args.version} restored as version {version}")  # fmt: skip
    return 0


def run_allocate(args: argparse.Namespace) -> int:
    if args.reallocate:
        return _reallocate(args)
    from ..services.allocation import allocate_orders

    report = with_store(args, lambda mk, actor: allocate_orders(mk, actor, args.orders or None))
    return _print_report(args, report)


def _reallocate(args: argparse.Namespace) -> int:
    from ..services.allocation import reallocate_orders, reallocation_candidates
    from ..services.rule_preview import preview_rule_set
    from ..services.rule_sets import current_rules

    def work(mk, actor):  # noqa: ANN001, ANN202
        nos = args.orders or reallocation_candidates(mk, actor)
        if args.preview:
            return preview_rule_set(mk, actor, current_rules(mk, actor), order_nos=nos)
        return reallocate_orders(mk, actor, nos)

    result = with_store(args, work)
    if not args.preview:
        return _print_report(args, result)
    if args.json:
        print_json(result.to_json())
        return 0
    print(f"重新分仓预览：{result.orders} 单，{result.moved} 单将改变仓库 / {result.moved} of {result.orders} would move")
    for (a, b), n in result.moves.most_common():
        print(f"  {a or '—':<12} → {b:<12} {n}")
    return 0


def _print_report(args: argparse.Namespace, report) -> int:  # noqa: ANN001
    if args.json:
        print_json(report.to_json())
        return 0
    if args.lang == "en":
        print(f"Allocated {report.allocated}, held {report.held}, skipped {report.skipped}, split {report.split}, "
              f"gifts {report.gifts}")  # fmt: skip
    else:
        print(f"分仓 {report.allocated} 单，挂起 {report.held} 单，跳过 {report.skipped} 单，拆单 {report.split}，赠品 {report.gifts}")
    for wh, n in report.by_warehouse.most_common():
        print(f"  {wh:<12} {n}")
    for reason, n in report.held_reasons.most_common():
        print(f"  HELD {n:>5}  {reason}")
    return 0
