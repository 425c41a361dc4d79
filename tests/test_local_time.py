"""Dates readers see are the site's own (Beijing time, TIME_ZONE), never UTC's: around New Year that is a year apart."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.urls import reverse

from search.models import SearchEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# Half past midnight on New Year's Day in Beijing; still 2025 in UTC (16:30 on 31 December).
NEW_YEAR = datetime.datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI).astimezone(datetime.UTC)


def json_ld(html: str, kind: str) -> dict:
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD on the page")


def test_search_lists_an_article_published_on_new_years_night_under_the_new_year(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="元旦零点的新闻", year=None, published_at=NEW_YEAR)

    html = client.get(reverse("search:index"), {"q": "元旦零点"}).content.decode()

    assert SearchEntry.objects.get().year == 2026
    assert "元旦零点" in html
    assert "2026年" in html and "2025年" not in html


def test_json_ld_dates_carry_the_sites_offset(client):
    article = ArticleFactory(title="元旦零点的新闻", published_at=NEW_YEAR)

    data = json_ld(client.get(article.get_absolute_url()).content.decode(), "NewsArticle")

    assert data["datePublished"] == "2026-01-01T00:30:00+08:00"
    assert data["dateModified"].endswith("+08:00")
    assert datetime.datetime.fromisoformat(data["dateModified"]) == article.updated_at
