"""What pages compute from all published content alike is kept until that content changes, and not a moment longer:
the list facets' counts and the data page's counts (tests/achievements/test_data_page_at_scale.py). The tests commit
as the site does (with Redis, a change reaches the cache once it commits)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caching.state import PUBLISHED, publishable_models
from publishing.models import Publishable, PublishStatus
from tests.facets import shown_facets
from tests.factories import ArticleFactory, RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def data_cache(settings):
    settings.DATA_CACHE_SECONDS = 600


def counted(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, sum("GROUP BY" in query["sql"] for query in queries)


def test_news_facet_counts_are_kept_for_every_page_of_the_list_until_an_article_changes(client):
    region = RegionFactory(name="嘉鱼县")
    ArticleFactory(title="嘉鱼新闻").regions.add(region)
    index = reverse("news:index")

    html, grouped = counted(client, index)
    assert grouped > 0
    assert shown_facets(html)["地区"].option("嘉鱼县（1）")
    assert counted(client, index)[1] == 0
    assert counted(client, f"{index}?page=1")[1] == 0  # another page of the same list: the same counts

    ArticleFactory(title="又一条嘉鱼新闻").regions.add(region)

    html, grouped = counted(client, index)
    assert grouped > 0
    assert shown_facets(html)["地区"].option("嘉鱼县（2）")


def test_other_filters_and_languages_have_counts_of_their_own(client):
    region = RegionFactory(name="嘉鱼县", name_en="Jiayu")
    ArticleFactory(title="嘉鱼新闻").regions.add(region)
    index = reverse("news:index")
    client.get(index)

    assert counted(client, f"{index}?region={region.slug}")[1] > 0
    client.cookies["language"] = "en"
    html, grouped = counted(client, index)
    assert grouped > 0 and "Jiayu" in html


def test_the_scheduled_models_are_the_publishable_ones():
    # caching reads the publication window without importing publishing, which uses it.
    assert PUBLISHED == PublishStatus.PUBLISHED
    expected = {model for model in apps.get_models() if issubclass(model, Publishable)}
    assert set(publishable_models()) == expected


def count_queries(client, url) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        data = client.get(url).json()
    return data, sum("COUNT(*)" in query["sql"] for query in queries)


def test_an_api_list_total_is_counted_once_for_all_its_pages_until_content_changes(client):
    ArticleFactory.create_batch(3)
    url = "/api/v1/articles/?page_size=2"

    data, counts = count_queries(client, url)
    assert (data["count"], counts) == (3, 1)
    assert count_queries(client, url + "&page=2")[1] == 0
    assert len(client.get(url + "&page=2").json()["results"]) == 1

    ArticleFactory()

    data, counts = count_queries(client, url)
    assert (data["count"], counts) == (4, 1)


def test_staff_api_lists_are_counted_every_time(client, django_user_model):
    ArticleFactory(status=PublishStatus.DRAFT, published_at=None)
    admin = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(admin)

    assert count_queries(client, "/api/v1/articles/") == (count_queries(client, "/api/v1/articles/")[0], 1)
    assert client.get("/api/v1/articles/").json()["count"] == 1


def test_a_lists_total_is_counted_once_for_all_its_pages_until_content_changes(client):
    ArticleFactory.create_batch(11)
    index = reverse("news:index")

    def totals(url):
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        return html, sum("COUNT(*)" in query["sql"] and "GROUP BY" not in query["sql"] for query in queries)

    assert totals(index)[1] == 1
    html, counted = totals(f"{index}?page=2")
    assert counted == 0 and "第 2 页，共 2 页（11 条）" in html

    ArticleFactory()
    html, counted = totals(index)
    assert counted == 1 and "第 1 页，共 2 页（12 条）" in html
