"""First start on a PC: this PC alone is saved at once; a shared server is saved only after it was
tried and answered, and each failure is said as what it is."""

from __future__ import annotations

import socket

import pytest

from orderdesk.config import default_db_url
from orderdesk.bootstrap import open_store, probe_database
from orderdesk.gui.dialogs.first_run_dialog import (DB_URL_KEY, PASSWORD_REF_KEY, FirstRunDialog, save_db_url,
                                                     saved_db_url)  # fmt: skip
from orderdesk.gui.qt import QDialogButtonBox, QSettings, Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def settings(tmp_path) -> QSettings:  # noqa: ANN001
    return QSettings(str(tmp_path / "pc.ini"), QSettings.Format.IniFormat)


def _save(dialog: FirstRunDialog):  # noqa: ANN202
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_this_pc_alone_is_saved_as_the_local_file(qtbot, jobs, settings) -> None:  # noqa: ANN001
    assert saved_db_url(settings) is None  # never set up: the dialog is shown
    dialog = FirstRunDialog(jobs, "en", settings)
    qtbot.addWidget(dialog)
    dialog.station.setText("bench-3")
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert settings.value(DB_URL_KEY) == "" and saved_db_url(settings) == default_db_url()
    assert settings.value("station/name") == "bench-3"


@pytest.mark.postgres
def test_a_server_is_saved_only_after_it_answered(qtbot, jobs, settings, pg_server) -> None:  # noqa: ANN001
    dialog = FirstRunDialog(jobs, "en", settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server.setChecked(True)
    free = socket.create_server(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    qtbot.keyClicks(dialog.url, f"postgresql://clerk:pw@127.0.0.1:{port}/orders")
    assert not _save(dialog).isEnabled()
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cannot reach the server" in dialog.answer.text(), timeout=10_000)
    assert not _save(dialog).isEnabled()
    dialog.url.setText(pg_server.url("no_such_shop"))
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no such database" in dialog.answer.text(), timeout=10_000)
    good = pg_server.create_database("first_run_shop")
    dialog.url.setText(good)
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in dialog.answer.text(), timeout=10_000)
    assert _save(dialog).isEnabled()
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    assert saved_db_url(settings) == good


@pytest.fixture
def secrets_file(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """This PC's secret store: the encrypted file backend in a temp folder (never the real keyring)."""
    monkeypatch.setenv("ORDERDESK_SECRET_BACKEND", "file")
    monkeypatch.setenv("ORDERDESK_SECRET_KEY_FILE", str(tmp_path / "keys" / "secrets.key"))
    return tmp_path / "keys"


def _settings_text(settings: QSettings) -> str:
    settings.sync()
    return open(settings.fileName(), encoding="utf-8").read()  # noqa: PTH123


def test_the_servers_password_is_kept_in_the_secret_store_not_in_the_settings(
        settings, secrets_file) -> None:  # noqa: ANN001
    url = "postgresql+psycopg://clerk:p%40ss-W0rd@10.0.0.7:5432/shop"
    save_db_url(settings, url)
    text = _settings_text(settings)
    assert "W0rd" not in text and "clerk@10.0.0.7:5432/shop" in text
    assert not any("W0rd" in f.read_bytes().decode("latin-1") for f in secrets_file.iterdir())  # encrypted
    assert saved_db_url(settings) == url
    save_db_url(settings, "postgresql+psycopg://clerk@10.0.0.7:5432/shop")  # trust auth: nothing to keep
    assert settings.value(PASSWORD_REF_KEY) is None
    assert saved_db_url(settings).endswith("clerk@10.0.0.7:5432/shop")


def test_an_older_versions_password_in_the_settings_moves_to_the_secret_store(
        settings, secrets_file) -> None:  # noqa: ANN001
    settings.setValue(DB_URL_KEY, "postgresql+psycopg://clerk:old-pw@10.0.0.7/shop")
    assert saved_db_url(settings) == "postgresql+psycopg://clerk:old-pw@10.0.0.7/shop"
    assert "old-pw" not in _settings_text(settings)


@pytest.fixture
def password_role(pg_server):  # noqa: ANN001, ANN201
    """A role that must give its password over TCP: the test server trusts everyone else, so one
    scram-sha-256 line for this role goes first in pg_hba.conf (then the server reloads it)."""
    with pg_server.connect() as conn:
        conn.execute("CREATE ROLE clerk_pw LOGIN PASSWORD 'right-pw-42'")
    hba = pg_server.data_dir / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text("host all clerk_pw 127.0.0.1/32 scram-sha-256\n" + original)
    with pg_server.connect() as conn:
        conn.execute("SELECT pg_reload_conf()")
    url = pg_server.create_database("first_run_pw_shop")
    with pg_server.connect() as conn:
        conn.execute('ALTER DATABASE first_run_pw_shop OWNER TO clerk_pw')
    yield url.replace(f"{pg_server.user}@", "clerk_pw:{}@")
    hba.write_text(original)
    with pg_server.connect() as conn:
        conn.execute("SELECT pg_reload_conf()")
    pg_server.drop_database("first_run_pw_shop")
    with pg_server.connect() as conn:
        conn.execute("DROP ROLE clerk_pw")


@pytest.mark.postgres
def test_a_wrong_password_is_said_and_the_right_one_reconnects_from_the_secret_store(
        qtbot, jobs, settings, secrets_file, password_role) -> None:  # noqa: ANN001
    dialog = FirstRunDialog(jobs, "en", settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server.setChecked(True)
    dialog.url.setText(password_role.format("wrong-pw"))
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wrong user name or password" in dialog.answer.text(), timeout=10_000)
    assert not _save(dialog).isEnabled()
    good = password_role.format("right-pw-42")
    dialog.url.setText(good)
    qtbot.mouseClick(dialog.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Connected" in dialog.answer.text(), timeout=10_000)
    qtbot.mouseClick(_save(dialog), Qt.MouseButton.LeftButton)
    assert "right-pw-42" not in _settings_text(settings)
    again = saved_db_url(QSettings(settings.fileName(), QSettings.Format.IniFormat))  # the next start
    assert again == good and probe_database(again).ok
    store = open_store(again, create=True)
    store.close()
