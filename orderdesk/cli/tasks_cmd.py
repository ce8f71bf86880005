"""`orderdesk tasks list|pull-back|intercepted|webhook|notify` and `orderdesk refunds`: the warehouse's
task inbox, done by scanning, its WeCom notices, and the refunds behind it."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from .auth import with_store
from .inputs import int_range, seconds
from .output import print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    tk = verbs.add_parser("tasks", help="a warehouse's task inbox: parcels to pull back, returns expected…")
    sub = tk.add_subparsers(dest="tasks_verb", required=True)
    ls = sub.add_parser("list", help="the open tasks of one warehouse", parents=[common])
    ls.add_argument("--warehouse", required=True, metavar="WAREHOUSE", help="its code or its name")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    for verb, helptext in (("pull-back", "scan parcels pulled out of the outgoing pile (stock comes back)"),
                           ("intercepted", "scan parcels the courier confirmed intercepted")):  # fmt: skip
        p = sub.add_parser(verb, help=helptext, parents=[common])
        p.add_argument("--warehouse", required=True, metavar="WAREHOUSE", help="its code or its name")
        p.add_argument("codes", nargs="*", metavar="WAYBILL|ORDER",
                       help="waybills or order numbers (none: one per stdin line, one JSON verdict per line)")  # fmt: skip
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=run_scan, scan_verb=verb)
    wh = sub.add_parser("webhook", help="send the warehouse's task notices to a WeCom group robot", parents=[common])
    wh.add_argument("--warehouse", required=True, metavar="WAREHOUSE")
    wh.add_argument("url", metavar="URL", help='the robot webhook URL ("" switches notices off)')
    wh.set_defaults(handler=run_webhook)
    nt = sub.add_parser("notify", help="send the waiting notices now (retrying failures later)", parents=[common])
    nt.add_argument("--timeout", type=seconds(0.1, 60), default=5.0, help="per notice, in seconds")
    nt.add_argument("--json", action="store_true")
    nt.set_defaults(handler=run_notify)

    rl = verbs.add_parser("refunds", help="refunds as records: platform id, raw and mapped state, path",
                          parents=[common])  # fmt: skip
    rl.add_argument("--order", default=None, metavar="ORDER_NO")
    rl.add_argument("--limit", type=int_range(1, 10_000), default=200)
    rl.add_argument("--json", action="store_true")
    rl.set_defaults(handler=run_refunds)


def run_list(args: argparse.Namespace) -> int:
    from ..services.warehouse_tasks import task_inbox

    items = with_store(args, lambda mk, actor: task_inbox(mk, actor, args.warehouse))
    now = datetime.now(UTC)
    rows = [{"kind": i.kind.value, "what": i.kind.label(args.lang), "order": i.order_no, "waybill": i.waybill,
             "since": i.since.isoformat(), "age_hours": round((now - i.since).total_seconds() / 3600, 1),
             "refund": i.refund, "detail": i.detail} for i in items]  # fmt: skip
    if args.json:
        print_json(rows)
    else:
        print_table(["任务/task", "订单/order", "运单/waybill", "等待(小时)/age h", "退款/refund", "说明/detail"],
                    [[r["what"], r["order"], r["waybill"], r["age_hours"], r["refund"], r["detail"]] for r in rows])
    return 0


def run_scan(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.warehouse_tasks import courier_intercepted, pull_back
    from .auth import acting_user, resolve_warehouse_arg
    from .station_cmd import write_line

    act = pull_back if args.scan_verb == "pull-back" else courier_intercepted
    store = open_store(args.db)
    refused = 0
    try:
        actor = acting_user(args, store.make_uow)
        resolve_warehouse_arg(args, store.make_uow, actor)
        codes = args.codes or (line.rstrip("\r\n") for line in sys.stdin)
        for code in codes:
            if not code.strip():
                continue
            v = act(store.make_uow, actor, args.warehouse, code)
            refused += not v.ok
            if args.json or not args.codes:
                write_line(json.dumps(v.to_json(args.lang), ensure_ascii=False))
            else:
                print(v.message(args.lang))
    finally:
        store.close()
    return 1 if refused and args.codes else 0


def run_webhook(args: argparse.Namespace) -> int:
    from ..services.warehouse_tasks import set_webhook

    with_store(args, lambda mk, actor: set_webhook(mk, actor, args.warehouse, args.url))
    on = bool(args.url.strip())
    print(("notices on" if on else "notices off") if args.lang == "en" else ("已开启通知" if on else "已关闭通知"))
    return 0


def run_notify(args: argparse.Namespace) -> int:
    from ..services.notices import drain_notices

    report = with_store(args, lambda mk, actor: drain_notices(mk, timeout=args.timeout))
    if args.json:
        print_json({"sent": report.sent, "retrying": report.retrying, "failed": report.failed})
    else:
        print(f"sent {report.sent}, retrying {report.retrying}, gave up {report.failed}" if args.lang == "en"
              else f"已发送 {report.sent}，待重试 {report.retrying}，放弃 {report.failed}")  # fmt: skip
    return 0


def run_refunds(args: argparse.Namespace) -> int:
    from ..services.refunds import refunds_of

    rows = with_store(args, lambda mk, actor: refunds_of(mk, actor, args.order))[: args.limit]
    out = [{"order": no, "refund": r.ref, "source": r.source, "raw_state": r.raw_state, "step": r.step.value,
            "step_label": r.step.label(args.lang), "path": r.path, "returns_goods": r.returns_goods,
            "goods": f"{r.goods_fen / 100:.2f}", "lines": [[ln.sku, ln.quantity] for ln in r.lines],
            "held": [list(h) for h in r.hold], "credit_note": r.credit_note,
            "alert": r.step.value == "UNKNOWN"} for no, r in rows]  # fmt: skip
    if args.json:
        print_json(out)
    else:
        print_table(["订单/order", "退款/refund", "平台状态/raw", "状态/step", "路径/path", "商品/lines", "红字/credit note"],
                    [[o["order"], o["refund"], o["raw_state"] or "—", ("⚠ " if o["alert"] else "") + o["step_label"],
                      o["path"] or "—", " ".join(f"{s}×{q}" for s, q in o["lines"]), o["credit_note"] or ""]
                     for o in out])  # fmt: skip
    return 0
