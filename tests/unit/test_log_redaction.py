"""Logs and crash reports never hold a password, a secret, a token or a full phone number."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from orderdesk.logs import crash_report, redact, setup_logging

SECRETS = [
    ("connecting to postgresql+psycopg://clerk:Hunter2!@10.0.0.5/orders", "Hunter2!"),
    ("POST /router?app_key=12345678&sign=ABCDEF0123456789&session=x", "ABCDEF0123456789"),
    ('{"app_secret": "s3cr3t-v4lue", "shop": "A"}', "s3cr3t-v4lue"),
    ("refresh_token=rt-9f8e7d6c5b4a and more", "rt-9f8e7d6c5b4a"),
    ("headers={'Authorization': 'Bearer eyJhbGciOi.payload.sig'}", "eyJhbGciOi.payload.sig"),
    ("login failed password='letmein99' for packer1", "letmein99"),
    ("receiver 13812345678 in 苏州", "13812345678"),
    ("call +86 138-1234-5678 now", "1234-5678"),
]


@pytest.mark.parametrize(("text", "secret"), SECRETS)
def test_secrets_are_masked(text: str, secret: str) -> None:
    assert secret not in redact(text)


def test_what_support_needs_is_kept() -> None:
    out = redact("order TB800123 for 13812345678 packed at bench-2; postgresql://clerk:pw@db/orders")
    assert "TB800123" in out and "bench-2" in out and "138****5678" in out and "clerk:***@db/orders" in out


def test_the_log_file_is_redacted_including_tracebacks(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    log = logging.getLogger("orderdesk.test")
    log.warning("sync of shop %s with token=%s", "taobao-1", "tk-0123456789")
    try:
        raise RuntimeError("receiver phone 13987654321, password=opensesame")
    except RuntimeError:
        log.exception("intake failed")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "taobao-1" in text and "intake failed" in text and "RuntimeError" in text
    for secret in ("tk-0123456789", "13987654321", "opensesame"):
        assert secret not in text
    assert setup_logging(tmp_path / "logs") == path  # a second call adds no second handler
    _remove_handlers(path)


def test_a_crash_report_names_the_error_and_hides_secrets() -> None:
    try:
        raise ValueError("bad reply from https://user:topsecret@api.example.com, api_key=AK-77")
    except ValueError as exc:
        report = crash_report(type(exc), exc, exc.__traceback__, "Database: sqlite:///x.db")
    assert "ValueError" in report and "test_log_redaction.py" in report and "Database: sqlite:///x.db" in report
    assert "topsecret" not in report and "AK-77" not in report


def _remove_handlers(path: Path) -> None:
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "baseFilename", None) == str(path.resolve()):
            root.removeHandler(h)
            h.close()
