"""`orderdesk returns checkin|list|unknown|match`: the returns desk (退货入库) without a screen."""

from __future__ import annotations

import argparse
import json
import socket
import sys

from ..domain.errors import DomainError
from .audit_cmd import _date, _date_end
from .auth import acting_user, resolve_warehouse_arg, with_store
from .inputs import int_range
from .output import print_json, print_table
from .station_cmd import write_line

CHECKIN_HELP = """\
Check one returned parcel in. CODE is what is on the parcel: the return waybill, the original
waybill, or the order number. Standard input then has one line per scan, and each line gets one
verdict line on standard output (with --json: one JSON object per line, like `orderdesk station`);
a last line sums the check-in up (with --json: {"summary": true, ...}).

Item lines (CODE is an item's barcode or its SKU; N*CODE counts N units, N from 1 to 99):
  CODE                      back and resellable: onto the shelf (available stock)
  CODE damaged REASON...    back but damaged: into quarantine; the reason is required
                            (破损 may stand for damaged)
  MISSING CODE              a unit the parcel should hold is not in it (缺 CODE)
  UNDO                      take the last item line back (撤销)
  CANCEL                    drop this check-in; nothing is written (取消)
  DONE                      close the check-in (完成); end of input closes it too
A parcel whose CODE matches no order becomes an unknown parcel: scan its items, then DONE; a person
matches it later with `orderdesk returns match ID ORDER`. Scanning the order number as the first
line attaches the parcel to that order instead. UNKNOWN [NOTE] records a parcel with no readable
code (use CODE UNKNOWN).

The order becomes RETURNED when every unit it shipped is back (over all its parcels), else it is
partly returned. Exit status: 0 when the parcel was checked in or recorded, 1 when not."""


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rt = verbs.add_parser("returns", help="returned parcels: check in (退货入库), list, unknown parcels", parents=[common])
    sub = rt.add_subparsers(dest="returns_verb", required=True, metavar="ACTION")
    ci = sub.add_parser("checkin", help="check a returned parcel in, item scans from stdin (JSON verdict per line)",
                        parents=[common], description=CHECKIN_HELP,
                        formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    ci.add_argument("code", metavar="CODE", help="the parcel's return waybill, original waybill or order number; "
                                                 "UNKNOWN for a parcel without one")  # fmt: skip
    ci.add_argument("--warehouse", required=True, metavar="WAREHOUSE", help="where the parcel is (code or name)")
    ci.add_argument("--station", default=None, metavar="NAME", help="this desk's name (default: host name)")
    ci.add_argument("--note", default="", help="a note on an unknown parcel")
    ci.add_argument("--json", action="store_true", help="one JSON verdict per line, then a JSON summary line")
    ci.set_defaults(handler=run_checkin)
    ls = sub.add_parser("list", help="returned parcels checked in (and unknown ones), newest first", parents=[common])
    ls.add_argument("--warehouse", default=None, metavar="WAREHOUSE")
    ls.add_argument("--from", dest="since", type=_date, metavar="DATE", help="YYYY-MM-DD[ HH:MM] (local time)")
    ls.add_argument("--to", dest="until", type=_date_end, metavar="DATE", help="inclusive day, or a time")
    ls.add_argument("--limit", type=int_range(1, 10_000), default=500)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    un = sub.add_parser("unknown", help="unknown parcels waiting to be matched to an order", parents=[common])
    un.add_argument("--warehouse", default=None, metavar="WAREHOUSE")
    un.add_argument("--json", action="store_true")
    un.set_defaults(handler=run_unknown)
    mt = sub.add_parser("match", help="match an unknown parcel to its order: its items are checked in against it",
                        parents=[common])  # fmt: skip
    mt.add_argument("parcel_id", type=int_range(1, 2**31 - 1), metavar="ID", help="the unknown parcel's number")
    mt.add_argument("order", metavar="ORDER", help="the order number or one of its waybills")
    mt.add_argument("--json", action="store_true")
    mt.set_defaults(handler=run_match)


def run_checkin(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.returns import ReturnDesk

    store = open_store(args.db)
    try:
        actor = acting_user(args, store.make_uow)
        resolve_warehouse_arg(args, store.make_uow, actor)
        desk = ReturnDesk(store.make_uow, actor, args.warehouse, args.station or socket.gethostname())
        first = f"UNKNOWN {args.note}".strip() if args.code.strip().upper() == "UNKNOWN" else args.code
        verdicts = [desk.scan(first)]
        _emit(verdicts[-1], args)
        if verdicts[-1].ok and args.note and desk.current is not None and desk.current.order_id is None:
            desk.current.note = args.note.strip()
        for line in sys.stdin:
            if not line.strip():
                continue
            verdicts.append(desk.scan(line.rstrip("\r\n")))
            _emit(verdicts[-1], args)
        if desk.current is not None:  # end of input closes an open check-in
            verdicts.append(desk.scan("DONE"))
            _emit(verdicts[-1], args)
    finally:
        store.close()
    final = next((v for v in reversed(verdicts) if v.kind in ("checked_in", "unknown_recorded")), None)
    summary = _summary(final, verdicts, args.lang)
    write_line(json.dumps(summary, ensure_ascii=False, default=str) if args.json else f"== {summary['message']}")
    return 0 if final is not None else 1


def _emit(verdict, args: argparse.Namespace) -> None:  # noqa: ANN001 - a ReturnVerdict
    if args.json:
        write_line(json.dumps(verdict.to_json(args.lang), ensure_ascii=False, default=str))
    else:
        write_line(f"{'✓' if verdict.ok else '✗'} {verdict.scan}: {verdict.message(args.lang).removeprefix('✓ ')}")


def _summary(final, verdicts: list, lang: str) -> dict[str, object]:  # noqa: ANN001
    refused = sum(1 for v in verdicts if not v.ok)
    if final is None:
        msg = ("Nothing was checked in" if lang == "en" else "未入库任何包裹")
        return {"summary": True, "ok": False, "message": msg, "scans": len(verdicts), "refused": refused}
    return {"summary": True, "ok": True, "kind": final.kind, "order": final.order, "state": final.state or None,
            "outcome": final.outcome or None, "no_refund_request": final.no_refund_request,
            "return_id": final.return_id, "parcel_code": final.parcel_code or None, "message": final.message(lang),
            "lines": [vars(li) for li in final.lines], "items": list(final.items), "scans": len(verdicts),
            "refused": refused}  # fmt: skip


def run_list(args: argparse.Namespace) -> int:
    from ..services.returns_records import list_returns

    if args.since and args.until and args.until <= args.since:
        raise DomainError("结束时间早于开始时间", "--to is before --from")
    rows = with_store(args, lambda mk, actor: list_returns(mk, actor, args.warehouse, args.since, args.until,
                                                           limit=args.limit))  # fmt: skip
    _print_records(rows, args)
    return 0


def run_unknown(args: argparse.Namespace) -> int:
    from ..services.returns_records import unknown_parcels

    _print_records(with_store(args, lambda mk, actor: unknown_parcels(mk, actor, args.warehouse)), args)
    return 0


def run_match(args: argparse.Namespace) -> int:
    from ..services.returns_records import match_unknown

    done = with_store(args, lambda mk, actor: match_unknown(mk, actor, args.parcel_id, args.order, "cli"))
    if args.json:
        print_json({"return_id": done.return_id, "order": done.order_no, "state": done.status.value,
                    "outcome": done.outcome.value, "no_refund_request": done.no_refund_request})  # fmt: skip
    elif args.lang == "en":
        print(f"Unknown parcel #{done.return_id} checked in against {done.order_no}: {done.outcome.en}")
    else:
        print(f"未知包裹 #{done.return_id} 已按订单 {done.order_no} 入库：{done.outcome.zh}")
    return 0


_NO_REFUND = {False: "（未申请退款）", True: " (no refund request)"}


def _print_records(rows: list, args: argparse.Namespace) -> None:
    if args.json:
        print_json([r.to_json(args.lang) for r in rows])
        return
    lang = args.lang
    print_table(["#", "时间/at", "仓库/warehouse", "订单/order", "包裹/parcel", "结果/outcome", "商品/items", "人员/user"],
                [[r.id, r.at.astimezone().strftime("%Y-%m-%d %H:%M"), r.warehouse, r.order_no or "—",
                  r.parcel_code or "—", r.outcome_label(lang) + (_NO_REFUND[lang == "en"] if r.no_refund_request else ""),
                  r.items_text(lang) + (f" [{r.note}]" if r.note else ""), r.username] for r in rows])  # fmt: skip
