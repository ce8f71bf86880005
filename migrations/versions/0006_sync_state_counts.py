"""sync state: failed runs, the last run, and the bad orders a channel delivered

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 18:20:00

What the channel settings view shows per channel besides the last success and error: how many
runs in a row failed, when the last run ended, and each bad order the platform delivered (one row
per order however often it is re-read, until a good copy of it arrives).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_state') as batch:
        batch.add_column(sa.Column('failed_runs', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('last_run_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True))
    op.create_table('sync_problems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel_id', sa.Integer(), nullable=False),
    sa.Column('order_ref', sa.String(length=128), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('first_seen', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('times', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['channel_accounts.id'], name=op.f('fk_sync_problems_channel_id_channel_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_problems')),
    sa.UniqueConstraint('channel_id', 'order_ref', name='uq_sync_problems_channel_order')
    )


def downgrade() -> None:
    op.drop_table('sync_problems')
    with op.batch_alter_table('sync_state') as batch:
        batch.drop_column('last_run_at')
        batch.drop_column('failed_runs')
