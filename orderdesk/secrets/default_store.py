"""Which backend to use on this computer: the OS keyring when it works, else the encrypted store."""

from __future__ import annotations

import os
from pathlib import Path

from .base import SecretStore, SecretUnavailable, SecretVault
from .encrypted_store import EncryptedSecretStore
from .keyring_store import KeyringSecretStore, keyring_usable

BACKEND_ENV = "ORDERDESK_SECRET_BACKEND"
BACKEND_KEYRING = "keyring"
BACKEND_FILE = "file"


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
