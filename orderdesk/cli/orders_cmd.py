"""`orderdesk orders list|show`: find orders and read one with its lines and timeline."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from ..domain.model import Channel
from ..domain.ship_by import minutes_left, parse_duration, time_left_text
from ..domain.status import OrderStatus
from .auth import acting_user, resolve_warehouse_arg
from .inputs import int_range
from .output import print_json, print_table

if TYPE_CHECKING:
    from ..services.read_models import OrderFilter, OrderRow, ParcelRow


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    orders = verbs.add_parser("orders", help="list and show orders", parents=[common])
    sub = orders.add_subparsers(dest="orders_verb", required=True, metavar="ACTION")
    ls = sub.add_parser("list", help="list orders, newest paid first", parents=[common])
    ls.add_argument("--status", type=_status, help="PAID, ALLOCATED, PACKED, … (or 已支付, 已分仓, …)")
    ls.add_argument("--channel", choices=[c.value for c in Channel])
    ls.add_argument("--warehouse", metavar="WAREHOUSE", help="its code or its name (深圳仓)")
    ls.add_argument("--phone", metavar="PHONE", help="every order of a buyer, by phone")
    ls.add_argument("--search", metavar="TEXT", help="an order number (ours or the platform's) or a phone")
    ls.add_argument("--due-within", metavar="SPAN",
                    help="unshipped orders whose ship-by deadline is at most SPAN away (90m, 6h, 2d), overdue ones "
                         "included; sorted by deadline")  # fmt: skip
    ls.add_argument("--overdue", action="store_true", help="unshipped orders past their ship-by; sorted by deadline")
    ls.add_argument("--sort", choices=["paid", "ship-by"], help="newest paid first (default) or earliest ship-by first")
    ls.add_argument("--limit", type=int_range(1, 100_000), default=50)
    ls.add_argument("--json", action="store_true")
    _privacy_flags(ls)
    ls.set_defaults(handler=run_list)
    hours = sub.add_parser("ship-by-hours", parents=[common],
                           help="each channel's ship-by default in hours after payment (used when an order "
                                "carries no deadline; always for the mini-program); set one with --channel and --hours")  # fmt: skip
    hours.add_argument("--channel", choices=[c.value for c in Channel])
    hours.add_argument("--hours", type=int)
    hours.set_defaults(handler=run_ship_by_hours)
    show = sub.add_parser("show", help="one order with its lines and timeline", parents=[common])
    show.add_argument("order_no", metavar="ORDER_NO")
    show.add_argument("--json", action="store_true")
    _privacy_flags(show)
    show.set_defaults(handler=run_show)


def _privacy_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reveal", action="store_true", help="show full phones in the table (roles allowed to; audited)")
    p.add_argument("--mask", action="store_true", help="mask phones in --json output too")


def _reveal(args: argparse.Namespace, make_uow) -> bool:  # noqa: ANN001
    """Tables for people are masked unless --reveal; JSON for tools is full for roles allowed to see
    it unless --mask. Either way a full read is audited."""
    from ..services.orders import may_reveal

    wanted = args.reveal or (args.json and not args.mask)
    return wanted and may_reveal(make_uow, args.user)


def _status(text: str) -> str:
    for s in OrderStatus:
        if text.strip().upper() == s.value or text.strip() in (s.zh, s.en):
            return s.value
    raise argparse.ArgumentTypeError(f"unknown status {text!r}; one of {', '.join(s.value for s in OrderStatus)}")


def run_list(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.orders import list_orders

    flt = _filter(args)  # a malformed --due-within is refused before the database is opened
    store = open_store(args.db)
    try:
        resolve_warehouse_arg(args, store.make_uow, acting_user(args, store.make_uow))
        flt = dataclasses.replace(flt, warehouse_code=args.warehouse)
        reveal = _reveal(args, store.make_uow)
        rows = list_orders(store.make_uow, args.user, flt, limit=max(1, args.limit), reveal=reveal)
    finally:
        store.close()
    if args.json:
        print_json([r.to_json() | r.ship_by_json(flt.now) for r in rows])  # type: ignore[arg-type]
        return 0
    en = args.lang == "en"
    headers = (["Order", "Channel", "Status", "Paid at", "Ship by", "Time left", "Receiver", "Phone", "Province",
                "Total"] if en
               else ["订单号", "渠道", "状态", "支付时间", "发货截止", "剩余时间", "收货人", "电话", "省份", "金额"])  # fmt: skip
    print_table(headers, [_list_row(r, args.lang, flt.now) for r in rows])  # type: ignore[arg-type]
    return 0


def _filter(args: argparse.Namespace) -> OrderFilter:
    """The list's filter; a deadline filter sorts by deadline, and --due-within must be 90m/6h/2d."""
    from ..services.read_models import OrderFilter

    due = parse_duration(args.due_within) if args.due_within is not None else None
    by_deadline = due is not None or args.overdue or args.sort == "ship-by"
    return OrderFilter(status=args.status, channel=args.channel, warehouse_code=args.warehouse, phone=args.phone,
                       search=args.search, due_within=due, overdue=args.overdue, now=datetime.now(UTC),
                       sort="ship_by" if by_deadline else "paid")  # fmt: skip


