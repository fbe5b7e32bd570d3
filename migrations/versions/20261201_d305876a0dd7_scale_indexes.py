"""indexes for pages at scale

Revision ID: d305876a0dd7
Revises: 65b1c3c03cd9
Create Date: 2026-12-01 23:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd305876a0dd7'
down_revision = '65b1c3c03cd9'
branch_labels = None
depends_on = None


def upgrade():
    # The care queue's "waiting" tab (no answer yet, oldest first) and its count.
    op.create_index('ix_posts_kind_answer_count_created_at', 'posts', ['kind', 'answer_count', 'created_at'])
    # Official answers due for review.
    op.create_index('ix_posts_official_review_due_at', 'posts', ['official_review_due_at'])
    # A profile's questions and answers, newest first, and their count, without reading the posts.
    op.create_index('ix_posts_author_id_kind_deleted_at_created_at', 'posts',
                    ['author_id', 'kind', 'deleted_at', 'created_at'])


def downgrade():
    op.drop_index('ix_posts_author_id_kind_deleted_at_created_at', table_name='posts')
    op.drop_index('ix_posts_official_review_due_at', table_name='posts')
    op.drop_index('ix_posts_kind_answer_count_created_at', table_name='posts')
