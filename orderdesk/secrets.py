"""Where channel app secrets and courier API keys are kept: never in plain text, in the DB or settings.

Two backends share the `SecretStore` interface:

* `KeyringSecretStore` — the operating system's credential store through `keyring` (Windows Credential
  Manager on Windows, Secret Service / KWallet on a Linux desktop, the Keychain on macOS). The secret
  stays on that computer, for that OS user: another station sharing the database does not see it.
* `EncryptedSecretStore` — the fallback. Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256)
  under a key kept outside the database, in the file `secrets.key` in the user's config directory
  (`$ORDERDESK_SECRET_KEY_FILE` overrides the path). Only the ciphertext goes to a `SecretVault`, which
  the caller supplies (the database later; `MemoryVault` and `FileVault` here). Copying the key file to
  another station lets it read the same ciphertexts.

`default_secret_store(vault)` picks the keyring when it works and the encrypted store otherwise;
`$ORDERDESK_SECRET_BACKEND=keyring|file` forces one. A `ref` names a secret (e.g. "channel:3:app_secret")
and is not itself secret. Secret values are never logged, put in an error message or shown by a repr.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import os
import secrets as _stdlib_secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, runtime_checkable

import platformdirs

from .config import APP_NAME
from .domain.errors import DomainError

log = logging.getLogger(__name__)

SERVICE_NAME = "OrderDesk"
KEY_FILE_NAME = "secrets.key"
KEY_FILE_ENV = "ORDERDESK_SECRET_KEY_FILE"
BACKEND_ENV = "ORDERDESK_SECRET_BACKEND"
BACKEND_KEYRING = "keyring"
BACKEND_FILE = "file"

# Ciphertext layout in the vault: b"ODS1." + key id (8 hex digits) + b"." + Fernet token.
# The key id (a hash of the key, which reveals nothing usable about it) lets a wrong key be told apart
# from a damaged ciphertext, so the user gets the right advice.
_BLOB_MAGIC = b"ODS1"
_KEY_FILE_HEADER = (
    "# OrderDesk secret key. Keep it private; do not put it in the database or a shared folder.\n"
    "# Every station that must read the same saved secrets needs a copy of this file.\n"
)


# ---------------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------------


class SecretUnavailable(DomainError):
    """A secret could not be read or saved; `reason()` tells the user what to do (zh / en).

    `kind` says why, for code that wants to react (e.g. offer to re-enter):
    "missing", "key_missing", "wrong_key", "bad_key_file", "corrupt", "backend_error", "config".
    The message names the ref and paths, never the secret value.
    """

    def __init__(self, zh: str, en: str, *, ref: str = "", kind: str = "backend_error") -> None:
        super().__init__(zh, en)
        self.ref = ref
        self.kind = kind


# ---------------------------------------------------------------------------------------------------
# Interfaces
# ---------------------------------------------------------------------------------------------------


@runtime_checkable
class SecretStore(Protocol):
    def put(self, ref: str, value: str) -> None:
        """Save (or replace) the secret named `ref`."""

    def get(self, ref: str) -> str:
        """The secret named `ref`; raises SecretUnavailable when missing or unreadable."""

    def delete(self, ref: str) -> None:
        """Forget the secret named `ref`; does nothing when there is none."""

    def describe(self, lang: str = "en") -> str:
        """Which backend this is, for the README, the About box or a settings page."""


@runtime_checkable
class SecretVault(Protocol):
    """Where `EncryptedSecretStore` keeps ciphertexts (opaque bytes; never plaintext)."""

    def load(self, ref: str) -> bytes | None: ...

    def save(self, ref: str, blob: bytes) -> None: ...

    def remove(self, ref: str) -> None: ...


def _check_ref(ref: str) -> None:
    if not isinstance(ref, str) or not ref.strip():
        raise ValueError("a secret ref must be a non-empty string")


def _check_value(value: str) -> None:
    if not isinstance(value, str):
        raise TypeError("a secret value must be a str")
    if value == "":
        raise ValueError("an empty secret cannot be saved; use delete() to forget one")


def _missing(ref: str, where_zh: str, where_en: str) -> SecretUnavailable:
    return SecretUnavailable(
        f"尚未保存密钥“{ref}”{where_zh}，请在设置中重新输入。",
        f"No secret is saved for “{ref}”{where_en}; please enter it in Settings.",
        ref=ref,
        kind="missing",
    )


# ---------------------------------------------------------------------------------------------------
# Keyring backend
# ---------------------------------------------------------------------------------------------------

_KEYRING_NAMES = {
    "keyring.backends.Windows": ("Windows 凭据管理器", "Windows Credential Manager"),
    "keyring.backends.macOS": ("macOS 钥匙串", "macOS Keychain"),
    "keyring.backends.SecretService": ("Secret Service（GNOME 密钥环）", "Secret Service (GNOME Keyring)"),
    "keyring.backends.libsecret": ("libsecret（GNOME 密钥环）", "libsecret (GNOME Keyring)"),
    "keyring.backends.kwallet": ("KWallet", "KWallet"),
}


def _keyring_label(lang: str) -> str:
    try:
        import keyring

        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a label must never fail
        return "keyring"
    cls = type(backend)
    names = _KEYRING_NAMES.get(cls.__module__)
    if names is None:
        return f"{cls.__module__}.{cls.__qualname__}"
    return names[0] if lang.startswith("zh") else names[1]


def keyring_usable() -> bool:
    """True when the OS keyring is a real backend and a throw-away entry survives put/get/delete.

    Never raises: any problem (no backend, locked or absent D-Bus service, access denied) gives False.
    """
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return False
        probe_ref = f"__orderdesk_probe__{_stdlib_secrets.token_hex(8)}"
        probe_value = _stdlib_secrets.token_urlsafe(16)
        backend.set_password(SERVICE_NAME, probe_ref, probe_value)
        try:
            ok = backend.get_password(SERVICE_NAME, probe_ref) == probe_value
        finally:
            backend.delete_password(SERVICE_NAME, probe_ref)
        return ok and backend.get_password(SERVICE_NAME, probe_ref) is None
    except Exception as exc:  # noqa: BLE001 - by contract: any failure means "not usable"
        log.info("OS keyring not usable (%s); secrets will use the encrypted key file", type(exc).__name__)
        return False


class KeyringSecretStore:
    """Secrets in the OS credential store, under service "OrderDesk", one entry per ref."""

    service = SERVICE_NAME

    def put(self, ref: str, value: str) -> None:
        _check_ref(ref)
        _check_value(value)
        import keyring

        with self._backend_errors(ref, saving=True):
            keyring.set_password(self.service, ref, value)
        log.info("secret %r saved in the OS keyring", ref)

    def get(self, ref: str) -> str:
        _check_ref(ref)
        import keyring

        with self._backend_errors(ref, saving=False):
            value = keyring.get_password(self.service, ref)
        if value is None:
            raise _missing(ref, "（本机的系统凭据库中没有）", " in this computer's credential store")
        return value

    def delete(self, ref: str) -> None:
        _check_ref(ref)
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(self.service, ref)
        except PasswordDeleteError:
            return  # nothing saved under that ref: deleting is idempotent
        except Exception as exc:  # noqa: BLE001
            raise self._backend_failure(ref, exc, saving=True) from exc

    def describe(self, lang: str = "en") -> str:
        label = _keyring_label(lang)
        if lang.startswith("zh"):
            return f"系统凭据库：{label}（服务名 “{self.service}”，仅本机本用户可读）"
        return f"OS keyring: {label} (service “{self.service}”, this computer and user only)"

    def __repr__(self) -> str:
        return f"KeyringSecretStore(service={self.service!r})"

    @contextmanager
    def _backend_errors(self, ref: str, *, saving: bool) -> Iterator[None]:
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - keyring backends raise many types
            raise self._backend_failure(ref, exc, saving=saving) from exc

    @staticmethod
    def _backend_failure(ref: str, exc: Exception, *, saving: bool) -> SecretUnavailable:
        # Only the exception's type: a backend's message is not ours to vouch for.
        what = type(exc).__name__
        if saving:
            zh = f"无法在系统凭据库中保存或删除密钥“{ref}”（{what}）。"
            en = f"Could not save or delete “{ref}” in the OS credential store ({what})."
        else:
            zh = f"无法从系统凭据库读取密钥“{ref}”（{what}）。"
            en = f"Could not read “{ref}” from the OS credential store ({what})."
        return SecretUnavailable(zh, en, ref=ref, kind="backend_error")


# ---------------------------------------------------------------------------------------------------
# Encrypted backend (Fernet, key file outside the database)
# ---------------------------------------------------------------------------------------------------


def default_key_file() -> Path:
    """`$ORDERDESK_SECRET_KEY_FILE`, else `secrets.key` in the per-user config directory."""
    override = os.environ.get(KEY_FILE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / KEY_FILE_NAME


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"orderdesk-secret-key-id:" + key).hexdigest()[:8].encode("ascii")


def _parse_key_file(text: str) -> bytes | None:
    """The Fernet key in a key file's text (comment lines ignored), or None when there is none."""
    from cryptography.fernet import Fernet

    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) != 1:
        return None
    key = lines[0].encode("ascii", "replace")
    try:
        Fernet(key)
    except (ValueError, binascii.Error):
        return None
    return key


