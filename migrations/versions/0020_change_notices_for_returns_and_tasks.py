"""change notices for the after-sale tables the dashboard's alerts read

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 20:30:00

Migration 0018's statement triggers NOTIFY orderdesk_changes on writes to the tables the dashboard
showed then. Its alerts also read returned parcels (unknown returned parcels), the warehouse's tasks
(intercepts not pulled back), channel accounts (a disabled channel's sync failures) and products (a
low-stock threshold): the same trigger on those, so an open dashboard on PostgreSQL wakes for them.
(Written while 0019 was being added elsewhere: the lead re-chains down_revision to 0019 at merge.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

WATCHED = ("returns", "warehouse_tasks", "channel_accounts", "products")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE OR REPLACE FUNCTION orderdesk_notify_change() RETURNS trigger AS $$ "
               "BEGIN PERFORM pg_notify('orderdesk_changes', TG_TABLE_NAME); RETURN NULL; END $$ LANGUAGE plpgsql")
    for table in _existing(WATCHED):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")
        op.execute(f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_notify_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _existing(WATCHED):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")


def _existing(tables: tuple[str, ...]) -> list[str]:
    have = set(sa.inspect(op.get_bind()).get_table_names())
    return [t for t in tables if t in have]
