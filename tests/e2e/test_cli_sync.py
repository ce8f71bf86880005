"""Connecting a Taobao shop and syncing it from the command line, against the local fake gateway."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from orderdesk.channels.fakes.top_server import FakeTopServer, sample_trade
from tests.e2e.test_cli import REPO, cli_env, new_db, orderdesk  # noqa: F401


def test_channel_add_test_sync_and_list(cli_env, tmp_path: Path) -> None:  # noqa: ANN001, F811
    db = new_db(cli_env, f"sqlite:///{tmp_path / 'sync.db'}")
    now = datetime.now(UTC)
    with FakeTopServer() as top:
        top.add_trades([sample_trade(str(7000 + i), modified=now - timedelta(minutes=30 - i)) for i in range(5)])
        env = dict(cli_env, ORDERDESK_CHANNEL_SECRET=top.app_secret)
        orderdesk(env, "--db", db, "channel", "add", "taobao", "--name", "tb-main", "--app-key", top.app_key,
                  "--session", top.session, "--base-url", top.url,
                  "--since", (now - timedelta(hours=1)).astimezone().strftime("%Y-%m-%d %H:%M"))  # fmt: skip
        orderdesk(env, "--db", db, "channel", "test", "tb-main")
        out = orderdesk(env, "--db", db, "sync", "--once", "--json").stdout
        assert json.loads(out)["created"] == 5
        again = json.loads(orderdesk(env, "--db", db, "sync", "--once", "--json").stdout)
        assert again["created"] == 0 and again["error"] == ""
        listed = json.loads(orderdesk(env, "--db", db, "channel", "list", "--json").stdout)
        assert listed[0]["name"] == "tb-main" and listed[0]["last_error"] is None and listed[0]["last_success"]
        orders = json.loads(orderdesk(env, "--db", db, "orders", "list", "--json").stdout)
        assert sorted(o["order_no"] for o in orders) == [f"TB{7000 + i}" for i in range(5)]


def test_a_wrong_secret_is_refused_by_the_signature_check(cli_env, tmp_path: Path) -> None:  # noqa: ANN001, F811
    db = new_db(cli_env, f"sqlite:///{tmp_path / 'bad.db'}")
    with FakeTopServer() as top:
        env = dict(cli_env, ORDERDESK_CHANNEL_SECRET="not-the-secret")
        orderdesk(env, "--db", db, "channel", "add", "taobao", "--name", "tb-bad", "--app-key", top.app_key,
                  "--session", top.session, "--base-url", top.url)  # fmt: skip
        proc = orderdesk(env, "--db", db, "channel", "test", "tb-bad", ok=False)
        assert proc.returncode != 0 and "淘宝" in proc.stderr
        assert top.bad_signatures >= 1
