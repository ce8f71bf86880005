"""The dependency rules of the architecture, checked on the source: a pure domain, services free of
SQL and Qt, a GUI that never opens a session or a socket."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "orderdesk"


def _imports(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports resolved against the package)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(parts[: len(parts) - node.level])
                out.add(f"{base}.{node.module}" if node.module else base)
            else:
                out.add(node.module or "")
    return out


def _files(layer: str) -> list[Path]:
    return sorted((PKG / layer).rglob("*.py"))


FORBIDDEN = {
    "domain": ("PySide6", "sqlalchemy", "httpx", "alembic", "orderdesk.services", "orderdesk.store",
               "orderdesk.gui", "orderdesk.cli", "orderdesk.channels"),
    "services": ("PySide6", "sqlalchemy", "httpx", "alembic", "orderdesk.store", "orderdesk.gui",
                 "orderdesk.cli"),
    "store": ("PySide6", "httpx", "orderdesk.gui", "orderdesk.cli"),
    "gui": ("sqlalchemy", "httpx", "alembic", "orderdesk.store"),
    "channels": ("PySide6", "sqlalchemy", "alembic", "orderdesk.store", "orderdesk.gui", "orderdesk.cli"),
    "labels": ("PySide6", "sqlalchemy", "httpx", "alembic", "orderdesk.services", "orderdesk.store",
               "orderdesk.gui", "orderdesk.cli", "orderdesk.channels", "orderdesk.printing"),
    "printing": ("PySide6", "sqlalchemy", "httpx", "alembic", "orderdesk.services", "orderdesk.store",
                 "orderdesk.cli", "orderdesk.channels"),
}  # fmt: skip


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    offences = [
        f"{path.relative_to(PKG)} imports {name}"
        for path in _files(layer)
        for name in _imports(path)
        if name.startswith(FORBIDDEN[layer])
    ]
    assert offences == []


def test_only_the_qt_shim_and_generated_forms_import_pyside6() -> None:
    allowed = {PKG / "gui" / "qt.py"} | set((PKG / "gui" / "forms").glob("*.py"))
    offences = [str(p.relative_to(PKG)) for p in PKG.rglob("*.py")
                if p not in allowed and any(n.startswith("PySide6") for n in _imports(p))]  # fmt: skip
    assert offences == []
