"""care queue indexes

Revision ID: 6bebff8c49d8
Revises: e511bda89c41
Create Date: 2026-12-02 01:52:40.578867

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '6bebff8c49d8'
down_revision = 'e511bda89c41'
branch_labels = None
depends_on = None


def upgrade():
    # The care queue's waiting tab (live questions without answers, oldest first) and its count, read from
    # the index alone: with the shorter index SQLite read every unanswered question's row to count them.
    op.create_index('ix_posts_care_waiting', 'posts',
                    ['kind', 'answer_count', 'deleted_at', 'hidden_at', 'closed_reason', 'created_at'])
    # The unresolved tab's count (answered, nothing accepted or official, past a few days), from the index alone.
    op.create_index('ix_posts_care_unresolved', 'posts',
                    ['kind', 'accepted_answer_id', 'has_official_answer', 'deleted_at', 'hidden_at', 'closed_reason',
                     'created_at', 'answer_count'])


def downgrade():
    op.drop_index('ix_posts_care_unresolved', table_name='posts')
    op.drop_index('ix_posts_care_waiting', table_name='posts')
