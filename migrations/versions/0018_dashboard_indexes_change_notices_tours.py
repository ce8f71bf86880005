"""dashboard indexes, change notices, onboarding tours

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-20 10:00:00

Indexes for reading a period of the timeline and of the pack scans (the KPIs). On PostgreSQL a
statement trigger on the tables the dashboard shows sends NOTIFY orderdesk_changes with the
table's name, so an open dashboard learns of another station's change at once (SQLite stations
poll PRAGMA data_version instead). And which onboarding tours a user has seen or dismissed.
(The lead re-chains down_revision to 0017 at merge.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types


revision = '0018'
down_revision = "0017"
branch_labels = None
depends_on = None

WATCHED = ("orders", "order_events", "pack_scans", "sync_state", "ship_confirmations", "stock_levels",
           "parcel_tracking", "tracking_alerts")  # fmt: skip


def upgrade() -> None:
    op.create_index('ix_order_events_at', 'order_events', ['at'], unique=False)
    op.create_index('ix_pack_scans_at', 'pack_scans', ['at'], unique=False)
    op.create_table('user_tours',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('tour', sa.String(length=32), nullable=False),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('at', orderdesk.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_tours_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'tour', name=op.f('pk_user_tours'))
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION orderdesk_notify_change() RETURNS trigger AS $$ "
                   "BEGIN PERFORM pg_notify('orderdesk_changes', TG_TABLE_NAME); RETURN NULL; END $$ LANGUAGE plpgsql")
        for table in _existing(WATCHED):
            op.execute(f"CREATE TRIGGER {table}_notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                       "FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_notify_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _existing(WATCHED):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_change ON {table}")
        op.execute("DROP FUNCTION IF EXISTS orderdesk_notify_change()")
    op.drop_table('user_tours')
    op.drop_index('ix_pack_scans_at', table_name='pack_scans')
    op.drop_index('ix_order_events_at', table_name='order_events')


def _existing(tables: tuple[str, ...]) -> list[str]:
    have = set(sa.inspect(op.get_bind()).get_table_names())
    return [t for t in tables if t in have]
