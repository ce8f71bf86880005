"""`orderdesk warehouses confirm-moment WH pack|handover` on SQLite and PostgreSQL: a handover
warehouse queues nothing at pack, switching back queues what is already packed there, the change is
audited with the moment before, and a packer is refused in words with nothing changed."""

from __future__ import annotations

import json

import pytest

from orderdesk.services.audit_service import audit_trail
from orderdesk.services.orders import order_detail
from orderdesk.services.ports import AuditFilter
from tests.helpers.cli_inproc import run_cli
from tests.helpers.parcels import packed_orders

WH = "SZ-SUZHOU"


@pytest.fixture(autouse=True)
def _no_ambient_user(monkeypatch):  # noqa: ANN001
    monkeypatch.delenv("ORDERDESK_USER", raising=False)
    monkeypatch.setenv("ORDERDESK_PASSWORD", "demo1234")


def _cli(url: str, *argv: str, user: str = "lead", ok: bool = True):  # noqa: ANN202
    result = run_cli("--db", url, "--user", user, *argv)
    assert not result.crashed, result.err
    assert (result.code == 0) is ok, (result.code, result.err)
    return result


def _moments(url: str) -> dict[str, str]:
    rows = json.loads(_cli(url, "warehouses", "list", "--json").out)
    return {r["warehouse"]: r["confirm_moment"] for r in rows}


def _waiting(url: str) -> int:
    status = json.loads(_cli(url, "ship-confirm", "--status", "--json").out)
    return sum(c["waiting"] for c in status["channels"])


def test_a_handover_warehouse_queues_at_handover_and_switching_back_queues_whats_packed(store, db_url):  # noqa: ANN001
    packed_orders(store.make_uow, 0)  # the demo shop, its warehouses and staff
    assert set(_moments(db_url).values()) == {"pack"}
    said = json.loads(_cli(db_url, "warehouses", "confirm-moment", WH, "handover", "--json").out)
    assert said == {"warehouse": WH, "confirm_moment": "handover", "queued": 0}
    assert _moments(db_url)[WH] == "handover"
    packed = packed_orders(store.make_uow, 3, first_seq=993_000)
    here = sum(wh == WH for p in packed for wh, _ in order_detail(store.make_uow, "system", p.order_no).shipments)
    elsewhere = sum(len(p.waybills) for p in packed) - here
    assert here >= 1 and _waiting(db_url) == elsewhere  # Suzhou's parcels wait for the courier
    text = _cli(db_url, "warehouses", "confirm-moment", WH, "packed").out  # "packed" is taken for "pack"
    assert f"已将该仓已打包的 {here} 个包裹加入发货确认队列" in text
    assert _moments(db_url)[WH] == "pack" and _waiting(db_url) == elsewhere + here
    assert json.loads(_cli(db_url, "warehouses", "confirm-moment", WH, "pack", "--json").out)["queued"] == 0
    trail = audit_trail(store.make_uow, "system", AuditFilter(object_type="warehouse", object_id=WH),
                        include_orders=False)  # fmt: skip
    changes = [(r.username, r.action, r.details["confirm_at"], r.details["before"]) for r in trail]
    assert changes == [("lead", "warehouse.confirm_at", "handover", "pack"),
                       ("lead", "warehouse.confirm_at", "pack", "handover"),
                       ("lead", "warehouse.confirm_at", "pack", "pack")]  # fmt: skip


def test_a_packer_or_a_wrong_warehouse_or_moment_is_refused_and_nothing_changes(store, db_url):  # noqa: ANN001
    packed_orders(store.make_uow, 0)
    refused = _cli(db_url, "warehouses", "confirm-moment", WH, "handover", user="packer1", ok=False)
    assert "维护仓库和商品" in refused.err
    en = run_cli("--db", db_url, "--user", "packer1", "--lang", "en", "warehouses", "confirm-moment", WH, "handover")
    assert en.code == 1 and "manage" in en.err.lower() and "维护" not in en.err
    unknown = _cli(db_url, "warehouses", "confirm-moment", "NOWHERE", "handover", ok=False)
    assert WH in unknown.err  # the refusal lists the warehouses there are
    bad = run_cli("--db", db_url, "--user", "lead", "warehouses", "confirm-moment", WH, "tomorrow")
    assert bad.code == 2 and "tomorrow" in bad.err
    assert set(_moments(db_url).values()) == {"pack"}
