"""search documents: quality bands, title tsvector, per-language band indexes

Revision ID: 20b04312a054
Revises: 89784c6de9f2
Create Date: 2026-12-06 23:00:00

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '20b04312a054'
down_revision = '89784c6de9f2'
branch_labels = None
depends_on = None

LANGUAGES = (("it", "="), ("other", "<>"))
# As postgres_backend.quality_band at this revision: the quality factor's steps of ×1.2 from 1, clamped.
BAND_SQL = "greatest(-4, least(6, floor(ln(boost) / ln(1.2))))"
CONFIGURATION_SQL = "CAST(CASE WHEN language = 'it' THEN 'sportello_italian' ELSE 'sportello_english' END AS regconfig)"


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:  # btree_gin: the band leads the GIN indexes (a trusted extension shipped with PostgreSQL)
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('band', sa.SmallInteger(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('title_tsv', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'),
                                      nullable=True))
        batch_op.drop_index('ix_search_documents_tsv', postgresql_using='gin')
    if postgres:
        # A narrow row: the texts and the whole-text tsvector go to TOAST (read for the twenty results' snippets
        # and the candidates' rank), the title's tsvector stays in the row, so reading a band's matches touches
        # few pages. Rows written from now on (`flask search reindex` rewrites them all).
        op.execute("ALTER TABLE search_documents SET (toast_tuple_target = 128)")
        op.execute("ALTER TABLE search_documents ALTER COLUMN title_tsv SET STORAGE MAIN")
        # Existing documents searchable at once; `flask search reindex` adds the joined spellings of
        # hyphenated title words, as every write does from now on.
        op.execute(f"UPDATE search_documents SET band = {BAND_SQL}, title_tsv = to_tsvector({CONFIGURATION_SQL}, "
                   "title || ' ' || replace(tags, '-', ' '))")
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.alter_column('band', server_default=None)
        for column in ('tsv', 'title_tsv'):
            for name, operator in LANGUAGES:
                batch_op.create_index(f'ix_search_documents_{column}_{name}', ['band', column], unique=False,
                                      postgresql_using='gin', postgresql_where=sa.text(f"language {operator} 'it'"))
        batch_op.create_index('ix_search_documents_faq_titles', ['title_tsv'], unique=False, postgresql_using='gin',
                              postgresql_where=sa.text("flags LIKE '% faq %'"))


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE search_documents RESET (toast_tuple_target)")
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_faq_titles', postgresql_using='gin')
        for column in ('tsv', 'title_tsv'):
            for name, _ in LANGUAGES:
                batch_op.drop_index(f'ix_search_documents_{column}_{name}', postgresql_using='gin')
        batch_op.create_index('ix_search_documents_tsv', ['tsv'], unique=False, postgresql_using='gin')
        batch_op.drop_column('title_tsv')
        batch_op.drop_column('band')
