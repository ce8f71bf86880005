"""`orderdesk channel add|list|test` and `orderdesk sync --once|--forever`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime

from ..domain.errors import DomainError
from ..domain.model import Channel
from .auth import read_new_password, read_token, with_store
from .inputs import seconds
from .output import error, print_json, print_table

SECRET_ENV = "ORDERDESK_CHANNEL_SECRET"
SESSION_ENV = "ORDERDESK_CHANNEL_SESSION"


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ch = verbs.add_parser("channel", help="channel connections (shops on the platforms)", parents=[common])
    sub = ch.add_subparsers(dest="channel_verb", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="connect a shop (app secret from a prompt, stdin or $" + SECRET_ENV + ")",
                         parents=[common])  # fmt: skip
    add.add_argument("platform", choices=[c.value for c in Channel])
    add.add_argument("--name", required=True)
    add.add_argument("--app-key", required=True)
    add.add_argument("--session", default="", metavar="TOKEN",
                     help=f"the seller's authorisation token; '-' reads it from stdin (the line after the secret "
                          f"when that comes from stdin too), else ${SESSION_ENV}. A TOKEN typed here is visible "
                          "to other users of this PC (ps)")  # fmt: skip
    add.add_argument("--base-url", default="", metavar="URL", help="a gateway other than the platform's own")
    add.add_argument("--since", type=_date, metavar="DATE", help="first sync looks back to here (default 7 days)")
    add.set_defaults(handler=run_add)
    ls = sub.add_parser("list", help="connections and their sync state", parents=[common])
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    test = sub.add_parser("test", help="a signed call that proves the credentials", parents=[common])
    test.add_argument("name")
    test.set_defaults(handler=run_test)
    sync = verbs.add_parser("sync", help="pull changed orders from the channels", parents=[common])
    mode = sync.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true")
    mode.add_argument("--forever", action="store_true")
    sync.add_argument("--channel", metavar="NAME", help="only this channel")
    sync.add_argument("--interval", type=seconds(0.2, 3600), default=2.0, metavar="SECONDS", help="with --forever")
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=run_sync)


def _date(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).astimezone()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a date: {text!r}")


def run_add(args: argparse.Namespace) -> int:
    from ..services.channels import add_channel

    secret = os.environ.get(SECRET_ENV) or read_new_password(args.lang)
    session = _session(args)
    with_store(args, lambda mk, actor: add_channel(mk, actor, args.platform, args.name, args.app_key, secret,
                                                   session=session, base_url=args.base_url, since=args.since))  # fmt: skip
    print(f"已添加渠道 {args.name}" if args.lang != "en" else f"Channel {args.name} added")
    return 0


def _session(args: argparse.Namespace) -> str:
    """The token from stdin ('-'), the command line (with a warning: `ps` shows it) or the environment."""
    if args.session == "-":
        return read_token(args.lang)
    if args.session:
        error("警告：命令行中的 --session 令牌对本机其他用户可见（ps）。请改用 --session - 从标准输入读取，"
              f"或设置环境变量 {SESSION_ENV}。" if args.lang != "en" else
              "Warning: a --session token on the command line is visible to other users of this PC (ps). "
              f"Use --session - to read it from standard input, or set {SESSION_ENV}.")  # fmt: skip
        return args.session
    return os.environ.get(SESSION_ENV, "")


def run_list(args: argparse.Namespace) -> int:
    from ..services.channels import list_channels

    rows = with_store(args, list_channels)
    if args.json:
        print_json([{"name": r.name, "platform": r.platform, "shop": r.shop_code, "app_key": r.app_key,
                     "base_url": r.base_url, "cursor": r.cursor.isoformat(),
                     "last_success": r.last_success_at.isoformat() if r.last_success_at else None,
                     "last_error": r.last_error or None, "orders_pulled": r.orders_pulled,
                     "failed_runs": r.failed_runs, "bad_orders": r.open_problems,
                     "last_run": r.last_run_at.isoformat() if r.last_run_at else None} for r in rows])  # fmt: skip
        return 0
    print_table(["名称/name", "平台/platform", "最近成功/last ok", "已拉取/pulled", "最近错误/last error"],
                [[r.name, Channel(r.platform).label(args.lang),
                  r.last_success_at.astimezone().strftime("%m-%d %H:%M:%S") if r.last_success_at else "—",
                  r.orders_pulled, r.last_error or ""] for r in rows])  # fmt: skip
    return 0


def run_test(args: argparse.Namespace) -> int:
    from ..channels.registry import adapter_for
    from ..services.channels import test_channel

    with_store(args, lambda mk, actor: test_channel(mk, actor, args.name, adapter_for))
    print(f"{args.name}：凭证有效" if args.lang != "en" else f"{args.name}: credentials work")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from ..channels.registry import adapter_for
    from ..services.channels import list_channels
    from ..services.sync import sync_channel
    from ..services.sync_owner import this_process

    owner = this_process()

    def once(mk, actor) -> list:  # noqa: ANN001
        names = [args.channel] if args.channel else [r.name for r in list_channels(mk, actor) if r.enabled]
        return [sync_channel(mk, n, adapter_for, owner, actor=actor) for n in names]

    def rounds(mk, actor) -> int:  # noqa: ANN001
        """One store for the whole run: its file guard then notices a database deleted or replaced
        between rounds, and the run stops saying so instead of syncing into a new file."""
        failed = False
        while True:
            failed |= _print_reports(args, once(mk, actor))
            if not args.forever:
                return 1 if failed else 0
            time.sleep(max(0.2, args.interval))

    return with_store(args, rounds)


def _print_reports(args: argparse.Namespace, reports: list) -> bool:
    """Print one round's reports; True when a channel failed."""
    failed = False
    for r in reports:
        failed |= bool(r.error)
        if args.json:
            print_json(r.to_json())
        elif r.error:
            error(f"{r.channel}: {r.error}")
        else:
            print(f"{r.channel}: +{r.intake.created} 新 / {r.intake.updated} 更新" + (f"（{r.skipped}）" if r.skipped else ""))
        for p in r.problems:
            error(f"{r.channel}: {p}")
    sys.stdout.flush()
    return failed