def _write_new_key_file(path: Path) -> None:
    """Create `path` with a fresh key, readable only by its owner; never replaces an existing file."""
    from cryptography.fernet import Fernet

    path.parent.mkdir(parents=True, exist_ok=True)
    content = (_KEY_FILE_HEADER + Fernet.generate_key().decode("ascii") + "\n").encode("ascii")
    # Write a private temp file, then hard-link it into place: the link fails if another process
    # (a second OrderDesk window) created the key meanwhile, and nobody ever sees a half-written key.
    fd, tmp = tempfile.mkstemp(prefix=".secrets-", suffix=".tmp", dir=path.parent)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return
        except OSError:
            # A file system without hard links: exclusive create is the next best thing.
            try:
                fd2 = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            except FileExistsError:
                return
            with os.fdopen(fd2, "wb") as fh:
                fh.write(content)
        if os.name == "posix":
            os.chmod(path, 0o600)
        log.info("created secret key file %s", path)
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


class EncryptedSecretStore:
    """Fernet-encrypted secrets: ciphertext in `vault`, key in a file outside the database."""

    def __init__(self, vault: SecretVault, key_file: Path | str | None = None) -> None:
        self.vault = vault
        self.key_file = Path(key_file) if key_file is not None else default_key_file()

    # -- key handling -------------------------------------------------------------------------------

    def _read_key(self, ref: str) -> bytes | None:
        """The key from the key file; None when the file does not exist."""
        try:
            text = self.key_file.read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SecretUnavailable(
                f"无法读取密钥文件 {self.key_file}（{type(exc).__name__}）。",
                f"Cannot read the key file {self.key_file} ({type(exc).__name__}).",
                ref=ref,
                kind="bad_key_file",
            ) from exc
        key = _parse_key_file(text)
        if key is None:
            raise SecretUnavailable(
                f"密钥文件 {self.key_file} 已损坏。请从原电脑重新复制该文件；"
                f"若没有备份，请删除它并重新输入所有已保存的密钥。",
                f"The key file {self.key_file} is damaged. Copy it again from the original computer; "
                f"if there is no copy, delete it and re-enter every saved secret.",
                ref=ref,
                kind="bad_key_file",
            )
        if os.name == "posix":
            mode = self.key_file.stat().st_mode & 0o777
            if mode & 0o077:
                log.warning("key file %s is readable by others (mode %o); chmod 600 it", self.key_file, mode)
        return key

    def _key_for_writing(self, ref: str) -> bytes:
        key = self._read_key(ref)
        if key is None:
            _write_new_key_file(self.key_file)
            key = self._read_key(ref)
        assert key is not None
        return key

    # -- SecretStore ----------------------------------------------------------------------------------

    def put(self, ref: str, value: str) -> None:
        _check_ref(ref)
        _check_value(value)
        from cryptography.fernet import Fernet

        key = self._key_for_writing(ref)
        # The ref is sealed in with the value, so a ciphertext moved to another ref is refused.
        payload = json.dumps({"ref": ref, "value": value}, ensure_ascii=False).encode("utf-8")
        token = Fernet(key).encrypt(payload)
        self.vault.save(ref, b".".join((_BLOB_MAGIC, _key_id(key), token)))
        log.info("secret %r saved (encrypted)", ref)

    def get(self, ref: str) -> str:
        _check_ref(ref)
        from cryptography.fernet import Fernet, InvalidToken

        blob = self.vault.load(ref)
        if blob is None:
            raise _missing(ref, "", "")
        key = self._read_key(ref)
        if key is None:
            raise SecretUnavailable(
                f"本机缺少密钥文件，无法解密“{ref}”。请把保存该密钥的电脑上的 {KEY_FILE_NAME} "
                f"复制到 {self.key_file}，或在设置中重新输入该密钥。",
                f"This computer has no key file to decrypt “{ref}”. Copy {KEY_FILE_NAME} from the "
                f"computer where it was entered to {self.key_file}, or re-enter the secret in Settings.",
                ref=ref,
                kind="key_missing",
            )
        parts = bytes(blob).split(b".", 2)
        if len(parts) != 3 or parts[0] != _BLOB_MAGIC:
            raise self._corrupt(ref)
        if parts[1] != _key_id(key):
            theirs, ours = parts[1].decode("ascii", "replace"), _key_id(key).decode("ascii")
            raise SecretUnavailable(
                f"密钥“{ref}”是用另一台电脑的密钥文件加密的（密钥编号 {theirs}，本机为 {ours}）。"
                f"请把那台电脑上的 {KEY_FILE_NAME} 复制到 {self.key_file}，或在设置中重新输入该密钥。",
                f"“{ref}” was encrypted with another computer's key file (key id {theirs}, this computer "
                f"has {ours}). Copy {KEY_FILE_NAME} from that computer to {self.key_file}, "
                f"or re-enter the secret in Settings.",
                ref=ref,
                kind="wrong_key",
            )
        try:
            payload = json.loads(Fernet(key).decrypt(parts[2]).decode("utf-8"))
        except (InvalidToken, ValueError) as exc:
            raise self._corrupt(ref) from exc
        if not isinstance(payload, dict) or payload.get("ref") != ref:
            raise self._corrupt(ref)
        if not isinstance(payload.get("value"), str):
            raise self._corrupt(ref)
        return payload["value"]

    def delete(self, ref: str) -> None:
        _check_ref(ref)
        self.vault.remove(ref)
        log.info("secret %r deleted", ref)

    def describe(self, lang: str = "en") -> str:
        if lang.startswith("zh"):
            return f"加密保存（Fernet），密钥文件：{self.key_file}"
        return f"Encrypted (Fernet), key file: {self.key_file}"

    def __repr__(self) -> str:
        return f"EncryptedSecretStore(vault={self.vault!r}, key_file={str(self.key_file)!r})"

    @staticmethod
    def _corrupt(ref: str) -> SecretUnavailable:
        return SecretUnavailable(
            f"保存的密钥“{ref}”已损坏或被篡改，无法解密。请在设置中重新输入该密钥。",
            f"The saved secret “{ref}” is damaged or was tampered with and cannot be decrypted. "
            f"Please re-enter it in Settings.",
            ref=ref,
            kind="corrupt",
        )


