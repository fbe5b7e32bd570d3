"""question twins: translations linked as one group

Revision ID: e28b7cdc9589
Revises: 4634f2d3f2fe
Create Date: 2026-12-07 04:39:29.908320

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e28b7cdc9589'
down_revision = '4634f2d3f2fe'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('twin_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_twin_groups'))
    )
    op.create_table('question_twins',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('linked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['twin_groups.id'], name=op.f('fk_question_twins_group_id_twin_groups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['linked_by_id'], ['users.id'], name=op.f('fk_question_twins_linked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['posts.id'], name=op.f('fk_question_twins_question_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', name=op.f('pk_question_twins'))
    )
    with op.batch_alter_table('question_twins', schema=None) as batch_op:
        batch_op.create_index('ix_question_twins_group_id', ['group_id'], unique=False)



def downgrade():
    with op.batch_alter_table('question_twins', schema=None) as batch_op:
        batch_op.drop_index('ix_question_twins_group_id')

    op.drop_table('question_twins')
    op.drop_table('twin_groups')
