"""Customer profiles and tags: one customer across channels, merged and split by hand (audited);
built-in tags with editable thresholds and business tags written in the rule condition language."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..domain.access import Permission, allows
from ..domain.customers import (BUILTIN_NAMES, CustomerFacts, TagThresholds, builtin_tags, check_tag_code)  # fmt: skip
from ..domain.errors import DomainError
from ..domain.model import mask_phone
from ..domain.rules import compile_condition
from ..exports.workbook import MONEY, TIME, Sheet, write_workbook
from .actors import audit, now_utc, require_actor
from .unit_of_work import UnitOfWork, UowFactory

THRESHOLDS = "builtin"  # the tag-definition row that holds the built-in thresholds
PREVIEW_SAMPLE = 20


@dataclass(frozen=True)
class CustomerProfile:
    id: int
    name: str
    phone: str  # masked unless revealed
    identities: list[dict[str, Any]]
    facts: CustomerFacts
    tags: list[str] = field(default_factory=list)
    tag_names: list[str] = field(default_factory=list)  # in Chinese, as the business named them

    def to_json(self) -> dict[str, Any]:
        f = self.facts
        return {
            "id": self.id, "name": self.name, "phone": self.phone, "orders": f.orders,
            "spend": f"{f.spend_fen / 100:.2f}", "recent_spend": f"{f.recent_spend_fen / 100:.2f}",
            "refunds": f.refunds, "channels": list(f.channels),
            "first_order_at": f.first_at.isoformat() if f.first_at else None,
            "last_order_at": f.last_at.isoformat() if f.last_at else None, "tags": self.tags, "tag_names": self.tag_names,
            "identities": self.identities,
        }  # fmt: skip


class UnknownCustomer(DomainError):
    def __init__(self, key: str) -> None:
        super().__init__(f"找不到客户：{key}（请输入完整手机号或客户编号）",
                         f"No customer {key} (give a full phone or a customer id)")  # fmt: skip


# -- profiles ------------------------------------------------------------------------------------------


def customer_profile(make_uow: UowFactory, actor: str, key: str, *, now: datetime | None = None,
                     reveal: bool = False) -> CustomerProfile:  # fmt: skip
    """A profile by a full phone (the customer keyed by it) or by its id."""
    with make_uow() as uow:
        who = require_actor(uow, actor, Permission.VIEW_ORDERS)
        head = _resolve(uow, key)
        profiles = _profiles(uow, [head], now or now_utc())
    reveal = reveal and allows(who.role, Permission.VIEW_PII)
    if reveal:
        with make_uow(write=True) as uow:
            audit(uow, who, "pii.revealed", "customer", str(head))
            uow.commit()
    return profiles[0] if reveal else _masked(profiles[0])


def list_customers(make_uow: UowFactory, actor: str, tag: str, *, limit: int = 200,
                   now: datetime | None = None) -> list[CustomerProfile]:  # fmt: skip
    """The profiles carrying `tag` (as of the last recompute), phones masked."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        _require_tag(uow, tag)
        heads = uow.customers.tagged(tag, limit)
        return [_masked(p) for p in _profiles(uow, heads, now or now_utc())] if heads else []


def merge_profiles(make_uow: UowFactory, actor: str, into: str, other: str, reason: str) -> CustomerProfile:
    """Join `other`'s identities to `into`'s profile (one customer across channels), audited."""
    _need_reason(reason)
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CUSTOMERS)
        a, b = _resolve(uow, into), _resolve(uow, other)
        if a == b:
            raise DomainError(f"已是同一个客户档案（{a}）", f"Already one profile ({a})")
        moved = uow.customers.merge(a, b)
        _refresh_stats(uow, [a])
        audit(uow, who, "customer.merged", "customer", str(a), merged=b, identities=moved, reason=reason.strip())
        uow.commit()
    return customer_profile(make_uow, actor, str(a))


def split_identity(make_uow: UowFactory, actor: str, customer_id: int, reason: str) -> int:
    """Take one buyer identity out of its profile again (it becomes its own); audited. Its head id."""
    _need_reason(reason)
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CUSTOMERS)
        head = uow.customers.head_of(customer_id)
        if head is None:
            raise UnknownCustomer(str(customer_id))
        if len(uow.customers.identities(head)) < 2:
            raise DomainError(f"客户 {customer_id} 的档案只有它自己，无需拆分",
                              f"Customer {customer_id} is alone in its profile; nothing to split")  # fmt: skip
        _refresh_stats(uow, uow.customers.split(customer_id, head))
        audit(uow, who, "customer.split", "customer", str(head), identity=customer_id, reason=reason.strip())
        uow.commit()
    return customer_id


