"""Channel connections: add a shop's API access (secrets to the secret store), list them, test them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..domain.access import Permission
from ..domain.errors import DomainError
from ..domain.model import Channel
from ..secrets import SecretStore, SecretVault, default_secret_store
from .actors import audit, now_utc, require_actor
from .unit_of_work import UowFactory

StoreFactory = Callable[[SecretVault], SecretStore]
DEFAULT_LOOK_BACK = timedelta(days=7)


@dataclass(frozen=True)
class ChannelAccess:
    """What an adapter needs, secrets included; built just before a call, never stored or logged."""

    name: str
    platform: Channel
    shop_code: str
    app_key: str
    app_secret: str
    session: str
    base_url: str
    sign_method: str

    def __repr__(self) -> str:
        return f"ChannelAccess({self.name!r}, {self.platform.value})"


def secret_ref(name: str, what: str) -> str:
    return f"channel:{name}:{what}"


def parse_platform(text: str) -> Channel:
    try:
        return Channel(text.strip().lower())
    except ValueError:
        names = ", ".join(c.value for c in Channel)
        raise DomainError(f"未知的平台 {text}，可选：{names}", f"Unknown platform {text}; one of {names}") from None


def add_channel(make_uow: UowFactory, actor: str, platform: str, name: str, app_key: str, app_secret: str,
                session: str = "", base_url: str = "", since: datetime | None = None, sign_method: str = "",
                store_for: StoreFactory = default_secret_store) -> int:  # fmt: skip
    """Create the connection and its shop; the secret and session go to the secret store, audited."""
    channel = parse_platform(platform)
    name = name.strip()
    if not name or not app_key.strip() or not app_secret:
        raise DomainError("渠道名称、App Key 和 App Secret 都不能为空", "Name, app key and app secret are all required")
    if base_url and not base_url.startswith(("http://", "https://")):
        raise DomainError(f"网关地址无效：{base_url}", f"Not a gateway address: {base_url}")
    now = now_utc()
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        if uow.channels.by_name(name) is not None:
            raise DomainError(f"渠道 {name} 已存在", f"A channel called {name} already exists")
        shop_id = uow.directory.shop_ids({(channel, name): name}, now)[(channel, name)]
        channel_id = uow.channels.add(name, channel.value, shop_id, app_key.strip(), base_url, sign_method,
                                      since or now - DEFAULT_LOOK_BACK, now)  # fmt: skip
        store = store_for(uow.vault)
        store.put(secret_ref(name, "app_secret"), app_secret)
        if session:
            store.put(secret_ref(name, "session"), session)
        audit(uow, who, "channel.add", "channel", name, platform=channel.value, app_key=app_key.strip(),
              base_url=base_url, secrets=store.describe())  # fmt: skip
        uow.commit()
        return channel_id


def list_channels(make_uow: UowFactory, actor: str) -> list:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.channels.all()


def channel_access(make_uow: UowFactory, name: str, store_for: StoreFactory = default_secret_store) -> ChannelAccess:
    """The connection with its secrets read back, for the adapter about to sign a call."""
    with make_uow() as uow:
        record = uow.channels.by_name(name)
        if record is None:
            raise DomainError(f"没有名为 {name} 的渠道", f"No channel called {name}")
        store = store_for(uow.vault)
        secret = store.get(secret_ref(name, "app_secret"))
        try:
            session = store.get(secret_ref(name, "session"))
        except DomainError:
            session = ""
    return ChannelAccess(record.name, Channel(record.platform), record.shop_code, record.app_key, secret, session,
                         record.base_url, record.sign_method)  # fmt: skip


def channel_problems(make_uow: UowFactory, actor: str, name: str) -> list:
    """The bad orders a channel delivered and that have not yet come good (newest first)."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        record = uow.channels.by_name(name)
        if record is None:
            raise DomainError(f"没有名为 {name} 的渠道", f"No channel called {name}")
        return uow.channels.problems(record.id)


def test_channel(make_uow: UowFactory, actor: str, name: str, adapter_for: Callable[[ChannelAccess], object],
                 store_for: StoreFactory = default_secret_store) -> None:  # fmt: skip
    """One signed call that proves the saved credentials; the outcome is audited either way."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.MANAGE_CHANNELS)
    access = channel_access(make_uow, name, store_for)
    failure: DomainError | None = None
    adapter = adapter_for(access)
    try:
        adapter.test_credentials()  # type: ignore[attr-defined]
    except DomainError as exc:
        failure = exc
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        audit(uow, who, "channel.test", "channel", name, ok=failure is None,
              error=failure.reason("en") if failure else "")  # fmt: skip
        uow.commit()
    if failure is not None:
        raise failure
