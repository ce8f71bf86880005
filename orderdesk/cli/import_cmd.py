"""`orderdesk import FILE... [--channel NAME] [--dry-run] [--json]`: platform order export files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .auth import with_store
from .output import error, print_json

if TYPE_CHECKING:
    from ..services.order_import import ImportReport

SHOWN = 50  # rows and held orders listed in the human output; --json lists every one


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = verbs.add_parser("import", parents=[common],
                         help="import Taobao/Tmall, Pinduoduo or Douyin order exports (.xlsx, .csv)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="export files; Taobao's order and item reports may come together, in any order")
    p.add_argument("--channel", metavar="NAME", help="the channel (shop) the orders belong to; its platform must "
                   "match the files'. Default: one import shop per platform")  # fmt: skip
    p.add_argument("--dry-run", action="store_true", help="show what would happen, write nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    """Exit 1 when a file could not be read at all; rejected rows are reported, not failures."""
    from ..services.order_import import import_files

    report = with_store(args, lambda mk, actor: import_files(mk, actor, args.files, args.channel, args.dry_run))
    lang = "en" if args.lang == "en" else "zh"
    if args.json:
        print_json(report.to_json(lang))
    else:
        _print(report, lang, args.dry_run)
    for f in report.file_errors:
        error(f.error.reason(lang) if f.error else f.name)
    return 1 if report.file_errors else 0


def _print(report: ImportReport, lang: str, dry_run: bool) -> None:
    en = lang == "en"
    for f in report.files:
        if f.fmt and not f.error:
            print(f"{f.name}: {f.fmt.en}, {f.data_rows} rows" if en else f"{f.name}：{f.fmt.zh}，{f.data_rows} 行")
    state = ("preview, nothing written" if dry_run else "imported") if en else ("预览，未写入" if dry_run else "已导入")
    if en:
        print(f"{state}: {report.new} new, {report.updated} updated, {report.unchanged} unchanged, "
              f"{len(report.rejected)} rows rejected, {report.skipped_unpaid} unpaid skipped, {report.held} held")
    else:
        print(f"{state}：新增 {report.new}，更新 {report.updated}，未变 {report.unchanged}，拒绝 {len(report.rejected)} 行，"
              f"未付款跳过 {report.skipped_unpaid}，待审核 {report.held}")  # fmt: skip
    if report.rejected:
        print("Rejected rows:" if en else "未导入的行：")
        _listed([p.format(lang) for p in sorted(report.rejected, key=lambda p: (p.file, p.row))], en)
    if report.hold_reasons:
        print("Held for review (orderdesk held):" if en else "待审核（orderdesk held 可查看）：")
        _listed([f"{no}: {why}" if en else f"{no}：{why}" for no, why in report.hold_reasons.items()], en)
    if report.allocation_error:
        error(report.allocation_error.reason(lang))


def _listed(lines: list[str], en: bool) -> None:
    for line in lines[:SHOWN]:
        print(f"  {line}")
    if len(lines) > SHOWN:
        print(f"  … {len(lines) - SHOWN} more (see --json)" if en else f"  …… 另有 {len(lines) - SHOWN} 条（见 --json）")
