"""Secrets and personal data stay out of sight: tokens off the command line, no database password or
buyer's phone in any message."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from orderdesk.channels.fakes.top_server import FakeTopServer
from tests.e2e.test_cli import REPO, cli_env, orderdesk, refused  # noqa: F401
from tests.helpers.export_files import pdd_csv, pdd_row

PASSWORD = "Sup3rSecretPW"
PHONE = "13912345678"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "postgresql+psycopg"])
def test_postgres_urls_are_accepted_and_their_password_never_printed(cli_env, scheme):  # noqa: ANN001, F811
    url = f"{scheme}://bob:{PASSWORD}@127.0.0.1:{_free_port()}/od"
    for lang in ("zh_CN", "en"):
        err = refused(orderdesk(cli_env, "--lang", lang, "--db", url, "orders", "list", ok=False, timeout=30))
        assert PASSWORD not in err
        assert ("无法连接 PostgreSQL 服务器" if lang == "zh_CN" else "Cannot connect to the PostgreSQL server") in err


@pytest.mark.parametrize(("url", "lang"), [(f"postgres://bob:{PASSWORD}@127.0.0.1:notaport/od", "zh_CN"),
                                           (f"postgresql//bob:{PASSWORD}@127.0.0.1/od", "en"),
                                           (f"mysql://bob:{PASSWORD}@127.0.0.1/od", "zh_CN"),
                                           (f"postgresql://bob@127.0.0.1:{_free_port()}/od?password={PASSWORD}", "en")])  # fmt: skip
def test_a_bad_or_unsupported_url_is_refused_without_its_password(cli_env, url, lang):  # noqa: ANN001, F811
    err = refused(orderdesk(cli_env, "--lang", lang, "--db", url, "db", "status", ok=False, timeout=30))
    assert PASSWORD not in err and any(word in err for word in ("数据库", "database", "PostgreSQL"))


def _add(env: dict[str, str], db: str, top: FakeTopServer, name: str, *extra: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orderdesk", "--db", db, "channel", "add", "taobao", "--name", name,
                           "--app-key", top.app_key, "--base-url", top.url, *extra], cwd=REPO, env=env, input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)  # fmt: skip


def test_the_session_token_comes_from_the_environment_or_stdin_and_argv_is_warned_about(cli_env, tmp_path: Path):  # noqa: ANN001, F811
    db = f"sqlite:///{tmp_path / 'session.db'}"
    orderdesk(cli_env, "--db", db, "db", "upgrade")
    with FakeTopServer() as top:
        from_env = dict(cli_env, ORDERDESK_CHANNEL_SECRET=top.app_secret, ORDERDESK_CHANNEL_SESSION=top.session)
        quiet = _add(from_env, db, top, "tb-env")
        assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
        piped = _add(cli_env, db, top, "tb-stdin", "--session", "-", stdin=f"{top.app_secret}\n{top.session}\n")
        assert piped.returncode == 0 and piped.stderr == "", piped.stderr
        typed = _add(dict(cli_env, ORDERDESK_CHANNEL_SECRET=top.app_secret), db, top, "tb-argv", "--session", top.session)
        assert typed.returncode == 0 and "ps" in typed.stderr and "ORDERDESK_CHANNEL_SESSION" in typed.stderr
        for name in ("tb-env", "tb-stdin", "tb-argv"):
            orderdesk(cli_env, "--db", db, "channel", "test", name)  # the platform accepts the session given
        missing = _add(cli_env, db, top, "tb-none", "--session", "-", stdin=f"{top.app_secret}\n")
        assert missing.returncode == 1 and "标准输入中没有授权令牌" in missing.stderr
        assert "Traceback" not in missing.stderr


@pytest.mark.postgres
def test_a_write_postgresql_refuses_shows_neither_the_phone_nor_a_traceback(cli_env, pg_server, tmp_path):  # noqa: ANN001, F811
    url = pg_server.create_database("orderdesk_cli_phone")
    try:
        # The import checks values against the columns first, so a constraint the app does not know
        # (a DBA's CHECK) is what makes PostgreSQL refuse the INSERT that also carries the phone.
        orderdesk(cli_env, "--db", url, "db", "upgrade")
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE orders ADD CONSTRAINT street_short CHECK (length(street) < 10)"))
        engine.dispose()
        export = pdd_csv(tmp_path / "拼多多订单.csv", pdd_row("P1", 手机=PHONE, 街道="很长的街道" * 4))
        for lang in ("zh_CN", "en"):
            proc = orderdesk(cli_env, "--lang", lang, "--db", url, "import", str(export), ok=False, timeout=60)
            assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
            assert PHONE not in proc.stderr + proc.stdout and "INSERT" not in proc.stderr
            assert ("数据库拒绝了这次操作" if lang == "zh_CN" else "The database refused this operation") in proc.stderr
        assert orderdesk(cli_env, "--db", url, "orders", "list", "--json").stdout.strip() == "[]"
    finally:
        pg_server.drop_database("orderdesk_cli_phone")
