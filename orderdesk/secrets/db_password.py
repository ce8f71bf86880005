"""The shared server's password, kept in this PC's secret store so QSettings holds only the URL without it.

The database cannot hold its own password, so the vault here is a file beside the key file
(`local-secrets.json` in the user config directory; with the OS keyring it is not used at all).
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit, urlunsplit

from .base import SecretStore
from .default_store import default_secret_store
from .key_file import default_key_file
from .vaults import FileVault

SERVER_PASSWORD_REF = "database:server_password"


def local_secret_store() -> SecretStore:
    """The keyring, or the encrypted store with its ciphertexts in a file next to `secrets.key`."""
    return default_secret_store(FileVault(default_key_file().parent / "local-secrets.json"))


def split_password(url: str) -> tuple[str, str]:
    """(the URL without its password, the password or "")."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, ""
    host = parts.netloc.rpartition("@")[2]
    user = parts.netloc.rpartition("@")[0].partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), unquote(parts.password)


def join_password(url: str, password: str) -> str:
    """The URL with `password` put back after the user name (a URL without a user is left as it is)."""
    parts = urlsplit(url)
    if not password or "@" not in parts.netloc:
        return url
    user, _, host = parts.netloc.rpartition("@")
    user = user.partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}"))
