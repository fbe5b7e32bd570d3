"""assistant index: passages, their weighted terms, vocabulary, statistics, pending marks

Revision ID: 31af409bb14e
Revises: f8befaf0d96e
Create Date: 2026-12-06 21:37:14.674599

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '31af409bb14e'
down_revision = 'f8befaf0d96e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('assistant_pending',
    sa.Column('question_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('marked_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('question_id', name=op.f('pk_assistant_pending'))
    )
    op.create_table('assistant_statistics',
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('passages', sa.Integer(), nullable=False),
    sa.Column('total_length', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('kind', name=op.f('pk_assistant_statistics'))
    )
    op.create_table('assistant_vocabulary',
    sa.Column('term', sa.String(length=64), nullable=False),
    sa.Column('passages', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('term', name=op.f('pk_assistant_vocabulary'))
    )
    op.create_table('assistant_passages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('length', sa.Double(), nullable=False),
    sa.Column('is_official', sa.Boolean(), nullable=False),
    sa.Column('is_accepted', sa.Boolean(), nullable=False),
    sa.Column('review_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('stamp', sa.String(length=24), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['answer_id'], ['posts.id'], name=op.f('fk_assistant_passages_answer_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['posts.id'], name=op.f('fk_assistant_passages_question_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistant_passages'))
    )
    with op.batch_alter_table('assistant_passages', schema=None) as batch_op:
        batch_op.create_index('ix_assistant_passages_question_id', ['question_id'], unique=False)

    op.create_table('assistant_terms',
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=64), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['assistant_passages.id'], name=op.f('fk_assistant_terms_passage_id_assistant_passages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('passage_id', 'term', name=op.f('pk_assistant_terms'))
    )
    with op.batch_alter_table('assistant_terms', schema=None) as batch_op:
        batch_op.create_index('ix_assistant_terms_term_impact', ['term', 'impact'], unique=False)



def downgrade():
    with op.batch_alter_table('assistant_terms', schema=None) as batch_op:
        batch_op.drop_index('ix_assistant_terms_term_impact')

    op.drop_table('assistant_terms')
    with op.batch_alter_table('assistant_passages', schema=None) as batch_op:
        batch_op.drop_index('ix_assistant_passages_question_id')

    op.drop_table('assistant_passages')
    op.drop_table('assistant_vocabulary')
    op.drop_table('assistant_statistics')
    op.drop_table('assistant_pending')
