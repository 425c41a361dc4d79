"""A review written as the portal's summary of another publication's article says so: the original is credited
(publication, month, link, its authors) and the byline is the portal's, on the page and in its JSON-LD."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from home.services import site_settings_update
from news.models import Article
from presentation.dates import DatePrecision
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def summary(**kwargs):
    values = {
        "kind": Article.Kind.REVIEW,
        "title": "科技创新实现新突破",
        "byline": "本报记者 某某 通讯员 某某",
        "source": "咸宁日报",
        "based_on_publication": "咸宁日报",
        "based_on_publication_en": "Xianning Daily",
        "based_on_date": datetime.date(2025, 11, 1),
        "based_on_date_precision": DatePrecision.MONTH,
        "based_on_url": "https://www.example.com/xnrb/2025-11-26/1.html",
        "based_on_authors": "记者 某某 通讯员 某某",
    }
    return ArticleFactory(**(values | kwargs))


def meta(html: str) -> str:
    start = html.index('<p class="article__meta">')
    return html[start : html.index("</header>", start)]


def test_a_summary_credits_the_original_and_is_signed_by_the_portal(client):
    site_settings_update(organizer="咸宁市科学技术局")
    article = summary()

    html = meta(page(client, article.get_absolute_url()))

    assert '<span class="byline">咸宁市科学技术局</span>' in html
    assert "据《咸宁日报》2025年11月报道整理" in html
    assert '<a href="https://www.example.com/xnrb/2025-11-26/1.html" rel="noopener">查看原报道</a>' in html
    assert "原报道作者：记者 某某 通讯员 某某" in html
    # The reporters wrote the original, not this text; the source line is the credit above.
    assert "本报记者" not in html and "来源：" not in html


def test_a_summary_without_date_or_address_says_only_what_is_known_and_the_site_name_signs_without_organizer(client):
    article = summary(based_on_date=None, based_on_url="", based_on_authors="")

    html = meta(page(client, article.get_absolute_url()))

    assert "据《咸宁日报》报道整理" in html
    assert '<span class="byline">科创门户</span>' in html
    assert "查看原报道" not in html and "原报道作者" not in html


def test_a_summary_in_english_names_the_publication_in_english(client):
    site_settings_update(organizer="咸宁市科学技术局")
    article = summary()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    html = meta(page(client, article.get_absolute_url()))

    assert "Summarised from Xianning Daily, November 2025" in html
    assert '<span class="byline"><span lang="zh-hans">咸宁市科学技术局</span></span>' in html
    assert "本报记者" not in html


def test_the_json_ld_of_a_summary_is_based_on_the_original_and_authored_by_the_portal(client):
    site_settings_update(organizer="咸宁市科学技术局")
    article = summary()

    html = page(client, article.get_absolute_url())

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))
    assert data["author"] == {"@type": "Organization", "name": "咸宁市科学技术局"}
    assert data["isBasedOn"] == {
        "@type": "NewsArticle",
        "publisher": {"@type": "Organization", "name": "咸宁日报"},
        "datePublished": "2025-11",
        "url": "https://www.example.com/xnrb/2025-11-26/1.html",
        "author": "记者 某某 通讯员 某某",
    }


def test_an_article_of_the_portal_keeps_its_byline_and_source(client):
    article = ArticleFactory(byline="本报记者 某某", source="咸宁日报")

    html = page(client, article.get_absolute_url())

    assert "本报记者 某某" in meta(html) and "来源：咸宁日报" in meta(html)
    assert "isBasedOn" not in html and "报道整理" not in html


def test_staff_fill_in_the_original_in_a_folded_part_of_the_article_form_and_a_bad_address_is_refused(admin_client):
    html = admin_client.get(reverse("admin:news_article_add")).content.decode()

    assert "据其他报刊报道整理" in html
    for name in ["based_on_publication", "based_on_date", "based_on_url", "based_on_authors"]:
        assert f'name="{name}"' in html
    article = summary(based_on_url='https://x.example/"><script>')
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert set(error.value.message_dict) == {"based_on_url"}


def test_the_api_gives_the_original_of_a_summary_and_null_for_the_portals_own_articles(client):
    article = summary()
    own = ArticleFactory()

    data = client.get(reverse("api:article-detail", kwargs={"slug": article.slug})).json()
    assert data["based_on"] == {
        "publication": "咸宁日报",
        "publication_en": "Xianning Daily",
        "date": {"date": "2025-11-01", "precision": "month", "display": "2025年11月"},
        "url": "https://www.example.com/xnrb/2025-11-26/1.html",
        "authors": "记者 某某 通讯员 某某",
    }
    assert client.get(reverse("api:article-detail", kwargs={"slug": own.slug})).json()["based_on"] is None
