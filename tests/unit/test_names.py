"""The user-name rule the GUI and the CLI share (orderdesk/domain/names.py)."""

from __future__ import annotations

import pytest

from orderdesk.domain.errors import DomainError
from orderdesk.domain.names import user_name


def test_a_name_is_trimmed_and_composed() -> None:
    assert user_name("  li\u0301si ") == "lísi"


@pytest.mark.parametrize("name", ["", " ", "a b", "x" * 65, "=1+1", "+a", "-a", "@a", "a\x07", "a\udcff", "a\tb"])
def test_names_that_hide_characters_or_run_as_formulas_are_refused(name: str) -> None:
    with pytest.raises(DomainError):
        user_name(name)
