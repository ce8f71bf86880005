"""`orderdesk couriers map` and `orderdesk ship-confirm --status` from the command line (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import cli_env, refused  # noqa: F401
from tests.e2e.test_cli import orderdesk_inproc as orderdesk


def test_couriers_are_mapped_and_the_outbox_shown_on_the_command_line(cli_env, tmp_path: Path) -> None:  # noqa: ANN001, F811
    db = f"sqlite:///{tmp_path / 'ship.db'}"
    orderdesk(cli_env, "--db", db, "db", "upgrade")
    orderdesk(cli_env, "--db", db, "couriers", "map", "--channel", "pdd", "--courier", "zto", "--code", "115")
    rows = json.loads(orderdesk(cli_env, "--db", db, "couriers", "map", "--channel", "pdd", "--json").stdout)
    assert {r["courier"]: r["code"] for r in rows}["ZTO"] == "115" and {r["courier"] for r in rows} >= {"SF", "YTO"}
    bad = refused(orderdesk(cli_env, "--db", db, "--lang", "en", "couriers", "map", "--channel", "pdd",
                            "--courier", "NOPE", "--code", "1", ok=False))  # fmt: skip
    assert "Unknown courier code NOPE" in bad
    status = json.loads(orderdesk(cli_env, "--db", db, "ship-confirm", "--status", "--json").stdout)
    assert status == {"channels": [], "alerts": []}
    once = orderdesk(cli_env, "--db", db, "ship-confirm", "--once")
    assert once.stdout.strip() == "已确认 0，重试 0，等待 0，被拒 0"
