"""credit notes and quarantine

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-14 10:00:00

Red credit notes (红字凭证) and their lines, append-only like audit_log (UPDATE, DELETE, REPLACE,
upsert and TRUNCATE refused on SQLite and PostgreSQL), with a per-year counter row that the issuing
transaction locks, so numbers are gap-free. Stock gets a quarantine state of its own
(stock_levels.quarantined, outside on_hand and so never available) and the ledger its delta.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import orderdesk.store.types


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

APPEND_ONLY = ("credit_notes", "credit_note_lines")


def upgrade() -> None:
    op.create_table('credit_note_counters',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('year', name=op.f('pk_credit_note_counters'))
    )
    op.create_table('credit_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=80), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('buyer', sa.String(length=120), nullable=False),
    sa.Column('issued_at', orderdesk.store.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('goods_fen', sa.Integer(), nullable=False),
    sa.Column('freight_fen', sa.Integer(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_credit_notes_order_id_orders')),
    sa.ForeignKeyConstraint(['reverses_id'], ['credit_notes.id'], name=op.f('fk_credit_notes_reverses_id_credit_notes')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_credit_notes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_notes')),
    sa.UniqueConstraint('number', name=op.f('uq_credit_notes_number')),
    sa.UniqueConstraint('reverses_id', name=op.f('uq_credit_notes_reverses_id')),
    sa.UniqueConstraint('year', 'seq', name='uq_credit_notes_year_seq')
    )
    with op.batch_alter_table('credit_notes', schema=None) as batch_op:
        batch_op.create_index('ix_credit_notes_issued_at', ['issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_credit_notes_order_id'), ['order_id'], unique=False)
    op.create_table('credit_note_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['credit_notes.id'], name=op.f('fk_credit_note_lines_note_id_credit_notes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_credit_note_lines'))
    )
    with op.batch_alter_table('credit_note_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_credit_note_lines_note_id'), ['note_id'], unique=False)
    with op.batch_alter_table('stock_levels', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quarantined', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_check_constraint('quarantine_non_negative', 'quarantined >= 0')
    with op.batch_alter_table('stock_ledger', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quarantined_delta', sa.Integer(), server_default='0', nullable=False))
    for table in APPEND_ONLY:
        _protect(table)


def downgrade() -> None:
    for table in APPEND_ONLY:
        _unprotect(table)
    with op.batch_alter_table('stock_ledger', schema=None) as batch_op:
        batch_op.drop_column('quarantined_delta')
    with op.batch_alter_table('stock_levels', schema=None) as batch_op:
        batch_op.drop_constraint('quarantine_non_negative', type_='check')
        batch_op.drop_column('quarantined')
    op.drop_table('credit_note_lines')
    op.drop_table('credit_notes')
    op.drop_table('credit_note_counters')


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
