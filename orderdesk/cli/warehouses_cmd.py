"""`orderdesk warehouses list|confirm-moment`: the warehouses, and when each one's parcels are
confirmed to the platforms (when packed, or at courier handover)."""

from __future__ import annotations

import argparse

from ..domain.ship_confirm import MOMENT_ALIASES, moment_text
from .auth import with_store
from .output import print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    wh = verbs.add_parser("warehouses", help="warehouses and when their parcels are confirmed to the platforms",
                          parents=[common])  # fmt: skip
    sub = wh.add_subparsers(dest="warehouses_verb", required=True, metavar="ACTION")
    ls = sub.add_parser("list", help="every warehouse with its ship-confirm moment", parents=[common])
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    cm = sub.add_parser("confirm-moment", parents=[common],
                        help="confirm a warehouse's parcels to the platforms when packed or at courier handover")  # fmt: skip
    cm.add_argument("warehouse", metavar="WAREHOUSE", help="warehouse code or name")
    cm.add_argument("moment", choices=sorted(MOMENT_ALIASES), metavar="pack|handover",
                    help="pack (packed also works): as soon as the parcel is packed; handover: when the courier takes it")  # fmt: skip
    cm.add_argument("--json", action="store_true")
    cm.set_defaults(handler=run_confirm_moment)


def run_list(args: argparse.Namespace) -> int:
    from ..services.courier_codes import confirm_moments

    rows = with_store(args, confirm_moments)
    if args.json:
        print_json([{"warehouse": r.warehouse, "name": r.name, "confirm_moment": r.moment} for r in rows])
        return 0
    en = args.lang == "en"
    print_table(["Warehouse", "Name", "Confirmed to the platforms"] if en else ["仓库", "名称", "平台发货确认"],
                [[r.warehouse, r.name, moment_text(r.moment, args.lang)] for r in rows])  # fmt: skip
    return 0


def run_confirm_moment(args: argparse.Namespace) -> int:
    from ..services.courier_codes import set_confirm_moment

    queued = with_store(args, lambda mk, actor: set_confirm_moment(mk, actor, args.warehouse, args.moment))
    moment = MOMENT_ALIASES[args.moment]
    if args.json:
        print_json({"warehouse": args.warehouse, "confirm_moment": moment, "queued": queued})
        return 0
    if args.lang == "en":
        print(f"{args.warehouse}: parcels are confirmed to the platforms {moment_text(moment, 'en')}"
              + (f"; {queued} parcel(s) already packed there were queued" if queued else ""))
    else:
        print(f"{args.warehouse}：{moment_text(moment)}" + (f"；已将该仓已打包的 {queued} 个包裹加入发货确认队列" if queued else ""))
    return 0
