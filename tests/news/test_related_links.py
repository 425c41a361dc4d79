"""An article's footer of links (projects, enterprises, institutions, regions, topics, people) is rendered once and
kept in the data cache: a second reader costs six queries fewer, and a change to any linked item shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing import services
from tests.factories import ArticleFactory, EnterpriseFactory, ProjectFactory, RegionFactory, TopicFactory

# Committed for real: with Redis a change is counted once its transaction commits (caching.state.invalidate).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article():
    article = ArticleFactory(title="带链接的新闻")
    article.projects.add(ProjectFactory(name="智算中心"))
    article.enterprises.add(EnterpriseFactory(name="高斯算电"))
    article.regions.add(RegionFactory(name="赤壁市"))
    article.topics.add(TopicFactory(name="算力"))
    return article


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_second_reader_gets_the_footer_from_the_cache(client, article, settings):
    settings.DATA_CACHE_SECONDS = 600
    url = article.get_absolute_url()

    first, page = queries(client, url)
    second, again = queries(client, url)

    assert first - second >= 6
    for name in ["智算中心", "高斯算电", "赤壁市", "算力"]:
        assert name in page and name in again


def test_a_linked_item_taken_offline_leaves_the_footer_at_once(client, article, settings, admin_user):
    settings.DATA_CACHE_SECONDS = 600
    url = article.get_absolute_url()
    assert "智算中心" in client.get(url).content.decode()

    project = article.projects.get()
    services.content_unpublish(obj=project, user=admin_user, reason="测试")

    page = client.get(url).content.decode()
    assert "智算中心" not in page and "高斯算电" in page


def test_the_footer_shows_in_the_english_edition_in_english(client, article, settings):
    settings.DATA_CACHE_SECONDS = 600
    project = article.projects.get()
    type(project).objects.filter(pk=project.pk).update(name_en="Computing Centre")
    url = article.get_absolute_url()

    assert "智算中心" in client.get(url).content.decode()
    client.cookies["language"] = "en"
    assert "Computing Centre" in client.get(url).content.decode()
