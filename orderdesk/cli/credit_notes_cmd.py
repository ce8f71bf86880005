"""`orderdesk credit-notes issue|reverse|list|show|pdf|export`: red credit notes (红字凭证) for finance."""

from __future__ import annotations

import argparse
from pathlib import Path

from typing import TYPE_CHECKING

from ..domain.errors import DomainError
from .audit_cmd import _date, _date_end
from .auth import with_store
from .inputs import write_output
from .output import print_json, print_table

if TYPE_CHECKING:
    from ..domain.credit_notes import LineRequest


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cn = verbs.add_parser("credit-notes", help="red credit notes (红字凭证) for refunds", parents=[common])
    sub = cn.add_subparsers(dest="credit_notes_verb", required=True, metavar="ACTION")
    iss = sub.add_parser("issue", help="issue a credit note for a refund completed outside the hub", parents=[common])
    iss.add_argument("order_no", metavar="ORDER_NO")
    iss.add_argument("--line", action="append", default=[], type=_line, metavar="SKU:QTY[:AMOUNT]",
                     help="a credited line; AMOUNT in yuan, else the line's paid share; QTY 0 with an AMOUNT refunds money only (repeatable)")
    iss.add_argument("--freight", type=_amount, default=0, metavar="YUAN", help="freight refunded")
    iss.add_argument("--all", action="store_true", help="credit everything not yet credited, freight included")
    iss.add_argument("--reason", required=True)
    iss.add_argument("--json", action="store_true")
    iss.set_defaults(handler=run_issue)
    rev = sub.add_parser("reverse", help="reverse a mistaken credit note with a reversing note", parents=[common])
    rev.add_argument("number", metavar="CN…")
    rev.add_argument("--reason", required=True)
    rev.add_argument("--json", action="store_true")
    rev.set_defaults(handler=run_reverse)
    ls = sub.add_parser("list", help="credit notes of a period", parents=[common])
    _period(ls, required=False)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    show = sub.add_parser("show", help="one credit note with its lines", parents=[common])
    show.add_argument("number", metavar="CN…")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)
    pdf = sub.add_parser("pdf", help="a credit note as PDF", parents=[common])
    pdf.add_argument("number", metavar="CN…")
    pdf.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    pdf.set_defaults(handler=run_pdf)
    ex = sub.add_parser("export", help="the credit notes of a period as .xlsx for finance", parents=[common])
    _period(ex, required=True)
    ex.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    ex.set_defaults(handler=run_export)


def _period(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--from", dest="since", type=_date, required=required, metavar="DATE",
                   help="YYYY-MM-DD[ HH:MM] (local time)")  # fmt: skip
    p.add_argument("--to", dest="until", type=_date_end, required=required, metavar="DATE",
                   help="inclusive day, or a time")  # fmt: skip


def _amount(text: str) -> int:
    from ..domain.credit_notes import parse_yuan

    try:
        return parse_yuan(text)
    except DomainError as exc:
        raise argparse.ArgumentTypeError(exc.en) from None


def _line(text: str) -> LineRequest:
    from ..domain.credit_notes import LineRequest

    sku, _, rest = text.partition(":")
    qty, _, amount = rest.partition(":")
    if not sku.strip() or not qty.strip().isdigit():  # QTY 0 with an AMOUNT: money only
        raise argparse.ArgumentTypeError(f"not SKU:QTY[:AMOUNT]: {text[:60]!r}")
    return LineRequest(sku.strip(), int(qty), _amount(amount) if amount.strip() else None)


def run_issue(args: argparse.Namespace) -> int:
    from ..services.credit_notes import issue_by_hand

    if args.all and (args.line or args.freight):
        raise DomainError("--all 不能与 --line / --freight 同用", "--all cannot be combined with --line or --freight")
    note = with_store(args, lambda mk, actor: issue_by_hand(mk, actor, args.order_no, args.line, args.freight,
                                                            args.reason, full=args.all))  # fmt: skip
    _print_note(args, note)
    return 0


def run_reverse(args: argparse.Namespace) -> int:
    from ..services.credit_notes import reverse_credit_note

    note = with_store(args, lambda mk, actor: reverse_credit_note(mk, actor, args.number, args.reason))
    _print_note(args, note)
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..services.credit_notes import credit_note

    _print_note(args, with_store(args, lambda mk, actor: credit_note(mk, actor, args.number)), lines=True)
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..domain.credit_notes import yuan
    from ..services.credit_notes import credit_notes, note_json

    _check_period(args)
    notes = with_store(args, lambda mk, actor: credit_notes(mk, actor, args.since, args.until))
    if args.json:
        print_json([note_json(n) for n in notes])
        return 0
    print_table(["凭证号/number", "时间/issued", "订单/order", "商品/goods", "运费/freight", "合计/total", "冲销/reverses",
                 "原因/reason"],
                [[n.number, f"{n.issued_at.astimezone():%Y-%m-%d %H:%M}", n.order_no, yuan(n.goods_fen),
                  yuan(n.freight_fen), yuan(n.total_fen), n.reverses or n.reversed_by or "", n.reason[:40]]
                 for n in notes])  # fmt: skip
    return 0


def run_pdf(args: argparse.Namespace) -> int:
    from ..services.credit_notes import credit_note_pdf

    pdf = with_store(args, lambda mk, actor: credit_note_pdf(mk, actor, args.number))
    write_output(args.out, pdf)
    print(f"{args.out}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..services.credit_notes import export_credit_notes

    _check_period(args)
    counts = with_store(args, lambda mk, actor: export_credit_notes(mk, actor, args.since, args.until, args.out))
    notes, lines = counts.values()
    print(f"已导出 {notes} 张红字凭证（{lines} 行明细）到 {args.out}" if args.lang != "en"
          else f"Exported {notes} credit notes ({lines} lines) to {args.out}")  # fmt: skip
    return 0


def _check_period(args: argparse.Namespace) -> None:
    if args.since and args.until and args.until <= args.since:
        raise DomainError("结束时间早于开始时间", "--to is before --from")


def _print_note(args: argparse.Namespace, note, lines: bool = False) -> None:  # noqa: ANN001 - a CreditNote
    from ..domain.credit_notes import yuan
    from ..services.credit_notes import note_json

    if args.json:
        print_json(note_json(note))
        return
    en = args.lang == "en"
    print(f"{note.number}  {note.order_no}  {'total' if en else '合计'} {yuan(note.total_fen)} CNY"
          + (f"  ({'reverses' if en else '冲销'} {note.reverses})" if note.reverses else ""))  # fmt: skip
    if lines:
        print_table(["SKU", "商品/item", "数量/qty", "单价/price", "金额/amount"],
                    [[ln.sku, ln.title, ln.quantity, yuan(ln.unit_price_fen), yuan(ln.amount_fen)]
                     for ln in note.lines])  # fmt: skip
        print(f"{'freight' if en else '运费'} {yuan(note.freight_fen)}  {'reason' if en else '原因'}: {note.reason}")
