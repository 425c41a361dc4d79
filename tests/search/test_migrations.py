"""The search migrations carry the token logic they were written with, so an index made before them comes out of
them as the live code would make it now, however search.tokens changes later."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.models import SearchEntry
from search.tokens import name_key, token_sequence

BEFORE_COLUMNS = [("search", "0003_english_title_and_summary")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_an_entry_indexed_before_the_token_columns_gets_its_whole_name_marked_once():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("search")
    try:
        old = migrate(BEFORE_COLUMNS).get_model("search", "SearchEntry")
        old.objects.create(
            kind="project",
            object_id=1,
            title="咸宁（武汉）离岸科创园",
            aliases="|离岸园|",
            summary="科创飞地",
            body="",
            tokens="",
            url="/projects/1/",
        )
        migrate(latest)
    finally:
        migrate(latest)

    entry = SearchEntry.objects.get(object_id=1)
    assert entry.name_keys == "名咸宁武汉离岸科创园 名离岸园" == " ".join([name_key(entry.title), name_key("离岸园")])
    assert entry.name_tokens == token_sequence("咸宁（武汉）离岸科创园 离岸园")
    assert entry.summary_tokens == token_sequence("科创飞地")