# ---------------------------------------------------------------------------------------------------
# Vaults for tests and the CLI (the database vault lives in the store layer)
# ---------------------------------------------------------------------------------------------------


class MemoryVault:
    """Ciphertexts in a dict, for tests."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    def load(self, ref: str) -> bytes | None:
        return self.blobs.get(ref)

    def save(self, ref: str, blob: bytes) -> None:
        self.blobs[ref] = bytes(blob)

    def remove(self, ref: str) -> None:
        self.blobs.pop(ref, None)

    def __repr__(self) -> str:
        return f"MemoryVault(refs={sorted(self.blobs)!r})"


class FileVault:
    """Ciphertexts in a JSON file `{ref: base64(blob)}`, rewritten atomically on every change.

    For tests and single-user CLI use: two processes writing at once can lose each other's change.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        if not isinstance(data, dict):
            raise ValueError(f"{self.path} is not a secret vault file")
        return data

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".vault-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def load(self, ref: str) -> bytes | None:
        raw = self._read().get(ref)
        return None if raw is None else base64.b64decode(raw)

    def save(self, ref: str, blob: bytes) -> None:
        data = self._read()
        data[ref] = base64.b64encode(bytes(blob)).decode("ascii")
        self._write(data)

    def remove(self, ref: str) -> None:
        data = self._read()
        if data.pop(ref, None) is not None:
            self._write(data)

    def __repr__(self) -> str:
        return f"FileVault({str(self.path)!r})"


