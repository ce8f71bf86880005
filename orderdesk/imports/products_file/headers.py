"""The header row of an import file: found near the top, mapped to fields by their Chinese or English name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .results import ImportFileError

_HEADER_SEARCH_ROWS = 10  # a title line or two above the header is tolerated


@dataclass(frozen=True)
class _Field:
    key: str
    slot: str  # two headers filling one slot (重量(g) and 重量(kg)) cannot both be present
    zh: str
    en: str
    aliases: tuple[str, ...]


FIELDS: tuple[_Field, ...] = (
    _Field("sku", "sku", "商家编码", "SKU", ("商家编码", "SKU", "sku编码", "商家SKU", "商品SKU")),
    _Field("name", "name", "商品名称", "name", ("名称", "商品名称", "品名", "name", "product name")),
    _Field("category", "category", "类目", "category", ("类目", "商品类目", "分类", "商品分类", "category")),
    _Field("price", "price", "单价(元)", "price", ("单价(元)", "单价", "价格", "价格(元)", "售价",
                                                   "售价(元)", "price", "price(元)", "price(yuan)",
                                                   "unit price", "unit price(yuan)")),
    _Field("weight_g", "weight", "重量(g)", "weight_g", ("重量(g)", "重量(克)", "weight_g", "weight(g)")),
    _Field("weight_kg", "weight", "重量(kg)", "weight_kg", ("重量(kg)", "重量(千克)", "重量(公斤)",
                                                           "weight_kg", "weight(kg)")),
    _Field("barcode", "barcode", "条码", "barcode", ("条码", "条形码", "商品条码", "barcode", "barcodes")),
    _Field("low_stock", "low_stock", "低库存阈值", "low_stock", ("低库存阈值", "预警数量", "库存预警",
                                                               "预警库存", "low_stock",
                                                               "low stock threshold")),
    _Field("warehouse", "warehouse", "仓库", "warehouse", ("仓库", "仓库名称", "仓库编码", "warehouse")),
    _Field("bin", "bin", "库位", "bin", ("库位", "货位", "库位号", "bin")),
    _Field("on_hand", "on_hand", "库存", "on_hand", ("库存", "在库数量", "库存数量", "on_hand", "stock")),
)  # fmt: skip
_FIELD = {f.key: f for f in FIELDS}


def _norm_header(text: str) -> str:
    """（元）→ (元), Ｗｅｉｇｈｔ → weight; spaces, *, _ and - are dropped: "* SKU 编码" → "sku编码"."""
    return re.sub(r"[\s*_\-]", "", unicodedata.normalize("NFKC", text)).lower()


_ALIASES: dict[str, str] = {_norm_header(a): f.key for f in FIELDS for a in f.aliases}


def _expected_headers(lang: str) -> str:
    if lang == "zh":
        return "、".join(f"{f.zh}（必填）" if f.key == "sku" else f.zh for f in FIELDS)
    return ", ".join(f"{f.en} (required)" if f.key == "sku" else f.en for f in FIELDS)


def _map_header(
    rows: Sequence[Sequence[str]], source: str
) -> tuple[int, dict[str, int], dict[str, str], list[str]]:
    """(index of the header row, field key → column index, field key → header text, ignored headers)."""
    name = source or "导入文件"
    name_en = source or "the import file"
    candidates = [i for i, row in enumerate(rows) if any(c.strip() for c in row)][:_HEADER_SEARCH_ROWS]
    if not candidates:
        raise ImportFileError(f"{name} 是空的，没有表头", f"{name_en} is empty: no header row", source or None)
    header_idx = next((i for i in candidates if any(_ALIASES.get(_norm_header(c)) == "sku" for c in rows[i])),
                      candidates[0])  # fmt: skip
    header = [c.strip() for c in rows[header_idx]]
    found = [h for h in header if h]
    by_key: dict[str, int] = {}
    by_slot: dict[str, str] = {}
    ignored: list[str] = []
    for col, text in enumerate(header):
        if not text:
            continue
        key = _ALIASES.get(_norm_header(text))
        if key is None:
            ignored.append(text)
            continue
        slot = _FIELD[key].slot
        if slot in by_slot:
            other = header[by_key[by_slot[slot]]]
            raise ImportFileError(
                f"{name} 的表头中「{other}」和「{text}」是同一列，请只保留一个",
                f"In {name_en} the headers '{other}' and '{text}' mean the same column; keep only one",
                source or None)  # fmt: skip
        by_slot[slot] = key
        by_key[key] = col
    missing: list[_Field] = []
    if "sku" not in by_key:
        missing.append(_FIELD["sku"])
    if "on_hand" in by_key and "warehouse" not in by_key:
        missing.append(_FIELD["warehouse"])
    if ("warehouse" in by_key or "bin" in by_key) and "on_hand" not in by_key:
        missing.append(_FIELD["on_hand"])
    if missing:
        raise ImportFileError(
            f"{name} 缺少必需的列：{'、'.join(f.zh for f in missing)}。"
            f"找到的列：{'、'.join(found) or '（无）'}。可用的列：{_expected_headers('zh')}",
            f"{name_en} lacks required column(s): {', '.join(f.en for f in missing)}. "
            f"Found: {', '.join(found) or '(none)'}. Expected: {_expected_headers('en')}",
            source or None)  # fmt: skip
    if len(by_key) == 1:
        raise ImportFileError(
            f"{name} 只有商家编码一列，没有可导入的内容。找到的列：{'、'.join(found)}。"
            f"可用的列：{_expected_headers('zh')}",
            f"{name_en} has only the SKU column, nothing to import. Found: {', '.join(found)}. "
            f"Expected: {_expected_headers('en')}", source or None)  # fmt: skip
    return header_idx, by_key, {k: header[c] for k, c in by_key.items()}, ignored
