"""search documents keep the whole text's vector in the row

Revision ID: 5bc06dd65761
Revises: 7860b4ccf95f
Create Date: 2026-12-07 19:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '5bc06dd65761'
down_revision = '7860b4ccf95f'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return  # the column is plain text on SQLite, where the table stays empty
    # Ranking a search's whole-text candidates read each one's vector from TOAST (an index lookup and a chunk or
    # two a candidate, 6 of the 10 ms of a common word's ranking); in the row it comes with the page the band's
    # lookup already reads. A vector too long for a page still goes to TOAST.
    op.execute("ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE MAIN")
    # The setting applies to values written from now on: each vector is written again, unchanged (a vector joined
    # with the empty one is a new value equal to it), so that existing documents move into their rows.
    op.execute("UPDATE search_documents SET tsv = tsv || ''::tsvector")
    # Every index gained an entry for each row's new version: built again, their lookups read half the pages
    # (a title's lookup cost 2.2 ms at p50 instead of 1.5 with the old entries vacuumed out but not packed).
    op.execute("REINDEX TABLE search_documents")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_documents ALTER COLUMN tsv SET STORAGE EXTENDED")
