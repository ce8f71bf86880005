"""`orderdesk stock quarantine|release-quarantine|write-off`: moves of the quarantine stock state."""

from __future__ import annotations

import argparse

from .auth import with_store
from .inputs import int_range

_VERBS = {  # the service function of each verb is named here and imported when the verb runs
    "quarantine": ("quarantine_stock", "move available units into quarantine (damaged goods)",
                   "已隔离", "quarantined"),
    "release-quarantine": ("release_quarantine", "put quarantined units back on sale", "已解除隔离",
                           "released to available"),
    "write-off": ("write_off", "write quarantined units off for good", "已报废", "written off"),
}  # fmt: skip


def register_stock_verbs(ssub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    for verb, (_fn, help_text, _zh, _en) in _VERBS.items():
        p = ssub.add_parser(verb, help=help_text, parents=[common])
        p.add_argument("sku")
        p.add_argument("--warehouse", required=True)
        p.add_argument("--qty", type=int_range(1, 1_000_000), required=True)
        p.add_argument("--reason", required=True)
        p.set_defaults(handler=run_move, quarantine_verb=verb)


def run_move(args: argparse.Namespace) -> int:
    from ..services import quarantine

    name, _help, zh, en = _VERBS[args.quarantine_verb]
    fn = getattr(quarantine, name)
    with_store(args, lambda mk, actor: fn(mk, actor, args.sku, args.warehouse, args.qty, args.reason))
    print(f"{args.sku} @ {args.warehouse}: {args.qty} {en if args.lang == 'en' else zh}")
    return 0
