"""Secrets encrypted with Fernet: ciphertext in a `SecretVault`, the key in a file outside the database."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from .base import SecretUnavailable, SecretVault, _check_ref, _check_value, _missing
from .key_file import KEY_FILE_NAME, _key_id, _parse_key_file, _write_new_key_file, default_key_file

log = logging.getLogger(__package__)

# Ciphertext layout in the vault: b"ODS1." + key id (8 hex digits) + b"." + Fernet token.
# The key id (a hash of the key, which reveals nothing usable about it) lets a wrong key be told apart
# from a damaged ciphertext, so the user gets the right advice.
_BLOB_MAGIC = b"ODS1"


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
