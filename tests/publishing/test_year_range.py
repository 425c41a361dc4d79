"""One range of years everywhere a year is typed or asked for: 1900 to 2100 (``publishing.models``)."""

import pytest
from django.core.exceptions import ValidationError

from achievements.models import Achievement
from news.models import Article
from presentation.dates import FIRST_YEAR, LAST_YEAR
from presentation.facets import Facet
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [FIRST_YEAR - 1, LAST_YEAR + 1, 20255])
def test_a_year_outside_the_range_is_a_form_error_on_every_kind(year):
    for item in (AchievementFactory.build(year=year), KeyFigureFactory(year=None), ArticleFactory.build(year=year)):
        if not isinstance(item, Achievement | Article):
            item.year = year
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert "year" in error.value.message_dict


def test_the_ends_of_the_range_are_years_like_any_other():
    AchievementFactory.build(year=FIRST_YEAR).full_clean(exclude=["slug"])
    AchievementFactory.build(year=LAST_YEAR).full_clean(exclude=["slug"])


@pytest.mark.parametrize("year", [str(FIRST_YEAR - 1), str(LAST_YEAR + 1)])
def test_the_api_refuses_a_year_outside_the_range(client, year):
    response = client.get("/api/v1/achievements/", {"year": year})
    assert response.status_code == 400 and "year" in response.json()


def test_a_list_filters_only_by_a_year_in_the_range():
    facet = Facet("year", "年份", year_of="published_at")
    assert [facet.is_valid(str(year)) for year in (FIRST_YEAR - 1, FIRST_YEAR, LAST_YEAR, LAST_YEAR + 1)] == [
        False,
        True,
        True,
        False,
    ]
