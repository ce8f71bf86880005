"""Secrets in the operating system's credential store, through `keyring`, and whether that store works."""

from __future__ import annotations

import logging
import secrets as _stdlib_secrets
from collections.abc import Iterator
from contextlib import contextmanager

from .base import SecretUnavailable, _check_ref, _check_value, _missing

log = logging.getLogger(__package__)

SERVICE_NAME = "OrderDesk"

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
