"""The customer service desk's use cases: one search over every channel, an order's whole story,
and the desk's own actions (a note on the timeline, another number an order is known by)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..domain.access import Permission, allows
from ..domain.desk import Lookup, ask_for_more, not_found_hint, parse_query
from ..domain.errors import DomainError, OrderNotFound
from ..domain.events import EventKind, OrderEventRecord
from ..domain.model import mask_phone
from ..domain.story import StoryEvent, StoryInput, StoryParcel, StoryScan, tell
from .actors import now_utc, require_actor
from .customers import profile_of
from .desk_models import DeskHit, DeskResult, OrderStory
from .read_models import OrderDetail
from .unit_of_work import UnitOfWork, UowFactory

RESULT_LIMIT = 100  # orders shown for one search
NOTE_MAX = 500


def search(make_uow: UowFactory, actor: str, text: str, *, now: datetime | None = None, lang: str = "zh",
           limit: int = RESULT_LIMIT, with_story: bool = True) -> DeskResult:  # fmt: skip
    """Every order of the customers `text` finds, newest first, and the newest one's story."""
    q = parse_query(text)
    if not q.searchable:
        return DeskResult(q.text, "too_short", ask_for_more(q.too_short or "short", lang))
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        direct = uow.desk.find(q, limit)
        certain = [oid for oid, how in direct.items() if how.certain]
        found = dict(direct)
        for oid in uow.desk.orders_of_same_customers(certain, limit + 1):
            found.setdefault(oid, Lookup.SAME_CUSTOMER)
        hits = uow.desk.hits(found)
        story = customer = None
        if hits and with_story:
            story = _story(uow, hits[0].order_no, now or now_utc(), lang)
            customer = profile_of(uow, hits[0].profile_id, now or now_utc())
    if not hits:
        return DeskResult(q.text, "not_found", not_found_hint(q, lang))
    shown = [_masked(h, q.phone) for h in hits[:limit]]
    return DeskResult(q.text, "found", "", shown, story, truncated=len(hits) > limit, customer=customer)


def order_story(make_uow: UowFactory, actor: str, order_no: str, *, now: datetime | None = None,
                lang: str = "zh") -> OrderStory:  # fmt: skip
    """One order's story: status in words, timeline, parcels, the buyer's message."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return _story(uow, order_no, now or now_utc(), lang)


def add_note(make_uow: UowFactory, actor: str, order_no: str, text: str) -> None:
    """A person's remark, on the order's timeline under their name."""
    note = " ".join(text.split())
    if not note:
        raise DomainError("备注不能为空", "A note cannot be empty")
    if len(note) > NOTE_MAX:
        raise DomainError(f"备注最多 {NOTE_MAX} 个字", f"A note has at most {NOTE_MAX} characters")
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.ADD_NOTES)
        order_id = uow.queries.find_id(order_no)
        if order_id is None:
            raise OrderNotFound(order_no)
        uow.orders.append_events([OrderEventRecord(order_id, now_utc(), who.id, EventKind.NOTE, reason=note)])
        uow.commit()


def hold_order(make_uow: UowFactory, actor: str, order_no: str, reason: str) -> None:
    """Put a paid order on hold with a reason (on its timeline); other statuses are refused."""
    from ..domain.lifecycle import OrderEvent, transition  # noqa: PLC0415
    from ..domain.status import OrderStatus  # noqa: PLC0415
    from .order_import_writes import hold_orders  # noqa: PLC0415

    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.ALLOCATE_ORDERS)
        stored = uow.orders.get_for_update(order_no)
        if stored is None:
            raise OrderNotFound(order_no)
        transition(stored.state.status, OrderEvent.HOLD)  # refuses, in words, what cannot be held
        if stored.state.status is OrderStatus.PAID:
            hold_orders(uow, who, {stored.order_no: reason.strip()}, now_utc())
        uow.commit()


def record_order_ref(uow: UnitOfWork, order_id: int, kind: str, ref: str) -> None:
    """Inside a caller's unit of work: another number the order is known by (a return's waybill),
    so the desk finds the order by it."""
    ref = ref.strip()
    if ref:
        uow.desk.add_ref(order_id, kind, ref, now_utc())


def desk_permissions(make_uow: UowFactory, actor: str) -> frozenset[Permission]:
    """What the desk offers this user (the GUI shows only those actions)."""
    with make_uow() as uow:
        role = require_actor(uow, actor).role
    return frozenset(p for p in Permission if allows(role, p))


def _story(uow: UnitOfWork, order_no: str, now: datetime, lang: str) -> OrderStory:
    detail = uow.queries.detail(order_no)
    if detail is None:
        raise OrderNotFound(order_no)
    scans = uow.desk.scans_of_order(detail.row.id)
    parcels = tuple(_parcel(p, scans.get(p.seq)) for p in detail.parcels)
    story = tell(_input(detail, parcels), now, lang)
    return OrderStory(detail.row.order_no, detail.row.status, detail.row.channel, detail.row.shop_name, story,
                      [p.to_json() | {"tracking": (scans.get(p.seq) or ("", "", []))[0] or None}
                       for p in detail.parcels])  # fmt: skip


def _input(d: OrderDetail, parcels: tuple[StoryParcel, ...]) -> StoryInput:
    events = tuple(StoryEvent(e.at, e.user, e.kind, e.from_status, e.to_status, e.reason, e.details) for e in d.events)
    return StoryInput(d.row.order_no, d.row.status, d.row.paid_at, d.row.warehouse_code or "", d.row.hold_reason,
                      events, parcels)  # fmt: skip


def _parcel(p, tracked) -> StoryParcel:  # noqa: ANN001 - a ParcelRow and (state, waybill, scans) or None
    state, _waybill, scans = tracked or ("", "", [])
    return StoryParcel(p.seq, p.warehouse_name or p.warehouse_code, p.courier_code, p.waybill_no, p.status, state,
                       tuple(StoryScan(s.at, s.station, s.state) for s in scans))  # fmt: skip


def _masked(h: DeskHit, typed_phone: str) -> DeskHit:
    """Phones are masked on the desk (reveal is its own audited action); a phone typed stays as typed."""
    return h if typed_phone and h.receiver_phone == typed_phone else replace(h, receiver_phone=mask_phone(h.receiver_phone))
