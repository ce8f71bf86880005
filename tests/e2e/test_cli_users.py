"""`orderdesk user …` and `orderdesk audit export`, on a throw-away SQLite file.

Passwords travel only on standard input or in $ORDERDESK_PASSWORD; every call checks they are not in argv.
The log-in paths (a password on a real process's stdin or in its environment, none at all) run as
subprocesses (`od`); what logged-in users then do runs in-process (`od_inproc`).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date

import pytest

from tests.e2e.test_cli import REPO, as_json, cli_env, new_db, refused  # noqa: F401 - cli_env is a fixture
from tests.helpers.cli_inproc import run_in_env

BOSS_PW = "Boss-Secret-2468"
P1_PW = "P1-Secret-1357"
P2_PW = "P2-Secret-9753"
ALL_PASSWORDS = (BOSS_PW, P1_PW, P2_PW, "X-Secret-0000", "Wrong-Secret-000")
HEADERS_ZH = ["时间", "用户", "动作", "对象类型", "对象", "详情"]


def od(env: dict[str, str], *args: str, stdin: str | None = None, password: str | None = None,
       ok: bool = True) -> subprocess.CompletedProcess:  # fmt: skip
    argv = [sys.executable, "-m", "orderdesk", *args]
    assert not any(pw in a for a in argv for pw in ALL_PASSWORDS), "a password must never be in argv"
    run_env = dict(env)
    if password is not None:
        run_env["ORDERDESK_PASSWORD"] = password
    proc = subprocess.run(argv, cwd=REPO, env=run_env, input=stdin if stdin is not None else "",
                          capture_output=True, text=True, encoding="utf-8", timeout=120)  # fmt: skip
    if ok:
        assert proc.returncode == 0, f"orderdesk {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, proc.stderr
    assert not any(pw in proc.stdout or pw in proc.stderr for pw in ALL_PASSWORDS)
    return proc


def od_inproc(env: dict[str, str], *args: str, stdin: str | None = None, password: str | None = None,
              ok: bool = True) -> subprocess.CompletedProcess:  # fmt: skip
    """`od()` run inside the test process (same `main()`, the environment swapped in for the call):
    for tests about what a logged-in command does rather than about the process."""
    assert not any(pw in a for a in args for pw in ALL_PASSWORDS), "a password must never be in argv"
    run_env = dict(env) if password is None else dict(env, ORDERDESK_PASSWORD=password)
    proc = run_in_env(run_env, *args, stdin=stdin or "")
    if ok:
        assert proc.returncode == 0, f"orderdesk {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, proc.stderr
    assert not any(pw in proc.stdout or pw in proc.stderr for pw in ALL_PASSWORDS)
    return proc


def as_boss(env: dict[str, str], url: str, *args: str):  # noqa: ANN201
    return as_json(od_inproc(env, "--db", url, "--user", "boss", *args, password=BOSS_PW))


@pytest.fixture(scope="module")
def users_db(cli_env, tmp_path_factory) -> str:  # noqa: F811
    """A new SQLite file with the first admin `boss` (added without logging in) and packers p1, p2."""
    url = new_db(cli_env, f"sqlite:///{tmp_path_factory.mktemp('users') / 'users.db'}", inproc=True)
    first = od_inproc(cli_env, "--db", url, "user", "add", "boss", "--role", "admin", stdin=BOSS_PW + "\n")
    assert first.stdout.strip() == "已添加用户 boss（管理员）"
    for name, pw in (("p1", P1_PW), ("p2", P2_PW)):
        out = od_inproc(cli_env, "--db", url, "--user", "boss", "user", "add", name, "--role", "packer",
                        stdin=pw + "\n", password=BOSS_PW)  # fmt: skip
        assert out.stdout.strip() == f"已添加用户 {name}（打包员）"
    return url


def test_first_admin_needs_no_login_but_the_second_user_does(cli_env, users_db):  # noqa: F811
    msg = refused(od(cli_env, "--db", users_db, "user", "add", "p9", "--role", "packer",
                     stdin="X-Secret-0000\n", ok=False))  # fmt: skip
    assert "无权" in msg and "管理用户" in msg
    names = {u["name"] for u in as_boss(cli_env, users_db, "user", "list", "--json")}
    assert "p9" not in names


def test_the_first_user_must_be_an_admin(cli_env, tmp_path):  # noqa: F811
    url = new_db(cli_env, f"sqlite:///{tmp_path / 'empty.db'}")
    msg = refused(od(cli_env, "--db", url, "user", "add", "p1", "--role", "packer", stdin=P1_PW + "\n",
                     ok=False))  # fmt: skip
    assert "admin" in msg
    unknown = refused(od(cli_env, "--db", url, "user", "add", "p1", "--role", "nosuchrole", ok=False))
    assert "未知角色" in unknown and "packer" in unknown  # checked before any password is read
    first = od(cli_env, "--db", url, "user", "add", "boss", "--role", "ADMIN", stdin=BOSS_PW + "\n")
    assert first.stdout.strip() == "已添加用户 boss（管理员）"


def test_wrong_password_is_refused(cli_env, users_db):  # noqa: F811
    msg = refused(od(cli_env, "--db", users_db, "--user", "boss", "user", "list", password="Wrong-Secret-000",
                     ok=False))  # fmt: skip
    assert msg.strip() == "用户名或密码错误"
    unknown = refused(od(cli_env, "--db", users_db, "--user", "ghost", "user", "list",
                         password="Wrong-Secret-000", ok=False))  # fmt: skip
    assert unknown == msg
    no_password = refused(od(cli_env, "--db", users_db, "--user", "boss", "user", "list", ok=False))
    assert "ORDERDESK_PASSWORD" in no_password


def test_user_list_json_shows_the_users_with_roles(cli_env, users_db):  # noqa: F811
    users = as_boss(cli_env, users_db, "user", "list", "--json")
    roles = {u["name"]: u["role"] for u in users}
    assert {"boss": "admin", "p1": "packer", "p2": "packer"}.items() <= roles.items()
    assert "system" not in roles


def test_unknown_role_is_refused_with_the_list_of_roles(cli_env, users_db):  # noqa: F811
    msg = refused(od_inproc(cli_env, "--db", users_db, "--user", "boss", "user", "add", "x", "--role", "nosuchrole",
                            password=BOSS_PW, ok=False))  # fmt: skip
    assert "nosuchrole" in msg  # refused before a password is read (stdin is empty here)
    for role in ("admin", "warehouse_lead", "packer", "customer_service", "finance", "operations"):
        assert role in msg
    assert "system" not in msg


def test_a_packer_cannot_export_the_audit_log(cli_env, users_db, tmp_path):  # noqa: F811
    out = tmp_path / "audit.xlsx"
    msg = refused(od_inproc(cli_env, "--db", users_db, "--user", "p2", "audit", "export", "--out", str(out),
                            password=P2_PW, ok=False))  # fmt: skip
    assert "无权" in msg and "查看审计日志" in msg
    assert not out.exists()


def test_admin_exports_the_audit_log_to_xlsx_and_csv(cli_env, users_db, tmp_path):  # noqa: F811
    from openpyxl import load_workbook

    today = date.today().isoformat()
    xlsx = tmp_path / "f.xlsx"
    od_inproc(cli_env, "--db", users_db, "--user", "boss", "audit", "export", "--from", today, "--to", today,
              "--out", str(xlsx), password=BOSS_PW)  # fmt: skip
    wb = load_workbook(xlsx, read_only=True)
    rows = [list(r) for r in wb[wb.sheetnames[0]].iter_rows(values_only=True)]
    wb.close()
    assert rows[0] == HEADERS_ZH
    assert ["boss", "user.add", "user", "p1"] in [r[1:5] for r in rows[1:]]
    assert not any(pw in str(cell) for r in rows for cell in r for pw in ALL_PASSWORDS)

    out_csv = tmp_path / "f.csv"
    od_inproc(cli_env, "--db", users_db, "--user", "boss", "audit", "export", "--from", today, "--to", today,
              "--out", str(out_csv), password=BOSS_PW)  # fmt: skip
    raw = out_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table[0] == HEADERS_ZH
    assert ["boss", "user.add", "user", "p1"] in [r[1:5] for r in table[1:]]
    assert ["boss", "export", "audit", str(xlsx)] in [r[1:5] for r in table[1:]]  # exports are audited

    only_p1 = tmp_path / "p1.csv"
    od_inproc(cli_env, "--db", users_db, "--user", "boss", "audit", "export", "--object", "user:p1",
              "--out", str(only_p1), password=BOSS_PW)  # fmt: skip
    rows_p1 = list(csv.reader(io.StringIO(only_p1.read_text(encoding="utf-8-sig"), newline="")))[1:]
    assert rows_p1 and {(r[3], r[4]) for r in rows_p1} == {("user", "p1")}


def test_a_disabled_user_cannot_log_in(cli_env, users_db):  # noqa: F811
    assert od_inproc(cli_env, "--db", users_db, "--user", "p1", "orders", "list", password=P1_PW).returncode == 0
    od_inproc(cli_env, "--db", users_db, "--user", "boss", "user", "disable", "p1", password=BOSS_PW)
    msg = refused(od_inproc(cli_env, "--db", users_db, "--user", "p1", "orders", "list", password=P1_PW, ok=False))
    assert "停用" in msg
    users = as_boss(cli_env, users_db, "user", "list", "--json")
    assert {u["name"]: u["active"] for u in users}["p1"] is False
