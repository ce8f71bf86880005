"""`orderdesk lookup TEXT [--json]`: the customer service desk's search and story; `orderdesk note`."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..domain.model import Channel
from .auth import with_store
from .output import error, print_json, print_table

if TYPE_CHECKING:
    from ..services.desk_models import DeskResult


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    lk = verbs.add_parser("lookup", parents=[common],
                          help="the service desk: a phone, last 4 digits + name, any order number, a waybill, a "
                               "nickname or a name -> every order of that customer, newest first, and the story")  # fmt: skip
    lk.add_argument("text", metavar="TEXT")
    lk.add_argument("--json", action="store_true", help="exactly what the desk shows, for machines")
    lk.add_argument("--now", type=_moment, metavar="ISO_TIME",
                    help="tell relative times (今天/昨天) as of this moment instead of the clock")  # fmt: skip
    lk.set_defaults(handler=run_lookup)
    nt = verbs.add_parser("note", parents=[common], help="add a note to an order's timeline")
    nt.add_argument("order_no", metavar="ORDER_NO")
    nt.add_argument("text", metavar="TEXT")
    nt.set_defaults(handler=run_note)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO time: {text!r} (e.g. 2026-12-03T09:30+08:00)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_lookup(args: argparse.Namespace) -> int:
    result = with_store(args, lambda mk, actor: _desk().search(mk, actor, args.text, now=args.now, lang=args.lang))
    if args.json:
        print_json(result.to_json(args.lang))
        return 0 if result.state == "found" else 1
    if result.state != "found":
        error(result.message)
        return 1
    _print_result(result, args.lang)
    return 0


def _print_result(result: DeskResult, lang: str) -> None:
    en = lang == "en"
    print_table(["Order", "Channel / shop", "Status", "Paid at", "Total", "Receiver", "Found by"] if en
                else ["订单号", "渠道 / 店铺", "状态", "支付时间", "金额", "收货人", "匹配方式"],
                [[h.order_no, f"{Channel(h.channel).label(lang)} / {h.shop_name}", j["status_name"],
                  h.paid_at.astimezone().strftime("%Y-%m-%d %H:%M") if h.paid_at else "", j["total"],
                  f"{h.receiver_name} {h.receiver_phone}", j["found_by_name"]]
                 for h, j in ((h, h.to_json(lang)) for h in result.hits)])  # fmt: skip
    if result.truncated:
        print("(more orders: showing the newest)" if en else "（订单较多，仅显示最新的）")
    s = result.story
    if s is None:
        return
    print()
    print(f"{s.order_no}: {s.story.status_text}")
    for line in s.story.parcels:
        print(f"  {line}")
    print()
    for t in s.story.timeline:
        print(f"  {t.when:<12} {t.who:<10} {t.text}")
    print()
    print(("For the buyer: " if en else "给买家：") + s.story.buyer_text)


def run_note(args: argparse.Namespace) -> int:
    with_store(args, lambda mk, actor: _desk().add_note(mk, actor, args.order_no, args.text))
    print("Note added" if args.lang == "en" else "备注已添加")
    return 0


def _desk():  # noqa: ANN202 - the services module, imported when a verb runs (see cli/main.py)
    from ..services import desk  # noqa: PLC0415

    return desk
