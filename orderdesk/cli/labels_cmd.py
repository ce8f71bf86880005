"""`orderdesk labels` renders shipping labels, packing slips or a pick list to a file; `orderdesk
waybills` manages the number blocks couriers issue; `orderdesk label-template` the label layouts."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from ..domain.errors import DomainError
from .auth import with_store
from .inputs import int_range, write_output
from .output import print_json, print_table

KINDS = ("shipping", "slip", "picklist")


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    lb = verbs.add_parser("labels", help="render shipping labels, packing slips or a pick list", parents=[common])
    lb.add_argument("order_nos", nargs="+", metavar="ORDER_NO")
    lb.add_argument("--kind", choices=KINDS, default="shipping")
    lb.add_argument("--size", metavar="WxH", help="shipping label size: 100x150, 100x180 or 76x130 "
                    "(default: the label template of each parcel's courier/channel)")  # fmt: skip
    lb.add_argument("--page", choices=["A5", "A4"], default="A5", help="packing slip paper (default A5)")
    lb.add_argument("--format", choices=["pdf", "zpl", "tspl"], default="pdf",
                    help="pdf for any printer; zpl (Zebra) or tspl (TSC) raw text for thermal printers")  # fmt: skip
    lb.add_argument("--wave", default="", metavar="ID", help="pick list: the wave's name")
    lb.add_argument("--out", required=True, type=Path, metavar="FILE")
    lb.add_argument("--json", action="store_true")
    lb.set_defaults(handler=run_labels)

    pr = verbs.add_parser("print", help="print a PDF (or ZPL/TSPL file) on a printer the system knows",
                          parents=[common])  # fmt: skip
    pr.add_argument("file", type=Path, metavar="FILE")
    pr.add_argument("--printer", default=None, metavar="NAME", help="default: this station's printer, else the system's")
    pr.add_argument("--method", choices=["qt", "cups", "raw"], default=None,
                    help="qt (any printer; default for PDF), cups (lp, Linux) or raw (ZPL/TSPL; default for .zpl/.tspl)")  # fmt: skip
    pr.add_argument("--copies", type=int_range(1, 99), default=1)
    pr.add_argument("--json", action="store_true")
    pr.set_defaults(handler=run_print)

    wb = verbs.add_parser("waybills", help="waybill number blocks per warehouse and courier", parents=[common])
    wsub = wb.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = wsub.add_parser("add", help="add a block of numbers a courier issued", parents=[common])
    add.add_argument("warehouse", metavar="WAREHOUSE")
    add.add_argument("courier", metavar="COURIER", help="ZTO, YTO, STO, YD, SF, JTSD, EMS, JD")
    add.add_argument("first", metavar="FIRST")
    add.add_argument("last", metavar="LAST")
    add.set_defaults(handler=run_waybills_add)
    ls = wsub.add_parser("list", help="blocks and how many numbers are left", parents=[common])
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_waybills_list)

    tp = verbs.add_parser("label-template", help="label size and fields per courier/channel", parents=[common])
    tsub = tp.add_subparsers(dest="action", required=True, metavar="ACTION")
    st = tsub.add_parser("set", help="save a template", parents=[common])
    st.add_argument("--courier", default="", help="courier code; empty = any courier")
    st.add_argument("--channel", default="", help="taobao, pdd, douyin, miniprogram; empty = any channel")
    st.add_argument("--size", default="100x150")
    st.add_argument("--fields", default=None, metavar="A,B",
                    help="optional fields to show: sender,items,gift_lines,order_barcode,channel_shop,printed_at")  # fmt: skip
    st.set_defaults(handler=run_template_set)
    tl = tsub.add_parser("list", help="saved templates", parents=[common])
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(handler=run_template_list)


def run_labels(args: argparse.Namespace) -> int:
    from ..services import labels as svc

    if args.format != "pdf" and args.kind != "shipping":
        raise SystemExit("--format zpl/tspl is for shipping labels only")
    if args.kind == "shipping":
        pairs = with_store(args, lambda mk, actor: svc.shipping_labels(mk, actor, args.order_nos))
        data, pages, waybills = _shipping(args, pairs), len(pairs), [d.waybill_no for d, _t in pairs]
        orders = [d.order_no for d, _t in pairs]
    elif args.kind == "slip":
        from ..labels.pdf import render_packing_slips

        slips = with_store(args, lambda mk, actor: svc.packing_slips(mk, actor, args.order_nos))
        data, pages, waybills, orders = render_packing_slips(slips, args.page), len(slips), [], [s.order_no for s in slips]
    else:
        from ..labels.pdf import render_pick_list

        pick = with_store(args, lambda mk, actor: svc.pick_list(mk, actor, args.order_nos, args.wave))
        data, pages, waybills = render_pick_list(pick), 1, []
        orders = list(dict.fromkeys(line.order_no for line in pick.lines))
    write_output(args.out, data if isinstance(data, bytes) else data.encode("utf-8"))
    if args.json:
        print_json({"out": str(args.out), "kind": args.kind, "format": args.format, "labels": pages,
                    "orders": orders, "waybills": waybills})  # fmt: skip
    elif args.lang == "en":
        print(f"{pages} {args.kind} document(s) written to {args.out}")
    else:
        print(f"已生成 {pages} 张，写入 {args.out}")
    return 0


def _shipping(args: argparse.Namespace, pairs: list) -> bytes | str:
    from ..labels.model import LabelSize

    if args.size:
        size = LabelSize.parse(args.size)
        pairs = [(d, dataclasses.replace(t, size=size)) for d, t in pairs]
    if args.format == "zpl":
        from ..labels.thermal import to_zpl

        return "".join(to_zpl(d, t) for d, t in pairs)
    if args.format == "tspl":
        from ..labels.thermal import to_tspl

        return "".join(to_tspl(d, t) for d, t in pairs)
    from ..labels.batch import render_label_batch

    return render_label_batch(pairs)


def run_print(args: argparse.Namespace) -> int:
    """Print, wait until the print system has done the job, then record it (audited): a PDF made by
    `orderdesk labels` names its orders, so their labels count as printed (a second time: a reprint)."""
    from ..labels.batch import parse_keywords
    from ..printing import PrintMethod, print_pdf, print_raw, wait_printed
    from ..services.labels import record_print

    if not args.file.is_file():
        raise DomainError(f"找不到文件 {args.file}", f"No such file: {args.file}")
    data = args.file.read_bytes()
    is_pdf = data.startswith(b"%PDF")
    method = PrintMethod(args.method or ("qt" if is_pdf else "raw"))
    if method is PrintMethod.RAW and not is_pdf:
        result = wait_printed(print_raw(data, args.printer, title=args.file.name))
    else:
        result = wait_printed(print_pdf(data, args.printer, method=method, title=args.file.name, copies=args.copies))
    kind, orders = parse_keywords(_pdf_keywords(data) if is_pdf else "") or ("file", [])
    with_store(args, lambda mk, actor: record_print(mk, actor, kind, orders, result.printer, result.job_id or "",
                                                    file=args.file.name))  # fmt: skip
    if args.json:
        print_json({"printer": result.printer, "job": result.job_id, "pages": result.pages, "method": method.value,
                    "kind": kind, "orders": orders})  # fmt: skip
    elif args.lang == "en":
        print(f"Printed {args.file.name} on {result.printer} (job {result.job_id or '-'})")
    else:
        print(f"已在 {result.printer} 打印 {args.file.name}（作业 {result.job_id or '-'}）")
    return 0


def _pdf_keywords(data: bytes) -> str:
    from ..gui.qt import QPdfDocument
    from ..printing.qt_paint import open_pdf

    doc, _buf = open_pdf(data)
    return str(doc.metaData(QPdfDocument.MetaDataField.Keywords) or "")


def run_waybills_add(args: argparse.Namespace) -> int:
    from ..services.labels import add_waybill_range

    with_store(args, lambda mk, actor: add_waybill_range(mk, actor, args.warehouse, args.courier, args.first,
                                                         args.last))  # fmt: skip
    print("已添加号段" if args.lang != "en" else "Block added")
    return 0


def run_waybills_list(args: argparse.Namespace) -> int:
    from ..services.labels import waybill_ranges

    rows = with_store(args, waybill_ranges)
    if args.json:
        print_json([{"warehouse": r.warehouse_code, "courier": r.courier_code,
                     "next": f"{r.prefix}{r.next_seq:0{r.digits}d}", "last": f"{r.prefix}{r.last_seq:0{r.digits}d}",
                     "left": r.left} for r in rows])  # fmt: skip
        return 0
    print_table(["仓库/warehouse", "快递/courier", "下一个/next", "最后/last", "剩余/left"],
                [[r.warehouse_code, r.courier_code, f"{r.prefix}{r.next_seq:0{r.digits}d}",
                  f"{r.prefix}{r.last_seq:0{r.digits}d}", r.left] for r in rows])  # fmt: skip
    return 0


def run_template_set(args: argparse.Namespace) -> int:
    from ..labels.model import OPTIONAL_FIELDS, LabelSize, LabelTemplate
    from ..services.labels import save_label_template

    fields = OPTIONAL_FIELDS if args.fields is None else [f.strip() for f in args.fields.split(",") if f.strip()]
    template = LabelTemplate(LabelSize.parse(args.size), frozenset(fields))
    with_store(args, lambda mk, actor: save_label_template(mk, actor, args.courier, args.channel, template))
    print("已保存面单模板" if args.lang != "en" else "Label template saved")
    return 0


def run_template_list(args: argparse.Namespace) -> int:
    from ..services.labels import label_templates

    rows = with_store(args, label_templates)
    out = [{"courier": c or "*", "channel": ch or "*", "size": t.size.value, "fields": sorted(t.fields)}
           for c, ch, t in rows]  # fmt: skip
    if args.json:
        print_json(out)
    else:
        print_table(["快递/courier", "渠道/channel", "尺寸/size", "字段/fields"],
                    [[o["courier"], o["channel"], o["size"], ",".join(o["fields"])] for o in out])  # fmt: skip
    return 0
