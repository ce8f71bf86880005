"""`orderdesk ship-confirm --once|--forever|--status` and `orderdesk couriers load|map`."""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from datetime import UTC, datetime

from ..domain.model import Channel
from ..domain.ship_confirm import reason_text
from .auth import with_store
from .inputs import int_range, seconds
from .output import error, print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sc = verbs.add_parser("ship-confirm", help="send packed parcels' waybills to the platforms (the outbox)",
                          parents=[common])  # fmt: skip
    mode = sc.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="drain what is due now, then stop")
    mode.add_argument("--forever", action="store_true", help="keep draining")
    mode.add_argument("--status", action="store_true", help="the outbox per channel and its open alerts")
    sc.add_argument("--channel", metavar="NAME", help="only this platform (taobao, pdd, douyin, miniprogram) or connection")
    sc.add_argument("--interval", type=seconds(0.01, 3600), default=1.0, metavar="SECONDS", help="with --forever, when idle")
    sc.add_argument("--batch", type=int_range(1, 10_000), default=200, metavar="N", help="confirmations claimed per round")
    sc.add_argument("--parallel", type=int_range(1, 64), default=4, metavar="N", help="calls in flight per connection")
    sc.add_argument("--json", action="store_true")
    sc.set_defaults(handler=run_ship_confirm)
    co = verbs.add_parser("couriers", help="courier codes per platform", parents=[common])
    sub = co.add_subparsers(dest="couriers_verb", required=True, metavar="ACTION")
    load = sub.add_parser("load", help="load a platform's courier company list (and map by name)", parents=[common])
    load.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    load.set_defaults(handler=run_load)
    mp = sub.add_parser("map", help="show, or set with --courier and --code, our courier → platform code",
                        parents=[common])  # fmt: skip
    mp.add_argument("--channel", choices=[c.value for c in Channel])
    mp.add_argument("--courier", metavar="CODE", help="our courier (ZTO, YTO, STO, YD, SF, JTSD, EMS, JD)")
    mp.add_argument("--code", metavar="PLATFORM_CODE", help="the platform's own code for it")
    mp.add_argument("--json", action="store_true")
    mp.set_defaults(handler=run_map)


def _platform(mk, name: str | None) -> str | None:  # noqa: ANN001
    """A platform code as given, or the platform of the connection of that name."""
    if not name or name in {c.value for c in Channel}:
        return name
    from ..services.channels import channel_access

    return channel_access(mk, name).platform.value


def run_ship_confirm(args: argparse.Namespace) -> int:
    if args.status:
        return _status(args)
    from ..channels.shipping import Shipper
    from ..services.ship_confirm import Drain

    owner = f"{socket.gethostname()}:{os.getpid()}"

    def rounds(mk, actor) -> int:  # noqa: ANN001
        drain = Drain(mk, Shipper(), owner, channel=_platform(mk, args.channel), actor=actor,
                      batch=max(1, args.batch), parallel=max(1, args.parallel))  # fmt: skip
        failed = False
        try:
            while True:
                report = drain.run_once()
                failed |= bool(report.refusals)
                _print_round(args, report)
                if not args.forever:
                    return 1 if failed else 0
                if not report.claimed:
                    time.sleep(max(0.05, args.interval))
        finally:
            drain.close()

    return with_store(args, rounds)


def _print_round(args: argparse.Namespace, report) -> None:  # noqa: ANN001
    if args.json:
        print_json(report.to_json(args.lang), compact=True)
    elif report.claimed or not args.forever:
        c = report.counts
        done = c.get("accepted", 0) + c.get("already_shipped", 0) + c.get("covered", 0)
        text = (f"已确认 {done}，重试 {c.get('retry', 0)}，等待 {c.get('wait', 0)}，被拒 {c.get('refused', 0)}"
                if args.lang != "en" else
                f"confirmed {done}, retrying {c.get('retry', 0)}, waiting {c.get('wait', 0)}, refused {c.get('refused', 0)}")  # fmt: skip
        print(text)
    for order_no, zh, en in report.refusals:
        error(f"{order_no}: {en if args.lang == 'en' else zh}")
    sys.stdout.flush()


def _status(args: argparse.Namespace) -> int:
    from ..services.courier_codes import outbox_overview

    summary, alerts = with_store(args, outbox_overview)
    now = datetime.now(UTC)
    age = lambda t: int((now - t).total_seconds()) if t else None  # noqa: E731
    if args.json:
        print_json({"channels": [{"channel": s.channel, "waiting": s.waiting, "sending": s.sending,
                                  "failing": s.failing, "refused": s.refused, "done": s.done,
                                  "oldest_age_s": age(s.oldest_open)} for s in summary],
                    "alerts": [{"id": a.id, "order": a.order_no, "channel": a.channel, "reason": a.reason_code,
                                "message": a.last_error, "waybill": a.waybill} for a in alerts]})  # fmt: skip
        return 0
    print_table(["渠道/channel", "等待/waiting", "发送中/sending", "失败/failing", "被拒/refused", "已确认/done", "最久/oldest s"],
                [[Channel(s.channel).label(args.lang), s.waiting, s.sending, s.failing, s.refused, s.done,
                  age(s.oldest_open) if s.oldest_open else "—"] for s in summary])  # fmt: skip
    for a in alerts:
        error(f"{a.order_no}: {reason_text(a.reason_code, args.lang)} — {a.last_error}")
    return 0


def run_load(args: argparse.Namespace) -> int:
    from ..channels.shipping import Shipper
    from ..services.courier_codes import load_companies

    n = with_store(args, lambda mk, actor: load_companies(mk, actor, Shipper(), args.channel))
    print(f"已载入 {n} 家快递公司" if args.lang != "en" else f"Loaded {n} courier companies")
    return 0


def run_map(args: argparse.Namespace) -> int:
    from ..services.courier_codes import courier_mappings, set_courier_mapping

    if bool(args.courier) != bool(args.code):
        error("--courier 和 --code 须同时给出" if args.lang != "en" else "--courier and --code go together")
        return 2
    if args.courier:
        if not args.channel:
            error("设置映射需要 --channel" if args.lang != "en" else "Setting a mapping needs --channel")
            return 2
        with_store(args, lambda mk, actor: set_courier_mapping(mk, actor, args.channel, args.courier, args.code))
    rows = with_store(args, lambda mk, actor: courier_mappings(mk, actor, args.channel))
    if args.json:
        print_json([{"channel": r.channel, "courier": r.courier_code, "courier_name": r.courier_name,
                     "code": r.platform_code or None, "platform_name": r.platform_name or None,
                     "list_loaded": r.list_loaded} for r in rows])  # fmt: skip
        return 0
    print_table(["渠道/channel", "快递/courier", "平台编码/code", "平台名称/platform name"],
                [[Channel(r.channel).label(args.lang), f"{r.courier_code} {r.courier_name}",
                  r.platform_code or ("（未设置）" if args.lang != "en" else "(not set)"), r.platform_name]
                 for r in rows])  # fmt: skip
    return 0
