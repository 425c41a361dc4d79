"""The search index by column, so it can rank: names, summary, body and whole names, plus the publication window.

``tokens`` (everything in one column) becomes ``name_tokens``, ``summary_tokens``, ``body_tokens`` and
``name_keys``, computed here from the text every entry already holds; ``visible_from`` / ``visible_until`` are
copied from the items, so visibility is checked on the entry.

SQLite: the FTS5 table gets one column per token column, kept in step by triggers as before (adding the columns
makes Django rebuild search_searchentry, which drops the old triggers: they are dropped first and the new ones
created last). Its ``rank`` is bm25 with column weights.

PostgreSQL: ``search_vector`` is a generated column, setweight(A) of the names, (B) the summary, (C) the body and
(D) the whole names, so the database keeps it in step with whatever writes the token columns; a GIN index serves
the matching. A later migration that alters a token column must drop and re-create search_vector around it.
"""

import re
import unicodedata

from django.db import migrations, models

TOKEN_COLUMNS = ("name_tokens", "summary_tokens", "body_tokens", "name_keys")
# bm25 weights of the FTS5 columns, in the order above (search/query.py ranks candidates with it).
FTS_RANK = "bm25(10.0, 4.0, 2.0, 0.0)"

OLD_SQLITE_TRIGGERS = ["search_searchentry_fts_insert", "search_searchentry_fts_delete", "search_searchentry_fts_update"]
OLD_SQLITE_INDEX = [
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
OLD_POSTGRES_INDEX = [
    "CREATE INDEX search_searchentry_tokens_gin ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, tokens))",
]

_columns = ", ".join(TOKEN_COLUMNS)
_new = ", ".join(f"new.{column}" for column in TOKEN_COLUMNS)
_old = ", ".join(f"old.{column}" for column in TOKEN_COLUMNS)
NEW_SQLITE_INDEX = [
    f"CREATE VIRTUAL TABLE search_searchentry_fts USING fts5({_columns}, "
    "content='search_searchentry', content_rowid='id', tokenize='unicode61')",
    f"INSERT INTO search_searchentry_fts(search_searchentry_fts, rank) VALUES ('rank', '{FTS_RANK}')",  # nosec B608  # constant SQL of the migration
    "CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN "  # nosec B608  # constant SQL of the migration
    f"INSERT INTO search_searchentry_fts(rowid, {_columns}) VALUES (new.id, {_new}); END",
    "CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN "  # nosec B608  # constant SQL of the migration
    f"INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, {_columns}) "
    f"VALUES ('delete', old.id, {_old}); END",
    "CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE ON search_searchentry BEGIN "  # nosec B608  # constant SQL of the migration
    f"INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, {_columns}) "
    f"VALUES ('delete', old.id, {_old}); "
    f"INSERT INTO search_searchentry_fts(rowid, {_columns}) VALUES (new.id, {_new}); END",
    "INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')",
]
# search/query.py uses the column and the index; the weights (A-D) are what it ranks by.
NEW_POSTGRES_INDEX = [
    "ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, name_tokens), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, summary_tokens), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, body_tokens), 'C') || "
    "setweight(to_tsvector('simple'::regconfig, name_keys), 'D')) STORED",
    "CREATE INDEX search_searchentry_vector_gin ON search_searchentry USING gin (search_vector)",
]
NEW_POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_searchentry_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]
# The tokens of search.tokens as they were when this migration was written, copied here so that a later change of
# the live code cannot change what this migration writes: the name keys are unmarked here, and 0005 marks them (the
# live name_key, marked since, would have them marked twice).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PIECE = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def _token_stream(text: str):
    for match in PIECE.finditer(_normalise(text)):
        if match["word"]:
            yield match["word"]
            continue
        run = match["cjk"]
        for i in range(len(run) - 1):
            yield run[i : i + 2]
        yield run[-1]


def index_tokens(text: str) -> str:
    """The tokens of ``text``, each once, in the order they first occur (the one column before this migration)."""
    return " ".join(dict.fromkeys(_token_stream(text)))


def token_sequence(text: str) -> str:
    """The tokens of ``text`` in reading order, repeats kept (what each new column holds)."""
    return " ".join(_token_stream(text))


def name_key(text: str) -> str:
    """A whole name as one token: its letters, digits and Chinese characters run together, normalised."""
    return "".join(match.group() for match in PIECE.finditer(_normalise(text)))


