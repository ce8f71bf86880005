"""ship-by deadlines

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10 10:00:00

Each order carries the platform's promised ship-by time (indexed with the status, for "due within
N hours" and overdue lists), and each channel a default in hours after payment for orders that
carry none. Existing orders get paid + 48 h, the platforms' usual promise.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

DEFAULT_HOURS = 48
_HOURS = timedelta(hours=DEFAULT_HOURS)


def upgrade() -> None:
    op.create_table('ship_by_defaults',
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.Column('updated_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('channel', name=op.f('pk_ship_by_defaults'))
    )
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ship_by', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('ship_by_source', sa.String(length=16), server_default='', nullable=False))
        batch_op.create_index('ix_orders_status_ship_by', ['status', 'ship_by'], unique=False)
    _backfill()


def _backfill() -> None:
    """paid + 48 h for the orders already there, written as the column type stores times."""
    bind = op.get_bind()
    orders = sa.table('orders', sa.column('id', sa.Integer()), sa.column('paid_at', orderdesk.store.types.UTCDateTime(timezone=True)),
                      sa.column('ship_by', orderdesk.store.types.UTCDateTime(timezone=True)),
                      sa.column('ship_by_source', sa.String(16)))
    rows = bind.execute(sa.select(orders.c.id, orders.c.paid_at).where(orders.c.paid_at.is_not(None))).all()
    if not rows:
        return
    stmt = orders.update().where(orders.c.id == sa.bindparam('b_id')).values(
        ship_by=sa.bindparam('b_ship_by'), ship_by_source='default')
    bind.execute(stmt, [{'b_id': r.id, 'b_ship_by': r.paid_at + _HOURS} for r in rows])


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_status_ship_by')
        batch_op.drop_column('ship_by_source')
        batch_op.drop_column('ship_by')
    op.drop_table('ship_by_defaults')
