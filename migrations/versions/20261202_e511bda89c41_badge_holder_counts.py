"""badge holder counts

Revision ID: e511bda89c41
Revises: d305876a0dd7
Create Date: 2026-12-02 01:46:22.405223

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e511bda89c41'
down_revision = 'd305876a0dd7'
branch_labels = None
depends_on = None


def upgrade():
    # Members holding each badge, kept with the awards: the badge catalogue no longer counts every award.
    op.create_table(
        'badge_holder_counts',
        sa.Column('badge', sa.String(length=40), nullable=False),
        sa.Column('holders', sa.Integer(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('badge', name=op.f('pk_badge_holder_counts')),
    )
    op.execute('INSERT INTO badge_holder_counts (badge, holders) '
               'SELECT badge, count(DISTINCT user_id) FROM badge_awards GROUP BY badge')


def downgrade():
    op.drop_table('badge_holder_counts')
