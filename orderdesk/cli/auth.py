"""Who runs a CLI command: `--user NAME` logs in (password from $ORDERDESK_PASSWORD or a prompt);
without it the command acts as the built-in `system` account, with that role's permissions."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import TYPE_CHECKING

from ..domain.errors import DomainError

if TYPE_CHECKING:
    from ..services.unit_of_work import UowFactory

PASSWORD_ENV = "ORDERDESK_PASSWORD"


def acting_user(args: argparse.Namespace, make_uow: UowFactory) -> str:
    """The authenticated user name for this command (logged in once per process)."""
    from ..services.actors import SYSTEM_USER
    from ..services.users import authenticate

    if args.user == SYSTEM_USER or getattr(args, "_authenticated", False):
        return args.user
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise DomainError(
                f"用户 {args.user} 需要密码：请设置环境变量 {PASSWORD_ENV}，或在终端中运行以输入密码",
                f"User {args.user} needs a password: set {PASSWORD_ENV}, or run in a terminal to type it",
            )
        password = getpass.getpass(f"{args.user} 的密码 / password: ")
    authenticate(make_uow, args.user, password)
    args._authenticated = True
    return args.user


def read_new_password(lang: str) -> str:
    """A new password: typed twice at a terminal, else the first line of standard input; never argv."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line.strip():
            raise DomainError("标准输入中没有密码", "No password on standard input")
        return line.rstrip("\r\n")
    first = getpass.getpass("新密码: " if lang != "en" else "New password: ")
    second = getpass.getpass("再输入一次: " if lang != "en" else "Repeat it: ")
    if first != second:
        raise DomainError("两次输入的密码不一致", "The two passwords differ")
    return first


def read_token(lang: str) -> str:
    """A token (a seller's session): typed hidden at a terminal, else the next line of standard input."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline().strip()
        if not line:
            raise DomainError("标准输入中没有授权令牌", "No session token on standard input")
        return line
    token = getpass.getpass("授权令牌: " if lang != "en" else "Session token: ").strip()
    if not token:
        raise DomainError("没有输入授权令牌", "No session token entered")
    return token


def with_store(args: argparse.Namespace, work):  # noqa: ANN001, ANN201
    """Open the database, log the acting user in, run `work(make_uow, actor)`, always close."""
    from ..bootstrap import open_store  # noqa: PLC0415 - keeps `orderdesk --version` light

    store = open_store(args.db)
    try:
        actor = acting_user(args, store.make_uow)
        resolve_warehouse_arg(args, store.make_uow, actor)
        return work(store.make_uow, actor)
    finally:
        store.close()


def resolve_warehouse_arg(args: argparse.Namespace, make_uow: UowFactory, actor: str) -> None:
    """Every verb's --warehouse (or WAREHOUSE) may be a name or a code; from here on it is the code.
    An unknown one stops the command with the list of warehouses, never an empty result."""
    named = getattr(args, "warehouse", None)
    if named:
        from ..services.warehouses import resolve_warehouse

        args.warehouse = resolve_warehouse(make_uow, actor, named)
