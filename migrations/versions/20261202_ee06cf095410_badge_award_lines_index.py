"""badge award lines index

Revision ID: ee06cf095410
Revises: 6bebff8c49d8
Create Date: 2026-12-02 01:56:45.236839

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ee06cf095410'
down_revision = '6bebff8c49d8'
branch_labels = None
depends_on = None


def upgrade():
    # A profile's badge lines (awards grouped per badge and product, with the latest date) read from the
    # index alone: a busy member holds thousands of awards.
    op.create_index('ix_badge_awards_user_id_badge_tag_id_awarded_at', 'badge_awards',
                    ['user_id', 'badge', 'tag_id', 'awarded_at', 'post_id'])


def downgrade():
    op.drop_index('ix_badge_awards_user_id_badge_tag_id_awarded_at', table_name='badge_awards')
