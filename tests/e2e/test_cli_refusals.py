"""Refused commands leave a trace: each one is in the audit log with who, when, what and the missing
permission, although the command itself changed nothing. Run as the reporter ran them: the real CLI,
logged in with `--user NAME` and $ORDERDESK_PASSWORD, on a throw-away SQLite file. The refused
commands run in-process (the same `main()`, the password in the environment for the call); the
admin's export at the end is a real process."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from orderdesk.demo.seed import DEMO_PASSWORD
from tests.e2e.test_cli import cli_env, refused  # noqa: F401 - cli_env is a fixture
from tests.e2e.test_cli_users import od, od_inproc

# (user, command line, the permission it needs, the command as audited), all refused for that role
REFUSED = [
    ("packer1", ["user", "add", "mole", "--role", "admin"], "manage_users", "user add"),
    ("packer1", ["user", "passwd", "admin"], "manage_users", "user passwd"),
    ("packer1", ["audit", "export", "--out", "{tmp}/p.csv"], "view_audit", "audit export"),
    ("packer1", ["stock", "adjust", "BASIN-FOLD-32-BLU", "--warehouse", "SZ-SUZHOU", "--delta", "50"],
     "manage_master_data", "stock adjust"),
    ("cs1", ["user", "add", "mole2", "--role", "admin"], "manage_users", "user add"),
    ("cs1", ["audit", "export", "--out", "{tmp}/c.csv"], "view_audit", "audit export"),
    ("cs1", ["stock", "adjust", "BASIN-FOLD-32-BLU", "--warehouse", "SZ-SUZHOU", "--delta", "-5"],
     "manage_master_data", "stock adjust"),
    ("finance", ["user", "passwd", "admin"], "manage_users", "user passwd"),
    ("finance", ["user", "list"], "manage_users", "user list"),
    ("finance", ["stock", "adjust", "BASIN-FOLD-32-BLU", "--warehouse", "SZ-SUZHOU", "--delta", "9"],
     "manage_master_data", "stock adjust"),
]  # fmt: skip


@pytest.fixture
def demo_db(cli_env, tmp_path) -> str:  # noqa: F811
    """The demo staff (packer1, cs1, finance, admin…) and master data, no orders."""
    url = f"sqlite:///{tmp_path / 'refusals.db'}"
    od_inproc(cli_env, "--db", url, "db", "upgrade")
    od_inproc(cli_env, "--db", url, "demo-data", "--orders", "0")
    return url


def _audit_rows(url: str) -> list[tuple[str, str, str, str, dict]]:
    """(user, action, object type, object id, details) of every audit_log row, read from the file."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        rows = conn.execute("SELECT u.username, a.action, a.object_type, a.object_id, a.details FROM audit_log a "
                            "JOIN users u ON u.id = a.user_id ORDER BY a.id").fetchall()  # fmt: skip
    return [(*r[:4], json.loads(r[4])) for r in rows]


def test_refused_commands_are_audited_and_the_admin_sees_them_in_the_export(cli_env, demo_db, tmp_path):  # noqa: F811
    stock_before = _stock(demo_db)
    for user, argv, _permission, _command in REFUSED:
        args = [a.format(tmp=tmp_path) for a in argv]
        msg = refused(od_inproc(cli_env, "--db", demo_db, "--user", user, *args, stdin="New-Secret-4242\n",
                                password=DEMO_PASSWORD, ok=False))  # fmt: skip
        assert "无权" in msg, msg
    assert _stock(demo_db) == stock_before and "mole" not in _usernames(demo_db)

    refusals = [r for r in _audit_rows(demo_db) if r[1] == "access.refused"]
    assert [(u, ot, oid, d["command"]) for u, _a, ot, oid, d in refusals] == [
        (user, "permission", permission, command) for user, _argv, permission, command in REFUSED
    ]
    roles = {u: d["role"] for u, _a, _ot, _oid, d in refusals}
    assert roles == {"packer1": "packer", "cs1": "customer_service", "finance": "finance"}
    assert all(d["use_case"] for *_rest, d in refusals)

    out = tmp_path / "audit.csv"
    od(cli_env, "--db", demo_db, "--user", "admin", "audit", "export", "--by", "packer1", "--out", str(out),
       password=DEMO_PASSWORD)  # fmt: skip
    table = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    exported = [(r[1], r[3], r[4], json.loads(r[5])["command"]) for r in table[1:] if r[2] == "access.refused"]
    assert exported == [(u, "permission", p, c) for u, _argv, p, c in REFUSED if u == "packer1"]


def _stock(url: str) -> list[tuple]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute("SELECT * FROM stock_levels ORDER BY 1").fetchall()


def _usernames(url: str) -> set[str]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return {r[0] for r in conn.execute("SELECT username FROM users")}
