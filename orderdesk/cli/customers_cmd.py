"""`orderdesk customers list|show|merge|split` and `orderdesk tags list|add|preview|export|recompute|set`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.model import Channel
from ..domain.rules import RuleSyntaxError
from .auth import with_store
from .inputs import int_range
from .output import display_width, error, print_json, print_table

if TYPE_CHECKING:
    from datetime import datetime

    from ..services.customers import CustomerProfile


def _svc():  # noqa: ANN202 - the services module, imported when a verb runs (see cli/main.py)
    from ..services import customers  # noqa: PLC0415

    return customers


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cu = verbs.add_parser("customers", help="customer profiles across channels", parents=[common])
    sub = cu.add_subparsers(dest="customers_verb", required=True, metavar="ACTION")
    ls = sub.add_parser("list", help="the customers carrying a tag", parents=[common])
    ls.add_argument("--tag", required=True, metavar="TAG")
    ls.add_argument("--limit", type=int_range(1, 100_000), default=200)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    sh = sub.add_parser("show", help="one customer by full phone or customer id", parents=[common])
    sh.add_argument("key", metavar="PHONE|ID")
    sh.add_argument("--json", action="store_true")
    sh.add_argument("--reveal", action="store_true", help="full phones (roles allowed to; audited)")
    sh.set_defaults(handler=run_show)
    mg = sub.add_parser("merge", help="one customer across channels: join B's profile to A's (audited)",
                        parents=[common])  # fmt: skip
    mg.add_argument("into", metavar="A")
    mg.add_argument("other", metavar="B")
    mg.add_argument("--reason", required=True)
    mg.set_defaults(handler=run_merge)
    sp = sub.add_parser("split", help="take one buyer identity out of its profile (audited)", parents=[common])
    sp.add_argument("customer_id", type=int_range(1, 2**62), metavar="ID")
    sp.add_argument("--reason", required=True)
    sp.set_defaults(handler=run_split)

    tg = verbs.add_parser("tags", help="customer tags: built-in thresholds and business rules", parents=[common])
    tsub = tg.add_subparsers(dest="tags_verb", required=True, metavar="ACTION")
    tl = tsub.add_parser("list", help="the tags and the built-in thresholds", parents=[common])
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(handler=run_tags_list)
    ta = tsub.add_parser("add", help="a business tag in the rule condition language", parents=[common])
    ta.add_argument("code", metavar="CODE")
    ta.add_argument("condition", metavar="CONDITION", help='e.g. "累计消费 >= 500 且 订单数 >= 3"')
    ta.add_argument("--name", default="")
    ta.set_defaults(handler=run_tags_add)
    tp = tsub.add_parser("preview", help="who would get a tag with this condition", parents=[common])
    tp.add_argument("condition", metavar="CONDITION")
    tp.add_argument("--json", action="store_true")
    tp.set_defaults(handler=run_tags_preview)
    te = tsub.add_parser("export", help="the customers carrying a tag to an .xlsx file", parents=[common])
    te.add_argument("tag", metavar="TAG")
    te.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    te.set_defaults(handler=run_tags_export)
    tr = tsub.add_parser("recompute", help="recompute every customer's tags from the orders", parents=[common])
    tr.add_argument("--json", action="store_true")
    tr.set_defaults(handler=run_tags_recompute)
    ts = tsub.add_parser("set", help="edit a built-in threshold (e.g. high_value_fen 150000)", parents=[common])
    ts.add_argument("name", metavar="THRESHOLD")
    ts.add_argument("value", metavar="VALUE")
    ts.set_defaults(handler=run_tags_set)


def run_list(args: argparse.Namespace) -> int:
    rows = with_store(args, lambda mk, actor: _svc().list_customers(mk, actor, args.tag, limit=args.limit))
    if args.json:
        print_json([p.to_json() for p in rows])
        return 0
    _print_profiles(rows, args.lang)
    return 0


def run_show(args: argparse.Namespace) -> int:
    p = with_store(args, lambda mk, actor: _svc().customer_profile(mk, actor, args.key, reveal=args.reveal or args.json))
    if args.json:
        print_json(p.to_json())
        return 0
    _print_profiles([p], args.lang)
    en = args.lang == "en"
    print_table(["Identity", "Channel", "Buyer id", "Name", "Phone"] if en else ["身份编号", "渠道", "买家编号", "姓名", "手机"],
                [[i["id"], Channel(i["channel"]).label(args.lang), i["buyer_ref"], i["name"], i["phone"]]
                 for i in p.identities])  # fmt: skip
    return 0


def _print_profiles(rows: list[CustomerProfile], lang: str) -> None:
    en = lang == "en"
    print_table(["Customer", "Name", "Phone", "Orders", "Spend", "Refunds", "Channels", "Last order", "Tags"] if en
                else ["客户", "姓名", "手机", "订单数", "累计消费", "退款单数", "渠道", "最近下单", "标签"],
                [[p.id, p.name, p.phone, p.facts.orders, f"{p.facts.spend_fen / 100:.2f}", p.facts.refunds,
                  ", ".join(Channel(c).label(lang) for c in p.facts.channels),
                  p.facts.last_at.astimezone().strftime("%Y-%m-%d") if p.facts.last_at else "", " ".join(p.tags)]
                 for p in rows])  # fmt: skip


def run_merge(args: argparse.Namespace) -> int:
    p = with_store(args, lambda mk, actor: _svc().merge_profiles(mk, actor, args.into, args.other, args.reason))
    print(f"Merged into customer {p.id}" if args.lang == "en" else f"已合并到客户 {p.id}")
    return 0


def run_split(args: argparse.Namespace) -> int:
    with_store(args, lambda mk, actor: _svc().split_identity(mk, actor, args.customer_id, args.reason))
    print(f"Customer {args.customer_id} split off" if args.lang == "en" else f"已拆分出客户 {args.customer_id}")
    return 0


def run_tags_list(args: argparse.Namespace) -> int:
    defs, t = with_store(args, lambda mk, actor: (_svc().tag_defs(mk, actor, args.lang), _svc().thresholds(mk, actor)))
    if args.json:
        print_json({"tags": [d.to_json() for d in defs], "thresholds": t.to_json()})
        return 0
    en = args.lang == "en"
    print_table(["Tag", "Name", "Kind", "Condition"] if en else ["标签", "名称", "类型", "条件"],
                [[d.code, d.name, d.kind, d.condition] for d in defs])
    print()
    print_table(["Threshold", "Value"] if en else ["阈值", "值"], [[k, v] for k, v in t.to_json().items()])
    return 0


def _inline(exc: RuleSyntaxError, condition: str, lang: str) -> int:
    """The condition with a caret under the error, as the rule editor underlines it."""
    pos, length = getattr(exc, "position", 0), max(1, getattr(exc, "length", 1))
    error(condition)
    error(" " * display_width(condition[:pos]) + "^" * max(1, display_width(condition[pos : pos + length])))
    error(exc.reason(lang))
    return 1


def run_tags_add(args: argparse.Namespace) -> int:
    try:
        d = with_store(args, lambda mk, actor: _svc().add_tag(mk, actor, args.code, args.name, args.condition))
    except RuleSyntaxError as exc:
        return _inline(exc, args.condition, args.lang)
    print(f"Tag {d.code} saved" if args.lang == "en" else f"标签 {d.code} 已保存")
    return 0


def run_tags_preview(args: argparse.Namespace) -> int:
    try:
        pv = with_store(args, lambda mk, actor: _svc().preview_tag(mk, actor, args.condition))
    except RuleSyntaxError as exc:
        return _inline(exc, args.condition, args.lang)
    if args.json:
        print_json(pv.to_json())
        return 0
    print(f"{pv.count} of {pv.total} customers" if args.lang == "en" else f"{pv.total} 个客户中有 {pv.count} 个")
    print(_as_of(pv.as_of, args.lang))
    _print_profiles(pv.sample, args.lang)
    return 0


def _as_of(moment: datetime | None, lang: str) -> str:
    if moment is None:
        return "(figures counted from the orders now)" if lang == "en" else "（数据为当前订单实时统计）"
    when = moment.astimezone().strftime("%Y-%m-%d %H:%M")
    return f"(figures as of the last recompute, {when})" if lang == "en" else f"（数据截至上次重算：{when}）"


def run_tags_export(args: argparse.Namespace) -> int:
    n = with_store(args, lambda mk, actor: _svc().export_segment(mk, actor, args.tag, args.out))
    print(f"{n} customers written to {args.out}" if args.lang == "en" else f"已导出 {n} 个客户到 {args.out}")
    return 0


def run_tags_recompute(args: argparse.Namespace) -> int:
    counts = with_store(args, lambda mk, actor: _svc().recompute_tags(mk, actor))
    if args.json:
        print_json(counts)
        return 0
    print_table(["Tag", "Customers"] if args.lang == "en" else ["标签", "客户数"], list(counts.items()))
    return 0


def run_tags_set(args: argparse.Namespace) -> int:
    t = with_store(args, lambda mk, actor: _svc().set_threshold(mk, actor, args.name, args.value))
    print(f"{args.name} = {getattr(t, args.name)}")
    return 0
