"""The Fernet key file kept outside the database: where it is, reading it, creating it once and safely."""

from __future__ import annotations

import binascii
import hashlib
import logging
import os
import tempfile
from pathlib import Path

import platformdirs

from ..config import APP_NAME

log = logging.getLogger(__package__)

KEY_FILE_NAME = "secrets.key"
KEY_FILE_ENV = "ORDERDESK_SECRET_KEY_FILE"

_KEY_FILE_HEADER = (
    "# OrderDesk secret key. Keep it private; do not put it in the database or a shared folder.\n"
    "# Every station that must read the same saved secrets needs a copy of this file.\n"
)


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
