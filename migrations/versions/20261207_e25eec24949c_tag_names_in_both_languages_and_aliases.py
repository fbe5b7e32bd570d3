"""tags: a display name and description in each language, and aliases (other words typed for a tag)

Revision ID: e25eec24949c
Revises: c58e73345c6f
Create Date: 2026-12-07 04:39:39.013864

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e25eec24949c'
down_revision = 'c58e73345c6f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tag_aliases',
    sa.Column('term', sa.String(length=35), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_tag_aliases_tag_id_tags'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('term', name=op.f('pk_tag_aliases'))
    )
    with op.batch_alter_table('tag_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tag_aliases_tag_id'), ['tag_id'], unique=False)

    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_en', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('name_it', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('description_it', sa.Text(), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('tags', schema=None) as batch_op:
        batch_op.drop_column('description_it')
        batch_op.drop_column('name_it')
        batch_op.drop_column('name_en')

    with op.batch_alter_table('tag_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tag_aliases_tag_id'))

    op.drop_table('tag_aliases')
