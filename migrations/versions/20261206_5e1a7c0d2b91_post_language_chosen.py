"""post language chosen by its author

Revision ID: 5e1a7c0d2b91
Revises: ee06cf095410
Create Date: 2026-12-06 22:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5e1a7c0d2b91'
down_revision = 'ee06cf095410'
branch_labels = None
depends_on = None


def upgrade():
    # Existing rows took the interface's language, so none counts as chosen: `flask posts detect-language`
    # then reads every one from its text.
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language_chosen', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_column('language_chosen')
