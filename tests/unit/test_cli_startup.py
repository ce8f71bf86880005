"""The CLI starts cheaply: parsing (and `--help`) loads no database, PDF, network or Qt package.

The rule is in orderdesk/cli/main.py's docstring: verb modules import heavy things inside their
handlers. A fresh interpreter is needed to see what an import pulls in, so this runs one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "alembic", "reportlab", "httpx", "PySide6", "openpyxl", "cryptography", "keyring")
HEAVY_OURS = ("orderdesk.bootstrap", "orderdesk.services", "orderdesk.store", "orderdesk.labels",
              "orderdesk.channels", "orderdesk.printing", "orderdesk.imports", "orderdesk.exports",
              "orderdesk.demo", "orderdesk.benchmarks", "orderdesk.gui", "orderdesk.secrets")  # fmt: skip

PROBE = """
import json, sys
from orderdesk.cli.main import build_parser
build_parser()
print(json.dumps(sorted(sys.modules)))
"""


def test_building_the_parser_loads_nothing_heavy():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=True)
    loaded = json.loads(proc.stdout)
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY_OURS)]
    assert heavy == [], f"move these imports into the verb's handler (see orderdesk/cli/main.py): {heavy}"


def _leaves(parser):  # noqa: ANN001, ANN202
    subs = [a for a in parser._actions if a.choices and hasattr(a, "add_parser")]  # noqa: SLF001
    if not subs:
        yield parser
    for action in subs:
        for child in action.choices.values():
            yield from _leaves(child)


def test_every_command_has_a_handler():
    """Handlers are imported lazily, but each command still names one (`gui` aside: it is the default)."""
    from orderdesk.cli.main import build_parser

    for leaf in _leaves(build_parser()):
        if leaf.prog != "orderdesk gui":
            assert callable(leaf.get_default("handler")), leaf.prog
