"""Try a database before a PC is set up to use it: each way it can fail said as what it is.

Used by the first-run dialog ("a shared server") before anything is saved: unreachable, wrong
password, database missing, another program's database, schema newer than this OrderDesk; or
usable (empty: it will be set up; behind: it will be backed up and migrated; current).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import OperationalError

from .db_errors import safe_detail
from .engine import display_url, open_engine
from .errors import StoreError
from .identity import DbKind, check_database
from .migrate import SchemaState, known_revisions, schema_status


@dataclass(frozen=True)
class Probe:
    outcome: str  # ok | unreachable | wrong_password | missing | foreign | newer | bad_url
    zh: str
    en: str
    schema: str = ""  # SchemaState value when reachable

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def probe_database(url: str) -> Probe:
    """Connect, identify, read the schema; never creates, migrates or writes anything."""
    shown = display_url(url)
    try:
        engine = open_engine(url)
    except StoreError as exc:
        return Probe("bad_url", exc.zh, exc.en)
    try:
        with engine.connect():
            pass
        check_database(engine, known_revisions(), create=True)
        status = schema_status(engine)
    except OperationalError as exc:
        return _connection_failure(shown, exc)
    except StoreError as exc:
        cause = exc.__cause__
        if isinstance(cause, OperationalError):
            return _connection_failure(shown, cause)
        return Probe("foreign", exc.zh, exc.en)
    finally:
        engine.dispose()
    if status.state is SchemaState.NEWER:
        return Probe("newer", f"该数据库由更新版本的 OrderDesk 使用（结构 {status.current}），请先在本机安装新版本。",
                     f"This database is used by a newer OrderDesk (schema {status.current}); install that version "
                     "on this PC first.", status.state.value)  # fmt: skip
    zh, en = {
        SchemaState.EMPTY: ("连接成功：空数据库，保存后将自动建立。", "Connected: the database is empty and will be set up."),
        SchemaState.BEHIND: ("连接成功：数据库将先备份再升级。", "Connected: the database will be backed up and upgraded."),
        SchemaState.CURRENT: ("连接成功。", "Connected."),
    }[status.state]  # fmt: skip
    return Probe("ok", zh, en, status.state.value)


def schema_state(url: str) -> str | None:
    """The SchemaState of an OrderDesk database, read only; None when it cannot be told (missing,
    foreign, unreachable: opening it then says why)."""
    try:
        engine = open_engine(url)
    except StoreError:
        return None
    try:
        if check_database(engine, known_revisions(), create=True) is not DbKind.ORDERDESK:
            return None
        return schema_status(engine).state.value
    except Exception:  # noqa: BLE001 - the real open reports it
        return None
    finally:
        engine.dispose()


def _connection_failure(shown: str, exc: Exception) -> Probe:
    text = str(getattr(exc, "orig", None) or exc)
    detail = safe_detail(exc)
    if "password authentication failed" in text or "no password supplied" in text:
        return Probe("wrong_password", f"用户名或密码错误（{shown}）。", f"Wrong user name or password ({shown}).")
    if "does not exist" in text and "database" in text:
        return Probe("missing", f"服务器上没有这个数据库（{shown}）。请管理员先创建它（createdb）。",
                     f"The server has no such database ({shown}). Ask the administrator to create it (createdb).")  # fmt: skip
    return Probe("unreachable", f"无法连接服务器（{detail}）。请检查地址、端口、网络和服务器是否已启动。",
                 f"Cannot reach the server ({detail}). Check the address, the port, the network and that the "
                 "server is running.")  # fmt: skip


__all__ = ["DbKind", "Probe", "probe_database", "schema_state"]
