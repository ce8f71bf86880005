"""What this copy of OrderDesk is and what it runs on: `orderdesk --version --verbose` and Help > About.

Read only: the database is looked at, never created or migrated (a missing file is said as such).
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

from sqlalchemy import Engine

from . import __version__


@dataclass(frozen=True)
class AboutInfo:
    version: str
    database: str  # the URL without its password
    schema: str  # the revision, or why it cannot be read
    schema_head: str  # the newest revision this build knows
    python: str
    qt: str
    pyside: str
    system: str
    frozen: bool

    def lines(self, lang: str = "zh_CN") -> list[tuple[str, str]]:
        """(label, value) pairs in the order people read them."""
        zh = lang == "zh_CN"
        build = ("安装包" if zh else "bundle") if self.frozen else ("源码" if zh else "source")
        return [
            ("版本" if zh else "Version", f"{self.version} ({build})"),
            ("数据库" if zh else "Database", self.database),
            ("数据库结构" if zh else "Schema revision", f"{self.schema} (" + ("本版本最高 " if zh else "this build: ")
             + f"{self.schema_head})"),
            ("Python", self.python),
            ("Qt", f"{self.qt} (PySide6 {self.pyside})"),
            ("系统" if zh else "System", self.system),
        ]  # fmt: skip

    def text(self, lang: str = "zh_CN") -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.lines(lang))


def about_info(db: str | Engine, lang: str = "zh_CN") -> AboutInfo:
    """Versions, the database in use and its schema revision (opened read-only, closed again)."""
    from .gui.qt import qt_versions  # noqa: PLC0415 - Qt only when asked
    from .store.engine import display_url  # noqa: PLC0415
    from .store.migrate import head_revision  # noqa: PLC0415

    qt, pyside = qt_versions()
    url = db if isinstance(db, str) else db.url.render_as_string(hide_password=False)
    return AboutInfo(__version__, display_url(url), schema_revision(db, lang), head_revision(),
                     platform.python_version(), qt, pyside, f"{platform.system()} {platform.release()}",
                     bool(getattr(sys, "frozen", False)))  # fmt: skip


def schema_revision(db: str | Engine, lang: str = "zh_CN") -> str:
    from .domain.errors import DomainError  # noqa: PLC0415
    from .store.engine import open_engine  # noqa: PLC0415
    from .store.migrate import schema_status  # noqa: PLC0415
    from .store.sqlite_file import sqlite_path  # noqa: PLC0415

    zh = lang == "zh_CN"
    try:
        engine = open_engine(db) if isinstance(db, str) else db
    except DomainError as exc:
        return exc.reason(lang)
    try:
        path = sqlite_path(engine.url) if engine.dialect.name == "sqlite" else None
        if path is not None and not path.exists():
            return "尚未创建" if zh else "not created yet"
        st = schema_status(engine)
        return st.current or ("空库" if zh else "empty")
    except DomainError as exc:
        return exc.reason(lang)
    except Exception as exc:  # noqa: BLE001 - not a database we can read; say so, never the statement
        return ("无法读取" if zh else "unreadable") + f" ({type(exc).__name__})"
    finally:
        if isinstance(db, str):
            engine.dispose()
