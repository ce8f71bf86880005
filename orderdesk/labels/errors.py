"""Why a label could not be made, in words the packer and the lead can act on (zh + en)."""

from __future__ import annotations

from ..domain.errors import DomainError


class LabelError(DomainError):
    """A label, slip or pick list cannot be rendered as asked; nothing was produced."""

    def in_context(self, zh: str, en: str) -> LabelError:
        """The same error naming the record (e.g. "订单 TB123"), so one bad parcel in 1,000 is found."""
        err = type(self).__new__(type(self))  # subclasses' __init__ take other arguments
        err.__dict__.update(self.__dict__)
        err.zh, err.en = f"{zh}：{self.zh}", f"{en}: {self.en}"
        err.args = (err.en,)
        return err


class TextDoesNotFit(LabelError):
    """A field stays too long for its box even at the smallest readable size (never cut silently)."""

    def __init__(self, field_zh: str, field_en: str, text: str, min_size: float) -> None:
        short = text if len(text) <= 40 else text[:40] + "…"
        super().__init__(
            f"{field_zh}太长，缩小到 {min_size:g} 号字仍放不下，请缩短后再打印：{short}",
            f"The {field_en} is too long for the label even at {min_size:g} pt; shorten it: {short}",
        )
        self.text = text


class BarcodeValueInvalid(LabelError):
    """A value has characters a Code128 barcode cannot hold, or is empty."""

    def __init__(self, field_zh: str, field_en: str, value: str, bad: str | None, pos: int) -> None:
        if bad is None:
            zh, en = f"{field_zh}为空，无法生成条码", f"The {field_en} is empty; no barcode can be made"
        else:
            zh = (f"{field_zh}「{value}」第 {pos} 位的字符「{bad}」无法编入 Code128 条码"
                  f"（只能用 ASCII 字母、数字和符号）")  # fmt: skip
            en = (f"The {field_en} '{value}' has a character Code128 cannot hold at position {pos}: "
                  f"{bad!r} (only ASCII letters, digits and symbols)")  # fmt: skip
        super().__init__(zh, en)
        self.value = value


class BarcodeTooLong(LabelError):
    """The barcode would need bars thinner than a scanner reads at arm's length."""

    def __init__(self, field_zh: str, field_en: str, value: str, width_mm: float) -> None:
        super().__init__(
            f"{field_zh}「{value}」太长，条码在 {width_mm:.0f} mm 宽内无法保证扫描，请换更宽的面单",
            f"The {field_en} '{value}' is too long for a scannable barcode {width_mm:.0f} mm wide; "
            f"use a wider label",
        )


class LabelFontMissing(LabelError):
    """The bundled CJK font is gone (a broken install): Chinese would print as boxes."""

    def __init__(self, path: str, detail: str = "") -> None:
        extra = f"（{detail}）" if detail else ""
        super().__init__(
            f"找不到面单字体 {path}{extra}，中文无法打印；请重新安装 OrderDesk",
            f"Label font {path} is missing or unreadable{' (' + detail + ')' if detail else ''}; "
            f"Chinese cannot be printed. Reinstall OrderDesk",
        )


class InvalidDocumentData(LabelError):
    """The data handed to a renderer contradicts itself (e.g. zero quantity, one order in two slots)."""
