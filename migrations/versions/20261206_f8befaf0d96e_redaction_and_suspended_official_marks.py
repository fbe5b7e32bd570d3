"""redaction and suspended official marks

Revision ID: f8befaf0d96e
Revises: 5e1a7c0d2b91
Create Date: 2026-12-06 21:34:28.925803

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f8befaf0d96e'
down_revision = '5e1a7c0d2b91'
branch_labels = None
depends_on = None


def upgrade():
    # When the brand team removed personal data from a comment (comments are otherwise never edited).
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('redacted_at', sa.DateTime(timezone=True), nullable=True))

    # A post's audit entries and notifications, found again when its personal data is redacted.
    with op.batch_alter_table('moderation_log', schema=None) as batch_op:
        batch_op.create_index('ix_moderation_log_target_type_target_id', ['target_type', 'target_id'], unique=False)

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_post_id', ['post_id'], unique=False)

    # An official answer changed by someone outside the brand team: the mark waits for a re-confirmation.
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('official_suspended_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_column('official_suspended_at')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_post_id')

    with op.batch_alter_table('moderation_log', schema=None) as batch_op:
        batch_op.drop_index('ix_moderation_log_target_type_target_id')

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_column('redacted_at')
