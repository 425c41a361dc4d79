"""PostgreSQL: the entry's kind becomes a lexeme of ``search_vector`` (``search.query.KIND_MARK`` + the kind, weight D,
which ranking gives no weight), so "matches of this kind" is answered inside the GIN index, by intersecting two
posting lists, instead of reading every match to keep one kind: counting the institutions among a hundred thousand
entries that hold 科技 no longer reads those hundred thousand rows.

The generated column is dropped and added again with the new expression (PostgreSQL cannot alter it in place).
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, name_tokens), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, summary_tokens), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, body_tokens), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, name_keys), 'D')"
)
# The mark as it was when this migration was written.
KIND_LEXEME = "setweight(to_tsvector('simple'::regconfig, '类' || kind), 'D')"


def _statements(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS search_searchentry_vector_gin",
        "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
        f"ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED",
        "CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING gin (search_vector)",
        "ANALYZE search_searchentry",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0005_marked_name_keys")]

    operations = [
        migrations.RunPython(_run(_statements(f"{VECTOR} || {KIND_LEXEME}")), _run(_statements(VECTOR))),
    ]
