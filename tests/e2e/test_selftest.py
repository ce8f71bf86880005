"""`orderdesk selftest` as a support person runs it on a freshly installed PC: every step reported,
exit 0 when the installation works, and the step that broke named when it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli_inproc import run_cli


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        monkeypatch.setenv(var, str(tmp_path / "home" / sub))
    monkeypatch.delenv("ORDERDESK_DB", raising=False)
    monkeypatch.delenv("ORDERDESK_USER", raising=False)


def test_selftest_runs_every_step_and_leaves_its_files(tmp_path: Path) -> None:
    keep = tmp_path / "kept"
    out = run_cli("--lang", "en", "selftest", "--keep", str(keep))
    assert out.code == 0, out.out + out.err
    lines = [ln for ln in out.out.splitlines() if ln.startswith("[")]
    assert len(lines) == 10 and all(" OK " in ln for ln in lines), out.out
    for step in ("database", "intake", "allocation", "pack", "shipping label", "credit note", "print to file",
                 "main window"):
        assert any(step in ln for ln in lines), step
    assert "Self-test passed" in out.out
    assert (keep / "printed-label.pdf").read_bytes().startswith(b"%PDF")
    assert (keep / "credit-note.pdf").read_bytes().startswith(b"%PDF")
    assert (keep / "label.zpl").read_text(encoding="utf-8").startswith("^XA")
    assert not (tmp_path / "home" / "data" / "OrderDesk" / "orderdesk.db").exists()  # the PC's own data untouched


def test_a_failing_step_is_named_and_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orderdesk import resources

    bundle = tmp_path / "broken-bundle"
    (bundle / "resources").mkdir(parents=True)
    (bundle / "migrations").symlink_to(resources.migrations_path())  # a bundle whose fonts and sounds were left out
    monkeypatch.setattr(resources, "project_root", lambda: bundle)
    out = run_cli("--lang", "en", "selftest", "--no-window")
    assert out.code == 1
    assert "FAIL shipping label" in out.out and "wqy-microhei.ttc is missing" in out.out
    assert "Self-test failed at step 5: shipping label" in out.err
