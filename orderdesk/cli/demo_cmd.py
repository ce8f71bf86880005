"""`orderdesk demo-data` fills a database; `orderdesk demo` opens the app on a throw-away one."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from .auth import acting_user
from .inputs import int_range
from .output import print_json


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    dd = verbs.add_parser("demo-data", help="add realistic demo orders to the database", parents=[common])
    dd.add_argument("--orders", type=int_range(0, 1_000_000), default=500, metavar="N")
    dd.add_argument("--seed", type=int_range(-(2**62), 2**62), default=0, metavar="S")
    dd.add_argument("--with-rules", action="store_true",
                    help="also save the demo allocation rules (when none exist), so new orders are allocated")
    dd.add_argument("--json", action="store_true")
    dd.set_defaults(handler=run_demo_data)
    demo = verbs.add_parser("demo", help="open the app on a throw-away demo database", parents=[common])
    demo.add_argument("--orders", type=int, default=800, metavar="N")
    demo.add_argument("--seed", type=int, default=0, metavar="S")
    demo.add_argument("--no-live", action="store_true", help="no demo shops: no new orders arrive")
    demo.set_defaults(handler=run_demo)


def run_demo_data(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..demo.seed import seed_demo

    store = open_store(args.db)
    try:
        report = seed_demo(store.make_uow, args.orders, seed=args.seed, actor=acting_user(args, store.make_uow),
                           with_rules=args.with_rules)
    finally:
        store.close()
    if args.json:
        print_json({"created": report.created, "updated": report.updated, "unchanged": report.unchanged})
    elif args.lang == "en":
        print(f"Demo data: {report.created} new orders, {report.unchanged + report.updated} already there")
    else:
        print(f"演示数据：新增 {report.created} 单，已有 {report.unchanged + report.updated} 单")
    return 0


def run_demo(args: argparse.Namespace) -> int:
    """Seed a throw-away database, start the four fake platform gateways and open the app on it.

    The demo's channel secrets go to an encrypted store keyed in the demo folder, never to the
    computer's own keyring.
    """
    from ..bootstrap import open_store
    from ..demo.channels import DemoChannels
    from ..demo.seed import DEMO_PASSWORD, seed_demo, seeded_orders
    from ..demo.tracking import pack_demo_parcels
    from ..gui.app import run_app  # Qt is imported only when a window is wanted
    from ..secrets.default_store import BACKEND_ENV, BACKEND_FILE
    from ..secrets.key_file import KEY_FILE_ENV

    folder = Path(tempfile.mkdtemp(prefix="orderdesk-demo-"))
    os.environ[BACKEND_ENV] = BACKEND_FILE
    os.environ[KEY_FILE_ENV] = str(folder / "secrets.key")
    args.db = f"sqlite:///{folder / 'demo.db'}"
    channels = None if args.no_live else DemoChannels(seed=args.seed, broken_every=40).start()
    store = open_store(args.db, create=True)  # a new file in a new temporary folder
    try:
        seed_demo(store.make_uow, args.orders, seed=args.seed, with_rules=True)
        if channels is not None:
            channels.register(store.make_uow)
            pack_demo_parcels(store.make_uow)  # the fake courier picks them up and delivers them in minutes
            channels.mirror(seeded_orders(args.orders, seed=args.seed))  # packed ones get confirmed there
            channels.load_courier_codes(store.make_uow)
    finally:
        store.close()
    try:
        return run_app(args.db, args.lang_explicit, auto_login=("admin", DEMO_PASSWORD), demo_channels=channels)
    finally:
        if channels is not None:
            channels.stop()
