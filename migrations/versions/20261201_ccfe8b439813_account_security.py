"""account security: rate events (failed log-ins, registrations, password reset requests)

Revision ID: ccfe8b439813
Revises: 6c9b35d74efd
Create Date: 2026-12-01 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ccfe8b439813'
down_revision = '6c9b35d74efd'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rate_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rate_events'))
    )
    with op.batch_alter_table('rate_events', schema=None) as batch_op:
        batch_op.create_index('ix_rate_events_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_rate_events_kind_subject_created_at', ['kind', 'subject', 'created_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('rate_events', schema=None) as batch_op:
        batch_op.drop_index('ix_rate_events_kind_subject_created_at')
        batch_op.drop_index('ix_rate_events_created_at')

    op.drop_table('rate_events')
