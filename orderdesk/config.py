"""Where the database lives and which language the UI speaks, decided once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "OrderDesk"
DB_ENV = "ORDERDESK_DB"
LANG_ENV = "ORDERDESK_LANG"
SUPPORTED_LANGS = ("zh_CN", "en")


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'orderdesk.db'}"


def resolve_db_url(cli_url: str | None) -> str:
    """--db wins, then $ORDERDESK_DB, then a SQLite file in the user's data directory."""
    return cli_url or os.environ.get(DB_ENV) or default_db_url()


def resolve_lang(cli_lang: str | None) -> str:
    """Simplified Chinese unless --lang or $ORDERDESK_LANG says English."""
    raw = (cli_lang or os.environ.get(LANG_ENV) or "zh_CN").replace("-", "_")
    return "en" if raw.lower().startswith("en") else "zh_CN"


@dataclass(frozen=True)
class AppConfig:
    db_url: str
    lang: str
    actor: str
