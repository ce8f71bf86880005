"""What every secret backend shares: the error it raises, the store and vault interfaces, argument checks."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..domain.errors import DomainError

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
