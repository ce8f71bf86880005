"""Who may do what, logging in, masking, the append-only logs and secrets — on SQLite and PostgreSQL.

Users cost a scrypt hash each (~50 ms), so every backend gets one module-wide template database holding
the first admin `boss` and one user per role (named after the role); each test works on its own copy.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from orderdesk.bootstrap import Store, open_store
from orderdesk.domain.access import ROLE_PERMISSIONS, NotAllowed, Permission, Role, permission_label
from orderdesk.domain.errors import DomainError, UnknownUser
from orderdesk.domain.lifecycle import OrderEvent
from orderdesk.secrets import EncryptedSecretStore
from orderdesk.services.audit_service import audit_trail
from orderdesk.services.intake import intake_orders
from orderdesk.services.orders import EVENT_PERMISSION, change_status, list_orders, order_detail
from orderdesk.services.ports import AuditFilter
from orderdesk.services.read_models import OrderFilter
from orderdesk.services.secrets_service import read_secret, save_secret
from orderdesk.services.users import (
    LoginRefused,
    add_user,
    authenticate,
    authenticate_badge,
    create_first_admin,
    disable_user,
    issue_badge,
    list_users,
)
from tests.helpers.builders import channel_order

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
ROLES = [r for r in Role if r is not Role.SYSTEM]
ADMIN = "boss"
PHONE = "13812345678"
PASSWORDS = {ADMIN: "Boss-Pass-4711", **{r.value: f"Pw-{r.value}-0815" for r in ROLES}}

# -- the matrix, written out: Y = allowed, . = refused with NotAllowed --------------------------------

USE_CASES = ("intake", "allocate", "pack", "refund", "cancel", "list", "reveal", "add_user", "audit",
             "secret")
MATRIX = """
                  intake allocate pack refund cancel list reveal add_user audit secret
