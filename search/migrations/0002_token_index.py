"""The full-text index over SearchEntry.tokens: FTS5 on SQLite, a GIN index on PostgreSQL.

SQLite: an external-content FTS5 table kept in step by triggers. A later migration that makes
Django rebuild search_searchentry (SQLite "remake table") drops these triggers: re-create them
there, and run ``rebuild_search_index``.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_searchentry_fts USING fts5("
    "tokens, content='search_searchentry', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    "END",
    "CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO search_searchentry_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]
# The query in search/query.py repeats this exact expression, so PostgreSQL can use the index.
POSTGRES_FORWARD = [
    "CREATE INDEX search_searchentry_tokens_gin ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, tokens))",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS search_searchentry_tokens_gin"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
