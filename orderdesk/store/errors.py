"""Errors of the store, worded for the person at the keyboard."""

from __future__ import annotations

from ..domain.errors import DomainError


class StoreError(DomainError):
    """The database cannot be used as asked: a bad URL, a server down, a locked file, a schema."""
