"""GUI fixtures: a demo database, the job pool, and the UI language installed into the QApplication."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from orderdesk.bootstrap import Store, open_store
from orderdesk.demo.seed import seed_demo
from orderdesk.gui.i18n import install_translators
from orderdesk.gui.jobs import JobRunner

DEMO_ORDERS = 450


@pytest.fixture(scope="session")
def demo_orders() -> int:
    return DEMO_ORDERS


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    import shutil

    path = tmp_path_factory.mktemp("gui") / "demo.db"
    shutil.copy(sqlite_template, path)
    store = open_store(f"sqlite:///{path}")
    seed_demo(store.make_uow, DEMO_ORDERS, seed=11)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    import shutil

    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    store = open_store(f"sqlite:///{path}")
    yield store
    store.close()


@pytest.fixture
def jobs(qapp) -> Iterator[JobRunner]:  # noqa: ANN001
    runner = JobRunner()
    yield runner
    runner.wait()


@pytest.fixture(params=["zh_CN"])
def ui_lang(request: pytest.FixtureRequest, qapp) -> Iterator[str]:  # noqa: ANN001
    translators = install_translators(qapp, request.param)
    yield request.param
    for t in translators:
        qapp.removeTranslator(t)


@pytest.fixture
def login(demo_store):  # noqa: ANN001
    """Log a demo user in through the real service; returns a function name -> Actor."""
    from orderdesk.demo.seed import DEMO_PASSWORD
    from orderdesk.services.users import authenticate

    return lambda name="admin": authenticate(demo_store.make_uow, name, DEMO_PASSWORD)
