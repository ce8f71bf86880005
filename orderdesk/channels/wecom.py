"""WeCom (企业微信) group robot: post a text message to a robot's webhook URL.

The robot answers `{"errcode": 0, "errmsg": "ok"}`; any other errcode, an HTTP error or a timeout
is a failure the caller may retry.
"""

from __future__ import annotations

import httpx


class NoticeFailed(Exception):
    """The robot did not take the message; `str()` says why (kept as the outbox row's last error)."""


def send_text(url: str, text: str, timeout: float = 5.0, client: httpx.Client | None = None) -> None:
    """POST `{"msgtype": "text", "text": {"content": text}}`; NoticeFailed unless the robot says ok."""
    body = {"msgtype": "text", "text": {"content": text}}
    try:
        if client is not None:
            r = client.post(url, json=body, timeout=timeout)
        else:
            with httpx.Client(timeout=timeout) as c:
                r = c.post(url, json=body)
    except httpx.HTTPError as exc:
        raise NoticeFailed(f"{type(exc).__name__}: {exc}"[:300]) from None
    if r.status_code != 200:
        raise NoticeFailed(f"HTTP {r.status_code}")
    try:
        answer = r.json()
    except ValueError:
        raise NoticeFailed("not JSON") from None
    if not isinstance(answer, dict) or answer.get("errcode") != 0:
        raise NoticeFailed(f"errcode {answer.get('errcode') if isinstance(answer, dict) else '?'}: "
                           f"{str(answer.get('errmsg', '') if isinstance(answer, dict) else '')[:200]}")  # fmt: skip
