"""Whole-name tokens get a mark (``search.tokens.NAME_MARK``), so that the name "科技" is no longer the same token as
the pair 科技 of every body: looking up the entries named what was searched for reads only their postings.

Both indexes follow the column: PostgreSQL's ``search_vector`` is generated from it, SQLite's FTS5 table is kept in
step by the triggers of migration 0004.
"""

from django.db import migrations

BATCH = 1000


def _rewrite(apps, schema_editor, key_of):
    SearchEntry = apps.get_model("search", "SearchEntry")
    sql = f"UPDATE {SearchEntry._meta.db_table} SET name_keys = %s WHERE id = %s"  # nosec B608  # the model's table name; values are parameters
    rows = []
    for pk, keys in SearchEntry.objects.values_list("pk", "name_keys").iterator(chunk_size=BATCH):
        rows.append((" ".join(key_of(key) for key in keys.split()), pk))
        if len(rows) >= BATCH:
            with schema_editor.connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            rows = []
    if rows:
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(sql, rows)


# The mark as it was when this migration was written (a later change of NAME_MARK needs a migration of its own).
MARK = "名"


def mark_keys(apps, schema_editor):
    _rewrite(apps, schema_editor, lambda key: MARK + key)


def unmark_keys(apps, schema_editor):
    _rewrite(apps, schema_editor, lambda key: key.removeprefix(MARK))


class Migration(migrations.Migration):
    dependencies = [("search", "0004_weighted_index")]

    operations = [migrations.RunPython(mark_keys, unmark_keys)]