# kind → the model its entries describe
MODELS = {
    "article": ("news", "Article"),
    "achievement": ("achievements", "Achievement"),
    "project": ("projects", "Project"),
    "enterprise": ("enterprises", "Enterprise"),
    "institution": ("enterprises", "Institution"),
}


def drop_old_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for trigger in OLD_SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS search_searchentry_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_searchentry_tokens_gin")


def create_old_index(apps, schema_editor):
    statements = {"sqlite": OLD_SQLITE_INDEX, "postgresql": OLD_POSTGRES_INDEX}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def create_new_index(apps, schema_editor):
    statements = {"sqlite": NEW_SQLITE_INDEX, "postgresql": NEW_POSTGRES_INDEX}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_new_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for trigger in OLD_SQLITE_TRIGGERS:  # the same trigger names
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        schema_editor.execute("DROP TABLE IF EXISTS search_searchentry_fts")
    elif schema_editor.connection.vendor == "postgresql":
        for statement in NEW_POSTGRES_BACKWARD:
            schema_editor.execute(statement)


def _names(entry) -> list[str]:
    return [name for name in [entry.title, *entry.aliases.split("|"), entry.title_en] if name]


def fill_columns(apps, schema_editor):
    """Every entry's token columns and window, written by one UPDATE per entry sent in batches (``executemany``):
    far faster than bulk_update's CASE expressions on a site with a hundred thousand entries."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    table = SearchEntry._meta.db_table
    columns = [*TOKEN_COLUMNS, "visible_from", "visible_until"]
    adapt = schema_editor.connection.ops.adapt_datetimefield_value  # as the ORM would send a datetime
    sql = f"UPDATE {table} SET " + ", ".join(f"{column} = %s" for column in columns) + " WHERE id = %s"  # nosec B608  # constant column names; values are parameters
    for kind, model_name in MODELS.items():
        model = apps.get_model(*model_name)
        windows = {
            pk: (published_at, expires_at)
            for pk, published_at, expires_at in model.objects.values_list("pk", "published_at", "expires_at")
        }
        rows = []
        for entry in SearchEntry.objects.filter(kind=kind).iterator(chunk_size=1000):
            names = _names(entry)
            rows.append(
                (
                    token_sequence(" ".join(names)),
                    token_sequence(" ".join([entry.summary, entry.summary_en])),
                    token_sequence(entry.body),
                    " ".join(dict.fromkeys(key for key in map(name_key, names) if key)),
                    *(adapt(value) for value in windows.get(entry.object_id, (None, None))),
                    entry.pk,
                )
            )
            if len(rows) >= 1000:
                with schema_editor.connection.cursor() as cursor:
                    cursor.executemany(sql, rows)
                rows = []
        if rows:
            with schema_editor.connection.cursor() as cursor:
                cursor.executemany(sql, rows)


def fill_old_tokens(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    batch = []
    for entry in SearchEntry.objects.iterator(chunk_size=1000):
        entry.tokens = index_tokens(" ".join([*_names(entry), entry.summary, entry.body, entry.summary_en]))
        batch.append(entry)
        if len(batch) >= 1000:
            SearchEntry.objects.bulk_update(batch, ["tokens"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["tokens"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_english_title_and_summary"),
        ("news", "0003_english_names"),
        ("achievements", "0003_english_names"),
        ("projects", "0003_english_names"),
        ("enterprises", "0003_english_names"),
    ]

    operations = [
        migrations.RunPython(drop_old_index, create_old_index),
        migrations.AddField(
            model_name="searchentry",
            name="name_tokens",
            field=models.TextField(blank=True, verbose_name="名称词元"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="summary_tokens",
            field=models.TextField(blank=True, verbose_name="摘要词元"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="body_tokens",
            field=models.TextField(blank=True, verbose_name="正文词元"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="name_keys",
            field=models.TextField(blank=True, verbose_name="整名词元"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="visible_from",
            field=models.DateTimeField(blank=True, null=True, verbose_name="公开时间"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="visible_until",
            field=models.DateTimeField(blank=True, null=True, verbose_name="下线时间"),
        ),
        migrations.RunPython(fill_columns, fill_old_tokens),
        migrations.RemoveField(model_name="searchentry", name="tokens"),
        migrations.RunPython(create_new_index, drop_new_index),
    ]
