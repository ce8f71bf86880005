"""Argument parsing and dispatch; each verb lives in its own module.

Start-up is kept cheap, because every `orderdesk …` call pays for it (a quick verb, `--help`, a
tab completion, and each subprocess of the e2e tests). The rule for a verb module `*_cmd.py`:

- At its top it imports only the standard library, `.output`, `.inputs`, `.auth` and pure
  `..domain` modules: what `register()` needs to build its sub-parsers (choices, limits, argparse
  types). Constants a parser needs live in `domain/`, not in `services/`.
- Everything heavy (`..bootstrap`, `..services`, `..store`, `..labels`, `..channels`, `..printing`,
  `..imports`, `..exports`, `..demo`, `..benchmarks`, `..gui`; SQLAlchemy, Alembic, reportlab,
  httpx, Qt) is imported inside the `run_*` handler that needs it, so only the verb that runs pays.
- `register(verbs, common)` adds the module's sub-parsers and `set_defaults(handler=run_…)`;
  add the module to the import line and the `build_parser()` tuple below.

tests/unit/test_cli_startup.py checks that importing this module and building the parser loads
none of the heavy packages.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import unicodedata
from collections.abc import Sequence

from .. import __version__
from ..config import DB_ENV, LANG_ENV, resolve_db_url, resolve_lang
from ..domain.errors import DomainError
from . import audit_cmd, bench_cmd, channel_cmd, credit_notes_cmd, customers_cmd, db_cmd, demo_cmd, desk_cmd, gui_cmd, handover_cmd, import_cmd, labels_cmd, orders_cmd, products_cmd, report_cmd, returns_cmd, rules_cmd, selftest_cmd, ship_cmd, station_cmd, tasks_cmd, track_cmd, user_cmd, warehouses_cmd
from .output import error

USER_ENV = "ORDERDESK_USER"
MAX_ARG = 4096  # PATH_MAX; conditions (2,000) and every other value a person types are shorter
UNEXPECTED = 70  # EX_SOFTWARE: a defect, not bad input; tests/e2e/test_cli_hostile.py treats it as a failure


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
    parser.add_argument("--version", action="store_true", help="show the version and exit")
    parser.add_argument("--verbose", action="store_true",
                        help="with --version: also the database (no password), its schema revision, Python and Qt")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")
    for module in (db_cmd, demo_cmd, orders_cmd, rules_cmd, products_cmd, channel_cmd, user_cmd, audit_cmd, gui_cmd,
                   bench_cmd, import_cmd, labels_cmd, station_cmd, track_cmd, ship_cmd, handover_cmd, credit_notes_cmd, report_cmd,
                   tasks_cmd, returns_cmd, selftest_cmd, desk_cmd, customers_cmd, warehouses_cmd):
        module.register(verbs, common)
    return parser


@functools.lru_cache(maxsize=1)
def _parser() -> argparse.ArgumentParser:
    """Built once per process: parsing does not change it, and building it is most of a quick command's time."""
    return build_parser()


def main(argv: Sequence[str]) -> int:
    bad = next((n for n, a in enumerate(argv, 1) if not _is_text(a)), None)
    if bad is not None:  # the argument itself is not echoed: it may be a URL with a password
        error(f"第 {bad} 个参数过长（超过 {MAX_ARG} 个字符），或含有控制字符、无法解码的字节\n"
              f"Argument {bad} is too long (over {MAX_ARG} characters) or holds control characters "
              "or undecodable bytes")  # fmt: skip
        return 2
    parser = _parser()
    args = parser.parse_args(list(argv))
    args.db_explicit = bool(getattr(args, "db", None) or os.environ.get(DB_ENV))
    args.db = resolve_db_url(getattr(args, "db", None))
    args.lang_explicit = getattr(args, "lang", None) or os.environ.get(LANG_ENV)
    args.lang = resolve_lang(args.lang_explicit)
    args.user = getattr(args, "user", None) or os.environ.get(USER_ENV) or "system"
    if args.version:
        return _version(args)
    handler = getattr(args, "handler", None) or gui_cmd.run_gui
    from ..services.actors import acting_through  # noqa: PLC0415 - not needed to parse (or for --help)

    try:
        with acting_through(_command(args)):
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a sentence, never a traceback
        from ..store.db_errors import database_error  # noqa: PLC0415 - keeps `orderdesk --version` light

        refused = database_error(exc)
        if refused is not None:
            error(refused.reason(args.lang))  # never SQLAlchemy's own text: it holds the statement
            return 1
        error(unexpected(exc, args.lang))
        return UNEXPECTED


def _version(args: argparse.Namespace) -> int:
    print(f"orderdesk {__version__}")
    if args.verbose:
        from ..about import about_info  # noqa: PLC0415 - keeps `orderdesk --version` light

        for label, value in about_info(args.db, args.lang).lines(args.lang):
            print(f"{label}: {value}")
    return 0


def _command(args: argparse.Namespace) -> str:
    """The verbs typed (`user add`, `stock adjust`), never their arguments: what a refusal audits.
    Verbs that open the app name none; there the user asks by clicking, in worker threads."""
    verb = getattr(args, "verb", None)
    if verb in (None, "gui", "demo"):
        return ""
    return " ".join(filter(None, (verb, getattr(args, f"{verb.replace('-', '_')}_verb", None))))


def _is_text(arg: str) -> bool:
    """No argument a person types is longer than a path may be, or holds control characters (tab and
    line breaks aside) or bytes the terminal could not decode (Python keeps those as lone surrogates)."""
    return len(arg) <= MAX_ARG and not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\r\n" for c in arg)


def unexpected(exc: BaseException, lang: str = "zh_CN") -> str:
    """What a user sees when a defect slipped through: what happened, not where in the code."""
    what = f"{type(exc).__name__}: {str(exc)[:300]}"
    if lang == "zh_CN":
        return f"意外错误，命令未完成（{what}）。请把这条信息告诉管理员。"
    return f"Unexpected error; the command did not finish ({what}). Please pass this message to your administrator."
