"""refunds and warehouse tasks

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 18:59:09.553422
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types


revision = '0015'
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notify_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('due_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_notify_outbox_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notify_outbox'))
    )
    with op.batch_alter_table('notify_outbox', schema=None) as batch_op:
        batch_op.create_index('ix_notify_outbox_state_due_at', ['state', 'due_at'], unique=False)

    op.create_table('warehouse_webhooks',
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('updated_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_warehouse_webhooks_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('warehouse_id', name=op.f('pk_warehouse_webhooks'))
    )
    op.create_table('refunds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('refund_ref', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('raw_state', sa.String(length=40), nullable=False),
    sa.Column('step', sa.String(length=12), nullable=False),
    sa.Column('path', sa.String(length=12), nullable=False),
    sa.Column('returns_goods', sa.Boolean(), nullable=False),
    sa.Column('goods_fen', sa.Integer(), nullable=False),
    sa.Column('freight_fen', sa.Integer(), nullable=False),
    sa.Column('hold', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('paid_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('returned_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('credit_note', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_refunds_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds')),
    sa.UniqueConstraint('order_id', 'refund_ref', name='uq_refunds_order_id_refund_ref')
    )
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refunds_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_refunds_path_step', ['path', 'step'], unique=False)

    op.create_table('refund_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_lines.id'], name=op.f('fk_refund_lines_order_line_id_order_lines')),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], name=op.f('fk_refund_lines_refund_id_refunds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_lines'))
    )
    with op.batch_alter_table('refund_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_lines_refund_id'), ['refund_id'], unique=False)

    op.create_table('warehouse_tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.Integer(), nullable=True),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.Column('waybill_no', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('created_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('done_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['done_by'], ['users.id'], name=op.f('fk_warehouse_tasks_done_by_users')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_warehouse_tasks_order_id_orders')),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], name=op.f('fk_warehouse_tasks_refund_id_refunds')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_warehouse_tasks_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warehouse_tasks'))
    )
    with op.batch_alter_table('warehouse_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warehouse_tasks_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_warehouse_tasks_warehouse_id_state', ['warehouse_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_warehouse_tasks_waybill_no'), ['waybill_no'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('warehouse_tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warehouse_tasks_waybill_no'))
        batch_op.drop_index('ix_warehouse_tasks_warehouse_id_state')
        batch_op.drop_index(batch_op.f('ix_warehouse_tasks_order_id'))

    op.drop_table('warehouse_tasks')
    with op.batch_alter_table('refund_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_lines_refund_id'))

    op.drop_table('refund_lines')
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_index('ix_refunds_path_step')
        batch_op.drop_index(batch_op.f('ix_refunds_order_id'))

    op.drop_table('refunds')
    op.drop_table('warehouse_webhooks')
    with op.batch_alter_table('notify_outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_notify_outbox_state_due_at')

    op.drop_table('notify_outbox')
