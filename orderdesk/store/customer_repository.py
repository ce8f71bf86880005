"""Customer profiles (buyer identities grouped by customers.profile_id), their order facts and tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from ..domain.customers import CustomerFacts
from .bulk import bulk_insert
from .models import Customer, Order
from .models_customers import CustomerStats, CustomerTag, CustomerTagDef

O, C, T, D = Order.__table__, Customer.__table__, CustomerTag.__table__, CustomerTagDef.__table__
S = CustomerStats.__table__
REFUND_STATUSES = ("INTERCEPTED", "REFUND_REQUESTED", "RETURNED")
HEAD = func.coalesce(C.c.profile_id, C.c.id)


class CustomerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def heads_by_phone(self, phone: str) -> list[int]:
        return sorted(set(self.session.scalars(select(HEAD).where(C.c.phone == phone))))

    def head_of(self, customer_id: int) -> int | None:
        return self.session.scalar(select(HEAD).where(C.c.id == customer_id))

    def identities(self, head: int) -> list[dict[str, Any]]:
        rows = self.session.execute(select(C.c.id, C.c.channel, C.c.buyer_ref, C.c.name, C.c.phone, C.c.key)
                                    .where(or_(C.c.id == head, C.c.profile_id == head)).order_by(C.c.id))  # fmt: skip
        return [dict(r._mapping) for r in rows]

    def facts(self, since: datetime, heads: Sequence[int] | None = None) -> list[CustomerFacts]:
        """Every profile's (or `heads`') order facts in one grouped pass over the orders."""
        live = O.c.status != "CANCELLED"
        refund = or_(O.c.status.in_(REFUND_STATUSES), O.c.refund_state != "NONE")
        head = HEAD.label("head")
        stmt = (
            select(head, func.count(), func.sum(case((live, O.c.total_fen), else_=0)),
                   func.sum(case(((live & (O.c.paid_at >= since)), O.c.total_fen), else_=0)),
                   func.sum(case((refund, 1), else_=0)), func.min(O.c.paid_at), func.max(O.c.paid_at),
                   func.count(O.c.channel.distinct()))
            .select_from(O.join(C, C.c.id == O.c.customer_id)).group_by(head)
        )  # fmt: skip
        if heads is not None:
            stmt = stmt.where(or_(C.c.id.in_(list(heads)), C.c.profile_id.in_(list(heads))))
        return [CustomerFacts(int(r[0]), int(r[1]), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0), r[5], r[6],
                              channel_count=int(r[7] or 0)) for r in self.session.execute(stmt)]  # fmt: skip

    # -- figures as of the last recompute ------------------------------------------------------------

    def refresh_stats(self, since: datetime, now: datetime, heads: Sequence[int] | None = None) -> int:
        """customer_stats rewritten (every profile's, or `heads'`) by one INSERT … SELECT: orders grouped
        by buyer identity and channel, then rolled up to the profile. How many profiles have figures."""
        live = O.c.status != "CANCELLED"
        refund = or_(O.c.status.in_(REFUND_STATUSES), O.c.refund_state != "NONE")
        per_id = (
            select(O.c.customer_id.label("cid"), O.c.channel.label("channel"), func.count().label("n"),
                   func.sum(case((live, O.c.total_fen), else_=0)).label("spend"),
                   func.sum(case(((live & (O.c.paid_at >= since)), O.c.total_fen), else_=0)).label("recent"),
                   func.sum(case((refund, 1), else_=0)).label("refunds"), func.min(O.c.paid_at).label("first"),
                   func.max(O.c.paid_at).label("last"))
            .group_by(O.c.customer_id, O.c.channel)
        )  # fmt: skip
        if heads is not None:
            members = select(C.c.id).where(or_(C.c.id.in_(list(heads)), C.c.profile_id.in_(list(heads))))
            per_id = per_id.where(O.c.customer_id.in_(members))
        g = per_id.subquery()
        head = HEAD.label("head")
        rollup = (
            select(head, func.sum(g.c.n), func.coalesce(func.sum(g.c.spend), 0), func.coalesce(func.sum(g.c.recent), 0),
                   func.coalesce(func.sum(g.c.refunds), 0), func.min(g.c.first), func.max(g.c.last),
                   func.count(g.c.channel.distinct()), literal(since, S.c.recent_since.type),
                   literal(now, S.c.computed_at.type))
            .select_from(g.join(C, C.c.id == g.c.cid)).group_by(head)
        )  # fmt: skip
        cols = ["profile_id", "orders", "spend_fen", "recent_spend_fen", "refunds", "first_at", "last_at",
                "channel_count", "recent_since", "computed_at"]  # fmt: skip
        self.session.execute(delete(S) if heads is None else delete(S).where(S.c.profile_id.in_(list(heads))))
        self.session.execute(insert(S).from_select(cols, rollup))
        return int(self.session.scalar(select(func.count()).select_from(S)) or 0) if heads is None else len(heads)

    def stats(self) -> list[CustomerFacts]:
        """Every profile's figures as of the last recompute (small rows, no order read)."""
        rows = self.session.execute(select(S.c.profile_id, S.c.orders, S.c.spend_fen, S.c.recent_spend_fen, S.c.refunds,
                                           S.c.first_at, S.c.last_at, S.c.channel_count))  # fmt: skip
        return [CustomerFacts(r[0], r[1], r[2], r[3], r[4], r[5], r[6], channel_count=r[7]) for r in rows]

    def stats_as_of(self) -> datetime | None:
        """When the figures were last recomputed (None: never)."""
        return self.session.scalar(select(func.max(S.c.computed_at)))

    def channels_of(self, heads: Sequence[int]) -> dict[int, tuple[str, ...]]:
        stmt = (select(HEAD.label("head"), O.c.channel).select_from(O.join(C, C.c.id == O.c.customer_id))
                .where(or_(C.c.id.in_(list(heads)), C.c.profile_id.in_(list(heads)))).distinct())  # fmt: skip
        out: dict[int, set[str]] = {}
        for h, ch in self.session.execute(stmt):
            out.setdefault(int(h), set()).add(ch)
        return {h: tuple(sorted(v)) for h, v in out.items()}

    def merge(self, into: int, other: int) -> int:
        """Every identity of profile `other` joins profile `into`; how many moved."""
        moved = self.session.execute(update(C).where(or_(C.c.id == other, C.c.profile_id == other))
                                     .values(profile_id=into)).rowcount  # fmt: skip
        self.session.execute(delete(T).where(T.c.profile_id == other))
        self.session.execute(delete(S).where(S.c.profile_id == other))
        return int(moved or 0)

    def split(self, customer_id: int, head: int) -> list[int]:
        """One identity leaves its profile; if it was the head, the next identity heads the others.
        The profiles (heads) it touched."""
        touched = [head, customer_id]
        if customer_id == head:
            rest = sorted(self.session.scalars(select(C.c.id).where(C.c.profile_id == head, C.c.id != head)))
            if rest:
                new_head = rest[0]
                touched.append(new_head)
                self.session.execute(update(C).where(C.c.id == new_head).values(profile_id=None))
                self.session.execute(update(C).where(C.c.profile_id == head, C.c.id != new_head)
                                     .values(profile_id=new_head))  # fmt: skip
        self.session.execute(update(C).where(C.c.id == customer_id).values(profile_id=None))
        return sorted(set(touched))

    # -- tags --------------------------------------------------------------------------------------

    def tag_defs(self) -> list[dict[str, Any]]:
        return [dict(r._mapping) for r in self.session.execute(select(D).order_by(D.c.kind, D.c.code))]

    def tag_def(self, code: str) -> dict[str, Any] | None:
        r = self.session.execute(select(D).where(D.c.code == code)).first()
        return dict(r._mapping) if r else None

    def save_tag_def(self, code: str, name: str, kind: str, condition: str, params: dict[str, Any], user_id: int,
                     now: datetime) -> None:  # fmt: skip
        values = {"name": name, "kind": kind, "condition": condition, "params": params, "updated_at": now,
                  "updated_by": user_id}  # fmt: skip
        if self.session.execute(update(D).where(D.c.code == code).values(**values)).rowcount == 0:
            self.session.execute(insert(D).values(code=code, **values))

    def replace_tags(self, codes: Iterable[str], tagged: Iterable[tuple[int, str]], now: datetime) -> int:
        """The tags `codes` as computed now: old assignments dropped, `tagged` (head, code) written."""
        self.session.execute(delete(T).where(T.c.code.in_(list(codes))))
        rows = [{"profile_id": h, "code": c, "computed_at": now} for h, c in tagged]
        bulk_insert(self.session, T, rows)
        return len(rows)

    def tags_of(self, head: int) -> list[str]:
        return sorted(self.session.scalars(select(T.c.code).where(T.c.profile_id == head)))

    def tagged(self, code: str, limit: int) -> list[int]:
        return list(self.session.scalars(select(T.c.profile_id).where(T.c.code == code)
                                         .order_by(T.c.profile_id).limit(limit)))  # fmt: skip

    def names(self, heads: Sequence[int]) -> dict[int, tuple[str, str]]:
        """Each head identity's (name, phone)."""
        rows = self.session.execute(select(C.c.id, C.c.name, C.c.phone).where(C.c.id.in_(list(heads))))
        return {int(r.id): (r.name, r.phone) for r in rows}
