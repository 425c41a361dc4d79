"""What keeps the data page fast with two hundred thousand figures, checked for what a reader sees: the counts are
kept until content changes (and no longer), and a page of the table is the same rows whichever way it is found."""

import datetime
import itertools
import unittest.mock
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from achievements.figure_data import FigureData
from achievements.models import Achievement
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory, RegionFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("achievements:index")


@pytest.fixture
def mixed_figures():
    """Figures over three categories, two regions (and none), two years, some with a region or year of their own
    that differs from their achievement's."""
    regions = [RegionFactory(name="嘉鱼县", order=2), RegionFactory(name="赤壁市", order=1), None]
    article = ArticleFactory(slug="review")
    achievements = [
        AchievementFactory(category=category, region=region, year=year, article=article, title=f"成果{i:02d}")
        for i, (category, region, year) in enumerate(
            itertools.product(
                [Achievement.Category.FINANCE, Achievement.Category.PLATFORM, Achievement.Category.TALENT],
                regions,
                [2023, 2025],
            )
        )
    ]
    for i in range(170):
        achievement = achievements[(i * 7) % len(achievements)]
        KeyFigureFactory(
            achievement=achievement,
            label=f"数据{i:03d}",
            value=Decimal(i),
            order=i % 4,
            region=regions[i % 3] if i % 5 == 0 else None,
            year=2024 if i % 11 == 0 else None,
        )


@pytest.mark.parametrize("grouping", ["category", "region", "year"])
@pytest.mark.parametrize("params", ["", "year=2025", "region=chi-bi-shi&target=0"])
def test_a_page_of_the_table_is_the_same_rows_as_the_whole_order_would_give(mixed_figures, grouping, params):
    data = FigureData(QueryDict(params))
    everything = list(data.ordered_queryset(grouping).values_list("pk", flat=True))
    assert everything, "the selection should not be empty"

    for size in (1, 7, 50):
        for offset in range(0, len(everything) + size, size):
            assert data.page_ids(grouping, offset, size) == everything[offset : offset + size], (offset, size)


def test_the_last_page_of_the_table_is_complete(client, mixed_figures):
    html = client.get(INDEX, {"page": "4", "group": "region"}).content.decode()

    assert html.count('<td class="figure-text"') == 170 - 150


@pytest.fixture
def data_cache(settings):
    settings.DATA_CACHE_SECONDS = 600


def grouped_counts() -> int:
    with CaptureQueriesContext(connection) as queries:
        FigureData(QueryDict(""))
    return sum("GROUP BY" in query["sql"] for query in queries)


@pytest.mark.django_db(transaction=True)  # with Redis, a change reaches the cache once it commits
def test_the_counts_over_every_figure_are_made_once_until_content_changes(client, data_cache, mixed_figures):
    assert grouped_counts() == 1
    assert grouped_counts() == 0  # kept

    KeyFigureFactory(achievement=Achievement.objects.first(), label="新增的数据", unit="家", value=Decimal(5))

    assert grouped_counts() == 1  # a change of content: counted again
    html = client.get(INDEX).content.decode()
    assert "共 <strong>171</strong> 项数据" in html


def test_a_scheduled_achievement_counts_on_the_data_page_from_its_minute(client, data_cache):
    now = timezone.now()
    KeyFigureFactory(label="现在的数据")
    later = AchievementFactory(title="定时的成果", published_at=now + datetime.timedelta(hours=1))
    KeyFigureFactory(achievement=later, label="定时的数据")
    assert "共 <strong>1</strong> 项数据" in client.get(INDEX).content.decode()

    with unittest.mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(minutes=59)):
        assert "共 <strong>1</strong> 项数据" in client.get(INDEX).content.decode()
    with unittest.mock.patch("django.utils.timezone.now", return_value=now + datetime.timedelta(minutes=61)):
        assert "共 <strong>2</strong> 项数据" in client.get(INDEX).content.decode()


def test_the_data_page_works_while_the_cache_is_down(client, data_cache, mixed_figures):
    with unittest.mock.patch("django.core.cache.cache.get", side_effect=ConnectionError("cache down")):
        response = client.get(INDEX)

    assert response.status_code == 200
    assert "共 <strong>170</strong> 项数据" in response.content.decode()
