"""Users: the first admin, adding and disabling people, passwords, badges, and logging in.

Failed logins count per user in the database, so a lock-out holds at every station sharing it.
"""

from __future__ import annotations

from datetime import timedelta

from ..domain.access import Permission, Role, parse_role
from ..domain.errors import DomainError
from ..domain.names import canonical, display_name as clean_display_name, user_name
from .actors import Actor, audit, now_utc, require_actor, require_permission
from .passwords import badge_hash, hash_password, new_badge_code, verify_password
from .ports import UserRef
from .unit_of_work import UowFactory

MAX_FAILED_LOGINS = 5
LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60


class LoginRefused(DomainError):
    """Wrong name or password, a disabled user, or too many attempts."""


def _wrong_credentials() -> LoginRefused:
    return LoginRefused("用户名或密码错误", "Wrong user name or password")


def needs_first_admin(make_uow: UowFactory) -> bool:
    """True on a new database: nobody can log in yet, so the first admin must be created."""
    with make_uow() as uow:
        return uow.users.count_login_users() == 0


def create_first_admin(make_uow: UowFactory, username: str, display_name: str, password: str) -> UserRef:
    """Only while nobody can log in; afterwards an admin adds users."""
    name = user_name(username)
    with make_uow(write=True) as uow:
        if uow.users.count_login_users() > 0:
            raise DomainError("管理员已存在，请由管理员添加用户", "An admin already exists; ask an admin to add users")
        user_id = _add(uow, name, display_name, Role.ADMIN, password)
        audit(uow, user_id, "user.first_admin", "user", name)
        uow.commit()
        return uow.users.user(name)  # type: ignore[return-value]


def add_user(make_uow: UowFactory, actor: str, username: str, display_name: str, role: str,
             password: str) -> UserRef:  # fmt: skip
    """The name is normalised once (domain.names), so the stored, audited and printed names are one."""
    parsed = parse_role(role)
    if parsed is Role.SYSTEM:
        raise DomainError("不能添加系统角色的用户", "The system role is reserved")
    name = user_name(username)
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_USERS)
        _add(uow, name, display_name or name, parsed, password)
        audit(uow, who, "user.add", "user", name, role=parsed.value)
        uow.commit()
        return uow.users.user(name)  # type: ignore[return-value]


def list_users(make_uow: UowFactory, actor: str) -> list[UserRef]:
    with make_uow() as uow:
        require_actor(uow, actor, Permission.MANAGE_USERS)
        return [u for u in uow.users.all_users() if u.role != Role.SYSTEM]


def disable_user(make_uow: UowFactory, actor: str, username: str, active: bool = False) -> None:
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_USERS)
        target = _existing(uow, username)
        if not active and target.role == Role.ADMIN and uow.users.count_active_admins() <= 1:
            raise DomainError("不能停用最后一个管理员", "Cannot disable the last admin")
        uow.users.set_active(target.id, active)
        audit(uow, who, "user.enable" if active else "user.disable", "user", username)
        uow.commit()


def set_password(make_uow: UowFactory, actor: str, username: str, new_password: str) -> None:
    """An admin sets anyone's password; everybody may change their own."""
    hashed = hash_password(new_password)
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor)
        if who.username != username:
            require_permission(uow, who, Permission.MANAGE_USERS)
        target = _existing(uow, username)
        uow.users.set_password_hash(target.id, hashed)
        audit(uow, who, "user.password", "user", username)
        uow.commit()


def issue_badge(make_uow: UowFactory, actor: str, username: str) -> str:
    """A new login badge code for `username`; the old badge stops working. Shown once, stored hashed."""
    code = new_badge_code()
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.MANAGE_USERS)
        target = _existing(uow, username)
        uow.users.set_badge_hash(target.id, badge_hash(code))
        audit(uow, who, "user.badge", "user", username)
        uow.commit()
    return code


def authenticate(make_uow: UowFactory, username: str, password: str) -> Actor:
    """Log in by name and password; five wrong tries lock the user for a while, at every station."""
    now = now_utc()
    with make_uow(write=True) as uow:
        cred = uow.users.credentials(canonical(username))
        if cred is None or cred.user.role == Role.SYSTEM:
            raise _wrong_credentials()
        if cred.locked_until is not None and cred.locked_until > now:
            wait = int((cred.locked_until - now).total_seconds()) + 1
            raise LoginRefused(f"登录失败次数过多，请 {wait} 秒后再试", f"Too many failed logins; try again in {wait} s")
        if not verify_password(password, cred.password_hash):
            failed = uow.users.count_failure(cred.user.id)
            if failed >= MAX_FAILED_LOGINS:
                uow.users.record_login(cred.user.id, failed, now + timedelta(seconds=_lock_seconds(failed)), None)
            audit(uow, cred.user.id, "login.failed", "user", cred.user.username, attempt=failed)
            uow.commit()
            raise _wrong_credentials()
        if not cred.user.active:
            raise LoginRefused(f"用户 {username} 已停用", f"User {username} is disabled")
        uow.users.record_login(cred.user.id, 0, None, now)
        audit(uow, cred.user.id, "login", "user", cred.user.username)
        uow.commit()
        u = cred.user
        return Actor(u.id, u.username, u.display_name, u.role)


def authenticate_badge(make_uow: UowFactory, code: str) -> Actor:
    with make_uow(write=True) as uow:
        user = uow.users.by_badge(badge_hash(code))
        if user is None:
            raise LoginRefused("无效的工牌", "Unknown badge")
        if not user.active:
            raise LoginRefused(f"用户 {user.username} 已停用", f"User {user.username} is disabled")
        uow.users.record_login(user.id, 0, None, now_utc())
        audit(uow, user.id, "login.badge", "user", user.username)
        uow.commit()
        return Actor(user.id, user.username, user.display_name, user.role)


def _lock_seconds(failed: int) -> int:
    return min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** (failed - MAX_FAILED_LOGINS))


def _existing(uow, username: str) -> UserRef:  # noqa: ANN001
    user = uow.users.user(canonical(username))
    if user is None or user.role == Role.SYSTEM:
        raise DomainError(f"没有用户 {username}", f"No user called {username}")
    return user


def _add(uow, username: str, display_name: str, role: Role, password: str) -> int:  # noqa: ANN001
    name, shown = user_name(username), clean_display_name(display_name)
    if uow.users.user(name) is not None:
        raise DomainError(f"用户 {name} 已存在", f"User {name} already exists")
    hashed = hash_password(password)
    user_id = uow.users.add_user(name, shown or name, role.value, now_utc())
    uow.users.set_password_hash(user_id, hashed)
    return user_id


def seed_demo_users(make_uow: UowFactory, actor: str, users: list[tuple[str, str, Role]], password: str) -> int:
    """Demo staff with one known password; existing users are left alone. Returns how many were added."""
    added = 0
    with make_uow(write=True) as uow:
        who = require_actor(uow, actor, Permission.LOAD_DEMO_DATA)
        for username, display_name, role in users:
            if uow.users.user(username) is None:
                _add(uow, username, display_name, role, password)
                added += 1
        if added:
            audit(uow, who, "user.demo_seed", "user", "", added=added)
        uow.commit()
    return added
