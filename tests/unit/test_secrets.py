"""Secrets never reach a vault or a repr in plain text, and a missing or foreign key says what to do."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.compat import properties
from keyring.errors import PasswordDeleteError

from orderdesk.domain.errors import DomainError
from orderdesk.secrets import (
    BACKEND_ENV,
    KEY_FILE_ENV,
    SERVICE_NAME,
    EncryptedSecretStore,
    FileVault,
    KeyringSecretStore,
    MemoryVault,
    SecretStore,
    SecretUnavailable,
    default_key_file,
    default_secret_store,
    keyring_usable,
)

SECRET = "sk_live_51H8xQ-应用密钥-9f3b"
REF = "channel:3:app_secret"


class DictKeyring(KeyringBackend):
    """An in-memory keyring for tests. Its priority raises, so keyring never picks it by itself."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test backend: only used through keyring.set_keyring")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class NullKeyring(DictKeyring):
    """Accepts writes and forgets them, like keyring's null backend."""

    def get_password(self, service: str, username: str) -> str | None:
        return None


class BrokenKeyring(DictKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise OSError("credential store locked")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A temp key file, no backend override, and the process's keyring put back afterwards."""
    monkeypatch.setenv(KEY_FILE_ENV, str(tmp_path / "cfg" / "secrets.key"))
    monkeypatch.delenv(BACKEND_ENV, raising=False)
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def dict_keyring() -> DictKeyring:
    backend = DictKeyring()
    keyring.set_keyring(backend)
    return backend


# --- encrypted store -------------------------------------------------------------------------------


def test_encrypted_round_trip_with_the_temp_key_file(tmp_path: Path) -> None:
    store = EncryptedSecretStore(MemoryVault())
    assert store.key_file == tmp_path / "cfg" / "secrets.key" == default_key_file()
    assert isinstance(store, SecretStore)
    store.put(REF, SECRET)
    assert store.get(REF) == SECRET
    store.put(REF, "rotated")
    assert store.get(REF) == "rotated"
    store.delete(REF)
    store.delete(REF)  # idempotent
    with pytest.raises(SecretUnavailable) as err:
        store.get(REF)
    assert err.value.kind == "missing" and err.value.ref == REF


def test_file_vault_round_trip_across_instances(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    EncryptedSecretStore(FileVault(path)).put(REF, SECRET)
    EncryptedSecretStore(FileVault(path)).put("courier:sf:api_key", "k2")
    fresh = EncryptedSecretStore(FileVault(path))
    assert fresh.get(REF) == SECRET
    assert fresh.get("courier:sf:api_key") == "k2"


@pytest.mark.parametrize("vault_kind", ["memory", "file"])
def test_the_vault_never_holds_the_plaintext(tmp_path: Path, vault_kind: str) -> None:
    vault = MemoryVault() if vault_kind == "memory" else FileVault(tmp_path / "vault.json")
    store = EncryptedSecretStore(vault)
    store.put(REF, SECRET)
    blob = vault.load(REF)
    assert blob is not None
    for needle in (SECRET.encode("utf-8"), SECRET.encode("utf-16-le"), "sk_live_51H8xQ".encode()):
        assert needle not in blob
    if vault_kind == "file":
        raw = (tmp_path / "vault.json").read_bytes()
        assert SECRET.encode("utf-8") not in raw and b"sk_live" not in raw
    # Same value twice gives different ciphertexts (random IV): nothing to compare across rows.
    store.put("other", SECRET)
    assert vault.load("other") != blob


def test_a_different_key_file_gives_secret_unavailable_in_both_languages(tmp_path: Path) -> None:
    vault = MemoryVault()
    EncryptedSecretStore(vault, tmp_path / "pc1" / "secrets.key").put(REF, SECRET)
    other_pc = EncryptedSecretStore(vault, tmp_path / "pc2" / "secrets.key")
    other_pc.put("something-else", "x")  # pc2 has a key file of its own
    with pytest.raises(SecretUnavailable) as err:
        other_pc.get(REF)
    exc = err.value
    assert isinstance(exc, DomainError)
    assert exc.kind == "wrong_key"
    assert "secrets.key" in exc.en and "re-enter" in exc.en and REF in exc.en
    assert "secrets.key" in exc.zh and "重新输入" in exc.zh and REF in exc.zh
    assert exc.reason("en") == exc.en and exc.reason("zh") == exc.zh
    assert SECRET not in exc.en + exc.zh + str(exc) + repr(exc)


def test_no_key_file_on_this_computer_says_copy_it_or_re_enter(tmp_path: Path) -> None:
    vault = MemoryVault()
    EncryptedSecretStore(vault, tmp_path / "pc1" / "secrets.key").put(REF, SECRET)
    missing = tmp_path / "pc2" / "secrets.key"
    with pytest.raises(SecretUnavailable) as err:
        EncryptedSecretStore(vault, missing).get(REF)
    assert err.value.kind == "key_missing"
    assert str(missing) in err.value.en and "re-enter" in err.value.en
    assert str(missing) in err.value.zh and "重新输入" in err.value.zh
    assert not missing.exists()  # reading never invents a key that would shadow the real one


def test_copying_the_key_file_lets_another_computer_read_the_secret(tmp_path: Path) -> None:
    vault = MemoryVault()
    pc1 = EncryptedSecretStore(vault, tmp_path / "pc1" / "secrets.key")
    pc1.put(REF, SECRET)
    (tmp_path / "pc2").mkdir()
    (tmp_path / "pc2" / "secrets.key").write_bytes(pc1.key_file.read_bytes())
    assert EncryptedSecretStore(vault, tmp_path / "pc2" / "secrets.key").get(REF) == SECRET


def test_tampered_or_moved_ciphertext_is_refused() -> None:
    vault = MemoryVault()
    store = EncryptedSecretStore(vault)
    store.put(REF, SECRET)
    blob = vault.load(REF)
    assert blob is not None
    vault.save(REF, blob[:-6] + (b"AAAAAA" if not blob.endswith(b"AAAAAA") else b"BBBBBB"))
    with pytest.raises(SecretUnavailable) as err:
        store.get(REF)
    assert err.value.kind == "corrupt"
    vault.save("channel:4:app_secret", blob)  # a valid ciphertext copied to another ref
    with pytest.raises(SecretUnavailable) as err:
        store.get("channel:4:app_secret")
    assert err.value.kind == "corrupt"
    vault.save(REF, b"not a ciphertext")
    with pytest.raises(SecretUnavailable):
        store.get(REF)


def test_damaged_key_file_is_reported(tmp_path: Path) -> None:
    store = EncryptedSecretStore(MemoryVault())
    store.put(REF, SECRET)
    store.key_file.write_text("garbage\n", encoding="ascii")
    with pytest.raises(SecretUnavailable) as err:
        store.get(REF)
    assert err.value.kind == "bad_key_file" and str(store.key_file) in err.value.en


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_key_file_is_created_on_first_put_with_mode_0600(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        store = EncryptedSecretStore(MemoryVault())
        assert not store.key_file.exists()
        store.put(REF, SECRET)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(store.key_file.stat().st_mode) == 0o600
    key_before = store.key_file.read_bytes()
    store.put("second", "value")  # the existing key is reused, never replaced
    assert store.key_file.read_bytes() == key_before
    assert list(store.key_file.parent.iterdir()) == [store.key_file]  # no temp files left behind


def test_bad_refs_and_values_are_rejected() -> None:
    store = EncryptedSecretStore(MemoryVault())
    with pytest.raises(ValueError):
        store.put("", SECRET)
    with pytest.raises(ValueError):
        store.put(REF, "")
    with pytest.raises(TypeError):
        store.put(REF, b"bytes")  # type: ignore[arg-type]


def test_no_secret_in_reprs_or_logs(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    vault = MemoryVault()
    enc = EncryptedSecretStore(vault)
    enc.put(REF, SECRET)
    enc.get(REF)
    keyring.set_keyring(DictKeyring())
    kr = KeyringSecretStore()
    kr.put(REF, SECRET)
    kr.get(REF)
    text = " ".join([repr(enc), repr(vault), repr(kr), repr(FileVault(tmp_path / "v.json")), caplog.text])
    assert SECRET not in text and "sk_live" not in text
    assert REF in caplog.text


# --- keyring store -----------------------------------------------------------------------------------


def test_keyring_round_trip_with_an_in_test_backend(dict_keyring: DictKeyring) -> None:
    store = KeyringSecretStore()
    assert isinstance(store, SecretStore)
    store.put(REF, SECRET)
    assert dict_keyring.entries == {(SERVICE_NAME, REF): SECRET}
    assert store.get(REF) == SECRET
    store.delete(REF)
    store.delete(REF)  # idempotent
    with pytest.raises(SecretUnavailable) as err:
        store.get(REF)
    assert err.value.kind == "missing" and REF in err.value.en and REF in err.value.zh
    assert "OS keyring" in store.describe("en") and "系统凭据库" in store.describe("zh")


def test_keyring_usable_probes_and_leaves_nothing_behind(dict_keyring: DictKeyring) -> None:
    assert keyring_usable() is True
    assert dict_keyring.entries == {}


@pytest.mark.parametrize("backend", [fail.Keyring, NullKeyring, BrokenKeyring])
def test_keyring_usable_is_false_for_unusable_backends(backend: type[KeyringBackend]) -> None:
    keyring.set_keyring(backend())
    assert keyring_usable() is False


def test_keyring_backend_failure_becomes_secret_unavailable() -> None:
    keyring.set_keyring(BrokenKeyring())
    with pytest.raises(SecretUnavailable) as err:
        KeyringSecretStore().put(REF, SECRET)
    assert err.value.kind == "backend_error" and "OSError" in err.value.en
    assert SECRET not in err.value.en + err.value.zh


# --- choice of backend -------------------------------------------------------------------------------


def test_default_picks_file_when_keyring_is_the_fail_backend() -> None:
    keyring.set_keyring(fail.Keyring())
    store = default_secret_store(MemoryVault())
    assert isinstance(store, EncryptedSecretStore)
    assert "key file" in store.describe("en") and str(store.key_file) in store.describe("en")


def test_default_picks_keyring_when_it_works(dict_keyring: DictKeyring) -> None:
    assert isinstance(default_secret_store(MemoryVault()), KeyringSecretStore)


def test_env_forces_file_even_with_a_working_keyring(
    dict_keyring: DictKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BACKEND_ENV, "file")
    vault = MemoryVault()
    store = default_secret_store(vault)
    assert isinstance(store, EncryptedSecretStore)
    store.put(REF, SECRET)
    assert REF in vault.blobs and dict_keyring.entries == {}


def test_env_forces_keyring(dict_keyring: DictKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BACKEND_ENV, "KEYRING")
    assert isinstance(default_secret_store(MemoryVault()), KeyringSecretStore)


def test_env_forcing_an_unusable_keyring_or_a_bad_value_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv(BACKEND_ENV, "keyring")
    with pytest.raises(SecretUnavailable) as err:
        default_secret_store(MemoryVault())
    assert err.value.kind == "config" and BACKEND_ENV in err.value.en and BACKEND_ENV in err.value.zh
    monkeypatch.setenv(BACKEND_ENV, "plaintext")
    with pytest.raises(SecretUnavailable) as err:
        default_secret_store(MemoryVault())
    assert err.value.kind == "config"
