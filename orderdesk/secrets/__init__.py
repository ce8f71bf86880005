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

# The public names of the former single module, importable from orderdesk.secrets as before.
from .base import SecretStore, SecretUnavailable, SecretVault
from .default_store import BACKEND_ENV, BACKEND_FILE, BACKEND_KEYRING, default_secret_store  # noqa: F401
from .encrypted_store import EncryptedSecretStore
from .key_file import KEY_FILE_ENV, KEY_FILE_NAME, default_key_file  # noqa: F401
from .keyring_store import SERVICE_NAME, KeyringSecretStore, keyring_usable
from .vaults import FileVault, MemoryVault

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
