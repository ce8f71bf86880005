"""The app's log: a rotating file in the user data folder, and a filter that keeps secrets out of it.

Nothing that reaches a log file holds a password, a secret, a token or a full phone number: the
filter rewrites each record (message, arguments and traceback) before any handler writes it.
"""

from __future__ import annotations

import logging
import platform
import re
import traceback
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from . import __version__

LOG_NAME = "orderdesk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
MASK = "***"

_SECRET_WORDS = r"(?:password|passwd|pwd|secret|app_?secret|client_?secret|token|access_?token|refresh_?token|" \
                r"api_?key|app_?key|session_?key|sign|signature|authorization)"
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"), rf"\1 {MASK}"),  # before key=value: 'Authorization: Bearer x'
    # key=value, key: value, "key": "value" (JSON, query strings, form bodies, reprs)
    (re.compile(rf"""(?i)(["']?\b{_SECRET_WORDS}\b["']?\s*[=:]\s*["']?)([^"'\s&,;)}}]+)"""), rf"\1{MASK}"),
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^:/\s@]+:)([^@\s]+)(@)"), rf"\1{MASK}\3"),  # user:password@host
    (re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)"), r"\1****\3"),  # mainland mobile numbers
    (re.compile(r"(?<!\d)(\+?86[ -]?)(1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)"), r"\1\2****\3"),
]


def redact(text: str) -> str:
    """`text` with passwords, secrets, tokens and the middle of phone numbers masked."""
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record in place: its message with the arguments applied, and its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip())
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def setup_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Log to `folder`/orderdesk.log (1 MB, five old files kept), through the redacting filter. Idempotent."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    for h in root.handlers:
        if isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path.resolve():
            return path
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return path


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                 context: str = "") -> str:  # fmt: skip
    """What a user copies for support: when, which version, on what, and where it failed; redacted."""
    lines = [f"OrderDesk {__version__} crash report, {datetime.now():%Y-%m-%d %H:%M:%S}",
             f"{platform.system()} {platform.release()}, Python {platform.python_version()}"]  # fmt: skip
    if context:
        lines.append(context)
    lines.append("")
    lines.append("".join(traceback.format_exception(exc_type, exc, tb)).rstrip())
    return redact("\n".join(lines))
