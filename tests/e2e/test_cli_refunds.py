"""`orderdesk refund` with lines and steps, `orderdesk refunds`, `orderdesk tasks list|pull-back`,
as customer service and the warehouse use them (in-process): a partial refund of a packed parcel
puts it on the pull-back list, the scan brings it back, "paid" prints its credit note; bad input is
refused in a sentence and changes nothing."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli_inproc import run_cli
from tests.helpers.handover import WH, ready_parcels


@pytest.fixture
def cli(store, monkeypatch):  # noqa: ANN001, ANN201
    monkeypatch.delenv("ORDERDESK_USER", raising=False)
    monkeypatch.delenv("ORDERDESK_DB", raising=False)
    monkeypatch.setenv("ORDERDESK_PASSWORD", "demo1234")  # the demo users' password
    url = store.engine.url.render_as_string(hide_password=False)

    def run(*args: str, ok: bool = True, lang: str = "en", stdin: str = ""):  # noqa: ANN202
        out = run_cli("--lang", lang, "--db", url, *args, stdin=stdin)
        assert not out.crashed, out.err
        assert (out.code == 0) == ok, out.err or out.out
        return out

    return run


def test_a_partial_refund_of_a_packed_parcel_is_pulled_back_and_credited(store, cli):  # noqa: ANN001
    (order_no, waybill), *_ = ready_parcels(store.make_uow, 980_000, 4)
    sku = json.loads(cli("orders", "show", order_no, "--json").out)["lines"][0]["sku"]
    out = json.loads(cli("refund", order_no, "--line", f"{sku}:1", "--reason", "只退一件", "--user", "cs1", "--json").out)
    assert (out["from"], out["to"], out["path"], out["step"]) == ("PACKED", "INTERCEPTED", "PULL_BACK", "REQUESTED")
    tasks = json.loads(cli("tasks", "list", "--warehouse", WH, "--json").out)
    assert [(t["kind"], t["order"], t["waybill"]) for t in tasks] == [("pull_back", order_no, waybill)]
    assert tasks[0]["age_hours"] >= 0
    scanned = cli("tasks", "pull-back", "--warehouse", "苏州仓", "--user", "packer1", stdin=f"7312999\n{waybill}\n")
    verdicts = [json.loads(line) for line in scanned.out.splitlines()]
    assert [v["ok"] for v in verdicts] == [False, True] and verdicts[1]["order"] == order_no
    paid = cli("refund", order_no, "--step", "paid", "--reason", "平台已退款", "--user", "cs1")
    assert "credit note CN" in paid.out
    [rec] = json.loads(cli("refunds", "--order", order_no, "--json").out)
    assert rec["lines"] == [[sku, 1]] and rec["step"] == "PAID" and rec["credit_note"]
    assert cli("tasks", "list", "--warehouse", WH, "--json").out.strip() == "[]"


def test_bad_refunds_are_refused_in_a_sentence_and_the_old_verb_still_works(store, cli):  # noqa: ANN001
    (order_no, _wb), *_ = ready_parcels(store.make_uow, 985_000, 4)
    unknown = cli("refund", "TB404404", "--reason", "x", "--user", "cs1", ok=False)
    assert "not found" in unknown.err
    assert "找不到订单" in cli("refund", "TB404404", "--reason", "x", "--user", "cs1", ok=False, lang="zh").err
    assert "has no line NOPE" in cli("refund", order_no, "--line", "NOPE:1", "--reason", "x", "--user", "cs1",
                                     ok=False).err  # fmt: skip
    assert "SKU:QTY" in cli("refund", order_no, "--line", "X:0", "--reason", "x", "--user", "cs1", ok=False).err
    assert json.loads(cli("refunds", "--order", order_no, "--json").out) == []
    plain = cli("refund", order_no, "--reason", "买家申请退款", "--user", "cs1")  # the verb as it always was
    assert plain.out.startswith(f"{order_no}: Packed → Intercepted")
    back = cli("refund", order_no, "--withdraw", "--reason", "买家撤销", "--user", "cs1")
    assert back.out.startswith(f"{order_no}: Intercepted → Packed")
