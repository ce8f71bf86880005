"""Argument parsing and dispatch; each verb lives in its own module."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..config import LANG_ENV, resolve_db_url, resolve_lang
from ..domain.errors import DomainError
from . import audit_cmd, bench_cmd, channel_cmd, db_cmd, demo_cmd, gui_cmd, handover_cmd, import_cmd, labels_cmd, orders_cmd, products_cmd, rules_cmd, station_cmd, user_cmd
from .output import error

USER_ENV = "ORDERDESK_USER"


def _common() -> argparse.ArgumentParser:
    """Options accepted before or after the verb: `orderdesk --db X orders list` = `orderdesk orders list --db X`."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="URL",
                   help="database URL (sqlite:///file.db or postgresql://user@host/db); "
                        "default $ORDERDESK_DB, else a SQLite file in the user data folder")  # fmt: skip
    p.add_argument("--lang", default=argparse.SUPPRESS, choices=["zh_CN", "zh", "en"],
                   help="language of messages and the UI (default zh_CN)")  # fmt: skip
    p.add_argument("--user", default=argparse.SUPPRESS, metavar="NAME",
                   help=f"log in as NAME (password from $ORDERDESK_PASSWORD or a prompt); default ${USER_ENV}, "
                        "else the built-in 'system' account")
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="orderdesk", description="OrderDesk order hub", parents=[common])
    parser.add_argument("--version", action="version", version=f"orderdesk {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")
    for module in (db_cmd, demo_cmd, orders_cmd, rules_cmd, products_cmd, channel_cmd, user_cmd, audit_cmd, gui_cmd,
                   bench_cmd, import_cmd, labels_cmd, station_cmd, handover_cmd):
        module.register(verbs, common)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    args.db = resolve_db_url(getattr(args, "db", None))
    args.lang_explicit = getattr(args, "lang", None) or os.environ.get(LANG_ENV)
    args.lang = resolve_lang(args.lang_explicit)
    args.user = getattr(args, "user", None) or os.environ.get(USER_ENV) or "system"
    handler = getattr(args, "handler", None) or gui_cmd.run_gui
    try:
        return int(handler(args) or 0)
    except DomainError as exc:
        error(exc.reason(args.lang))
        return 1
    except KeyboardInterrupt:
        error("已中断" if args.lang == "zh_CN" else "Interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:
        from ..store.db_errors import database_error  # noqa: PLC0415 - keeps `orderdesk --version` light

        refused = database_error(exc)
        if refused is None:
            raise
        error(refused.reason(args.lang))  # never SQLAlchemy's own text: it holds the statement
        return 1
