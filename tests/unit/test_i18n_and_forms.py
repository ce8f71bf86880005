"""Every UI string has its Chinese translation, and generated files match their sources."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
VENV_BIN = Path(shutil.which("pyside6-uic") or (ROOT / ".venv" / "bin" / "pyside6-uic")).parent


def _messages(ts: Path) -> dict[str, ET.Element]:
    return {m.findtext("source") or "": m for m in ET.parse(ts).iter("message")}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_string_is_translated(lang: str) -> None:
    unfinished = [s for s, m in _messages(I18N / f"orderdesk_{lang}.ts").items()
                  if m.find("translation").get("type") == "unfinished"]  # fmt: skip
    assert unfinished == []
    assert (I18N / f"orderdesk_{lang}.qm").stat().st_mtime >= 0


def test_translation_files_cover_the_current_sources(tmp_path: Path) -> None:
    sources = sorted(str(p) for p in (ROOT / "orderdesk" / "gui").rglob("*.py") if "forms" not in p.parts)
    sources += sorted(str(p) for p in (ROOT / "ui").glob("*.ui"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(VENV_BIN / "pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    *sources, "-ts", str(fresh)], check=True)  # fmt: skip
    assert set(_messages(fresh)) == set(_messages(I18N / "orderdesk_zh_CN.ts")), "run scripts/build-ui"


def test_generated_forms_match_their_ui_files(tmp_path: Path) -> None:
    for ui in (ROOT / "ui").glob("*.ui"):
        out = tmp_path / f"ui_{ui.stem}.py"
        subprocess.run([str(VENV_BIN / "pyside6-uic"), str(ui), "-o", str(out)], check=True)
        committed = ROOT / "orderdesk" / "gui" / "forms" / f"ui_{ui.stem}.py"
        assert committed.read_text() == out.read_text(), f"{committed.name} is stale: run scripts/build-ui"
