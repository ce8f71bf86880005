"""`orderdesk labels`, `print`, `waybills` and `label-template` from the outside, through a real CUPS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_cli import cli_env, copy_sqlite, new_db  # noqa: F401
from tests.e2e.test_cli import orderdesk as orderdesk_process  # printing starts Qt or lp: its own process
from tests.e2e.test_cli import orderdesk_inproc as orderdesk  # what the verbs make, not the process: in-process
from tests.helpers.cups import TempCups, cups_server  # noqa: F401  (session fixture)
from tests.helpers.pdf_tools import code128, pdf_pages, pdf_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shop_template(cli_env, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201, F811
    db = new_db(cli_env, f"sqlite:///{tmp_path_factory.mktemp('labels') / 'labels.db'}", inproc=True)
    orderdesk(cli_env, "--db", db, "demo-data", "--orders", "60", "--with-rules")
    rows = json.loads(orderdesk(cli_env, "--db", db, "orders", "list", "--status", "ALLOCATED", "--json",
                                "--limit", "3").stdout)  # fmt: skip
    return db, [r["order_no"] for r in rows]


@pytest.fixture
def shop(cli_env, shop_template, tmp_path: Path):  # noqa: ANN001, ANN201, F811
    """A copy of a demo database with allocated orders; (env, db url, three allocated order numbers)."""
    db, nos = shop_template
    return cli_env, copy_sqlite(db, tmp_path), nos


def test_labels_in_each_size_hold_the_waybill_as_text_and_barcode(shop, tmp_path: Path) -> None:  # noqa: ANN001
    env, db, nos = shop
    for size, (w, h) in {"100x150": (100, 150), "100x180": (100, 180), "76x130": (76, 130)}.items():
        out = tmp_path / f"labels-{size}.pdf"
        made = json.loads(orderdesk(env, "--db", db, "labels", *nos, "--size", size, "--out", str(out), "--json").stdout)
        assert made["labels"] == len(nos) and len(made["waybills"]) == len(nos)
        pages = [(pw * 25.4 / 72, ph * 25.4 / 72) for pw, ph in pdf_pages(out)]  # points to mm
        assert len(pages) == len(nos) and all(abs(pw - w) < 1 and abs(ph - h) < 1 for pw, ph in pages)
        text = pdf_text(out)
        assert all(wb in text for wb in made["waybills"]) and all(n in text for n in nos)
        assert made["waybills"][0] in code128(out, page=1)


def test_slips_pick_lists_and_thermal_programs(shop, tmp_path: Path) -> None:  # noqa: ANN001
    env, db, nos = shop
    orderdesk(env, "--db", db, "labels", nos[0], "--kind", "slip", "--out", str(tmp_path / "slip.pdf"))
    assert nos[0] in pdf_text(tmp_path / "slip.pdf")
    zpl = tmp_path / "l.zpl"
    made = json.loads(orderdesk(env, "--db", db, "labels", nos[0], "--format", "zpl", "--out", str(zpl),
                                "--json").stdout)  # fmt: skip
    program = zpl.read_text("utf-8")
    assert program.startswith("^XA") and "^BC" in program and made["waybills"][0] in program
    wave = json.loads(orderdesk(env, "--db", db, "wave", "--warehouse", "SZ-SUZHOU", "--count", "5", "--json").stdout)
    picked = [s["order"] for s in wave["orders"]]
    orderdesk(env, "--db", db, "labels", *picked, "--kind", "picklist", "--wave", wave["wave"],
              "--out", str(tmp_path / "pick.pdf"))  # fmt: skip
    text = pdf_text(tmp_path / "pick.pdf")
    assert wave["wave"] in text and all(n in text for n in picked)


def test_print_records_what_it_printed_and_a_reprint_says_so(shop, tmp_path: Path, cups_server: TempCups) -> None:  # noqa: ANN001, F811
    env, db, nos = shop
    env = dict(env, CUPS_SERVER=cups_server.socket)
    pdf = tmp_path / "batch.pdf"
    made = json.loads(orderdesk(env, "--db", db, "labels", *nos, "--out", str(pdf), "--json").stdout)
    for method in ("qt", "cups"):  # Qt sends page images; lp sends the PDF itself, text and all
        printed = json.loads(orderdesk_process(env, "--db", db, "print", str(pdf), "--printer",
                                               cups_server.DIRECT_QUEUE, "--method", method, "--json",
                                               timeout=180).stdout)  # fmt: skip
        assert printed["printer"] == cups_server.DIRECT_QUEUE and printed["orders"] == nos
        out = cups_server.wait_output(printed["job"])
        assert made["waybills"][0] in code128(out, page=1)
    assert all(wb in pdf_text(out) for wb in made["waybills"])
    audit = tmp_path / "audit.csv"
    orderdesk(env, "--db", db, "audit", "export", "--out", str(audit))
    lines = [line for line in audit.read_text("utf-8-sig").splitlines() if "label." in line]
    assert len(lines) == 2 and "label.print" in lines[0] and "label.reprint" in lines[1]


def test_an_unknown_printer_is_named_and_nothing_is_recorded(shop, tmp_path: Path, cups_server: TempCups) -> None:  # noqa: ANN001, F811
    env, db, nos = shop
    env = dict(env, CUPS_SERVER=cups_server.socket)
    pdf = tmp_path / "one.pdf"
    orderdesk(env, "--db", db, "labels", nos[0], "--out", str(pdf))
    failed = orderdesk(env, "--db", db, "print", str(pdf), "--printer", "NoSuchPrinter", ok=False)
    assert failed.returncode == 1 and "NoSuchPrinter" in failed.stderr
    audit = tmp_path / "audit.csv"
    orderdesk(env, "--db", db, "audit", "export", "--out", str(audit))
    assert "label.print" not in audit.read_text("utf-8-sig")


def test_waybill_blocks_and_templates(shop) -> None:  # noqa: ANN001
    env, db, _nos = shop
    orderdesk(env, "--db", db, "waybills", "add", "SZ-SUZHOU", "ZTO", "75000000000000", "75000000000099")
    blocks = json.loads(orderdesk(env, "--db", db, "waybills", "list", "--json").stdout)
    assert {"warehouse": "SZ-SUZHOU", "courier": "ZTO", "next": "75000000000000", "last": "75000000000099",
            "left": 100} in blocks  # fmt: skip
    bad = orderdesk(env, "--db", db, "waybills", "add", "SZ-SUZHOU", "ZTO", "75000000000050", "75000000000060", ok=False)
    assert bad.returncode == 1 and "重叠" in bad.stderr
    orderdesk(env, "--db", db, "label-template", "set", "--courier", "ZTO", "--size", "76x130", "--fields", "items")
    saved = json.loads(orderdesk(env, "--db", db, "label-template", "list", "--json").stdout)
    assert saved == [{"courier": "ZTO", "channel": "*", "size": "76x130", "fields": ["items"]}]
