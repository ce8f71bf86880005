"""`orderdesk track [--once|--forever] [--json]`, `track --serve PORT`, `track setup|alerts|show`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime

from ..domain.errors import DomainError
from .auth import read_new_password, with_store
from .inputs import int_range, seconds
from .output import error, print_json, print_table

KEY_ENV = "ORDERDESK_KDNIAO_KEY"


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    tr = verbs.add_parser("track", help="follow packed parcels through Kdniao (快递鸟)", parents=[common])
    mode = tr.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one round: query the parcels that are due")
    mode.add_argument("--forever", action="store_true", help="a round every --interval seconds")
    mode.add_argument("--serve", type=int_range(1, 65_535), metavar="PORT", help="receive Kdniao pushes on PORT")
    tr.add_argument("--host", default="0.0.0.0", help="with --serve: the address to listen on")
    tr.add_argument("--interval", type=seconds(0.2, 86_400), default=60.0, metavar="SECONDS", help="with --forever")
    tr.add_argument("--json", action="store_true")
    tr.set_defaults(handler=run_track)
    sub = tr.add_subparsers(dest="track_verb", required=False, metavar="ACTION")
    setup = sub.add_parser("setup", help=f"the Kdniao account (API key from a prompt, stdin or ${KEY_ENV})",
                           parents=[common])  # fmt: skip
    setup.add_argument("--ebusiness-id", required=True, metavar="ID")
    setup.add_argument("--quota", type=int_range(1, 1_000_000), default=500, metavar="N", help="instant queries a day (default 500)")
    setup.add_argument("--base-url", default="", metavar="URL", help="an endpoint other than Kdniao's own")
    setup.add_argument("--callback-url", default="", metavar="URL", help="where Kdniao pushes: push instead of polling")
    setup.add_argument("--keep-key", action="store_true", help="keep the saved API key")
    setup.set_defaults(handler=run_setup)
    alerts = sub.add_parser("alerts", help="problem, stalled and refused parcels, pushes and replies", parents=[common])
    alerts.add_argument("--all", action="store_true", help="resolved ones too")
    alerts.add_argument("--json", action="store_true")
    alerts.set_defaults(handler=run_alerts)
    show = sub.add_parser("show", help="an order's parcels with every courier scan", parents=[common])
    show.add_argument("order_no")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)


def run_setup(args: argparse.Namespace) -> int:
    from ..services.tracking_setup import setup_tracking

    key = "" if args.keep_key else (os.environ.get(KEY_ENV) or read_new_password(args.lang))
    with_store(args, lambda mk, actor: setup_tracking(mk, actor, args.ebusiness_id, key, args.base_url, args.quota,
                                                      args.callback_url))  # fmt: skip
    print("已保存快递鸟账号" if args.lang != "en" else "Kdniao account saved")
    return 0


def run_track(args: argparse.Namespace) -> int:
    if args.serve is not None:
        return _serve(args)
    if not (args.once or args.forever):
        raise DomainError("请指定 --once、--forever 或 --serve PORT", "Give --once, --forever or --serve PORT")
    from ..channels.kdniao import kdniao_client
    from ..services.tracking import track_once

    while True:
        report = with_store(args, lambda mk, actor: track_once(mk, kdniao_client))
        _print_report(args, report)
        if not args.forever:
            return 1 if report.failed and not report.queried else 0
        time.sleep(max(1.0, args.interval))


def _print_report(args: argparse.Namespace, r) -> None:  # noqa: ANN001 - a TrackReport
    if args.json:
        print_json(r.to_json(), compact=args.forever)
    elif args.lang == "en":
        print(f"queried {r.queried} (today {r.used_today}/{r.quota}), failed {r.failed}, new {r.started}, "
              f"shipped {len(r.shipped)}, delivered {len(r.delivered)}, alerts {len(r.alerts)}")  # fmt: skip
    else:
        print(f"查询 {r.queried} 次（今日 {r.used_today}/{r.quota}），失败 {r.failed}，新跟踪 {r.started}，"
              f"已发货 {len(r.shipped)}，已签收 {len(r.delivered)}，提醒 {len(r.alerts)}")  # fmt: skip
    for line in r.errors:
        error(line)
    sys.stdout.flush()


def _serve(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..channels.kdniao_codec import read_push
    from ..channels.kdniao_receiver import PushReceiver
    from ..services.tracking import receive_push
    from ..services.tracking_setup import tracking_access

    store = open_store(args.db)
    try:
        access = tracking_access(store.make_uow)
        on_push = lambda fields: receive_push(store.make_uow, fields, read_push, datetime.now(UTC))  # noqa: E731
        receiver = PushReceiver(on_push, access.ebusiness_id, args.host, args.serve)
        print(f"接收推送 / receiving pushes: {receiver.url}", flush=True)
        receiver.serve_forever()
    finally:
        store.close()
    return 0


def run_alerts(args: argparse.Namespace) -> int:
    from ..services.tracking_setup import tracking_alerts

    rows = with_store(args, lambda mk, actor: tracking_alerts(mk, actor, open_only=not args.all))
    if args.json:
        print_json([{"kind": a.kind.value, "order": a.order_no, "waybill": a.waybill, "reason": a.reason,
                     "details": a.details, "raised_at": a.raised_at.isoformat(),
                     "resolved_at": a.resolved_at.isoformat() if a.resolved_at else None} for a in rows])  # fmt: skip
        return 0
    print_table(["时间/at", "类型/kind", "订单/order", "运单/waybill", "原因/reason"],
                [[a.raised_at.astimezone().strftime("%m-%d %H:%M"), a.kind.label(args.lang), a.order_no or "",
                  a.waybill, a.reason] for a in rows])  # fmt: skip
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..services.tracking_setup import parcel_scans

    parcels = with_store(args, lambda mk, actor: parcel_scans(mk, actor, args.order_no))
    if args.json:
        print_json([{"waybill": p.track.waybill, "courier": p.courier_code, "state": p.track.state.value,
                     "last_scan_at": p.track.last_scan_at, "next_poll_at": p.next_poll_at, "polls": p.polls,
                     "last_error": p.last_error or None,
                     "scans": [{"at": s.at.isoformat(), "station": s.station, "state": s.state} for s in scans]}
                    for p, scans in parcels])  # fmt: skip
        return 0
    for p, scans in parcels:
        print(f"{p.courier_code} {p.track.waybill}  {p.track.state.label(args.lang)}")
        for s in scans:
            print(f"  {s.at.astimezone().strftime('%Y-%m-%d %H:%M')}  {s.station}")
    return 0
