import datetime

import pytest
from django.utils import timezone, translation

from news.models import Article
from presentation.dates import DatePrecision, format_partial_date
from publishing.models import PublishStatus
from publishing.slugs import pinyin_slug
from tests.factories import ArticleFactory, ProjectFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_chinese_title_gets_a_readable_pinyin_slug():
    project = ProjectFactory(name="咸宁科技创新中心", slug="")
    assert project.slug == "xian-ning-ke-ji-chuang-xin-zhong-xin"


def test_slug_stays_when_the_title_is_corrected():
    article = ArticleFactory(title="科技创新实现新突破", slug="")
    article.title = "科技创新实现新的突破"
    article.save()
    article.refresh_from_db()
    assert article.slug == "ke-ji-chuang-xin-shi-xian-xin-tu-po"


def test_two_items_with_the_same_title_get_different_slugs():
    first = ArticleFactory(title="年度回顾", slug="")
    second = ArticleFactory(title="年度回顾", slug="")
    assert first.slug == "nian-du-hui-gu"
    assert second.slug == "nian-du-hui-gu-2"


def test_title_without_letters_still_gets_a_slug():
    assert pinyin_slug("“1+7+N”地网") == "17n-di-wang"
    assert pinyin_slug("……") == "item"


def test_publishing_without_a_time_sets_it_to_now():
    article = ArticleFactory(status=PublishStatus.PUBLISHED, published_at=None)
    assert article.published_at is not None
    assert article.is_live()


def test_draft_and_future_articles_are_not_published():
    now = timezone.now()
    live = ArticleFactory()
    ArticleFactory(status=PublishStatus.DRAFT)
    scheduled = ArticleFactory(published_at=now + datetime.timedelta(days=1))
    assert list(Article.objects.published()) == [live]
    assert not scheduled.is_live()


def test_body_html_is_sanitised_whenever_it_is_saved():
    article = ArticleFactory(body='<p onclick="x()">正文<strong>加粗</strong><script>alert(1)</script></p>')
    article.refresh_from_db()
    assert "<strong>加粗</strong>" in article.body
    assert "script" not in article.body
    assert "onclick" not in article.body


def test_partial_dates_read_the_chinese_way():
    day = datetime.date(2026, 1, 1)
    assert format_partial_date(day, DatePrecision.YEAR) == "2026年"
    assert format_partial_date(day, DatePrecision.MONTH) == "2026年1月"
    assert format_partial_date(datetime.date(2025, 11, 26), DatePrecision.DAY) == "2025年11月26日"
    assert format_partial_date(None, DatePrecision.DAY) == ""


def test_partial_dates_read_the_english_way_in_the_english_interface():
    with translation.override("en"):
        assert format_partial_date(datetime.date(2026, 1, 1), DatePrecision.YEAR) == "2026"
        assert format_partial_date(datetime.date(2026, 1, 1), DatePrecision.MONTH) == "January 2026"
        assert format_partial_date(datetime.date(2025, 11, 26), DatePrecision.DAY) == "Nov. 26, 2025"


def test_region_slug_comes_from_its_name():
    assert RegionFactory(name="赤壁市").slug == "chi-bi-shi"
