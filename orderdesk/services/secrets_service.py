"""Saving and reading channel and courier secrets: never in clear in the database, always audited."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.access import Permission
from ..secrets import SecretStore, SecretVault, default_secret_store
from .actors import audit, require_actor
from .unit_of_work import UowFactory

StoreFactory = Callable[[SecretVault], SecretStore]


def save_secret(make_uow: UowFactory, actor: str, ref: str, value: str,
                store_for: StoreFactory = default_secret_store) -> str:  # fmt: skip
    """Store `value` under `ref` (keyring, or encrypted into the database) and audit the change.

    Returns the backend's description, for the confirmation the user sees.
    """
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_CHANNELS)
        store = store_for(uow.vault)
        store.put(ref, value)
        audit(uow, who, "secret.set", "secret", ref, backend=store.describe())
        uow.commit()
        return store.describe()


def read_secret(make_uow: UowFactory, ref: str, store_for: StoreFactory = default_secret_store) -> str:
    """The clear value, for an adapter about to sign a request; raises SecretUnavailable."""
    with make_uow() as uow:
        return store_for(uow.vault).get(ref)
