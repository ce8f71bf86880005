"""customer service desk

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 19:00:00

What the customer service desk searches and keeps: each order's buyer nickname / id and phone tail (the last 4 digits a
buyer reads out, masked phones included, filled in for existing orders) with indexes on it and on
the receiver's name, indexes on the buyer's nickname / platform id and name, other numbers an
order is known by (order_refs: a return's waybill), the customer profile a buyer identity belongs
to (customers.profile_id, merged and split by hand), and customer tags with their definitions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types


revision = '0017'
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('customer_tag_defs',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('condition', sa.Text(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('updated_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by'], ['users.id'], name=op.f('fk_customer_tag_defs_updated_by_users')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_customer_tag_defs'))
    )
    op.create_table('customer_tags',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('computed_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['customers.id'], name=op.f('fk_customer_tags_profile_id_customers')),
    sa.PrimaryKeyConstraint('profile_id', 'code', name=op.f('pk_customer_tags'))
    )
    with op.batch_alter_table('customer_tags', schema=None) as batch_op:
        batch_op.create_index('ix_customer_tags_code', ['code'], unique=False)

    op.create_table('order_refs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('ref', sa.String(length=64), nullable=False),
    sa.Column('created_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_refs_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_refs')),
    sa.UniqueConstraint('ref', 'kind', 'order_id', name='uq_order_refs_ref_kind_order')
    )
    with op.batch_alter_table('order_refs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_refs_order_id'), ['order_id'], unique=False)

    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('profile_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_customers_buyer_ref', ['buyer_ref'], unique=False)
        batch_op.create_index('ix_customers_name', ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_customers_profile_id'), ['profile_id'], unique=False)

    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone_tail', sa.String(length=4), server_default='', nullable=False))
        batch_op.add_column(sa.Column('buyer_ref', sa.String(length=128), server_default='', nullable=False))
        batch_op.create_index('ix_orders_buyer_ref', ['buyer_ref'], unique=False)
        batch_op.create_index('ix_orders_phone_tail_paid_at', ['phone_tail', 'paid_at'], unique=False)
        batch_op.create_index('ix_orders_receiver_name_paid_at', ['receiver_name', 'paid_at'], unique=False)
    _fill_phone_tails()
    op.execute("UPDATE orders SET buyer_ref = (SELECT c.buyer_ref FROM customers c WHERE c.id = orders.customer_id)")


def _fill_phone_tails() -> None:
    """The last 4 characters of every phone that ends in 4 digits (orderdesk.domain.desk.phone_tail)."""
    ends_in_digits = ("receiver_phone ~ '[0-9]{4}$'" if op.get_bind().dialect.name == "postgresql"
                      else "receiver_phone GLOB '*[0-9][0-9][0-9][0-9]'")
    op.execute("UPDATE orders SET phone_tail = substr(receiver_phone, length(receiver_phone) - 3, 4) "
               f"WHERE {ends_in_digits}")


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_receiver_name_paid_at')
        batch_op.drop_index('ix_orders_phone_tail_paid_at')
        batch_op.drop_index('ix_orders_buyer_ref')
        batch_op.drop_column('buyer_ref')
        batch_op.drop_column('phone_tail')

    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_profile_id'))
        batch_op.drop_index('ix_customers_name')
        batch_op.drop_index('ix_customers_buyer_ref')
        batch_op.drop_column('profile_id')

    with op.batch_alter_table('order_refs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_refs_order_id'))

    op.drop_table('order_refs')
    with op.batch_alter_table('customer_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_customer_tags_code')

    op.drop_table('customer_tags')
    op.drop_table('customer_tag_defs')
