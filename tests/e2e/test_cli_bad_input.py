"""Bad input to the rule, user and station commands: one clear sentence, a non-zero exit, and nothing
changed. Run in-process (`orderdesk.cli.main.main`) on a copy of one demo database per test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers.cli_inproc import Outcome, run_cli

ADMIN = ("--user", "admin")
WH = "SZ-SUZHOU"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, path.parent)
        for argv in (("db", "upgrade"), ("demo-data", "--orders", "120", "--seed", "7", "--with-rules")):
            assert run_cli("--db", f"sqlite:///{path}", *argv).code == 0
    return path


def _isolate(mp: pytest.MonkeyPatch, home: Path) -> None:
    import os

    for key in [k for k in os.environ if k.startswith("ORDERDESK_")]:
        mp.delenv(key)
    mp.setenv("HOME", str(home))
    mp.setenv("XDG_DATA_HOME", str(home / "data"))
    mp.setenv("XDG_CONFIG_HOME", str(home / "config"))
    mp.setenv("ORDERDESK_PASSWORD", "demo1234")


@pytest.fixture
def od(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """`od(*argv, stdin=…)` runs the CLI as admin on a private copy of the demo database."""
    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    _isolate(monkeypatch, tmp_path)

    def run(*argv: str, stdin: str = "") -> Outcome:
        return run_cli("--db", f"sqlite:///{db}", *ADMIN, *argv, stdin=stdin)

    return run


def refused(o: Outcome, *words: str) -> str:
    assert o.code != 0 and not o.crashed, o.err
    assert o.err.strip(), "a refusal says why"
    for w in words:
        assert w in o.err, o.err
    return o.err


def _versions(od) -> list:  # noqa: ANN001
    return json.loads(od("rules", "versions", "--json").out)


RULE = {"name": "big", "condition": "订单金额 > 1", "action": "add_gift", "params": {"gift_sku": "GIFT-TOWEL"}}


@pytest.mark.parametrize(("what", "body", "words"), [
    ("nested 100,000 deep", "[" * 100_000 + "]" * 100_000, ("嵌套过深",)),
    ("params not an object", json.dumps([RULE | {"params": "x"}]), ("params",)),
    ("gift quantity not a number", json.dumps([RULE | {"params": {"gift_sku": "GIFT-TOWEL", "gift_quantity": "abc"}}]),
     ("1–99",)),
    ("gift quantity 10**30", json.dumps([RULE | {"params": {"gift_sku": "GIFT-TOWEL", "gift_quantity": 10**30}}]),
     ("1–99",)),
    ("a name with the byte 0xff", json.dumps([RULE]).encode().replace(b'"big"', b'"b\xffig"'),
     ("UTF-8",)),
    ("a condition with a control character", json.dumps([RULE | {"condition": "订单金额 > 1\u0007"}]), ("控制字符",)),
    ("enabled as a string", json.dumps([RULE | {"enabled": "no"}]), ("enabled",)),
])  # fmt: skip
def test_a_malformed_rules_file_is_refused_whole_and_saves_nothing(od, tmp_path, what, body, words):  # noqa: ANN001
    before = _versions(od)
    path = tmp_path / "rules.json"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    refused(od("rules", "import", str(path)), *words)
    refused(od("rules", "test", "--file", str(path)), *words)
    assert _versions(od) == before, what


def test_an_over_large_rules_file_is_refused_before_it_is_parsed(od, tmp_path):  # noqa: ANN001
    path = tmp_path / "big.json"
    path.write_text(json.dumps([RULE] * 40_000), encoding="utf-8")
    refused(od("rules", "import", str(path)), "太大")


def test_a_gift_quantity_over_the_editors_limit_is_refused_by_rules_add(od):  # noqa: ANN001
    before = _versions(od)
    refused(od("rules", "add", "--name", "x", "--when", "订单金额 > 1", "--gift", "GIFT-TOWEL",
               "--gift-quantity", "100"), "1–99")  # fmt: skip
    assert _versions(od) == before


def test_a_rule_name_with_undecodable_bytes_is_refused(od):  # noqa: ANN001
    before = _versions(od)
    refused(od("rules", "add", "--name", "a\udcff", "--when", "订单金额 > 1", "--tag", "x"), "无法解码")
    assert _versions(od) == before


@pytest.mark.parametrize("position", ["-5", "0", "50"])
def test_a_rule_position_out_of_range_is_refused_not_moved(od, position):  # noqa: ANN001
    before = _versions(od)
    refused(od("rules", "add", "--name", "x", "--when", "订单金额 > 1", "--tag", "x", "--position", position))
    assert _versions(od) == before


@pytest.mark.parametrize("count", ["-5", "0", "99999999999999999999"])
def test_a_preview_needs_a_positive_order_count(od, count):  # noqa: ANN001
    o = refused(od("rules", "test", "--orders", count))
    assert "--orders" in o


def test_exporting_rules_into_a_missing_folder_says_so(od, tmp_path):  # noqa: ANN001
    missing = str(tmp_path / "no-such-folder" / "r.json")
    refused(od("rules", "export", missing), missing, "文件夹不存在")
    refused(od("rules", "export", str(tmp_path)), "文件夹")


# -- user names -------------------------------------------------------------------------------------


def test_a_user_name_is_stored_audited_and_printed_the_same_way(od, tmp_path):  # noqa: ANN001
    o = od("user", "add", "  li\u0301si  ", "--role", "packer", stdin="Pw-Secret-2468\n")
    assert o.code == 0 and not o.crashed, o.err
    assert o.out.strip() == "已添加用户 lísi（打包员）"  # trimmed and NFC (one accented character)
    names = [u["name"] for u in json.loads(od("user", "list", "--json").out)]
    assert "lísi" in names
    out = tmp_path / "audit.csv"
    assert od("audit", "export", "--by", "admin", "--out", str(out)).code == 0
    assert ",user.add,user,lísi," in out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(("name", "word"), [(" =1+1", "用户名"), ("+cmd", "用户名"), ("-rf", "用户名"),
                                           ("@SUM(A1)", "用户名"), ("a b", "用户名"), ("x" * 65, "用户名"),
                                           ("a\x07b", "控制字符"), ("a\udcffb", "无法解码")])  # fmt: skip
def test_a_user_name_that_could_run_as_a_formula_or_hides_characters_is_refused(od, name, word):  # noqa: ANN001
    before = od("user", "list", "--json").out
    refused(od("user", "add", "--role", "packer", "--", name, stdin="Pw-Secret-2468\n"), word)
    assert od("user", "list", "--json").out == before
