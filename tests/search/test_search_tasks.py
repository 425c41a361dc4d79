"""The search index is refreshed by the task worker once a save commits (search/signals.py, search/tasks.py)."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from search.query import search
from search.tokens import parse_query
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory
from tests.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]


def found(text: str) -> list[str]:
    entries, _counts = search(parse_query(text))
    return [entry.title for entry in entries]


def test_a_saved_article_is_found_once_the_worker_has_refreshed_its_entry():
    ArticleFactory(title="量子通信试验网建成", body="<p>城市间的量子密钥分发。</p>")

    assert found("量子通信") == []  # queued: the save did not wait for the index
    task = DBTaskResult.objects.get()
    assert task.task_name == "refresh_entries"

    run_worker()

    assert found("量子通信") == ["量子通信试验网建成"]
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


def test_a_deleted_article_leaves_the_index_when_the_worker_runs():
    article = ArticleFactory(title="氢能重卡示范线")
    run_worker()
    assert found("氢能重卡") == ["氢能重卡示范线"]

    article.delete()
    run_worker()

    assert found("氢能重卡") == []


def queued_refreshes() -> list:
    return [task.args_kwargs["args"] for task in DBTaskResult.objects.order_by("enqueued_at")]


def test_an_item_saved_with_thirty_parts_in_one_transaction_is_refreshed_once():
    with transaction.atomic():
        achievement = AchievementFactory(title="智算中心开建")
        KeyFigureFactory.create_batch(30, achievement=achievement)
        achievement.save()

    assert queued_refreshes() == [["achievements.Achievement", [achievement.pk]]]
    run_worker()
    assert found("智算中心") == ["智算中心开建"]


def test_nothing_is_queued_for_a_rolled_back_transaction_and_nothing_is_lost_after_it():
    with pytest.raises(RuntimeError), transaction.atomic():
        ArticleFactory(title="撤回的新闻")
        raise RuntimeError
    assert queued_refreshes() == []

    kept = ArticleFactory(title="留下的新闻")

    # (the rolled-back article's number is refreshed with the next commit: it no longer exists, so it adds nothing)
    assert [pks for _model, pks in queued_refreshes()][-1][-1] == kept.pk
    run_worker()
    assert found("新闻") == ["留下的新闻"]
