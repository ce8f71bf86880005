"""The allocation rule set: validate, save as a new version, roll back, import and export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.access import Permission
from ..domain.allocation import CompiledRule, RuleAction
from ..domain.errors import DomainError
from ..domain.rules.expression import RuleSyntaxError, compile_condition
from ..domain.rules.shape import RuleShapeError, check_rule_count
from ..domain.rules.shape import normalise_rule as _shape
from ..domain.warehouses import UnknownWarehouse, pick_warehouse
from .actors import audit, now_utc, require_actor
from .unit_of_work import UnitOfWork, UowFactory

ACTION_ZH = {RuleAction.ASSIGN_WAREHOUSE: "分配仓库", RuleAction.ADD_GIFT: "添加赠品", RuleAction.ADD_TAG: "打标签",
             RuleAction.HOLD: "挂起审核"}  # fmt: skip


class RuleSetError(DomainError):
    """A rule of a draft set is wrong; `index` (0-based) and `position` say where."""

    def __init__(self, index: int, name: str, zh: str, en: str, position: int | None = None,
                 length: int = 0) -> None:  # fmt: skip
        super().__init__(f"第 {index + 1} 条规则「{name}」：{zh}", f"Rule {index + 1} ({name}): {en}")
        self.index, self.position, self.length = index, position, length


@dataclass(frozen=True)
class RuleVersionInfo:
    version: int
    at: Any
    username: str
    note: str
    rule_count: int


def normalise_rule(raw: dict[str, Any], index: int = 0) -> dict[str, Any]:
    """A rule as stored: name, condition, action, params, enabled, keep_together (types and sizes checked)."""
    try:
        return _shape(raw, index)
    except RuleShapeError as exc:
        raise RuleSetError(index, exc.name or f"#{index + 1}", exc.zh, exc.en) from None


def compile_rule_set(uow: UnitOfWork, rules: Sequence[dict[str, Any]], only_enabled: bool = True) -> list[CompiledRule]:
    """Check every rule (syntax, fields, warehouses and gift SKUs that exist) and compile them in order.

    Raises RuleSetError for the first wrong rule, with the character position where there is one.
    """
    warehouses = {code for code, _ in uow.directory.warehouse_codes()}
    compiled = []
    for i, r in enumerate(with_warehouse_codes(uow, rules)):
        name = r["name"] or f"#{i + 1}"
        try:
            condition = compile_condition(r["condition"])
        except RuleSyntaxError as exc:
            raise RuleSetError(i, name, exc.zh, exc.en, exc.position, getattr(exc, "length", 0)) from exc
        try:
            action = RuleAction(r["action"])
        except ValueError:
            raise RuleSetError(i, name, f"未知的动作 {r['action']!r}", f"unknown action {r['action']!r}") from None
        p = r["params"]
        rule = CompiledRule(
            rule_id=int(p.get("id") or i + 1), name=name, condition=condition, action=action,
            warehouse=str(p.get("warehouse", "")), gift_sku=str(p.get("gift_sku", "")),
            gift_quantity=int(p.get("gift_quantity", 1) or 1), tag=str(p.get("tag", "")),
            reason=str(p.get("reason", "")), keep_together=r["keep_together"],
        )  # fmt: skip
        _check_params(uow, i, rule, warehouses)
        if r["enabled"] or not only_enabled:
            compiled.append(rule)
    return compiled


def with_warehouse_codes(uow: UnitOfWork, rules: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rules, normalised, with a warehouse named by its name (深圳仓) turned into its code, so a
    rule reads as people write it and is stored as the allocation needs it."""
    known = uow.directory.warehouses()
    out = []
    for i, raw in enumerate(rules):
        r = normalise_rule(raw, i)
        named = str(r["params"].get("warehouse") or "").strip()
        if r["action"] == RuleAction.ASSIGN_WAREHOUSE.value and named:
            try:
                r["params"]["warehouse"] = pick_warehouse(named, known).code
            except UnknownWarehouse as exc:
                raise RuleSetError(i, r["name"] or f"#{i + 1}", exc.zh, exc.en) from None
        out.append(r)
    return out


