"""`orderdesk audit export`: the audit log and order timelines of a period, to .xlsx or .csv."""

from __future__ import annotations

import argparse
import json
from datetime import datetime, time, timedelta
from pathlib import Path

from ..domain.errors import DomainError
from .auth import acting_user
from .output import print_json

HEADERS_ZH = ["时间", "用户", "动作", "对象类型", "对象", "详情"]
HEADERS_EN = ["Time", "User", "Action", "Object type", "Object", "Details"]


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    a = verbs.add_parser("audit", help="the audit trail", parents=[common])
    sub = a.add_subparsers(dest="audit_verb", required=True, metavar="ACTION")
    ex = sub.add_parser("export", help="export the audit trail of a period", parents=[common])
    ex.add_argument("--from", dest="since", type=_date, metavar="DATE", help="YYYY-MM-DD[ HH:MM] (local time)")
    ex.add_argument("--to", dest="until", type=_date_end, metavar="DATE", help="inclusive day, or a time")
    ex.add_argument("--by", metavar="USER", help="only what this user did")
    ex.add_argument("--object", metavar="TYPE[:ID]", help="e.g. order:TB123, user:packer1, secret")
    ex.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx|FILE.csv")
    ex.add_argument("--json", action="store_true", help="print a summary as JSON")
    ex.set_defaults(handler=run_export)


def _parse(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).astimezone()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD or 'YYYY-MM-DD HH:MM')")


def _date(text: str) -> datetime:
    return _parse(text)


def _date_end(text: str) -> datetime:
    value = _parse(text)
    is_day = len(text.strip()) == 10
    return datetime.combine(value.date(), time(), value.tzinfo) + timedelta(days=1) if is_day else value


def run_export(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..exports.tabular import write_table
    from ..services.audit_service import audit_trail, record_export
    from ..services.ports import AuditFilter

    object_type, _, object_id = (args.object or "").partition(":")
    flt = AuditFilter(since=args.since, until=args.until, username=args.by,
                      object_type=object_type or None, object_id=object_id or None)  # fmt: skip
    if args.since and args.until and args.until <= args.since:
        raise DomainError("结束时间早于开始时间", "--to is before --from")
    store = open_store(args.db)
    try:
        actor = acting_user(args, store.make_uow)
        rows = audit_trail(store.make_uow, actor, flt, limit=None)
        table = [[r.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), r.username, r.action, r.object_type,
                  r.object_id, json.dumps(r.details, ensure_ascii=False, sort_keys=True)] for r in rows]  # fmt: skip
        count = write_table(args.out, HEADERS_EN if args.lang == "en" else HEADERS_ZH, table, sheet="audit")
        record_export(store.make_uow, actor, "audit", count, str(args.out))
    finally:
        store.close()
    if args.json:
        print_json({"rows": count, "out": str(args.out)})
    else:
        print(f"已导出 {count} 条审计记录到 {args.out}" if args.lang != "en" else f"Exported {count} audit rows to {args.out}")
    return 0
