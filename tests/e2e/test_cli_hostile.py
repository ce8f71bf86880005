"""Every `orderdesk` verb, fed hostile arguments and files: never a traceback, and wrong input refused.

The verbs come from the argparse parser itself, so a new verb or option is covered without editing
this file. Most cases run in-process on a copy of one small demo database; `sync --forever` runs
as a subprocess with a timeout, since a mistake there would loop for ever.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orderdesk.cli.main import build_parser
from tests.e2e.test_cli import REPO
from tests.helpers.cli_inproc import Outcome, run_cli

SKIPPED = {
    "gui": "opens a window and waits for a person",
    "demo": "opens the app on a live demo that runs until closed",
    "bench": "runs minutes of benchmarks on purpose; its options are sizes, not user data",
}
LONG = "A" * 100_000
SURR = "x\udcff\udcfey"  # what Python makes of invalid UTF-8 bytes in argv
ODD = "a\x00b\x1b[31m\x07c" + SURR  # control characters and undecodable bytes
TEXTS = {"long": LONG, "control-and-invalid": ODD}
NUMBERS = {"huge": "99999999999999999999", "negative": "-5", "zero": "0"}
SECONDS = {"huge": "1e308", "inf": "inf", "nan": "nan", "negative": "-5"}
DATES = {"impossible": "9999-99-99", "number": "1e308"}
# Text that only filters a listing: any value is fine as long as nothing crashes.
FILTERS = {"search", "phone", "by", "object", "wave"}
FILTERS_OF = {("stock", "list"): {"sku", "warehouse"}, ("orders", "list"): {"warehouse"},
              ("wave",): {"courier"}}  # fmt: skip
# Numbers where 0 or a negative one is meaningful.
SIGNED = {("stock", "adjust", "delta"): {"negative", "zero"}, ("demo-data", "seed"): {"negative", "zero"},
          ("demo-data", "orders"): {"zero"}}  # fmt: skip
OUTPUTS = {"out", "keep_db"}
OUTPUT_FOLDERS = {("db", "backup", "folder"), ("selftest", "keep")}  # written into; a new one is fine for --keep
BASE = {"order_no": "{order}", "order_nos": "{order}", "orders": "{order}", "warehouse": "SZ-SUZHOU",
        "sku": "{sku}", "name": "packer1", "role": "packer", "when": "订单金额 > 1", "reason": "test",
        "courier": "ZTO", "first": "ZT000000000100", "last": "ZT000000000199", "version": "1",
        "delta": "1", "app_key": "key-1", "file": "{file}", "files": "{file}", "out": "{files[out]}"}  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A small demo database and the hostile files, made once."""
    root = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as mp:
        _isolate(mp, root)
        db = root / "base.db"
        for argv in (("db", "upgrade"), ("demo-data", "--orders", "40", "--seed", "7", "--with-rules")):
            assert run_cli("--db", f"sqlite:///{db}", *argv).code == 0
        orders = run_cli("--db", f"sqlite:///{db}", "orders", "list", "--json", "--limit", "1").out
    (root / "empty.csv").write_bytes(b"")
    (root / "binary.xlsx").write_bytes(bytes(range(256)) * 64)
    (root / "gbk.csv").write_bytes("订单编号,商品编码,数量\n1,乱码,二\n".encode("gbk"))
    (root / "folder").mkdir()
    order = orders.split('"order_no": "')[1].split('"')[0]
    files = {"missing": str(root / "nope" / "missing.csv"), "nofolder": str(root / "nope" / "out.file"),
             "out": str(root / "written.out"), "folder": str(root / "folder"),
             "empty": str(root / "empty.csv"), "binary": str(root / "binary.xlsx"), "gbk": str(root / "gbk.csv")}  # fmt: skip
    return {"root": root, "db": db, "order": order, "files": files}


