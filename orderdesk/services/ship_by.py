"""Ship-by use cases: the alert count of orders near their deadline, and the channels' defaults."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..domain.access import Permission
from ..domain.model import Channel
from ..domain.ship_by import DUE_SOON_HOURS, ShipByDefaults, check_default_hours
from .actors import audit, now_utc, require_actor
from .read_models import ShipByAlert
from .unit_of_work import UowFactory


def ship_by_alert(make_uow: UowFactory, actor: str, within: timedelta = timedelta(hours=DUE_SOON_HOURS),
                  now: datetime | None = None) -> ShipByAlert:  # fmt: skip
    """Unconfirmed orders overdue or due within `within`: "N 单即将超时发货"."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.queries.ship_by_alert(now or now_utc(), within)


def ship_by_defaults(make_uow: UowFactory, actor: str) -> ShipByDefaults:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.ship_by.defaults()


def set_ship_by_default(make_uow: UowFactory, actor: str, channel: Channel, hours: int) -> None:
    """Hours after payment for the channel's orders that carry no deadline (the mini-program's
    always); applies to orders taken in from now on. Audited."""
    check_default_hours(hours)
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        before = uow.ship_by.defaults().for_channel(channel)
        uow.ship_by.set_default(channel, hours, now_utc())
        audit(uow, who, "ship_by.default_set", "channel", channel.value, hours=hours, before=before)
        uow.commit()
