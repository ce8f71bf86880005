"""Who may do what: roles, permissions and the one matrix that joins them.

Use cases declare the permission they need and ask `require`; the GUI asks `allows` to hide what
a role cannot use. Adding a role is one entry in ROLE_PERMISSIONS.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import DomainError


class Permission(StrEnum):
    VIEW_ORDERS = "view_orders"
    VIEW_PII = "view_pii"  # full buyer phone and street address
    INTAKE_ORDERS = "intake_orders"  # channel sync and export imports
    ALLOCATE_ORDERS = "allocate_orders"
    PACK_ORDERS = "pack_orders"
    SHIP_ORDERS = "ship_orders"
    REQUEST_REFUND = "request_refund"
    CANCEL_ORDERS = "cancel_orders"
    RECEIVE_RETURNS = "receive_returns"
    OVERRIDE = "override"  # supervisor override at a station, with a reason
    EDIT_RULES = "edit_rules"
    MANAGE_MASTER_DATA = "manage_master_data"  # warehouses, products, stock
    MANAGE_CHANNELS = "manage_channels"  # shops and their credentials
    PRINT_LABELS = "print_labels"
    VIEW_AUDIT = "view_audit"
    EXPORT_FINANCE = "export_finance"
    ISSUE_CREDIT_NOTES = "issue_credit_notes"  # red credit notes (红字凭证) and their reversals
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    LOAD_DEMO_DATA = "load_demo_data"
    ADD_NOTES = "add_notes"  # a remark on an order's timeline (the service desk)
    MANAGE_CUSTOMERS = "manage_customers"  # merge and split customer profiles, define customer tags


class Role(StrEnum):
    ADMIN = "admin"
    WAREHOUSE_LEAD = "warehouse_lead"
    PACKER = "packer"
    CUSTOMER_SERVICE = "customer_service"
    FINANCE = "finance"
    OPERATIONS = "operations"
    SYSTEM = "system"  # channel sync and unattended tools; cannot log in to the GUI

    @property
    def zh(self) -> str:
        return _ROLE_ZH[self]

    def label(self, lang: str = "zh") -> str:
        return self.value.replace("_", " ") if lang.startswith("en") else self.zh


_ROLE_ZH = {
    Role.ADMIN: "管理员", Role.WAREHOUSE_LEAD: "仓库主管", Role.PACKER: "打包员",
    Role.CUSTOMER_SERVICE: "客服", Role.FINANCE: "财务", Role.OPERATIONS: "运营", Role.SYSTEM: "系统",
}  # fmt: skip

P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.WAREHOUSE_LEAD: frozenset({
        P.VIEW_ORDERS, P.INTAKE_ORDERS, P.ALLOCATE_ORDERS, P.PACK_ORDERS, P.SHIP_ORDERS, P.CANCEL_ORDERS,
        P.RECEIVE_RETURNS, P.OVERRIDE, P.EDIT_RULES, P.MANAGE_MASTER_DATA, P.PRINT_LABELS, P.ADD_NOTES,
    }),
    Role.PACKER: frozenset({P.VIEW_ORDERS, P.PACK_ORDERS, P.SHIP_ORDERS, P.RECEIVE_RETURNS, P.PRINT_LABELS}),
    Role.CUSTOMER_SERVICE: frozenset({P.VIEW_ORDERS, P.VIEW_PII, P.REQUEST_REFUND, P.CANCEL_ORDERS, P.ADD_NOTES,
                                      P.MANAGE_CUSTOMERS}),
    Role.FINANCE: frozenset({P.VIEW_ORDERS, P.VIEW_AUDIT, P.EXPORT_FINANCE, P.ISSUE_CREDIT_NOTES}),
    Role.OPERATIONS: frozenset({
        P.VIEW_ORDERS, P.INTAKE_ORDERS, P.ALLOCATE_ORDERS, P.EDIT_RULES, P.MANAGE_MASTER_DATA,
        P.MANAGE_CHANNELS, P.ADD_NOTES, P.MANAGE_CUSTOMERS,
    }),
    # The unattended account (sync, scripts run on the server without --user): everything a job may
    # need, but never user management, which always needs an admin's log-in.
    Role.SYSTEM: frozenset(Permission) - {P.MANAGE_USERS},
}  # fmt: skip

_PERMISSION_ZH = {
    P.VIEW_ORDERS: "查看订单", P.VIEW_PII: "查看买家完整电话和地址", P.INTAKE_ORDERS: "接单（同步/导入）",
    P.ALLOCATE_ORDERS: "分仓", P.PACK_ORDERS: "验货打包", P.SHIP_ORDERS: "发货", P.REQUEST_REFUND: "登记退款",
    P.CANCEL_ORDERS: "取消订单", P.RECEIVE_RETURNS: "退货入库", P.OVERRIDE: "主管放行", P.EDIT_RULES: "编辑分仓规则",
    P.MANAGE_MASTER_DATA: "维护仓库和商品", P.MANAGE_CHANNELS: "管理渠道和店铺", P.PRINT_LABELS: "打印面单",
    P.VIEW_AUDIT: "查看审计日志", P.EXPORT_FINANCE: "导出对账数据", P.ISSUE_CREDIT_NOTES: "开具红字凭证", P.MANAGE_USERS: "管理用户",
    P.MANAGE_SETTINGS: "修改设置", P.LOAD_DEMO_DATA: "载入演示数据", P.ADD_NOTES: "添加订单备注",
    P.MANAGE_CUSTOMERS: "管理客户档案和标签",
}  # fmt: skip


def permission_label(p: Permission, lang: str = "zh") -> str:
    return p.value.replace("_", " ") if lang.startswith("en") else _PERMISSION_ZH[p]


class NotAllowed(DomainError):
    """The acting user's role does not include the permission a use case needs."""

    def __init__(self, username: str, role: str, permission: Permission) -> None:
        try:
            role_zh = Role(role).zh
        except ValueError:
            role_zh = role
        super().__init__(
            f"无权操作：用户 {username}（{role_zh}）没有「{permission_label(permission)}」权限",
            f"Not allowed: {username} ({role}) lacks the '{permission.value}' permission",
        )
        self.permission = permission


def allows(role: str | None, permission: Permission) -> bool:
    try:
        return permission in ROLE_PERMISSIONS[Role(role or "")]
    except ValueError:
        return False


def require(username: str, role: str | None, permission: Permission) -> None:
    if not allows(role, permission):
        raise NotAllowed(username, role or "?", permission)


def parse_role(text: str) -> Role:
    """A role by its code or its Chinese name; unknown names are refused with the list of roles."""
    t = text.strip()
    for r in Role:
        if t.lower() == r.value or t == r.zh:
            return r
    names = ", ".join(f"{r.value} ({r.zh})" for r in Role if r is not Role.SYSTEM)
    raise DomainError(f"未知角色：{t}。可选：{names}", f"Unknown role: {t}. Choose one of: {names}")
