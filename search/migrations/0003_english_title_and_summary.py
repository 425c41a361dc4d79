"""English title and summary on search entries (from the content's optional English fields), filled in for the
entries that exist, with their tokens recomputed so English words find them.

On SQLite, adding the columns makes Django rebuild search_searchentry, which drops the FTS5 triggers of
0002_token_index: they are created again here and the FTS5 table is rebuilt from the new tokens.
"""

import re
import unicodedata

from django.db import migrations, models

SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER IF NOT EXISTS search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS search_searchentry_fts_update AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO search_searchentry_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
]
# The tokens of search.tokens as they were when this migration was written, copied here so that a later change of
# the live code cannot change what this migration writes (a change of the tokens comes with a migration of its own).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
PIECE = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<word>[^\W_{CJK}]+)")


def index_tokens(text: str) -> str:
    """Words whole, Chinese runs as overlapping pairs plus their last character; each token once."""
    tokens: dict[str, None] = {}
    for match in PIECE.finditer(unicodedata.normalize("NFKC", text or "").lower()):
        if match["word"]:
            tokens[match["word"]] = None
            continue
        run = match["cjk"]
        for i in range(len(run) - 1):
            tokens[run[i : i + 2]] = None
        tokens[run[-1]] = None
    return " ".join(tokens)


# kind → (model, its English title field, its English summary field)
ENGLISH_FIELDS = {
    "article": (("news", "Article"), "title_en", "lead_en"),
    "achievement": (("achievements", "Achievement"), "title_en", "summary_en"),
    "project": (("projects", "Project"), "name_en", "summary_en"),
    "enterprise": (("enterprises", "Enterprise"), "name_en", "summary_en"),
    "institution": (("enterprises", "Institution"), "name_en", "summary_en"),
}


def restore_fts_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)
        schema_editor.execute("INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')")


def fill_english(apps, schema_editor):
    SearchEntry = apps.get_model("search", "SearchEntry")
    for kind, (model_name, title_field, summary_field) in ENGLISH_FIELDS.items():
        model = apps.get_model(*model_name)
        entries = list(SearchEntry.objects.filter(kind=kind))
        english = {
            pk: (title or "", summary or "")
            for pk, title, summary in model.objects.filter(pk__in=[entry.object_id for entry in entries]).values_list(
                "pk", title_field, summary_field
            )
        }
        changed = []
        for entry in entries:
            title_en, summary_en = (text.strip() for text in english.get(entry.object_id, ("", "")))
            if not (title_en or summary_en):
                continue
            entry.title_en, entry.summary_en = title_en[:300], summary_en
            aliases = [alias for alias in entry.aliases.split("|") if alias]
            entry.tokens = index_tokens(
                " ".join([entry.title, *aliases, entry.summary, entry.body, entry.title_en, entry.summary_en])
            )
            changed.append(entry)
        SearchEntry.objects.bulk_update(changed, ["title_en", "summary_en", "tokens"], batch_size=500)
    restore_fts_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_token_index"),
        ("news", "0003_english_names"),
        ("achievements", "0003_english_names"),
        ("projects", "0003_english_names"),
        ("enterprises", "0003_english_names"),
    ]

    operations = [
        # Undoing this migration drops the columns (a table rebuild again on SQLite): the triggers come back last.
        migrations.RunPython(migrations.RunPython.noop, restore_fts_triggers),
        migrations.AddField(
            model_name="searchentry",
            name="title_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="英文标题"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="summary_en",
            field=models.TextField(blank=True, verbose_name="英文摘要"),
        ),
        migrations.RunPython(fill_english, migrations.RunPython.noop),
    ]