def _check_params(uow: UnitOfWork, i: int, rule: CompiledRule, warehouses: set[str]) -> None:
    if rule.action is RuleAction.ASSIGN_WAREHOUSE and rule.warehouse not in warehouses:
        raise RuleSetError(i, rule.name, f"仓库 {rule.warehouse or '（未填）'} 不存在或已停用",
                           f"warehouse {rule.warehouse or '(none)'} does not exist or is inactive")  # fmt: skip
    if rule.action is RuleAction.ADD_GIFT:
        if not uow.stock.product_ids([rule.gift_sku]):
            raise RuleSetError(i, rule.name, f"赠品 SKU {rule.gift_sku or '（未填）'} 不存在",
                               f"gift SKU {rule.gift_sku or '(none)'} does not exist")  # fmt: skip
        if rule.gift_quantity < 1:
            raise RuleSetError(i, rule.name, "赠品数量必须大于 0", "gift quantity must be at least 1")
    if rule.action is RuleAction.ADD_TAG and not rule.tag:
        raise RuleSetError(i, rule.name, "标签不能为空", "the tag is empty")


def current_rules(make_uow: UowFactory, actor: str) -> list[dict[str, Any]]:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return [r.to_json() | {"params": r.params} for r in uow.rules.current()]


def save_rule_set(make_uow: UowFactory, actor: str, rules: Sequence[dict[str, Any]], note: str = "",
                  permission: Permission = Permission.EDIT_RULES) -> int:  # fmt: skip
    """Validate the whole draft, then make it the rule set in force as a new version (all or nothing)."""
    check_rule_count(len(rules))
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, permission)
        drafts = with_warehouse_codes(uow, rules)
        compile_rule_set(uow, drafts, only_enabled=False)
        version = uow.rules.replace(_with_ids(drafts), who.id, note, now_utc())
        audit(uow, who, "rules.save", "rule_set", str(version), rules=len(drafts), note=note)
        uow.commit()
        return version


def add_rule(make_uow: UowFactory, actor: str, rule: dict[str, Any], position: int | None = None) -> int:
    with make_uow() as uow:
        existing = [r.to_json() | {"params": r.params} for r in uow.rules.current()]
    if position is not None and not 1 <= position <= len(existing) + 1:
        raise DomainError(f"位置 {position} 无效：应为 1–{len(existing) + 1}",
                          f"Position {position} is out of range: 1 to {len(existing) + 1}")  # fmt: skip
    at = len(existing) if position is None else position - 1
    existing.insert(at, normalise_rule(rule, at))
    return save_rule_set(make_uow, actor, existing, note=f"add rule {rule.get('name', '')}")


def rule_versions(make_uow: UowFactory, actor: str) -> list[RuleVersionInfo]:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return [RuleVersionInfo(v.version, v.at, v.username, v.note, len(v.rules)) for v in uow.rules.versions()]


def roll_back(make_uow: UowFactory, actor: str, version: int) -> int:
    """Bring back an earlier version's rules, saved as a new version (history is never rewritten)."""
    with make_uow() as uow:
        old = uow.rules.version(version)
    if old is None:
        raise DomainError(f"没有第 {version} 版规则", f"There is no rule set version {version}")
    return save_rule_set(make_uow, actor, old.rules, note=f"roll back to version {version}")


def _with_ids(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every rule gets a stable id in its params, so a gift it added is recognised after edits."""
    used = {int(r["params"]["id"]) for r in rules if str(r["params"].get("id", "")).isdigit()}
    next_id = max(used, default=0) + 1
    for r in rules:
        if not str(r["params"].get("id", "")).isdigit():
            r["params"]["id"] = next_id
            next_id += 1
    return rules
