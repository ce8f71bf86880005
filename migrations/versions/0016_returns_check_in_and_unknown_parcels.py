"""returns check-in and unknown parcels

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 18:59:06

Returned parcels checked in (退货入库), or recorded as unknown parcels to match later (`returns`), the
items counted into each with their condition (`return_lines`) and every scan at a returns desk with
its verdict (`return_scans`). Lines and scans are append-only like audit_log (UPDATE, DELETE,
REPLACE, upsert and TRUNCATE refused on SQLite and PostgreSQL).

NOTE (branch h14-returns): down_revision is "0014" here because 0015 (refunds, another branch) is
not on this branch yet; the lead re-chains it to "0015" at merge.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types


revision = '0016'
down_revision = "0015"
branch_labels = None
depends_on = None

APPEND_ONLY = ("return_lines", "return_scans")


def upgrade() -> None:
    op.create_table('return_scans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('station', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('return_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=128), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('verdict', sa.String(length=32), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_return_scans_order_id_orders')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_return_scans_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_scans'))
    )
    with op.batch_alter_table('return_scans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_scans_order_id'), ['order_id'], unique=False)
        batch_op.create_index('ix_return_scans_station_at', ['station', 'at'], unique=False)

    op.create_table('returns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('parcel_code', sa.String(length=128), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('no_refund_request', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('station', sa.String(length=64), nullable=False),
    sa.Column('at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('matched_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('matched_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['matched_by'], ['users.id'], name=op.f('fk_returns_matched_by_users')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_returns_order_id_orders')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_returns_user_id_users')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_returns_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_returns'))
    )
    with op.batch_alter_table('returns', schema=None) as batch_op:
        batch_op.create_index('ix_returns_at', ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_returns_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_returns_parcel_code'), ['parcel_code'], unique=False)
        batch_op.create_index('ix_returns_state_warehouse_id', ['state', 'warehouse_id'], unique=False)

    op.create_table('return_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('return_id', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('condition', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['return_id'], ['returns.id'], name=op.f('fk_return_lines_return_id_returns')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_lines'))
    )
    with op.batch_alter_table('return_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_lines_return_id'), ['return_id'], unique=False)
    for table in APPEND_ONLY:
        _protect(table)



def downgrade() -> None:
    for table in APPEND_ONLY:
        _unprotect(table)
    with op.batch_alter_table('return_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_return_lines_return_id'))

    op.drop_table('return_lines')
    with op.batch_alter_table('returns', schema=None) as batch_op:
        batch_op.drop_index('ix_returns_state_warehouse_id')
        batch_op.drop_index(batch_op.f('ix_returns_parcel_code'))
        batch_op.drop_index(batch_op.f('ix_returns_order_id'))
        batch_op.drop_index('ix_returns_at')

    op.drop_table('returns')
    with op.batch_alter_table('return_scans', schema=None) as batch_op:
        batch_op.drop_index('ix_return_scans_station_at')
        batch_op.drop_index(batch_op.f('ix_return_scans_order_id'))

    op.drop_table('return_scans')


def _protect(table: str) -> None:
    """The same guards as audit_log (0002, 0009): no UPDATE, DELETE, REPLACE, upsert or TRUNCATE."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION orderdesk_append_only()")
        op.execute(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION orderdesk_append_only()")
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                   f"BEGIN SELECT RAISE(ABORT, 'orderdesk: {table} rows are append-only'); END")
    op.execute(f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
               f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
               f"BEGIN SELECT RAISE(ABORT, 'orderdesk: {table} rows are append-only'); END")


def _unprotect(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        return
    for name in ("no_update", "no_delete", "no_replace"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_{name}")
