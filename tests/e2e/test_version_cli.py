"""`orderdesk --version --verbose`: what a support person asks for over the phone, without a password."""

from __future__ import annotations

from pathlib import Path

from orderdesk import __version__
from orderdesk.store.migrate import head_revision
from tests.helpers.cli_inproc import run_cli


def test_version_alone_is_one_line() -> None:
    out = run_cli("--version")
    assert out.code == 0 and out.out.strip() == f"orderdesk {__version__}"


def test_verbose_version_names_database_schema_python_and_qt(store) -> None:  # noqa: ANN001
    url = store.engine.url.render_as_string(hide_password=False)
    out = run_cli("--lang", "en", "--db", url, "--version", "--verbose")
    assert out.code == 0, out.err
    fields = dict(line.split(": ", 1) for line in out.out.splitlines()[1:])
    assert fields["Version"].startswith(__version__)
    assert fields["Schema revision"].startswith(head_revision())
    assert fields["Database"] == store.engine.url.render_as_string(hide_password=True)
    assert fields["Python"].count(".") == 2 and fields["Qt"].startswith("6.")


def test_verbose_version_creates_no_database_and_hides_the_password(tmp_path: Path) -> None:
    missing = tmp_path / "not-yet.db"
    out = run_cli("--lang", "en", "--db", f"sqlite:///{missing}", "--version", "--verbose")
    assert out.code == 0 and "Schema revision: not created yet" in out.out and not missing.exists()
    pg = run_cli("--lang", "en", "--db", "postgresql://clerk:Hunter2-secret@127.0.0.1:1/orders", "--version", "--verbose")
    assert pg.code == 0 and "Hunter2-secret" not in pg.out + pg.err and "clerk:***@" in pg.out
