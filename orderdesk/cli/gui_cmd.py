"""`orderdesk gui` (and `orderdesk` alone): open the main window."""

from __future__ import annotations

import argparse


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    gui = verbs.add_parser("gui", help="open the main window (the default)", parents=[common])
    gui.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from ..gui.app import run_app

    return run_app(args.db, args.lang_explicit, first_run=not args.db_explicit)
