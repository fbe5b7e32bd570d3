"""notifications, follows, e-mail preferences, reminders

Revision ID: 6c9b35d74efd
Revises: 88a1e90aa256
Create Date: 2026-12-01 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6c9b35d74efd'
down_revision = '88a1e90aa256'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('post_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('subject', sa.String(length=60), server_default='', nullable=False),
    sa.Column('detail', sa.String(length=500), server_default='', nullable=False),
    sa.Column('mail_state', sa.String(length=10), server_default='off', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_notifications_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_notifications_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['posts.id'], name=op.f('fk_notifications_question_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_id_read_at', ['user_id', 'read_at'], unique=False)
        batch_op.create_index('ix_notifications_user_id_created_at', ['user_id', 'created_at'], unique=False)
        batch_op.create_index('ix_notifications_mail_state_user_id', ['mail_state', 'user_id'], unique=False)

    op.create_table('follows',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('tag_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(question_id IS NULL) <> (tag_id IS NULL)', name=op.f('ck_follows_one_target')),
    sa.ForeignKeyConstraint(['question_id'], ['posts.id'], name=op.f('fk_follows_question_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_follows_tag_id_tags'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follows')),
    sa.UniqueConstraint('user_id', 'question_id', name=op.f('uq_follows_user_id_question_id')),
    sa.UniqueConstraint('user_id', 'tag_id', name=op.f('uq_follows_user_id_tag_id'))
    )
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index('ix_follows_question_id', ['question_id'], unique=False)
        batch_op.create_index('ix_follows_tag_id', ['tag_id'], unique=False)

    op.create_table('mail_preferences',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.CheckConstraint("mode IN ('instant', 'digest', 'off')", name=op.f('ck_mail_preferences_mode')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mail_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_mail_preferences'))
    )
    op.create_table('accept_reminders',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['posts.id'], name=op.f('fk_accept_reminders_question_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', name=op.f('pk_accept_reminders'))
    )
    op.create_table('digests_sent',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digests_sent_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'day', name=op.f('pk_digests_sent'))
    )


def downgrade():
    op.drop_table('digests_sent')
    op.drop_table('accept_reminders')
    op.drop_table('mail_preferences')
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index('ix_follows_tag_id')
        batch_op.drop_index('ix_follows_question_id')

    op.drop_table('follows')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_mail_state_user_id')
        batch_op.drop_index('ix_notifications_user_id_created_at')
        batch_op.drop_index('ix_notifications_user_id_read_at')

    op.drop_table('notifications')
