"""What pages compute from all published content alike is kept until that content changes, and not a moment longer:
the list facets' counts and the data page's counts (tests/achievements/test_data_page_at_scale.py)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caching.state import PUBLISHED, publishable_models
from publishing.models import Publishable, PublishStatus
from tests.factories import ArticleFactory, RegionFactory

pytestmark = pytest.mark.django_db


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
    assert '嘉鱼县<span class="filter__count">（1）</span>' in html
    assert counted(client, index)[1] == 0
    assert counted(client, f"{index}?page=1")[1] == 0  # another page of the same list: the same counts

    ArticleFactory(title="又一条嘉鱼新闻").regions.add(region)

    html, grouped = counted(client, index)
    assert grouped > 0
    assert '嘉鱼县<span class="filter__count">（2）</span>' in html


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
