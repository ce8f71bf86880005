"""The one rule for user names, applied once before anything is stored or audited.

A name is trimmed and NFC-normalised, 1-64 characters, without spaces, control characters or
undecodable bytes, and does not begin with = + - @: audit exports open in spreadsheets, where such a
cell would run as a formula, and a leading - reads as a command-line option.
"""

from __future__ import annotations

import unicodedata

from .errors import DomainError

MAX_USER_NAME = 64
MAX_DISPLAY_NAME = 100
FORMULA_START = "=+-@"


def canonical(text: str) -> str:
    """How a name is compared: trimmed and NFC, so a name typed on another keyboard still matches."""
    return unicodedata.normalize("NFC", text).strip()


def user_name(text: str) -> str:
    """The stored form of a new user's name, or a DomainError saying what is wrong with it."""
    name = canonical(text)
    if not name or len(name) > MAX_USER_NAME or any(c.isspace() for c in name):
        raise DomainError(f"用户名不能为空、不能含空格，最长 {MAX_USER_NAME} 个字符",
                          f"A user name is 1-{MAX_USER_NAME} characters without spaces")  # fmt: skip
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        raise DomainError("用户名含有控制字符或无效字符", "A user name cannot hold control or invalid characters")
    if name[0] in FORMULA_START:
        raise DomainError(f"用户名不能以 {' '.join(FORMULA_START)} 开头", f"A user name cannot begin with {' '.join(FORMULA_START)}")
    return name


def display_name(text: str) -> str:
    """A person's full name as shown: any characters but control ones, at most 100."""
    name = canonical(text)
    if len(name) > MAX_DISPLAY_NAME or any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        raise DomainError(f"姓名最长 {MAX_DISPLAY_NAME} 个字符，不能含控制字符或无效字符",
                          f"A display name is at most {MAX_DISPLAY_NAME} characters, without control or invalid ones")  # fmt: skip
    return name
