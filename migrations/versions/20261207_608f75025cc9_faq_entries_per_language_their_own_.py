"""faq entries per language, their own wording, lists by language

Existing entries take their source question's language (English where it has none).

Revision ID: 608f75025cc9
Revises: e25eec24949c
Create Date: 2026-12-07 04:39:24.030935

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '608f75025cc9'
down_revision = 'e25eec24949c'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('faq_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='en', nullable=False))
        batch_op.add_column(sa.Column('wording_markdown', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('wording_html', sa.Text(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_faq_entries_question_id'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_faq_entries_question_id_language'), ['question_id', 'language'])
    op.execute("UPDATE faq_entries SET language = COALESCE((SELECT posts.language FROM posts "
               "WHERE posts.id = faq_entries.question_id AND posts.language IN ('en', 'it')), 'en')")

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index('ix_posts_kind_language_created_at', ['kind', 'language', 'created_at'], unique=False)
        batch_op.create_index('ix_posts_kind_language_last_activity_at', ['kind', 'language', 'last_activity_at'], unique=False)
        batch_op.create_index('ix_posts_kind_language_score', ['kind', 'language', 'score'], unique=False)



def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index('ix_posts_kind_language_score')
        batch_op.drop_index('ix_posts_kind_language_last_activity_at')
        batch_op.drop_index('ix_posts_kind_language_created_at')

    # One entry per thread again: the thread's first entry stays.
    op.execute("DELETE FROM faq_entries WHERE id NOT IN (SELECT MIN(id) FROM faq_entries GROUP BY question_id)")
    with op.batch_alter_table('faq_entries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_faq_entries_question_id_language'), type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_faq_entries_question_id'), ['question_id'])
        batch_op.drop_column('wording_html')
        batch_op.drop_column('wording_markdown')
        batch_op.drop_column('language')

