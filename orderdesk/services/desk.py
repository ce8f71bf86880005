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
    data = uow.desk.story_data(order_no)
    if data is None:
        raise OrderNotFound(order_no)
    head, events, parcels, scans = data
    by_shipment: dict[int, list[StoryScan]] = {}
    for sc in scans:
        by_shipment.setdefault(sc.shipment_id, []).append(StoryScan(sc.at, sc.station, sc.state or ""))
    story_parcels = tuple(
        StoryParcel(p.seq, p.warehouse_name or p.warehouse_code, p.courier_code or "", p.waybill_no or "", p.status,
                    p.tracking or "", tuple(by_shipment.get(p.id, ())))
        for p in parcels
    )  # fmt: skip
    story_events = tuple(StoryEvent(e.at, e.username, e.kind, e.from_status, e.to_status, e.reason,
                                    dict(e.details or {})) for e in events)  # fmt: skip
    story = tell(StoryInput(head.order_no, head.status, head.paid_at, head.warehouse_code or "", head.hold_reason,
                            story_events, story_parcels), now, lang)  # fmt: skip
    parcel_json = [{"parcel": p.seq, "warehouse": p.warehouse_code, "courier": p.courier_code or None,
                    "waybill": p.waybill_no or None, "status": p.status, "tracking": p.tracking} for p in parcels]  # fmt: skip
    return OrderStory(head.order_no, head.status, head.channel, head.shop_name, story, parcel_json)


def _masked(h: DeskHit, typed_phone: str) -> DeskHit:
    """Phones are masked on the desk (reveal is its own audited action); a phone typed stays as typed."""
    return h if typed_phone and h.receiver_phone == typed_phone else replace(h, receiver_phone=mask_phone(h.receiver_phone))