def _list_row(r: OrderRow, lang: str, now: datetime) -> list[object]:
    left = time_left_text(minutes_left(r.ship_by, now), lang) if r.ship_by else ""
    if r.ship_by and r.ship_confirmed:
        left = "platform confirmed" if lang == "en" else "平台已确认发货"
    return [r.order_no, Channel(r.channel).label(lang), OrderStatus(r.status).label(lang),
            _local(r.paid_at), _local(r.ship_by), left, r.receiver_name, r.receiver_phone, r.province or "?",
            f"{r.total_fen / 100:.2f}"]  # fmt: skip


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


def run_ship_by_hours(args: argparse.Namespace) -> int:
    """List the defaults, or set one channel's (--channel and --hours together)."""
    if (args.channel is None) != (args.hours is None):
        raise DomainError("请同时给出 --channel 和 --hours（都不给则列出）",
                          "give --channel and --hours together (or neither, to list)")
    from ..bootstrap import open_store
    from ..services.ship_by import set_ship_by_default, ship_by_defaults

    store = open_store(args.db)
    try:
        acting_user(args, store.make_uow)
        if args.channel:
            set_ship_by_default(store.make_uow, args.user, Channel(args.channel), args.hours)
        defaults = ship_by_defaults(store.make_uow, args.user)
    finally:
        store.close()
    en = args.lang == "en"
    print_table(["Channel", "Hours after payment"] if en else ["渠道", "付款后小时数"],
                [[c.label(args.lang), defaults.for_channel(c)] for c in Channel])  # fmt: skip
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.orders import order_detail

    store = open_store(args.db)
    try:
        acting_user(args, store.make_uow)
        reveal = _reveal(args, store.make_uow)
        detail = order_detail(store.make_uow, args.user, args.order_no, reveal=reveal)
    finally:
        store.close()
    if args.json:
        print_json(detail.to_json())
        return 0
    lang, r = args.lang, detail.row
    print(f"{r.order_no}  {Channel(r.channel).label(lang)} / {r.shop_name}  {OrderStatus(r.status).label(lang)}")
    print(f"{r.receiver_name} {r.receiver_phone}  {r.province or detail.province_raw} {r.city} "
          f"{detail.district} {detail.street} {detail.address_detail}")  # fmt: skip
    if detail.buyer_note:
        print(("Buyer note: " if lang == "en" else "买家留言：") + detail.buyer_note)
    if r.hold_reason:
        print(("On hold: " if lang == "en" else "挂起原因：") + r.hold_reason)
    _print_parcels(detail.parcels, lang)
    if detail.tags:
        print(("Tags: " if lang == "en" else "标签：") + " ".join(detail.tags))
    en = lang == "en"
    print_table(["#", "SKU", "Item" if en else "商品", "Qty" if en else "数量", "Paid" if en else "实付",
                 "Category" if en else "类目", "Barcodes" if en else "条码"],
                [[ln.line_no, ln.sku, ln.title, ln.quantity, f"{ln.paid_fen / 100:.2f}", ln.category or "",
                  " ".join(ln.barcodes)] for ln in detail.lines])  # fmt: skip
    print()
    for ev in detail.events:
        move = f"{ev.from_status or ''} → {ev.to_status}" if ev.to_status else ""
        print(f"{ev.at.astimezone().strftime('%Y-%m-%d %H:%M:%S')}  {ev.user:<10} {ev.kind:<15} {move}  {ev.reason}")
    return 0


def _print_parcels(parcels: list[ParcelRow], lang: str) -> None:
    """One table of the order's parcels: warehouse, courier, waybill, status and contents."""
    if not parcels:
        return
    en = lang == "en"
    print_table(["Parcel" if en else "包裹", "Warehouse" if en else "仓库", "Courier" if en else "快递",
                 "Waybill" if en else "运单号", "Status" if en else "状态", "Items" if en else "商品"],
                [[p.seq, f"{p.warehouse_name} ({p.warehouse_code})", p.courier_code, p.waybill_no, p.status,
                  ", ".join(f"{sku}×{q}" for sku, q in p.lines)] for p in parcels])  # fmt: skip
    print()
