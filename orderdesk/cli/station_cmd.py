"""`orderdesk station`: the headless pack station (one scan per stdin line, one JSON verdict per
stdout line); `orderdesk refund` intercepts an order; `orderdesk wave`; `orderdesk throughput`."""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys

from .auth import acting_user, resolve_warehouse_arg, with_store
from .inputs import int_range
from .output import print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    st = verbs.add_parser("station", help="a pack station reading scans from stdin (JSON verdict per line)",
                          parents=[common])  # fmt: skip
    st.add_argument("--warehouse", required=True, metavar="WAREHOUSE", help="its code or its name")
    st.add_argument("--station", default=None, metavar="NAME", help="this bench's name (default: host name)")
    st.add_argument("--printer", default=None, metavar="NAME",
                    help="print each packed parcel's label here (default: no printing)")  # fmt: skip
    st.set_defaults(handler=run_station)

    rf = verbs.add_parser("refund", parents=[common],
                          help="a refund: intercept, pull back or await the parcel by where the order is; "
                               "--step follows it to paid (credit note) or closed")  # fmt: skip
    rf.add_argument("order_no", metavar="ORDER_NO")
    rf.add_argument("--reason", required=True)
    rf.add_argument("--line", action="append", default=[], metavar="SKU:QTY",
                    help="refund only this line and quantity (repeatable; default: the whole order)")  # fmt: skip
    rf.add_argument("--keep-goods", action="store_true", help="refund only: the buyer keeps the goods, no return")
    rf.add_argument("--courier-intercept", action="store_true",
                    help="a shipped parcel: add a courier-intercept task to its warehouse")  # fmt: skip
    rf.add_argument("--withdraw", action="store_true", help="the buyer withdrew the request: release the order")
    rf.add_argument("--step", choices=["paid", "rejected", "withdrawn", "closed"], default=None,
                    help="record the refund's next step by hand (paid issues the credit note)")  # fmt: skip
    rf.add_argument("--refund", default=None, metavar="REF", help="which refund, when the order has several open")
    rf.add_argument("--json", action="store_true")
    rf.set_defaults(handler=run_refund)

    wv = verbs.add_parser("wave", help="make a wave of allocated orders for picking", parents=[common])
    wv.add_argument("--warehouse", required=True, metavar="WAREHOUSE", help="its code or its name")
    wv.add_argument("--count", type=int_range(1, 10_000), default=50)
    wv.add_argument("--channel", default="", help="only this channel's orders (taobao, pdd, douyin, miniprogram)")
    wv.add_argument("--courier", default="", help="only parcels going with this courier (ZTO, YTO…)")
    wv.add_argument("--mixed", action="store_true", help="do not put single-item orders first")
    wv.add_argument("--json", action="store_true")
    wv.set_defaults(handler=run_wave)

    tp = verbs.add_parser("throughput", help="parcels packed and scans refused per station and hour, today",
                          parents=[common])  # fmt: skip
    tp.add_argument("--json", action="store_true")
    tp.set_defaults(handler=run_throughput)


def run_station(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.packing import PackStation

    store = open_store(args.db)
    try:
        actor = acting_user(args, store.make_uow)
        resolve_warehouse_arg(args, store.make_uow, actor)
        station = PackStation(store.make_uow, actor, args.warehouse, args.station or socket.gethostname())
        for line in sys.stdin:
            verdict = _one(station, line)
            out = verdict.to_json(args.lang)
            if verdict.print_label and args.printer:
                out["label"] = _print_label(store.make_uow, actor, verdict.order, args.printer, args.warehouse)
            write_line(json.dumps(out, ensure_ascii=False, default=str))
    finally:
        store.close()
    return 0


def write_line(text: str) -> None:
    """One verdict, one whole line: a single os.write of the encoded line, so a killed station never
    leaves half a JSON object (a buffered stream may flush a line in pieces)."""
    data = (text + "\n").encode("utf-8", "backslashreplace")
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a stream without a file (tests in-process)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _one(station, line: str):  # noqa: ANN001, ANN202 - a PackStation, a Verdict
    text = line.rstrip("\r\n")
    if text.upper().startswith("OVERRIDE "):
        _, badge, *reason = text.split(" ")
        return station.override(badge, " ".join(reason))
    return station.scan(text)


def _print_label(make_uow, actor: str, order_no: str | None, printer: str, warehouse: str) -> dict[str, object]:  # noqa: ANN001
    from ..domain.errors import DomainError
    from ..printing import print_shipping_labels, wait_printed
    from ..services.labels import record_print, shipping_labels

    try:
        pairs = shipping_labels(make_uow, actor, [order_no or ""], warehouse=warehouse)
        result = wait_printed(print_shipping_labels([d for d, _t in pairs], pairs[0][1], printer))
        record_print(make_uow, actor, "shipping", [order_no or ""], result.printer, result.job_id or "",
                     warehouse=warehouse)  # fmt: skip
        return {"printed": True, "printer": result.printer, "job": result.job_id,
                "waybills": [d.waybill_no for d, _t in pairs]}  # fmt: skip
    except DomainError as exc:
        return {"printed": False, "error": exc.reason("zh")}


def run_refund(args: argparse.Namespace) -> int:
    from ..domain.refunds import RefundStep, parse_line_arg
    from ..services import refunds

    lines = [parse_line_arg(t) for t in args.line]
    step = RefundStep.WITHDRAWN if args.withdraw else (RefundStep(args.step.upper()) if args.step else None)

    def act(mk, actor):  # noqa: ANN001, ANN202
        if step is None:
            return refunds.request_refund(mk, actor, args.order_no, lines, args.reason,
                                          returns_goods=not args.keep_goods, courier_intercept=args.courier_intercept)
        return refunds.move_refund(mk, actor, args.order_no, step, args.reason, args.refund)

    out = with_store(args, act)
    if args.json:
        print_json(out.to_json())
        return 0
    en = args.lang == "en"
    frm, to = (out.from_status.en, out.to_status.en) if en else (out.from_status.zh, out.to_status.zh)
    text = f"{out.order_no}: {frm} → {to}" if en else f"{out.order_no}：{frm} → {to}"
    text += f" ({out.refund} {out.step.label(args.lang)})" if en else f"（{out.refund} {out.step.label('zh')}）"
    if out.credit_note:
        text += f", credit note {out.credit_note}" if en else f"，红字凭证 {out.credit_note}"
    print(text)
    return 0


def run_wave(args: argparse.Namespace) -> int:
    from ..services.waves import create_wave

    wave = with_store(args, lambda mk, actor: create_wave(mk, actor, args.warehouse, args.count, args.channel,
                                                          args.courier, not args.mixed))  # fmt: skip
    slots = [{"slot": i, "code": wave.slot_code(i), "order": n} for i, n in enumerate(wave.order_nos, 1)]
    if args.json:
        print_json({"wave": wave.code, "warehouse": wave.warehouse, "orders": slots})
    else:
        print_table(["格口/slot", "条码/code", "订单/order"], [[s["slot"], s["code"], s["order"]] for s in slots])
    return 0


def run_throughput(args: argparse.Namespace) -> int:
    from ..services.waves import throughput

    rows = with_store(args, throughput)
    if args.json:
        print_json([{"station": r.station, "hour": r.hour, "packed": r.packed, "refused": r.refused} for r in rows])
    else:
        print_table(["工位/station", "小时/hour", "已打包/packed", "拒绝/refused"],
                    [[r.station, r.hour, r.packed, r.refused] for r in rows])  # fmt: skip
    return 0
