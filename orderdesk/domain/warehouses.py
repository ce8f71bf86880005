"""Which warehouse a person means: people write a warehouse's name (深圳仓), tools its code (SZ-SHENZHEN)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import DomainError


@dataclass(frozen=True)
class WarehouseRef:
    code: str
    name: str
    active: bool = True

    def shown(self, lang: str = "zh") -> str:
        if lang.startswith("en"):
            return f"{self.name} ({self.code}{'' if self.active else ', inactive'})"
        return f"{self.name}（{self.code}{'' if self.active else '，已停用'}）"


class UnknownWarehouse(DomainError):
    """No warehouse, or more than one, answers to what was written; the message lists them all."""

    def __init__(self, text: str, warehouses: Sequence[WarehouseRef], ambiguous: bool = False) -> None:
        zh_list = "、".join(w.shown("zh") for w in warehouses) or "（还没有仓库）"
        en_list = ", ".join(w.shown("en") for w in warehouses) or "(there are none yet)"
        shown = text if len(text) <= 40 else text[:40] + "…"
        if ambiguous:
            super().__init__(f"有多个仓库名为「{shown}」，请用编码指定：{zh_list}",
                             f"More than one warehouse is called '{shown}'; give its code: {en_list}")  # fmt: skip
        else:
            super().__init__(f"没有名称或编码为「{shown}」的仓库。现有仓库：{zh_list}",
                             f"No warehouse has the name or code '{shown}'. Warehouses: {en_list}")  # fmt: skip
        self.text = text


def pick_warehouse(text: str, warehouses: Sequence[WarehouseRef]) -> WarehouseRef:
    """The warehouse `text` names: its code (any letter case) first, else its name, an active one
    before a retired one. Raises UnknownWarehouse listing every warehouse when none or several match."""
    wanted = text.strip()
    for match in ([w for w in warehouses if w.code == wanted],
                  [w for w in warehouses if w.code.casefold() == wanted.casefold()],
                  [w for w in warehouses if w.name == wanted and w.active],
                  [w for w in warehouses if w.name == wanted]):  # fmt: skip
        if len(match) == 1:
            return match[0]
        if len(match) > 1:
            raise UnknownWarehouse(wanted, match, ambiguous=True)
    raise UnknownWarehouse(wanted, warehouses)
