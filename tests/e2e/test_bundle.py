"""The one-folder bundle a packing bench installs: build.spec is built with PyInstaller and the *built
binary* runs `orderdesk selftest` offscreen, so a file or Qt plugin left out of the spec fails here.

The analysis is cached in a work folder that outlives the test run (PyInstaller reuses it when
nothing it analysed changed: a rebuild takes seconds); the bundle itself goes to a fresh folder.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _work_dir() -> Path:
    key = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"orderdesk-pyinstaller-{os.getuid()}-{key}"


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is missing on CI (requirements-dev.txt pins it)")
        pytest.skip("PyInstaller not installed")
    dist = tmp_path_factory.mktemp("dist")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(_work_dir()), str(ROOT / "build.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    folder = dist / "OrderDesk"
    print(f"\nbundle: {_size_mb(folder):.0f} MB, built in {time.monotonic() - started:.0f} s")
    return folder


def test_the_built_binary_passes_its_selftest_offscreen(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORDERDESK_", "PYTHON", "DISPLAY", "WAYLAND"))}
    env |= {"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}  # fmt: skip
    started = time.monotonic()
    run = subprocess.run([str(bundle / "orderdesk"), "--lang", "en", "selftest"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    print(f"bundled selftest: {time.monotonic() - started:.1f} s")
    assert run.returncode == 0, run.stdout + run.stderr[-4000:]
    assert "Self-test passed" in run.stdout and run.stdout.count(" OK ") == 10, run.stdout
    assert not (home / "data" / "OrderDesk").exists()  # the PC's own database is left alone


def test_the_bundle_holds_what_the_app_loads_and_not_qml_or_webengine(bundle: Path) -> None:
    inside = bundle / "_internal"
    names = {p.relative_to(inside).as_posix() for p in inside.rglob("*")}
    for needed in ("alembic.ini", "migrations/env.py", "migrations/versions/0001_initial_schema.py",
                   "resources/fonts/wqy-microhei.ttc", "resources/i18n/orderdesk_en.qm", "resources/sounds/ok.wav"):
        assert needed in names, needed
    plugins = {n.split("/plugins/", 1)[1] for n in names if "/plugins/" in n}
    for kind in ("platforms/libqoffscreen.so", "platforms/libqxcb.so", "printsupport/libcupsprintersupport.so",
                 "imageformats/libqjpeg.so", "imageformats/libqsvg.so", "multimedia/libffmpegmediaplugin.so"):
        if sys.platform == "linux":
            assert kind in plugins, kind
    unwanted = [n for n in names if any(q in Path(n).name for q in ("Qt6Quick", "Qt6Qml", "WebEngine", "Qt63D"))]
    assert not unwanted, unwanted
    assert not [n for n in names if n.endswith(".ts")]  # translation sources stay in the repository
    assert _size_mb(bundle) < 300
