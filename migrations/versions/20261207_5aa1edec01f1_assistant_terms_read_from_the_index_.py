"""assistant terms read from the index alone

A query reads each term's best rows in impact order; with the passage in the index those rows come from the
index alone instead of one table look-up each.

Revision ID: 5aa1edec01f1
Revises: a452b3754b2e
Create Date: 2026-12-07 12:04:53.434864

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '5aa1edec01f1'
down_revision = 'a452b3754b2e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assistant_terms', schema=None) as batch_op:
        batch_op.create_index('ix_assistant_terms_term_impact_passage', ['term', 'impact', 'passage_id'], unique=False)
        batch_op.drop_index(batch_op.f('ix_assistant_terms_term_impact'))


def downgrade():
    with op.batch_alter_table('assistant_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assistant_terms_term_impact'), ['term', 'impact'], unique=False)
        batch_op.drop_index('ix_assistant_terms_term_impact_passage')
