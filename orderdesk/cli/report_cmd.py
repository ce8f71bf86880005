"""`orderdesk report kpi|reconciliation`: the measures of a period from the event log, and the
reconciliation workbook for finance."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.kpi import Bucket, KpiQuery
from ..domain.reconciliation import check_period
from .audit_cmd import _date, _date_end
from .auth import with_store
from .output import print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    rep = verbs.add_parser("report", help="KPIs and finance reconciliation", parents=[common])
    sub = rep.add_subparsers(dest="report_verb", required=True, metavar="REPORT")
    kpi = sub.add_parser("kpi", help="ODA, pay-to-ship, throughput, refunds … of a period", parents=[common])
    _period(kpi)
    kpi.add_argument("--by", choices=[b.value for b in Bucket if b is not Bucket.ALL], help="one row per day, week or month")
    kpi.add_argument("--warehouse", metavar="WH", help="only this warehouse's orders")
    kpi.add_argument("--channel", metavar="C", help="only this channel's orders (taobao, pdd, douyin, miniprogram)")
    kpi.add_argument("--split", action="append", default=[], choices=["warehouse", "channel", "packer"],
                     help="one row per warehouse, channel or packer as well (repeatable)")
    kpi.add_argument("--json", action="store_true")
    kpi.set_defaults(handler=run_kpi)
    rec = sub.add_parser("reconciliation", help="per channel: orders, paid, freight, refunds, net (.xlsx)",
                         parents=[common])  # fmt: skip
    _period(rec)
    rec.add_argument("--channel", metavar="C", help="one channel (default: every channel with data)")
    rec.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    rec.add_argument("--json", action="store_true", help="print the totals as JSON")
    rec.set_defaults(handler=run_reconciliation)


def _period(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="since", type=_date, required=True, metavar="DATE", help="YYYY-MM-DD[ HH:MM] (local time)")
    p.add_argument("--to", dest="until", type=_date_end, required=True, metavar="DATE", help="inclusive day, or a time")


def run_kpi(args: argparse.Namespace) -> int:
    from ..services.reports import kpi_report  # noqa: PLC0415 - heavy: only the verb that runs pays

    q = KpiQuery(args.since, args.until, Bucket(args.by or "all"), "warehouse" in args.split,
                 "channel" in args.split, "packer" in args.split)  # fmt: skip
    report = with_store(args, lambda mk, actor: kpi_report(mk, actor, q, args.warehouse, args.channel))
    en = args.lang == "en"
    if args.json:
        print_json({"from": q.start.isoformat(), "to": q.end.isoformat(), "by": q.by.value, "rows": report.rows})
        return 0
    if not report.rows:
        print("No orders or scans in this period" if en else "该时间段内没有订单或扫描记录")
        return 0
    print_table(["期间/period", "仓/wh", "渠道/ch", "打包员/packer", "发出/left", "ODA", "付→发 中位/p90 h",
                 "付→确认 h", "单/人时", "拒扫/百件", "拦截 成功/总", "退款率", "退货→红字 h"],
                [_kpi_row(r) for r in report.rows])  # fmt: skip
    wrong = [w for r in report.rows for w in r["wrong"]]  # type: ignore[attr-defined]
    if wrong:
        print("Wrong deliveries:" if en else "错发订单：")
        print_table(["订单/order", "原因/reason", "详情/detail"],
                    [[w["order"], w["reason_en" if en else "reason_zh"], w["detail"]] for w in wrong])  # fmt: skip
    return 0


def _kpi_row(r: dict) -> list[object]:
    oda = f"{r['oda'] * 100:.1f}%" if r["oda"] is not None else "-"
    rate = f"{r['refund_rate'] * 100:.1f}%" if r["refund_rate"] is not None else "-"
    return [r["bucket"], r["warehouse"] or "", r["channel"] or "", r["packer"] or "", r["delivered"], oda,
            f"{_n(r['pay_to_ship_median_h'])} / {_n(r['pay_to_ship_p90_h'])}", _n(r["pay_to_confirm_median_h"]),
            _n(r["orders_per_packer_hour"]), _n(r["refused_per_100_parcels"]),
            f"{r['intercepts_caught']}/{r['intercepts']}", rate, _n(r["return_to_credit_median_h"])]  # fmt: skip


def _n(v: float | None) -> str:
    return "-" if v is None else f"{v:.1f}"


def run_reconciliation(args: argparse.Namespace) -> int:
    from ..services.reports import export_reconciliation  # noqa: PLC0415 - heavy: only the verb that runs pays

    check_period(args.since, args.until)
    rec = with_store(args, lambda mk, actor: export_reconciliation(mk, actor, args.since, args.until, args.out,
                                                                   args.channel))  # fmt: skip
    totals = [rec.totals(c) for c in rec.channels]
    if args.json:
        print_json({"file": str(args.out), "channels": [
            {"channel": t.channel, "orders": t.orders, "goods": f"{t.goods_fen / 100:.2f}", "freight": f"{t.freight_fen / 100:.2f}",
             "refunds": f"{t.refunds_fen / 100:.2f}", "credit_notes": t.notes, "net": f"{t.net_fen / 100:.2f}"} for t in totals]})
        return 0
    en = args.lang == "en"
    if rec.empty:
        print(f"No orders or credit notes in this period; wrote an empty workbook to {args.out}" if en
              else f"该时间段内没有订单或红字凭证，已写出空的对账表：{args.out}")  # fmt: skip
        return 0
    print_table(["渠道/channel", "订单/orders", "实收/paid", "退款/refunds", "净额/net"],
                [[t.channel, t.orders, f"{t.paid_fen / 100:.2f}", f"{t.refunds_fen / 100:.2f}", f"{t.net_fen / 100:.2f}"]
                 for t in totals])  # fmt: skip
    print(f"Wrote {args.out}" if en else f"已导出对账表：{args.out}")
    return 0
