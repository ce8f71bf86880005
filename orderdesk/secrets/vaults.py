"""Vaults for tests and the CLI: ciphertexts in memory or a JSON file (the database one is in the store)."""

from __future__ import annotations

import base64
import json
import os
import tempfile
from pathlib import Path


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
