"""courier handover manifests, their parcels and every dock scan

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 10:00:00

A manifest (交接单) per courier and warehouse; the parcels handed over in it (one row per shipment
ever, so a parcel is handed over once); every scan at the dock with its verdict (append-only).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

APPEND_ONLY = ("handover_parcels", "handover_scans")


def _at(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, orderdesk.store.types.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table('handover_manifests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('courier_code', sa.String(length=16), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    _at('opened_at'),
    sa.Column('opened_by', sa.Integer(), nullable=False),
    _at('closed_at', nullable=True),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by'], ['users.id'], name=op.f('fk_handover_manifests_closed_by_users')),
    sa.ForeignKeyConstraint(['opened_by'], ['users.id'], name=op.f('fk_handover_manifests_opened_by_users')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouses.id'], name=op.f('fk_handover_manifests_warehouse_id_warehouses')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_manifests'))
    )
    with op.batch_alter_table('handover_manifests', schema=None) as batch_op:
        batch_op.create_index('ix_handover_manifests_warehouse_status', ['warehouse_id', 'status'], unique=False)
    op.create_table('handover_parcels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manifest_id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('waybill_no', sa.String(length=40), nullable=False),
    _at('at'),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['manifest_id'], ['handover_manifests.id'], name=op.f('fk_handover_parcels_manifest_id_handover_manifests')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_handover_parcels_order_id_orders')),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'], name=op.f('fk_handover_parcels_shipment_id_shipments')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_handover_parcels_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_parcels')),
    sa.UniqueConstraint('shipment_id', name=op.f('uq_handover_parcels_shipment_id'))
    )
    with op.batch_alter_table('handover_parcels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_parcels_manifest_id'), ['manifest_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_parcels_order_id'), ['order_id'], unique=False)
    op.create_table('handover_scans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manifest_id', sa.Integer(), nullable=False),
    _at('at'),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=128), nullable=False),
    sa.Column('verdict', sa.String(length=32), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=True),
    sa.Column('shipment_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['manifest_id'], ['handover_manifests.id'], name=op.f('fk_handover_scans_manifest_id_handover_manifests')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_handover_scans_order_id_orders')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_handover_scans_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_scans'))
    )
    with op.batch_alter_table('handover_scans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_scans_manifest_id'), ['manifest_id'], unique=False)
    _protect()


def downgrade() -> None:
    _unprotect()
    with op.batch_alter_table('handover_scans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_scans_manifest_id'))
    op.drop_table('handover_scans')
    with op.batch_alter_table('handover_parcels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_parcels_order_id'))
        batch_op.drop_index(batch_op.f('ix_handover_parcels_manifest_id'))
    op.drop_table('handover_parcels')
    with op.batch_alter_table('handover_manifests', schema=None) as batch_op:
        batch_op.drop_index('ix_handover_manifests_warehouse_status')
    op.drop_table('handover_manifests')


def _protect() -> None:
    """What was handed over, and every scan at the dock, is a record: append-only, like pack_scans."""
    pg = op.get_bind().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        if pg:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION orderdesk_append_only()")
            continue
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, 'orderdesk: {table} rows are append-only'); END")


def _unprotect() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    for table in APPEND_ONLY:
        if pg:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            continue
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
