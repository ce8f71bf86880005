"""`orderdesk handover`: courier handover at the dock. Scans from stdin go into a new manifest for
(courier, warehouse), one verdict per stdout line; the manifest is closed at a CLOSE scan or at the
end of input, and the last line names it. `handover list|show|print` read manifests back."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..domain.errors import DomainError
from .auth import acting_user, with_store
from .inputs import int_range
from .output import print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ho = verbs.add_parser("handover", parents=[common],
                          help="hand parcels to a courier: scans from stdin into a manifest (交接单)")  # fmt: skip
    ho.add_argument("--courier", metavar="C", help="courier code or name (ZTO, 中通快递…)")
    ho.add_argument("--warehouse", metavar="W", help="warehouse code or name")
    ho.add_argument("--json", action="store_true", help="one JSON object per line")
    ho.add_argument("--resume", action="store_true", help="continue the manifest still open for this courier here")
    ho.add_argument("--keep-open", action="store_true", help="do not close the manifest at the end of input")
    ho.set_defaults(handler=run_scan)
    sub = ho.add_subparsers(dest="action", metavar="ACTION")
    ls = sub.add_parser("list", parents=[common], help="manifests, newest first")
    ls.add_argument("--warehouse", default="", metavar="CODE")
    ls.add_argument("--open", action="store_true", help="only manifests still open")
    ls.add_argument("--limit", type=int_range(1, 100_000), default=50)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    sh = sub.add_parser("show", parents=[common], help="one manifest: its parcels and refused scans")
    sh.add_argument("manifest_id", type=int_range(1, 2**31 - 1), metavar="ID")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)
    pr = sub.add_parser("print", parents=[common], help="the manifest on A4 (PDF file and/or a printer)")
    pr.add_argument("manifest_id", type=int_range(1, 2**31 - 1), metavar="ID")
    pr.add_argument("--out", type=Path, metavar="FILE.pdf", help="write the PDF here (no printing unless --printer)")
    pr.add_argument("--printer", default=None, metavar="P", help="default: the system's default printer")
    pr.set_defaults(handler=run_print)


def run_scan(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.handover import HandoverDesk, close_manifest, open_manifest

    if not args.courier or not args.warehouse:
        raise DomainError("请用 --courier 和 --warehouse 指定快递公司和仓库", "Give --courier and --warehouse")
    store = open_store(args.db)
    try:
        actor = acting_user(args, store.make_uow)
        ref = open_manifest(store.make_uow, actor, args.courier, args.warehouse, resume=args.resume)
        desk, closed = HandoverDesk(store.make_uow, actor, ref), False
        for line in sys.stdin:
            verdict = desk.scan(line.rstrip("\r\n"))
            _emit(args, verdict.to_json(args.lang), _verdict_text(verdict, args.lang))
            if verdict.kind == "closed":
                closed = True
                break
        if not closed and not args.keep_open:
            close_manifest(store.make_uow, actor, ref.id)
        _summary(args, store.make_uow, actor, ref.id)
    finally:
        store.close()
    return 0


def _emit(args: argparse.Namespace, data: dict[str, object], text: str) -> None:
    """One whole line per verdict, written and flushed at once (a reader never sees half a line)."""
    line = json.dumps(data, ensure_ascii=False, default=str) if args.json else text
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _verdict_text(v, lang: str) -> str:  # noqa: ANN001 - a HandoverVerdict
    return f"{'✓' if v.ok else '✗'} {v.scan}\t{v.message(lang)}"


def _summary(args: argparse.Namespace, make_uow, actor: str, manifest_id: int) -> None:  # noqa: ANN001
    from ..services.handover_queries import manifest_detail

    d = manifest_detail(make_uow, actor, manifest_id)
    m = d.manifest
    data = {"manifest": m.id, "status": m.status, "courier": m.courier_code, "warehouse": m.warehouse_code,
            "count": m.parcels, "refused": len(d.refused)}  # fmt: skip
    en = args.lang == "en"
    state = ("closed" if en else "已关闭") if m.status == "CLOSED" else ("still open" if en else "未关闭")
    text = (f"Manifest {m.id}: {state}, {m.parcels} parcel(s), {len(d.refused)} scan(s) refused" if en
            else f"交接单 {m.id}：{state}，共 {m.parcels} 件，拒收扫描 {len(d.refused)} 次")  # fmt: skip
    _emit(args, data, text)


def run_list(args: argparse.Namespace) -> int:
    from ..services.handover_queries import list_manifests

    rows = with_store(args, lambda mk, actor: list_manifests(mk, actor, args.warehouse, args.open, args.limit))
    if args.json:
        print_json([_manifest_json(m) for m in rows])
        return 0
    print_table(["交接单/id", "快递/courier", "仓库/warehouse", "状态/status", "件数/parcels", "开单/opened",
                 "经办/by", "关闭/closed"],
                [[m.id, m.courier_code, m.warehouse_code, m.status, m.parcels, _local(m.opened_at), m.opened_by,
                  _local(m.closed_at)] for m in rows])  # fmt: skip
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..services.handover_queries import manifest_detail

    d = with_store(args, lambda mk, actor: manifest_detail(mk, actor, args.manifest_id))
    parcels = [{"waybill": p.waybill_no, "order": p.order_no, "at": p.at.isoformat(), "by": p.user} for p in d.parcels]
    refused = [{"scan": r.code, "reason": r.verdict.removeprefix("refused:"), "order": r.order_no or None,
                "at": r.at.isoformat(), "by": r.user} for r in d.refused]  # fmt: skip
    if args.json:
        print_json(_manifest_json(d.manifest) | {"parcels": parcels, "refused": refused})
        return 0
    m = d.manifest
    print(f"交接单 Manifest {m.id}  {m.courier_code} @ {m.warehouse_code} ({m.warehouse_name})  {m.status}  "
          f"{m.parcels} 件 parcel(s)")  # fmt: skip
    print_table(["#", "运单号/waybill", "订单/order", "时间/at", "经办/by"],
                [[i, p["waybill"], p["order"], _local(pp.at), p["by"]] for i, (p, pp) in enumerate(zip(parcels, d.parcels), 1)])  # fmt: skip
    if refused:
        print()
        print_table(["拒收扫描/refused scan", "原因/reason", "订单/order", "时间/at", "经办/by"],
                    [[r["scan"], r["reason"], r["order"] or "", _local(rr.at), r["by"]] for r, rr in zip(refused, d.refused)])  # fmt: skip
    return 0


def run_print(args: argparse.Namespace) -> int:
    """Write the PDF (--out) and/or print it; a print counts (audited) once the print system is done."""
    from ..services.handover_queries import handover_pdf, record_handover_print

    pdf = with_store(args, lambda mk, actor: handover_pdf(mk, actor, args.manifest_id))
    if args.out:
        args.out.write_bytes(pdf)
        print(f"Manifest {args.manifest_id} written to {args.out}" if args.lang == "en"
              else f"交接单 {args.manifest_id} 已写入 {args.out}")  # fmt: skip
    if args.out and not args.printer:
        return 0
    from ..printing import print_pdf, wait_printed

    result = wait_printed(print_pdf(pdf, args.printer, title=f"OrderDesk handover {args.manifest_id}"))
    with_store(args, lambda mk, actor: record_handover_print(mk, actor, args.manifest_id, result.printer,
                                                             result.job_id or ""))  # fmt: skip
    print(f"Printed manifest {args.manifest_id} on {result.printer} (job {result.job_id or '-'})" if args.lang == "en"
          else f"已在 {result.printer} 打印交接单 {args.manifest_id}（作业 {result.job_id or '-'}）")  # fmt: skip
    return 0


def _manifest_json(m) -> dict[str, object]:  # noqa: ANN001 - a ManifestRow
    return {"manifest": m.id, "courier": m.courier_code, "warehouse": m.warehouse_code, "status": m.status,
            "count": m.parcels, "opened_at": m.opened_at.isoformat(), "opened_by": m.opened_by,
            "closed_at": m.closed_at.isoformat() if m.closed_at else None, "closed_by": m.closed_by or None}  # fmt: skip


def _local(at) -> str:  # noqa: ANN001
    return at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if at else ""
