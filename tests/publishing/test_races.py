"""Issue 13, item 5: two people (or two requests) moving one item at the same moment: exactly one wins, the other
is told why, and the audit log records the step once. Fired in parallel on PostgreSQL (SQLite lets one writer at a
time: nothing slips in between there)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from news.models import Article
from publishing import services
from publishing.models import AuditEntry, PublishStatus
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL: several writers at once"),
]


def at_once(*calls):
    """Runs each call in a thread of its own (its own database connection), all released together; returns what
    each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("round_", range(5))
def test_two_simultaneous_approvals_publish_once(editor, reviewer, second_reviewer, round_):
    article = ArticleFactory(draft=True, title=f"同时审核的稿件{round_}")
    services.content_submit(obj=article, user=editor)

    def approve(user):
        return lambda: services.content_publish(obj=Article.objects.get(pk=article.pk), user=user)

    outcomes = at_once(approve(reviewer), approve(second_reviewer))

    refused = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), outcomes
    assert "只有“待审核”的内容可以审核发布" in refused[0].messages[0]
    assert Article.objects.get(pk=article.pk).status == PublishStatus.PUBLISHED
    assert AuditEntry.objects.filter(object_id=str(article.pk), action=AuditEntry.Action.PUBLISHED).count() == 1


def test_two_simultaneous_unpublishes_write_one_entry(reviewer, second_reviewer):
    article = ArticleFactory(title="同时下线的新闻")

    outcomes = at_once(
        lambda: services.content_unpublish(obj=Article.objects.get(pk=article.pk), user=reviewer, reason="有误"),
        lambda: services.content_unpublish(obj=Article.objects.get(pk=article.pk), user=second_reviewer, reason="重复"),
    )

    assert sum(isinstance(outcome, ValidationError) for outcome in outcomes) == 1, outcomes
    entries = AuditEntry.objects.filter(object_id=str(article.pk), action=AuditEntry.Action.UNPUBLISHED)
    assert entries.count() == 1


def test_three_clients_creating_articles_with_one_title_at_once_all_succeed(django_user_model):
    from django.urls import reverse

    from tests.api_helpers import staff_user, token_client

    writers = [staff_user(django_user_model, "add_article", username=f"writer{n}") for n in range(3)]
    url = reverse("api:article-list")

    def create_ten(user):
        def run():
            client = token_client(user)
            return [client.post(url, {"title": "同名的新闻"}, format="json").status_code for _ in range(10)]

        return run

    outcomes = at_once(*(create_ten(user) for user in writers))

    assert outcomes == [[201] * 10] * 3, outcomes
    slugs = list(Article.objects.values_list("slug", flat=True))
    assert len(slugs) == 30 and len(set(slugs)) == 30
