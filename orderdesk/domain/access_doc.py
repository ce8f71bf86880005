"""The role x permission matrix as a Markdown table, for the README (a test keeps them equal)."""

from __future__ import annotations

from .access import ROLE_PERMISSIONS, Permission, Role, permission_label

ROLES = [r for r in Role if r is not Role.SYSTEM] + [Role.SYSTEM]


def matrix_markdown() -> str:
    head = "| permission | " + " | ".join(f"{r.value} ({r.zh})" for r in ROLES) + " |"
    rule = "|---|" + "---|" * len(ROLES)
    rows = [
        f"| `{p.value}` {permission_label(p)} | "
        + " | ".join("✔" if p in ROLE_PERMISSIONS[r] else "" for r in ROLES)
        + " |"
        for p in Permission
    ]
    return "\n".join([head, rule, *rows])


if __name__ == "__main__":
    print(matrix_markdown())
