"""Small read use cases for pick lists in the UI."""

from __future__ import annotations

from ..domain.access import Permission
from .actors import require_actor
from .unit_of_work import UowFactory


def warehouse_choices(make_uow: UowFactory, actor: str) -> list[tuple[str, str]]:
    """(code, name) of every warehouse, for filters and settings."""
    with make_uow() as uow:
        require_actor(uow, actor, Permission.VIEW_ORDERS)
        return uow.directory.warehouse_codes()
