"""Reading and writing the files a command names, and argument types that refuse nonsense numbers:
every failure becomes one bilingual sentence instead of a traceback."""

from __future__ import annotations

import argparse
import errno
import math
from pathlib import Path

from ..domain.errors import DomainError

_WHY = {
    errno.ENOENT: ("不存在", "does not exist"),
    errno.EISDIR: ("是文件夹，不是文件", "is a folder, not a file"),
    errno.EACCES: ("没有访问权限", "is not accessible (permission denied)"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "has a part that is not a folder"),
    errno.ENOSPC: ("所在磁盘已满", "is on a full disk"),
    errno.EROFS: ("位于只读的磁盘上", "is on a read-only disk"),
    errno.ENAMETOOLONG: ("名称过长", "has too long a name"),
}


def file_error(path: Path, exc: OSError, writing: bool = False) -> DomainError:
    """An OSError on `path` as a bilingual DomainError."""
    zh, en = _WHY.get(exc.errno or 0, (exc.strerror or "无法访问", exc.strerror or "cannot be accessed"))
    if writing and exc.errno == errno.ENOENT:
        zh, en = "所在的文件夹不存在", "is in a folder that does not exist"
    verb_zh, verb_en = ("无法写入", "Cannot write") if writing else ("无法读取", "Cannot read")
    return DomainError(f"{verb_zh}文件 {path}：{zh}", f"{verb_en} {path}: it {en}")


def read_input(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a file given on the command line; a folder, a missing or over-large file is refused."""
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        if limit is not None and path.stat().st_size > limit:
            raise DomainError(f"文件 {path} 太大（超过 {limit // 1000} KB）", f"{path} is too large (over {limit // 1000} KB)")
        return path.read_bytes()
    except OSError as exc:
        raise file_error(path, exc) from None


def write_output(path: Path, data: bytes) -> None:
    """Write a file named on the command line; a missing folder or a folder in the way is refused."""
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory")
        path.write_bytes(data)
    except OSError as exc:
        raise file_error(path, exc, writing=True) from None


def int_range(low: int, high: int):  # noqa: ANN201 - an argparse type
    """An argparse type for a whole number from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) < 30 else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"应为 {low}–{high} 的整数 / must be a whole number from {low} to {high}: {text[:40]!r}")
        return value

    return parse


def seconds(low: float, high: float):  # noqa: ANN201 - an argparse type
    """An argparse type for a finite number of seconds from `low` to `high`."""

    def parse(text: str) -> float:
        try:
            value = float(text) if len(text) < 30 else math.nan
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"应为 {low}–{high} 秒 / must be {low} to {high} seconds: {text[:40]!r}")
        return value

    return parse


def minutes(low: float, high: float):  # noqa: ANN201 - an argparse type
    """An argparse type for a finite number of minutes from `low` to `high`."""

    def parse(text: str) -> float:
        try:
            value = float(text) if len(text) < 30 else math.nan
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"应为 {low}–{high} 分钟 / must be {low} to {high} minutes: {text[:40]!r}")
        return value

    return parse
