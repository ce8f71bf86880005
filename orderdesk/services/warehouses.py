"""Naming a warehouse: by its name or its code, anywhere a person or a file names one."""

from __future__ import annotations

from ..domain.warehouses import pick_warehouse
from .actors import require_actor
from .unit_of_work import UnitOfWork, UowFactory


def warehouse_code(uow: UnitOfWork, text: str) -> str:
    """The code of the warehouse `text` names (name or code), inside a caller's transaction."""
    return pick_warehouse(text, uow.directory.warehouses()).code


def resolve_warehouse(make_uow: UowFactory, actor: str, text: str) -> str:
    """The code of the warehouse `text` names; UnknownWarehouse (listing them all) when none does."""
    with make_uow() as uow:
        require_actor(uow, actor)
        return warehouse_code(uow, text)
