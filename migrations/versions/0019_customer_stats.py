"""customer stats

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 20:30:00

Each customer profile's order figures (orders, spend, recent spend, refunds, first and last order,
channels) as of the last `tags recompute`, so a business tag's preview reads one small row per
profile instead of adding up every order. Empty until the first recompute.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types


revision = '0019'
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('customer_stats',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('orders', sa.Integer(), nullable=False),
    sa.Column('spend_fen', sa.BigInteger(), nullable=False),
    sa.Column('recent_spend_fen', sa.BigInteger(), nullable=False),
    sa.Column('refunds', sa.Integer(), nullable=False),
    sa.Column('first_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('channel_count', sa.Integer(), nullable=False),
    sa.Column('recent_since', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('computed_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['customers.id'], name=op.f('fk_customer_stats_profile_id_customers')),
    sa.PrimaryKeyConstraint('profile_id', name=op.f('pk_customer_stats'))
    )


def downgrade() -> None:
    op.drop_table('customer_stats')
