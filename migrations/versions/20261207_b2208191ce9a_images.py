"""images: uploaded pictures, their files, the posts showing them, files kept in the database

Revision ID: b2208191ce9a
Revises: 9cf8933ba0ee
Create Date: 2026-12-07 00:27:43.854267

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b2208191ce9a'
down_revision = '660d35a97cd5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stored_files',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_stored_files'))
    )
    op.create_table('images',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('removed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['removed_by_id'], ['users.id'], name=op.f('fk_images_removed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_images_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_images')),
    sa.UniqueConstraint('sha256', name=op.f('uq_images_sha256'))
    )
    with op.batch_alter_table('images', schema=None) as batch_op:
        batch_op.create_index('ix_images_created_at', ['created_at'], unique=False)

    op.create_table('image_files',
    sa.Column('image_id', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('byte_size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['image_id'], ['images.id'], name=op.f('fk_image_files_image_id_images'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('image_id', 'width', name=op.f('pk_image_files'))
    )
    with op.batch_alter_table('image_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_image_files_sha256'), ['sha256'], unique=False)

    op.create_table('post_images',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('image_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['image_id'], ['images.id'], name=op.f('fk_post_images_image_id_images'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_images_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'image_id', name=op.f('pk_post_images'))
    )
    with op.batch_alter_table('post_images', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_images_image_id'), ['image_id'], unique=False)



def downgrade():
    with op.batch_alter_table('post_images', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_images_image_id'))

    op.drop_table('post_images')
    with op.batch_alter_table('image_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_image_files_sha256'))

    op.drop_table('image_files')
    with op.batch_alter_table('images', schema=None) as batch_op:
        batch_op.drop_index('ix_images_created_at')

    op.drop_table('images')
    op.drop_table('stored_files')
