"""append-only holds against REPLACE, upsert and TRUNCATE

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 10:00:00

SQLite's `INSERT OR REPLACE` deletes the old row without firing DELETE triggers (unless the client
turned `recursive_triggers` on), so the UPDATE/DELETE triggers of 0002, 0003 and 0008 let it rewrite
an append-only row. A BEFORE INSERT trigger now refuses any insert whose id already exists, which a
client's pragmas cannot switch off: it fires before REPLACE resolves the conflict and before an
upsert's DO UPDATE. On PostgreSQL, stock_ledger and pack_scans get the TRUNCATE trigger that
audit_log and order_events have had since 0002 (an upsert there fires the UPDATE trigger already).
"""

from __future__ import annotations

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

APPEND_ONLY = ("audit_log", "order_events", "stock_ledger", "pack_scans")
NO_TRUNCATE_YET = ("stock_ledger", "pack_scans")  # audit_log and order_events: since 0002


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NO_TRUNCATE_YET:
            op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_append_only()")
        return
    for table in APPEND_ONLY:
        op.execute(f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                   f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
                   f"BEGIN SELECT RAISE(ABORT, 'orderdesk: {table} rows are append-only'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NO_TRUNCATE_YET:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        return
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
