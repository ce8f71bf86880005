"""Small read use cases for pick lists in the UI."""

from __future__ import annotations

from .unit_of_work import UowFactory


def warehouse_choices(make_uow: UowFactory) -> list[tuple[str, str]]:
    """(code, name) of every warehouse, for filters and settings."""
    with make_uow() as uow:
        return uow.directory.warehouse_codes()
