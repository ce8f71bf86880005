"""`orderdesk user add|list|disable|enable|passwd|badge`: people and their log-ins."""

from __future__ import annotations

import argparse

from ..domain.access import Role, parse_role
from ..domain.names import display_name, user_name
from .auth import acting_user, read_new_password, with_store
from .output import print_json, print_table


def register(verbs: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    user = verbs.add_parser("user", help="users, roles, passwords and badges", parents=[common])
    sub = user.add_subparsers(dest="user_verb", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="add a user (password from a prompt or stdin)", parents=[common])
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, help=", ".join(r.value for r in Role if r is not Role.SYSTEM))
    add.add_argument("--display-name", default="")
    add.set_defaults(handler=run_add)
    ls = sub.add_parser("list", help="list users", parents=[common])
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    for verb, handler, text in (("disable", run_disable, "stop a user from logging in"),
                                ("enable", run_enable, "let a disabled user log in again"),
                                ("passwd", run_passwd, "set a password (from a prompt or stdin)"),
                                ("badge", run_badge, "issue a new login badge code")):  # fmt: skip
        p = sub.add_parser(verb, help=text, parents=[common])
        p.add_argument("name", metavar="NAME")
        p.set_defaults(handler=handler)


def run_add(args: argparse.Namespace) -> int:
    role = parse_role(args.role)  # an unknown role is refused (listing the roles) before a password is asked
    user_name(args.name), display_name(args.display_name)  # so is a wrong name
    from ..bootstrap import open_store
    from ..services.users import add_user, create_first_admin, needs_first_admin

    store = open_store(args.db)
    try:
        if needs_first_admin(store.make_uow):
            if role is not Role.ADMIN:
                from ..domain.errors import DomainError

                raise DomainError("数据库还没有管理员：请先添加一个 admin 角色的用户",
                                  "The database has no admin yet: add a user with role admin first")  # fmt: skip
            user = create_first_admin(store.make_uow, args.name, args.display_name, read_new_password(args.lang))
        else:
            actor = acting_user(args, store.make_uow)
            password = read_new_password(args.lang)
            user = add_user(store.make_uow, actor, args.name, args.display_name, args.role, password)
    finally:
        store.close()
    print(f"已添加用户 {user.username}（{Role(user.role).zh}）" if args.lang != "en"
          else f"Added user {user.username} ({user.role})")  # fmt: skip
    return 0


def run_list(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.users import list_users

    store = open_store(args.db)
    try:
        users = list_users(store.make_uow, acting_user(args, store.make_uow))
    finally:
        store.close()
    if args.json:
        print_json([{"name": u.username, "display_name": u.display_name, "role": u.role, "active": u.active}
                    for u in users])  # fmt: skip
        return 0
    en = args.lang == "en"
    print_table(["User", "Name", "Role", "Active"] if en else ["用户名", "姓名", "角色", "状态"],
                [[u.username, u.display_name, Role(u.role).label(args.lang) if u.role else "",
                  ("active" if en else "启用") if u.active else ("disabled" if en else "停用")] for u in users])  # fmt: skip
    return 0


def run_disable(args: argparse.Namespace) -> int:
    from ..services.users import disable_user

    with_store(args, lambda mk, actor: disable_user(mk, actor, args.name))
    print(f"已停用 {args.name}" if args.lang != "en" else f"Disabled {args.name}")
    return 0


def run_enable(args: argparse.Namespace) -> int:
    from ..services.users import disable_user

    with_store(args, lambda mk, actor: disable_user(mk, actor, args.name, active=True))
    print(f"已启用 {args.name}" if args.lang != "en" else f"Enabled {args.name}")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from ..bootstrap import open_store
    from ..services.users import set_password

    store = open_store(args.db)
    try:
        actor = acting_user(args, store.make_uow)
        set_password(store.make_uow, actor, args.name, read_new_password(args.lang))
    finally:
        store.close()
    print(f"已修改 {args.name} 的密码" if args.lang != "en" else f"Password of {args.name} changed")
    return 0


def run_badge(args: argparse.Namespace) -> int:
    from ..services.users import issue_badge

    codes: list[str] = []
    with_store(args, lambda mk, actor: codes.append(issue_badge(mk, actor, args.name)))
    print(codes[0])
    return 0