def profile_of(uow: UnitOfWork, head: int, now: datetime) -> CustomerProfile:
    """Inside a caller's unit of work: one profile, phones masked (the desk's customer line)."""
    return _masked(_profiles(uow, [head], now)[0])


# -- tags ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TagDef:
    code: str
    name: str
    kind: str  # builtin, rule
    condition: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "kind": self.kind, "condition": self.condition}


def thresholds(make_uow: UowFactory, actor: str) -> TagThresholds:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return _thresholds(uow)


def set_threshold(make_uow: UowFactory, actor: str, name: str, value: str) -> TagThresholds:
    """Edit one built-in threshold (audited); tags change at the next recompute."""
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CUSTOMERS)
        before = _thresholds(uow)
        after = before.with_value(name.strip(), value.strip())
        uow.customers.save_tag_def(THRESHOLDS, "内置标签阈值", "settings", "", after.to_json(), who.id, now_utc())
        audit(uow, who, "customer_tags.threshold", "tag", name, before=getattr(before, name), after=getattr(after, name))
        uow.commit()
    return after


def tag_defs(make_uow: UowFactory, actor: str, lang: str = "zh") -> list[TagDef]:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        rows = uow.customers.tag_defs()
    builtin = [TagDef(c, n[1] if lang.startswith("en") else n[0], "builtin") for c, n in BUILTIN_NAMES.items()]
    return builtin + [TagDef(r["code"], r["name"], "rule", r["condition"]) for r in rows if r["kind"] == "rule"]


def add_tag(make_uow: UowFactory, actor: str, code: str, name: str, condition: str) -> TagDef:
    """A business tag in the condition language (累计消费 >= 500 且 订单数 >= 3); an error is raised
    with its position (RuleSyntaxError) for the editor to show inline. Audited."""
    code = check_tag_code(code)
    compile_condition(condition, scope="customer")
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CUSTOMERS)
        uow.customers.save_tag_def(code, name.strip() or code, "rule", condition.strip(), {}, who.id, now_utc())
        audit(uow, who, "customer_tags.defined", "tag", code, name=name.strip(), condition=condition.strip())
        uow.commit()
    return TagDef(code, name.strip() or code, "rule", condition.strip())


@dataclass(frozen=True)
class TagPreview:
    count: int
    total: int
    sample: list[CustomerProfile]
    as_of: datetime | None = None  # the figures' moment (the last recompute); None: counted from the orders now

    def to_json(self) -> dict[str, Any]:
        return {"count": self.count, "customers": self.total, "sample": [p.to_json() for p in self.sample]}


def preview_tag(make_uow: UowFactory, actor: str, condition: str, *, now: datetime | None = None) -> TagPreview:
    """Who would get a business tag with `condition`, over every customer, before saving it. The
    figures are those of the last recompute (customer_stats; days since the last order count to
    `now`); before any recompute they are added up from the orders."""
    cond = compile_condition(condition, scope="customer")
    now = now or now_utc()
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        as_of = uow.customers.stats_as_of()
        since = now - timedelta(days=_thresholds(uow).high_value_days)
        facts = uow.customers.stats() if as_of else uow.customers.facts(since)
        hits = [f.profile_id for f in facts if cond.evaluate(f.as_context(now))]
        sample = _profiles(uow, hits[:PREVIEW_SAMPLE], now) if hits else []
    return TagPreview(len(hits), len(facts), [_masked(p) for p in sample], as_of)


def recompute_tags(make_uow: UowFactory, actor: str, *, now: datetime | None = None) -> dict[str, int]:
    """Every profile's figures (customer_stats, one grouped INSERT … SELECT over the orders) and
    tags, built-in and business, as of `now`. Per-tag counts."""
    now = now or now_utc()
    with make_uow(write=True) as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        t = _thresholds(uow)
        rules = [(r["code"], compile_condition(r["condition"], scope="customer"))
                 for r in uow.customers.tag_defs() if r["kind"] == "rule"]  # fmt: skip
        uow.customers.refresh_stats(now - timedelta(days=t.high_value_days), now)
        facts = uow.customers.stats()
        tagged: list[tuple[int, str]] = []
        for f in facts:
            tagged += [(f.profile_id, code) for code in builtin_tags(f, t, now)]
            if rules:
                ctx = f.as_context(now)
                tagged += [(f.profile_id, code) for code, cond in rules if cond.evaluate(ctx)]
        codes = [*BUILTIN_NAMES, *(c for c, _ in rules)]
        uow.customers.replace_tags(codes, tagged, now)
        uow.commit()
    counts = dict.fromkeys(codes, 0)
    for _h, code in tagged:
        counts[code] += 1
    return counts


