"""Why a print did not happen, in words the packer can act on (zh + en). Raised before or instead
of marking anything printed: the caller records "printed" only after a PrintResult came back."""

from __future__ import annotations

from ..domain.errors import DomainError


class PrintError(DomainError):
    """Nothing was sent to the printer (or the print system refused it)."""


class NoPrinterInstalled(PrintError):
    def __init__(self) -> None:
        super().__init__("这台电脑没有安装任何打印机：请先在系统设置里添加面单打印机",
                         "No printer is installed on this computer; add the label printer in the system "
                         "settings")  # fmt: skip


class NoPrinterChosen(PrintError):
    def __init__(self) -> None:
        super().__init__("没有选择打印机，系统也没有默认打印机：请在设置里为本工位选一台默认打印机",
                         "No printer chosen and the system has no default; choose this station's printer "
                         "in settings")  # fmt: skip


class UnknownPrinter(PrintError):
    def __init__(self, name: str, known: list[str]) -> None:
        names = "、".join(known) or "（无）"
        super().__init__(f"找不到打印机「{name}」。本机已安装：{names}",
                         f"Printer '{name}' not found. Installed here: {', '.join(known) or '(none)'}")
        self.name = name


class PrinterUnavailable(PrintError):
    """Paused, disabled, offline or in an error state: a job would wait or be lost."""

    def __init__(self, name: str, reason: str = "") -> None:
        why_zh, why_en = (f"（{reason}）", f" ({reason})") if reason else ("", "")
        super().__init__(f"打印机「{name}」已停用、离线或出错{why_zh}：请检查打印机后重试，本次未打印",
                         f"Printer '{name}' is stopped, offline or in error{why_en}; check it and retry. "
                         f"Nothing was printed")  # fmt: skip
        self.name = name


class PrinterRejecting(PrintError):
    def __init__(self, name: str, reason: str = "") -> None:
        why_zh, why_en = (f"（{reason}）", f" ({reason})") if reason else ("", "")
        super().__init__(f"打印机「{name}」当前不接受打印任务{why_zh}，本次未打印",
                         f"Printer '{name}' is not accepting jobs{why_en}; nothing was printed")  # fmt: skip
        self.name = name


class PrintFailed(PrintError):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"发送到打印机「{name}」失败：{detail}。本次未打印",
                         f"Sending to printer '{name}' failed: {detail}. Nothing was printed")  # fmt: skip
        self.name = name


class PrintSystemMissing(PrintError):
    def __init__(self, what: str) -> None:
        super().__init__(f"本机没有 {what}，无法直接发送到打印机（原始打印需要 CUPS）",
                         f"{what} is not available here; raw printing needs CUPS")  # fmt: skip


class UnreadablePdf(PrintError):
    def __init__(self, detail: str) -> None:
        super().__init__(f"无法读取要打印的 PDF：{detail}", f"Cannot read the PDF to print: {detail}")