def _isolate(mp: pytest.MonkeyPatch, home: Path) -> None:
    for key in [k for k in os.environ if k.startswith("ORDERDESK_")]:
        mp.delenv(key)
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        mp.setenv(var, str(home / sub))
    mp.setenv("ORDERDESK_SECRET_BACKEND", "file")
    mp.setenv("ORDERDESK_SECRET_KEY_FILE", str(home / "secrets.key"))


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):  # noqa: ANN201
    """Every runnable command: (verb path, its parser)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from leaves(sub, (*path, name))
            return
    yield path, parser


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    common = {"help", "db", "lang", "user", "version"}
    return [a for a in parser._actions if a.dest not in common and a.nargs != 0 and not a.choices]


def _baseline(path: tuple[str, ...], parser: argparse.ArgumentParser) -> dict[argparse.Action, str]:
    """A plausible value for every required argument, so only the hostile one is wrong."""
    out = {}
    for a in parser._actions:
        if a.required and a.dest not in ("help",) and a.nargs != 0:
            out[a] = a.choices[0] if a.choices else BASE.get(a.dest, "x")
    return out


def _values(path: tuple[str, ...], a: argparse.Action) -> dict[str, tuple[str, bool]]:
    """Hostile values for one argument: name -> (value, must be refused)."""
    if (*path, a.dest) in OUTPUT_FOLDERS:
        return {"a-file": ("{files[empty]}", True), "missing-parent": ("{files[missing]}", True)}
    if a.type is Path or a.dest in ("file", "files"):
        if a.dest in OUTPUTS or path in (("rules", "export"), ("db", "backup")):
            return {"missing-folder": ("{files[nofolder]}", True), "folder": ("{files[folder]}", True)}
        return {k: (f"{{files[{k}]}}", True) for k in ("missing", "folder", "empty", "binary", "gbk")}
    if a.dest == "version" and path == ("rules", "rollback"):
        return {"huge": (NUMBERS["huge"], True), "missing": ("12345", True)}
    kind = getattr(a.type, "__name__", "")
    if a.type is int or kind == "parse" and "int_range" in getattr(a.type, "__qualname__", ""):
        ok = SIGNED.get((*path, a.dest), set())
        return {k: (v, k not in ok) for k, v in NUMBERS.items()}
    if a.type is float or "seconds" in getattr(a.type, "__qualname__", ""):
        return {k: (v, True) for k, v in SECONDS.items()}
    if kind in ("_date", "_date_end"):
        return {k: (v, True) for k, v in DATES.items()}
    calm = a.dest in FILTERS or a.dest in FILTERS_OF.get(path, set())
    return {k: (v, not calm) for k, v in TEXTS.items()}


def _cases():  # noqa: ANN202
    for path, parser in leaves(build_parser()):
        if path[0] in SKIPPED:
            continue
        for a in _arguments(parser):
            for label, (value, refuse) in _values(path, a).items():
                yield pytest.param(path, a.dest, value, refuse, id=f"{' '.join(path)}:{a.dest}={label}")


def _argv(path: tuple[str, ...], parser: argparse.ArgumentParser, dest: str, value: str) -> list[str]:
    values = _baseline(path, parser)
    target = next(a for a in parser._actions if a.dest == dest)
    values[target] = value
    argv = list(path)
    for a, v in values.items():
        argv += [v] if not a.option_strings else [f"{a.option_strings[-1]}={v}"]
    if path == ("sync",):
        argv.append("--once")
    if path == ("print",) and dest != "printer":
        argv.append("--printer=no-such-printer")  # never a real print job
    return argv


def _fill(argv: list[str], world: dict[str, object]) -> list[str]:
    return [a.format(order=world["order"], sku="GIFT-TOWEL", file=world["files"]["empty"], files=world["files"])
            if "{" in a and a is not LONG else a for a in argv]  # fmt: skip


@functools.cache
def _leaf(path: tuple[str, ...]) -> argparse.ArgumentParser:
    return dict(leaves(build_parser()))[path]


@pytest.mark.parametrize(("path", "dest", "value", "refuse"), list(_cases()))
def test_hostile_argument(world, tmp_path, monkeypatch, path, dest, value, refuse) -> None:  # noqa: ANN001
    db = tmp_path / "case.db"
    shutil.copy(world["db"], db)
    _isolate(monkeypatch, tmp_path)
    user: tuple[str, ...] = ()
    if path[0] == "user":
        monkeypatch.setenv("ORDERDESK_PASSWORD", "demo1234")
        user = ("--user", "admin")
    argv = _fill(_argv(path, _leaf(path), dest, value), world)
    o = run_cli("--db", f"sqlite:///{db}", *user, *argv, stdin="Hostile-Pass-1\nNOPE\n")
    _check(o, refuse)


def _check(o: Outcome, refuse: bool) -> None:
    assert not o.crashed, o.err[-2000:]
    if refuse:
        assert o.code != 0, f"accepted: {o.out[:500]}"
        assert o.err.strip(), "a refusal says why"


@pytest.mark.parametrize("kind", ["folder", "missing-folder", "binary", "empty", "garbage-url"])
def test_a_database_that_is_not_one_is_refused(world, tmp_path, monkeypatch, kind) -> None:  # noqa: ANN001
    """Another engineer's area (foreign or missing databases); kept here so the whole CLI is covered."""
    _isolate(monkeypatch, tmp_path)
    files = world["files"]
    url = {"folder": f"sqlite:///{files['folder']}", "missing-folder": f"sqlite:///{world['root']}/no-db-folder/x.db",
           "binary": f"sqlite:///{files['binary']}", "empty": f"sqlite:///{files['empty']}",
           "garbage-url": "postgresql://u:Secret-Pw-1@/" + "\x00"}[kind]  # fmt: skip
    o = run_cli("--db", url, "orders", "list")
    _check(o, refuse=True)
    assert "Secret-Pw-1" not in o.err


def test_an_unknown_acting_user_is_refused(world, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    db = tmp_path / "case.db"
    shutil.copy(world["db"], db)
    _isolate(monkeypatch, tmp_path)
    for user in ("nobody", LONG, ODD):
        _check(run_cli("--db", f"sqlite:///{db}", "--user", user, "orders", "list"), refuse=True)


@pytest.mark.parametrize("interval", ["-5", "0", "inf", "nan", "1e308"])
def test_sync_forever_refuses_a_senseless_interval_at_once(world, tmp_path, interval) -> None:  # noqa: ANN001
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORDERDESK_")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path), PYTHONUTF8="1")
    db = tmp_path / "case.db"
    shutil.copy(world["db"], db)
    proc = subprocess.run([sys.executable, "-m", "orderdesk", "--db", f"sqlite:///{db}", "sync", "--forever",
                           f"--interval={interval}"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and proc.stderr.strip(), proc.stderr


def test_every_verb_is_either_probed_or_skipped_with_a_reason() -> None:
    probed = {path[0] for path, _ in leaves(build_parser())} - set(SKIPPED)
    cases = {p.values[0][0] for p in _cases()}
    assert probed - cases <= {"db", "throughput"}, probed - cases  # verbs without arguments to abuse