# ---------------------------------------------------------------------------------------------------
# Choice of backend
# ---------------------------------------------------------------------------------------------------


def default_secret_store(vault: SecretVault, *, key_file: Path | str | None = None) -> SecretStore:
    """The OS keyring when it works, else the encrypted store; `$ORDERDESK_SECRET_BACKEND` forces one.

    With the keyring the vault is not used (secrets stay on this computer); with the encrypted store
    the vault holds the ciphertexts. Raises SecretUnavailable (kind "config") when the variable has an
    unknown value or forces a keyring that does not work.
    """
    forced = os.environ.get(BACKEND_ENV, "").strip().lower()
    if forced == BACKEND_FILE:
        return EncryptedSecretStore(vault, key_file)
    if forced == BACKEND_KEYRING:
        if not keyring_usable():
            raise SecretUnavailable(
                f"{BACKEND_ENV}=keyring，但本机没有可用的系统凭据库。请去掉该设置或改为 file。",
                f"{BACKEND_ENV}=keyring, but this computer has no working OS keyring. "
                f"Unset it or set it to file.",
                kind="config",
            )
        return KeyringSecretStore()
    if forced not in ("", "auto"):
        raise SecretUnavailable(
            f"{BACKEND_ENV} 的值 “{forced}” 无效，应为 keyring 或 file。",
            f"Invalid {BACKEND_ENV} value “{forced}”: expected keyring or file.",
            kind="config",
        )
    if keyring_usable():
        return KeyringSecretStore()
    return EncryptedSecretStore(vault, key_file)


__all__ = [
    "BACKEND_ENV",
    "KEY_FILE_ENV",
    "SERVICE_NAME",
    "EncryptedSecretStore",
    "FileVault",
    "KeyringSecretStore",
    "MemoryVault",
    "SecretStore",
    "SecretUnavailable",
    "SecretVault",
    "default_key_file",
    "default_secret_store",
    "keyring_usable",
]
