"""A database error, on SQLite and PostgreSQL, never carries the statement's values to a log or a screen."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from orderdesk.gui.errors import error_text

PHONE = "13912345678"


def _failing_statement(store) -> DBAPIError:  # noqa: ANN001
    """A real error of the app's engine, for a statement that carries a buyer's phone."""
    with pytest.raises(DBAPIError) as caught, store.engine.connect() as conn:
        conn.execute(text("SELECT :phone FROM no_such_table"), {"phone": PHONE})
    return caught.value


def test_an_engine_error_logged_in_full_holds_no_parameter(store, caplog) -> None:  # noqa: ANN001
    exc = _failing_statement(store)
    with caplog.at_level(logging.ERROR):
        logging.getLogger("orderdesk.test").error("failed", exc_info=exc)
    assert "no_such_table" in caplog.text and PHONE not in caplog.text


def test_the_gui_tells_a_database_error_without_its_statement(store) -> None:  # noqa: ANN001
    exc = _failing_statement(store)
    for lang, words in (("zh_CN", "数据库出错"), ("en", "Database error")):
        shown = error_text(exc, lang)
        assert words in shown and "SELECT" not in shown and PHONE not in shown
