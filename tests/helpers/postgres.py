"""A throw-away PostgreSQL server for tests.

Usage::

    if TempPostgres.available():
        with TempPostgres() as pg:
            pg.create_database("orderdesk_test")
            engine = sqlalchemy.create_engine(pg.url("orderdesk_test"))

The server runs from a fresh temporary directory (data files, socket and log),
listens on a free port of 127.0.0.1, trusts every local connection as the
``postgres`` superuser, and trades durability for speed (fsync off). When the
current user is root the server binaries are run as the ``postgres`` user,
because initdb and postgres refuse to run as root.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

__all__ = ["TempPostgres"]

_START_ATTEMPTS = 3
_TIMEOUT_S = 120


def _version_key(path: str) -> tuple[int, ...]:
    """Sort key for /usr/lib/postgresql/<version>/bin paths."""
    version = Path(path).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def _find_bin_dir() -> Path | None:
    """The directory holding initdb and pg_ctl: the newest Debian-style one, else PATH."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    for cand in candidates:
        bin_dir = Path(cand)
        if all(os.access(bin_dir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return bin_dir
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        bin_dir = Path(pg_ctl).resolve().parent
        if os.access(bin_dir / "initdb", os.X_OK):
            return bin_dir
    return None


def _is_root() -> bool:
    return os.geteuid() == 0


def _postgres_user() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _clean_env() -> dict[str, str]:
    """The environment for the server tools, without libpq/PG* settings that could interfere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    return env


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:]) or "(server log is empty)"


class TempPostgres:
    """A PostgreSQL server in a temporary directory; see the module docstring."""

    def __init__(self) -> None:
        self.bin_dir: Path | None = None
        self.base_dir: Path | None = None  # temp dir: holds data/, the socket and server.log
        self.data_dir: Path | None = None
        self.port: int | None = None
        self.host = "127.0.0.1"
        self.user = "postgres"
        self._running = False

    # -- discovery ---------------------------------------------------------

    @classmethod
    def available(cls) -> bool:
        """Whether a server can be started here: binaries exist (and, as root, a postgres user)."""
        if _find_bin_dir() is None:
            return False
        if _is_root():
            return _postgres_user() is not None and shutil.which("runuser") is not None
        return True

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> "TempPostgres":
        if self._running:
            return self
        bin_dir = _find_bin_dir()
        if bin_dir is None:
            raise RuntimeError(
                "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin, "
                "no pg_ctl on PATH); run scripts/bootstrap.sh --test"
            )
        if _is_root() and (_postgres_user() is None or shutil.which("runuser") is None):
            raise RuntimeError("running as root needs a 'postgres' user and runuser to start PostgreSQL")
        self.bin_dir = bin_dir

        base = Path(tempfile.mkdtemp(prefix="orderdesk-pg-"))
        # Unix socket paths are limited to ~107 bytes; fall back to /tmp for a long TMPDIR.
        if len(str(base)) > 80:
            shutil.rmtree(base, ignore_errors=True)
            base = Path(tempfile.mkdtemp(prefix="orderdesk-pg-", dir="/tmp"))
        self.base_dir = base
        self.data_dir = base / "data"
        atexit.register(self._atexit_stop)
        try:
            if _is_root():
                user = _postgres_user()
                assert user is not None
                os.chown(base, user.pw_uid, user.pw_gid)
            base.chmod(0o700)
            self._initdb()
            self._start_server()
        except BaseException:
            self._cleanup_files()
            raise
        self._running = True
        return self

    def stop(self) -> None:
        """Stop the server at once (no checkpoint) and remove its files."""
        if self.base_dir is None:
            return
        try:
            if self._running and self.data_dir is not None and self.data_dir.exists():
                self._run(
                    [self._tool("pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"],
                    check=False,
                )
        finally:
            self._running = False
            self._cleanup_files()

    def __enter__(self) -> "TempPostgres":
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- databases ---------------------------------------------------------

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL (psycopg 3 driver) for a database of this server."""
        self._require_running()
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres", **kwargs):
        """A psycopg connection to a database of this server (autocommit unless told otherwise)."""
        import psycopg

        self._require_running()
        kwargs.setdefault("autocommit", True)
        return psycopg.connect(host=self.host, port=self.port, user=self.user, dbname=dbname, **kwargs)

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create a database (optionally a copy of ``template``, which must have no open
        connections); return its SQLAlchemy URL."""
        from psycopg import sql

        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            query = sql.SQL("{} TEMPLATE {}").format(query, sql.Identifier(template))
        with self.connect() as conn:
            conn.execute(query)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database if it exists, closing any connections still open to it."""
        from psycopg import sql

        with self.connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    # -- internals ---------------------------------------------------------

    @property
    def log_path(self) -> Path:
        assert self.base_dir is not None
        return self.base_dir / "server.log"

    def _tool(self, name: str) -> str:
        assert self.bin_dir is not None
        return str(self.bin_dir / name)

    def _run(self, argv: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        if _is_root():
            argv = ["runuser", "-u", "postgres", "--", *argv]
        proc = subprocess.run(
            argv,
            cwd=self.base_dir,  # the cwd must be readable by the postgres user
            env=_clean_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=_TIMEOUT_S,
        )
        if check and proc.returncode != 0:
            raise subprocess.CalledProcessError(proc.returncode, argv, proc.stdout)
        return proc

    def _initdb(self) -> None:
        argv = [
            self._tool("initdb"), "-D", str(self.data_dir), "-U", self.user,
            "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        ]  # fmt: skip
        try:
            proc = self._run(argv, check=False)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"initdb timed out after {_TIMEOUT_S} s") from exc
        if proc.returncode != 0:
            raise RuntimeError(f"initdb failed (exit {proc.returncode}):\n{proc.stdout.strip()}")

    def _start_server(self) -> None:
        assert self.base_dir is not None and self.data_dir is not None
        last_error = ""
        for _attempt in range(_START_ATTEMPTS):
            port = _free_port()
            self.log_path.unlink(missing_ok=True)  # keep only this attempt's messages
            options = " ".join(
                [
                    f"-p {port}",
                    f"-k {shlex.quote(str(self.base_dir))}",
                    "-c listen_addresses=127.0.0.1",
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                ]
            )
            argv = [
                self._tool("pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_path),
                "-w", "-t", str(_TIMEOUT_S), "-o", options, "start",
            ]  # fmt: skip
            try:
                proc = self._run(argv, check=False)
                output, code = proc.stdout.strip(), proc.returncode
            except subprocess.TimeoutExpired:
                output, code = f"pg_ctl start timed out after {_TIMEOUT_S} s", -1
            if code == 0:
                self.port = port
                return
            log = _tail(self.log_path)
            last_error = (
                f"pg_ctl start failed (exit {code}) on port {port}:\n{output}\n"
                f"--- tail of {self.log_path} ---\n{log}"
            )
            # Make sure nothing half-started is left behind before a retry or giving up.
            self._run([self._tool("pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop"], check=False)
            if "already in use" not in log and "could not bind" not in log:
                break  # not a port race: retrying will not help
        raise RuntimeError(f"could not start a temporary PostgreSQL server\n{last_error}")

    def _require_running(self) -> None:
        if not self._running:
            raise RuntimeError("TempPostgres is not running; call start() or use it as a context manager")

    def _cleanup_files(self) -> None:
        # data_dir is kept as an attribute so callers can check that it is gone.
        if self.base_dir is not None:
            shutil.rmtree(self.base_dir, ignore_errors=True)
            self.base_dir = None
        atexit.unregister(self._atexit_stop)

    def _atexit_stop(self) -> None:
        try:
            self.stop()
        except Exception:  # noqa: BLE001 - best effort at interpreter exit
            pass