def export_segment(make_uow: UowFactory, actor: str, tag: str, path: Path, *, limit: int = 1_000_000) -> int:
    """The customers carrying `tag` to an .xlsx file (formula-safe cells); phones in full only for roles
    that may see them (the export is audited). How many rows."""
    with make_uow() as uow:
        who = require_actor(uow, actor, Permission.VIEW_ORDERS)
        _require_tag(uow, tag)
        profiles = _profiles(uow, uow.customers.tagged(tag, limit), now_utc())
    full = allows(who.role, Permission.VIEW_PII)
    rows = [[p.id, p.name, p.phone if full else mask_phone(p.phone), p.facts.orders, p.facts.spend_fen / 100,
             p.facts.recent_spend_fen / 100, p.facts.refunds, ", ".join(p.facts.channels),
             _naive(p.facts.first_at), _naive(p.facts.last_at), ", ".join(p.tags)] for p in profiles]  # fmt: skip
    headers = ["客户编号", "姓名", "手机", "订单数", "累计消费（元）", "近期消费（元）", "退款单数", "渠道", "首单时间",
               "最近下单", "标签"]  # fmt: skip
    write_workbook(path, [Sheet(tag, headers, rows, formats={4: MONEY, 5: MONEY, 8: TIME, 9: TIME})])
    with make_uow(write=True) as uow:
        audit(uow, who, "customers.exported", "tag", tag, rows=len(rows), full_phones=full, file=path.name)
        uow.commit()
    return len(rows)


# -- helpers -------------------------------------------------------------------------------------------


def _resolve(uow: UnitOfWork, key: str) -> int:
    k = key.strip().removeprefix("C").removeprefix("c")
    heads = uow.customers.heads_by_phone(key.strip())
    if heads:
        if len(heads) > 1:
            raise DomainError(f"手机号 {mask_phone(key)} 属于多个客户档案：{heads}，请用客户编号",
                              f"Phone {mask_phone(key)} belongs to several profiles {heads}; use a customer id")  # fmt: skip
        return heads[0]
    if k.isdigit() and len(k) < 11:
        head = uow.customers.head_of(int(k))
        if head is not None:
            return head
    raise UnknownCustomer(key.strip())


def _profiles(uow: UnitOfWork, heads: list[int], now: datetime) -> list[CustomerProfile]:
    t = _thresholds(uow)
    facts = {f.profile_id: f for f in uow.customers.facts(now - timedelta(days=t.high_value_days), heads)}
    channels = uow.customers.channels_of(heads)
    names = uow.customers.names(heads)
    labels = {c: n[0] for c, n in BUILTIN_NAMES.items()} | {r["code"]: r["name"] for r in uow.customers.tag_defs()}
    out = []
    for h in heads:
        f = facts.get(h) or CustomerFacts(h, 0, 0, 0, 0, None, None)
        name, phone = names.get(h, ("", ""))
        ids = uow.customers.identities(h)
        phone = phone or next((i["phone"] for i in ids if i["phone"]), "")
        tags = uow.customers.tags_of(h)
        out.append(CustomerProfile(h, name, phone, ids, replace(f, channels=channels.get(h, ())), tags,
                                   [labels.get(t, t) for t in tags]))  # fmt: skip
    return out


def _refresh_stats(uow: UnitOfWork, heads: list[int]) -> None:
    """A merged or split profile's figures counted again at once (only once a recompute has made them)."""
    if uow.customers.stats_as_of() is not None:
        now = now_utc()
        uow.customers.refresh_stats(now - timedelta(days=_thresholds(uow).high_value_days), now, heads)


def _masked(p: CustomerProfile) -> CustomerProfile:
    ids = [i | {"phone": mask_phone(i["phone"]), "key": i["key"].split(":")[0]} for i in p.identities]
    return replace(p, phone=mask_phone(p.phone), identities=ids)


def _thresholds(uow: UnitOfWork) -> TagThresholds:
    row = uow.customers.tag_def(THRESHOLDS)
    return TagThresholds.from_json(row["params"]) if row else TagThresholds()


def _require_tag(uow: UnitOfWork, tag: str) -> None:
    if tag in BUILTIN_NAMES:
        return
    row = uow.customers.tag_def(tag)
    if row is None or row["kind"] != "rule":
        known = ", ".join([*BUILTIN_NAMES, *(r["code"] for r in uow.customers.tag_defs() if r["kind"] == "rule")])
        raise DomainError(f"未知的标签 {tag}，可选：{known}", f"Unknown tag {tag}; one of {known}")


def _need_reason(reason: str) -> None:
    if not reason.strip():
        raise DomainError("请填写原因（写入审计日志）", "Give a reason (it goes to the audit log)")


def _naive(moment: datetime | None) -> datetime | None:
    return moment.astimezone().replace(tzinfo=None) if moment else None