admin               Y      Y       Y    Y      Y      Y    Y      Y        Y     Y
warehouse_lead      Y      Y       Y    .      Y      Y    .      .        .     .
packer              .      .       Y    .      .      Y    .      .        .     .
customer_service    .      .       .    Y      Y      Y    Y      .        .     .
finance             .      .       .    .      .      Y    .      .        Y     .
operations          Y      Y       .    .      .      Y    .      .        .     Y
"""


def _parse_matrix(text: str) -> dict[tuple[Role, str], bool]:
    header, *rows = [ln.split() for ln in text.strip().splitlines()]
    assert tuple(header) == USE_CASES
    out = {}
    for role, *cells in rows:
        assert len(cells) == len(USE_CASES) and set(cells) <= {"Y", "."}, role
        out.update({(Role(role), uc): c == "Y" for uc, c in zip(USE_CASES, cells, strict=True)})
    return out


EXPECTED = _parse_matrix(MATRIX)

USE_CASE_PERMISSION = {
    "intake": Permission.INTAKE_ORDERS,
    "allocate": EVENT_PERMISSION[OrderEvent.ALLOCATE],
    "pack": EVENT_PERMISSION[OrderEvent.PACK],
    "refund": EVENT_PERMISSION[OrderEvent.REQUEST_REFUND],
    "cancel": EVENT_PERMISSION[OrderEvent.CANCEL],
    "list": Permission.VIEW_ORDERS,
    "reveal": Permission.VIEW_PII,
    "add_user": Permission.MANAGE_USERS,
    "audit": Permission.VIEW_AUDIT,
    "secret": Permission.MANAGE_CHANNELS,
}


# -- databases -------------------------------------------------------------------------------------


def _seed_users(url: str) -> None:
    store = open_store(url)
    try:
        create_first_admin(store.make_uow, ADMIN, "老板", PASSWORDS[ADMIN])
        for role in ROLES:
            add_user(store.make_uow, ADMIN, role.value, role.zh, role.value, PASSWORDS[role.value])
        if store.engine.dialect.name == "sqlite":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()


@pytest.fixture(scope="module", params=BACKENDS)
def users_template(request: pytest.FixtureRequest,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(backend, template): a migrated database with `boss` and one user per role."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("access") / "users.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        _seed_users(f"sqlite:///{path}")
        yield "sqlite", str(path)
        return
    server = request.getfixturevalue("pg_server")
    name = f"access_tpl_{os.getpid()}"
    _seed_users(server.create_database(name, template=request.getfixturevalue("pg_template")))
    yield "postgresql", name
    server.drop_database(name)


_copies = iter(range(1_000_000))


@dataclass
class Db:
    url: str
    store: Store

    @property
    def mk(self):  # noqa: ANN201 - the UowFactory
        return self.store.make_uow


@pytest.fixture
def db(request: pytest.FixtureRequest, users_template: tuple[str, str], tmp_path: Path) -> Iterator[Db]:
    backend, template = users_template
    if backend == "sqlite":
        target = tmp_path / "access.db"
        shutil.copy(template, target)
        url, drop = f"sqlite:///{target}", None
    else:
        server = request.getfixturevalue("pg_server")
        name = f"access_{os.getpid()}_{next(_copies)}"
        url, drop = server.create_database(name, template=template), lambda: server.drop_database(name)
    store = open_store(url)
    yield Db(url, store)
    store.close()
    if drop:
        drop()


def intake(db: Db, pid: str, **kw: object) -> str:
    intake_orders(db.mk, [channel_order(pid, **kw)], actor="system")
    return f"TB{pid}"


def raw_rows(db: Db, sql: str, **params: object) -> list[tuple]:
    with db.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def snapshot(db: Db) -> dict[str, object]:
    """Everything a refused use case could have touched: row counts of every table, order states, users."""
    names = sa.inspect(db.store.engine).get_table_names()
    snap: dict[str, object] = {t: raw_rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in names}
    snap["orders"] = raw_rows(db, "SELECT order_no, status, version FROM orders ORDER BY order_no")
    snap["users"] = raw_rows(db, "SELECT username, role, active, password_hash FROM users ORDER BY username")
    snap["secrets"] = raw_rows(db, "SELECT ref FROM secret_blobs ORDER BY ref")
    return snap


def every_cell(db: Db) -> Iterator[tuple[str, object]]:
    """(table, raw stored value) for every column of every row of every table."""
    for table in sa.inspect(db.store.engine).get_table_names():
        for row in raw_rows(db, f"SELECT * FROM {table}"):
            for value in row:
                yield table, value


def contains(value: object, clear: str) -> bool:
    if value is None:
        return False
    if isinstance(value, (bytes, bytearray, memoryview)):
        return clear.encode("utf-8") in bytes(value)
    return clear in str(value)


def login_state(db: Db, username: str) -> tuple:
    [row] = raw_rows(db, "SELECT failed_logins, locked_until FROM users WHERE username = :u", u=username)
    return row


def status_of(db: Db, order_no: str) -> str:
    return raw_rows(db, "SELECT status FROM orders WHERE order_no = :n", n=order_no)[0][0]


def admin_trail(db: Db, **flt: object) -> list:
    return audit_trail(db.mk, ADMIN, AuditFilter(**flt), limit=None)


# -- the matrix itself -------------------------------------------------------------------------------


def test_the_written_matrix_is_the_role_permissions_matrix():
    assert {role for role, _ in EXPECTED} == set(ROLES)  # a new role must be added to the table above
    for (role, use_case), allowed in EXPECTED.items():
        assert (USE_CASE_PERMISSION[use_case] in ROLE_PERMISSIONS[role]) is allowed, (role, use_case)


def test_key_pairs_of_the_matrix():
    assert EXPECTED[Role.PACKER, "pack"] and not EXPECTED[Role.PACKER, "cancel"]
    assert not EXPECTED[Role.PACKER, "reveal"]
    assert EXPECTED[Role.CUSTOMER_SERVICE, "refund"] and EXPECTED[Role.CUSTOMER_SERVICE, "reveal"]
    assert EXPECTED[Role.FINANCE, "audit"] and not EXPECTED[Role.FINANCE, "pack"]
    assert EXPECTED[Role.OPERATIONS, "secret"]
    assert EXPECTED[Role.WAREHOUSE_LEAD, "cancel"] and not EXPECTED[Role.WAREHOUSE_LEAD, "add_user"]
    assert all(EXPECTED[role, "list"] for role in ROLES)


def expect(condition: bool, got: object = None) -> None:
    assert condition, got


@dataclass
class Attempt:
    run: Callable[[], object]
    check_done: Callable[[object], None]


def _attempt(db: Db, use_case: str, actor: str, tmp_path: Path) -> Attempt:
    """Set up what `use_case` needs (as `system`); return the call `actor` makes and its success check."""
    order_no = intake(db, "3001")

    def move(event: OrderEvent, to: str) -> Attempt:
        def done(_: object) -> None:
            assert status_of(db, order_no) == to
            last = order_detail(db.mk, ADMIN, order_no).events[-1]
            assert (last.user, last.to_status, last.details.get("event")) == (actor, to, event.value)

        return Attempt(lambda: change_status(db.mk, order_no, event, actor), done)

    def store_for(vault):  # noqa: ANN001, ANN202
        return EncryptedSecretStore(vault, key_file=tmp_path / "secrets.key")

    if use_case == "intake":
        return Attempt(lambda: intake_orders(db.mk, [channel_order("3002")], actor=actor),
                       lambda rep: expect(rep.created == 1 and status_of(db, "TB3002") == "PAID", rep))
    if use_case == "allocate":
        return move(OrderEvent.ALLOCATE, "ALLOCATED")
    if use_case == "pack":
        change_status(db.mk, order_no, OrderEvent.ALLOCATE, "system")
        return move(OrderEvent.PACK, "PACKED")
    if use_case == "refund":
        return move(OrderEvent.REQUEST_REFUND, "INTERCEPTED")
    if use_case == "cancel":
        return move(OrderEvent.CANCEL, "CANCELLED")
    if use_case == "list":
        return Attempt(lambda: list_orders(db.mk, actor, OrderFilter()),
                       lambda rows: expect([r.order_no for r in rows] == [order_no], rows))
    if use_case == "reveal":
        return Attempt(lambda: order_detail(db.mk, actor, order_no, reveal=True),
                       lambda d: expect(d.row.receiver_phone == PHONE, d.row))
    if use_case == "add_user":
        return Attempt(lambda: add_user(db.mk, actor, "newbie", "", "packer", "Newbie-pw-1"),
                       lambda u: expect((u.username, u.role) == ("newbie", "packer"), u))
    if use_case == "audit":
        return Attempt(lambda: audit_trail(db.mk, actor, AuditFilter()),
                       lambda rows: expect({"user.add", "order.created"} <= {r.action for r in rows}, rows))
    if use_case == "secret":
        ref, value = "channel:1:app_secret", "S3cret-xyz"
        return Attempt(lambda: save_secret(db.mk, actor, ref, value, store_for=store_for),
                       lambda _: expect(read_secret(db.mk, ref, store_for) == value))
    raise AssertionError(use_case)


@pytest.mark.parametrize("use_case", USE_CASES)
@pytest.mark.parametrize("role", ROLES, ids=str)
def test_each_role_may_do_exactly_what_the_matrix_says(db, role, use_case, tmp_path):
    actor = role.value
    attempt = _attempt(db, use_case, actor, tmp_path)
    if EXPECTED[role, use_case]:
        attempt.check_done(attempt.run())
        return
    before = snapshot(db)
    with pytest.raises(NotAllowed) as refused:
        attempt.run()
    reason = refused.value.reason("zh")
    assert "无权" in reason and actor in reason and role.zh in reason
    assert permission_label(USE_CASE_PERMISSION[use_case]) in reason
    assert refused.value.permission is USE_CASE_PERMISSION[use_case]
    # status unchanged, no event, no user, no secret; only the refusal itself is audited
    assert snapshot(db) == {**before, "audit_log": before["audit_log"] + 1}
    [entry] = admin_trail(db, username=actor, object_type="permission")
    assert (entry.action, entry.object_id) == ("access.refused", USE_CASE_PERMISSION[use_case].value)
    assert not (tmp_path / "secrets.key").exists()


# -- logging in --------------------------------------------------------------------------------------


def test_wrong_password_and_unknown_user_get_the_same_message(db):
    with pytest.raises(LoginRefused) as wrong:
        authenticate(db.mk, "packer", "not-the-password")
    with pytest.raises(LoginRefused) as unknown:
        authenticate(db.mk, "nobody", "not-the-password")
    with pytest.raises(LoginRefused) as system:
        authenticate(db.mk, "system", "not-the-password")
    assert wrong.value.reason("zh") == unknown.value.reason("zh") == system.value.reason("zh") == "用户名或密码错误"
    assert wrong.value.reason("en") == unknown.value.reason("en")
    assert authenticate(db.mk, "packer", PASSWORDS["packer"]).role == "packer"


def test_a_right_password_before_the_fifth_failure_still_logs_in_and_resets(db):
    for _ in range(4):
        with pytest.raises(LoginRefused):
            authenticate(db.mk, "finance", "wrong-password")
    assert authenticate(db.mk, "finance", PASSWORDS["finance"]).username == "finance"
    assert login_state(db, "finance") == (0, None)


def test_five_failures_lock_the_user_in_the_database(db):
    for _ in range(5):
        with pytest.raises(LoginRefused) as exc:
            authenticate(db.mk, "packer", "wrong-password")
        assert exc.value.reason("zh") == "用户名或密码错误"
    with pytest.raises(LoginRefused) as locked:
        authenticate(db.mk, "packer", PASSWORDS["packer"])
    m = re.fullmatch(r"登录失败次数过多，请 (\d+) 秒后再试", locked.value.reason("zh"))
    assert m and 1 <= int(m.group(1)) <= 31, locked.value.reason("zh")
    assert re.search(r"try again in \d+ s", locked.value.reason("en"))

    other = open_store(db.url)  # another station: a fresh engine and connection pool
    try:
        with pytest.raises(LoginRefused) as elsewhere:
            authenticate(other.make_uow, "packer", PASSWORDS["packer"])
        assert "秒后再试" in elsewhere.value.reason("zh")
    finally:
        other.close()
    failed, locked_until = login_state(db, "packer")
    assert failed == 5 and locked_until is not None
    failures = admin_trail(db, object_type="user", object_id="packer")
    assert [r.details.get("attempt") for r in failures if r.action == "login.failed"] == [1, 2, 3, 4, 5]
    assert authenticate(db.mk, "finance", PASSWORDS["finance"]).username == "finance"  # others unaffected


def test_a_disabled_user_is_refused(db):
    disable_user(db.mk, ADMIN, "packer")
    with pytest.raises(LoginRefused) as exc:
        authenticate(db.mk, "packer", PASSWORDS["packer"])
    assert "停用" in exc.value.reason("zh")
    with pytest.raises(UnknownUser):
        list_orders(db.mk, "packer", OrderFilter())  # nor can a disabled name act
    disable_user(db.mk, ADMIN, "packer", active=True)
    assert authenticate(db.mk, "packer", PASSWORDS["packer"]).username == "packer"


def test_the_last_active_admin_cannot_be_disabled(db):
    disable_user(db.mk, ADMIN, "admin")  # two admins: one may go
    with pytest.raises(DomainError) as exc:
        disable_user(db.mk, ADMIN, ADMIN)
    assert "最后一个管理员" in exc.value.reason("zh")
    assert authenticate(db.mk, ADMIN, PASSWORDS[ADMIN]).username == ADMIN
    assert {u.username: u.active for u in list_users(db.mk, ADMIN)}[ADMIN] is True


def test_badge_login_and_a_reissued_badge_replaces_the_old_one(db):
    old = issue_badge(db.mk, ADMIN, "packer")
    assert authenticate_badge(db.mk, old).username == "packer"
    assert authenticate_badge(db.mk, f"  {old.lower()} ").username == "packer"  # as a scanner may send it
    new = issue_badge(db.mk, ADMIN, "packer")
    assert new != old
    with pytest.raises(LoginRefused) as exc:
        authenticate_badge(db.mk, old)
    assert exc.value.reason("zh") == "无效的工牌"
    assert authenticate_badge(db.mk, new).username == "packer"
    assert not any(contains(v, old) or contains(v, new) for _, v in every_cell(db))  # only hashes stored
    with pytest.raises(NotAllowed):
        issue_badge(db.mk, "warehouse_lead", "packer")


def test_passwords_are_stored_only_as_scrypt_hashes(db):
    rows = raw_rows(db, "SELECT username, password_hash FROM users ORDER BY username")
    hashes = {name: h for name, h in rows}
    assert hashes.pop("system") is None
    assert set(hashes) == set(PASSWORDS)
    for name, h in hashes.items():
        assert re.fullmatch(r"scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*", h), (name, h)
    assert len(set(hashes.values())) == len(hashes)  # salted
    leaks = [(t, pw) for t, v in every_cell(db) for pw in PASSWORDS.values() if contains(v, pw)]
    assert leaks == []


# -- masking and reveals -----------------------------------------------------------------------------


def test_packer_sees_masked_phones_and_no_street(db):
    clear = intake(db, "4001")
    masked_at_source = intake(db, "4002", phone="186****4321")
    rows = {r.order_no: r.receiver_phone for r in list_orders(db.mk, "packer", OrderFilter())}
    assert rows == {clear: "138****5678", masked_at_source: "186****4321"}
    assert all(re.fullmatch(r"\d{3}\*{4}\d{4}", p) for p in rows.values())
    revealing = list_orders(db.mk, "packer", OrderFilter(), reveal=True)  # not allowed: stays masked
    assert {r.receiver_phone for r in revealing} == {"138****5678", "186****4321"}
    d = order_detail(db.mk, "packer", clear)
    assert d.row.receiver_phone == "138****5678"
    assert d.street == "****" and d.address_detail == ""
    assert "中山路" not in str(d.to_json()) and PHONE not in str(d.to_json())
    with pytest.raises(NotAllowed):
        order_detail(db.mk, "packer", clear, reveal=True)
    assert [r for r in admin_trail(db) if r.action == "pii.revealed"] == []


def test_customer_service_reveal_shows_the_phone_and_is_audited(db):
    order_no = intake(db, "4003")
    masked = order_detail(db.mk, "customer_service", order_no)
    assert masked.row.receiver_phone == "138****5678" and masked.street == "****"
    assert [r for r in admin_trail(db) if r.action == "pii.revealed"] == []

    d = order_detail(db.mk, "customer_service", order_no, reveal=True)
    assert d.row.receiver_phone == PHONE
    assert d.street == "中山路" and d.address_detail == "1号"
    rows = list_orders(db.mk, "customer_service", OrderFilter(), reveal=True)
    assert [r.receiver_phone for r in rows] == [PHONE]

    reveals = [r for r in admin_trail(db) if r.action == "pii.revealed"]
    assert [(r.username, r.object_type, r.object_id) for r in reveals] == [
        ("customer_service", "order", order_no),
        ("customer_service", "orders", ""),
    ]
    assert reveals[1].details["count"] == 1
    by_cs = admin_trail(db, username="customer_service", object_type="order", object_id=order_no)
    assert "pii.revealed" in {r.action for r in by_cs}


# -- append-only logs --------------------------------------------------------------------------------

TAMPER = {
    ("order_events", "UPDATE"): "UPDATE order_events SET reason = 'tampered' WHERE id = :id",
    ("order_events", "DELETE"): "DELETE FROM order_events WHERE id = :id",
    ("audit_log", "UPDATE"): "UPDATE audit_log SET action = 'tampered' WHERE id = :id",
    ("audit_log", "DELETE"): "DELETE FROM audit_log WHERE id = :id",
}


@pytest.mark.parametrize(("table", "verb"), list(TAMPER), ids=lambda x: x)
def test_the_database_refuses_to_change_the_logs(db, table, verb):
    intake(db, "5001")
    [(row_id,)] = raw_rows(db, f"SELECT MIN(id) FROM {table}")
    assert row_id is not None
    before = raw_rows(db, f"SELECT * FROM {table} WHERE id = :id", id=row_id)
    count = raw_rows(db, f"SELECT COUNT(*) FROM {table}")
    with pytest.raises(DBAPIError) as exc:
        with db.store.engine.begin() as conn:
            conn.execute(sa.text(TAMPER[table, verb]), {"id": row_id})
    assert "append-only" in str(exc.value)
    assert raw_rows(db, f"SELECT * FROM {table} WHERE id = :id", id=row_id) == before
    assert raw_rows(db, f"SELECT COUNT(*) FROM {table}") == count


# -- secrets -----------------------------------------------------------------------------------------


def test_saved_secret_is_only_ciphertext_in_the_database_and_audited_without_its_value(db, tmp_path):
    key_file = tmp_path / "keys" / "secrets.key"

    def store_for(vault):  # noqa: ANN001, ANN202
        return EncryptedSecretStore(vault, key_file=key_file)

    value, ref = "AppSecret-9f3e7c1d-Zq", "channel:7:app_secret"
    backend = save_secret(db.mk, "operations", ref, value, store_for=store_for)
    assert "Encrypted" in backend and key_file.exists()
    assert read_secret(db.mk, ref, store_for) == value

    [(stored_ref, blob)] = raw_rows(db, "SELECT ref, blob FROM secret_blobs")
    assert stored_ref == ref and bytes(blob).startswith(b"ODS1.")
    assert [t for t, v in every_cell(db) if contains(v, value)] == []
    assert value.encode() not in key_file.read_bytes()

    [entry] = [r for r in admin_trail(db, object_type="secret") if r.action == "secret.set"]
    assert (entry.username, entry.object_id) == ("operations", ref)
    assert value not in str(entry.details) and value not in str(entry)
