"""The anonymous page cache: what a second visitor gets, and that every change staff make shows at once.

Runs on whatever cache the suite has: the in-process cache by default, Redis with REDIS_URL (CI's second run).
The tests commit as the site does (``transaction=True``): with Redis, a change reaches the cache once it commits.
"""

import datetime
import re
import unittest.mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from caching.models import PageCacheState
from caching.state import shared_cache
from home.services import site_settings_update
from news.models import Article
from news.release import review_release
from publishing.services import content_publish, content_submit, content_unpublish
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    ImageFactory,
    KeyFigureFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = datetime.timedelta(hours=1)
SCHEDULE_LOOKUP = re.compile(r'"(published_at|expires_at)" > .* ORDER BY (1|"\w+"\."\w+") ASC LIMIT 1')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PUBLIC_MAX_AGE = 60


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def text(response) -> str:
    return response.content.decode()


def test_the_second_anonymous_visit_is_served_from_the_cache(client):
    ArticleFactory(title="缓存测试新闻")

    first = get(client, "/news/")
    second = get(client, "/news/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "缓存测试新闻" in text(second)
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["Content-Length"] == str(len(second.content))
    assert second["X-Frame-Options"] == "DENY"
    assert second["Cache-Control"] == "public, max-age=60, stale-while-revalidate=60"


def test_a_cached_hit_costs_one_small_query_at_most(client, django_assert_num_queries):
    ArticleFactory(title="只查一次")
    get(client, "/news/")

    # The current generation (caching.state): kept in Redis beside the pages, or in one database row that every
    # process reads when each has an in-process cache of its own. The page itself comes from the cache.
    with django_assert_num_queries(0 if shared_cache() else 1):
        assert get(client, "/news/")["X-Page-Cache"] == "hit"


def schedule_lookups(queries) -> int:
    """The look-ups of caching.state.next_scheduled_change: the first publication or expiry after now, by kind."""
    return sum(bool(SCHEDULE_LOOKUP.search(query["sql"])) for query in queries)


def test_the_next_scheduled_change_is_looked_up_once_a_generation(client, django_assert_max_num_queries):
    ArticleFactory(title="查一次日程")

    with django_assert_max_num_queries(100) as first:
        get(client, "/news/")
    with django_assert_max_num_queries(100) as other_page:
        get(client, "/projects/")
    ArticleFactory(title="新的一代")
    with django_assert_max_num_queries(100) as after_a_change:
        get(client, "/projects/")

    assert schedule_lookups(first) > 0
    assert schedule_lookups(other_page) == 0
    assert schedule_lookups(after_a_change) == schedule_lookups(first)


def test_each_language_and_large_text_mode_has_its_own_copy(client):
    chinese = get(client, "/news/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = get(client, "/news/")
    client.cookies["large_text"] = "1"
    large = get(client, "/news/")

    assert [chinese["X-Page-Cache"], english["X-Page-Cache"], large["X-Page-Cache"]] == ["miss"] * 3
    assert '<html lang="zh-hans"' in text(chinese)
    assert '<html lang="en"' in text(english) and "large-text" not in text(english).split(">", 2)[1]
    assert 'class="large-text"' in text(large)
    assert get(client, "/news/")["X-Page-Cache"] == "hit"


def test_the_full_address_is_the_key(client):
    ArticleFactory(title="第一页的新闻")
    get(client, "/news/")

    other = get(client, "/news/?year=1999")

    assert other["X-Page-Cache"] == "miss"
    assert "第一页的新闻" not in text(other)


def test_staff_are_never_served_from_nor_fill_the_cache(client, editor):
    ArticleFactory(title="员工看到的页面")
    client.force_login(editor)

    for _ in range(2):
        response = get(client, "/news/")
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-store"
    client.logout()
    # The logout left a session cookie behind; a new visitor has none.
    client.cookies.clear()
    assert get(client, "/news/")["X-Page-Cache"] == "miss"


def test_previews_and_the_admin_are_private(admin_client):
    draft = ArticleFactory(title="预览草稿", draft=True)

    preview = admin_client.get(reverse("admin:news_article_change", args=[draft.pk]))

    assert {"private", "no-store"} <= set(preview["Cache-Control"].replace(" ", "").split(","))
    assert "X-Page-Cache" not in preview


def test_what_sets_a_cookie_or_fails_is_not_cached(client):
    toggle = client.get(reverse("home:accessibility"), {"large": "1", "next": "/news/"})
    missing = client.get("/news/no-such-article/")

    assert toggle.status_code == 302 and "X-Page-Cache" not in toggle
    assert missing.status_code == 404
    assert client.get("/news/no-such-article/").get("X-Page-Cache") is None


def test_a_publish_through_the_workflow_shows_on_the_cached_list_at_once(client, editor, reviewer):
    article = ArticleFactory(title="审核后发布的新闻", draft=True)
    assert "审核后发布的新闻" not in text(get(client, "/news/"))
    assert get(client, "/news/")["X-Page-Cache"] == "hit"

    content_submit(obj=article, user=editor)
    content_publish(obj=article, user=reviewer)

    fresh = get(client, "/news/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "审核后发布的新闻" in text(fresh)
    assert "审核后发布的新闻" in text(get(client, "/"))


def test_an_unpublish_takes_the_page_and_its_list_entry_down_at_once(client, reviewer):
    article = ArticleFactory(title="将要下线的新闻")
    url = article.get_absolute_url()
    get(client, url)
    get(client, "/news/")

    content_unpublish(obj=article, user=reviewer, reason="信息有误")

    assert client.get(url).status_code == 410
    assert "将要下线的新闻" not in text(get(client, "/news/"))


def test_an_edit_of_live_content_and_a_correction_note_show_at_once(client):
    article = ArticleFactory(title="原来的标题")
    url = article.get_absolute_url()
    get(client, url)

    article.title = "改过的标题"
    article.correction_note = "更正了一处数字"
    article.corrected_at = datetime.date(2026, 1, 5)
    article.save()

    page = text(get(client, url))
    assert "改过的标题" in page
    assert "更正了一处数字" in page


def test_a_change_to_a_related_part_shows_on_the_page_that_lists_it(client):
    figure = KeyFigureFactory(label="签约企业", text="205家")
    url = figure.achievement.get_absolute_url()
    assert "205家" in text(get(client, url))

    figure.text = "206家"
    figure.save()

    assert "206家" in text(get(client, url))


def test_site_settings_show_in_every_cached_footer(client):
    get(client, "/")
    get(client, "/news/")

    site_settings_update(organizer="测试市科学技术局", phone="0715-7654321")

    assert "0715-7654321" in text(get(client, "/"))
    assert "0715-7654321" in text(get(client, "/news/"))


def test_a_new_picture_description_shows_on_the_cached_page(client):
    image = ImageFactory(alt_text="旧的图片说明")
    project = ProjectFactory(name="有图的项目", cover=image)
    url = project.get_absolute_url()
    assert "旧的图片说明" in text(get(client, url))

    image.alt_text = "新的图片说明"
    image.save()

    assert "新的图片说明" in text(get(client, url))


def test_the_release_of_a_yearly_review_shows_it_and_its_achievements(client, editor, reviewer):
    review = ArticleFactory(title="测试年度回顾", kind=Article.Kind.REVIEW, year=2026, draft=True)
    section = ArticleSectionFactory(article=review)
    achievement = AchievementFactory(title="回顾里的成果", article=review, section=section, draft=True)
    KeyFigureFactory(achievement=achievement, label="回顾里的数字")
    for item in [review, achievement]:
        content_submit(obj=item, user=editor)
    assert "测试年度回顾" not in text(get(client, "/news/"))
    assert "回顾里的数字" not in text(get(client, "/achievements/"))

    review_release(article=review, at=timezone.now(), user=reviewer)

    assert "测试年度回顾" in text(get(client, "/news/"))
    assert "回顾里的数字" in text(get(client, "/achievements/"))


def test_a_change_that_rolls_back_leaves_the_cached_pages_current(client):
    get(client, "/news/")

    with pytest.raises(RuntimeError), transaction.atomic():
        ArticleFactory(title="撤回的新闻")
        raise RuntimeError("the save fails after the row was written")

    assert get(client, "/news/")["X-Page-Cache"] == "hit"
    ArticleFactory(title="保存成功的新闻")
    assert "保存成功的新闻" in text(get(client, "/news/"))


@pytest.fixture
def in_process_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_every_process_reads_the_generation_from_the_database(client, in_process_cache):
    """With the in-process cache each gunicorn worker has its own pages; a change saved through any of them must
    reach all. A second process is one with an empty cache of its own and the same database."""
    ArticleFactory(title="另一个进程")
    get(client, "/news/")
    generation = PageCacheState.objects.get().generation

    ArticleFactory(title="又一条新闻")

    assert PageCacheState.objects.get().generation == generation + 1
    cache.clear()  # what the other process's cache holds: nothing of this one's
    assert "又一条新闻" in text(get(client, "/news/"))


def test_scheduled_publication_shows_on_cached_pages_at_the_scheduled_minute(client):
    now = timezone.now()
    ArticleFactory(title="定时发布的新闻", published_at=now + HOUR)
    page = get(client, "/news/")
    assert "定时发布的新闻" not in text(page)
    # Neither the page cache nor a browser keeps the page past the scheduled time.
    assert page["Cache-Control"] == "public, max-age=60, stale-while-revalidate=60"
    assert get(client, "/news/")["X-Page-Cache"] == "hit"

    with unittest.mock.patch("django.utils.timezone.now", return_value=now + HOUR - datetime.timedelta(seconds=30)):
        early = get(client, "/news/")
        assert early["X-Page-Cache"] == "hit"
        assert "定时发布的新闻" not in text(early)
        assert early["Cache-Control"] == "public, max-age=30, stale-while-revalidate=30"
    with unittest.mock.patch("django.utils.timezone.now", return_value=now + HOUR + datetime.timedelta(seconds=1)):
        due = get(client, "/news/")
        assert due["X-Page-Cache"] == "miss"
        assert "定时发布的新闻" in text(due)


def test_expiry_takes_an_item_off_cached_pages_at_the_scheduled_minute(client):
    now = timezone.now()
    article = ArticleFactory(title="到期下线的新闻", expires_at=now + 2 * HOUR)
    assert "到期下线的新闻" in text(get(client, "/news/"))
    assert get(client, article.get_absolute_url()).status_code == 200

    with unittest.mock.patch("django.utils.timezone.now", return_value=now + 2 * HOUR + datetime.timedelta(seconds=1)):
        assert "到期下线的新闻" not in text(get(client, "/news/"))
        assert client.get(article.get_absolute_url()).status_code == 410


def test_the_next_scheduled_change_is_recorded_with_the_generation(client, in_process_cache):
    soon = timezone.now() + datetime.timedelta(minutes=10)
    ArticleFactory(title="十分钟后发布", published_at=soon)
    get(client, "/news/")

    state = PageCacheState.objects.get()
    assert state.schedule_known
    assert state.next_change == soon


def test_without_a_page_cache_pages_still_get_public_headers(client, settings):
    settings.PAGE_CACHE_SECONDS = 0

    response = get(client, "/news/")

    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=60"


def test_a_cache_that_is_down_leaves_the_pages_up(client, settings):
    """(More of the same in tests/caching/test_outage.py.)"""
    from caching import backends

    settings.CACHES = {"default": {"BACKEND": "caching.backends.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    from django.core.cache import caches

    caches["default"].close()
    backends._down_until.clear()
    ArticleFactory(title="缓存停了也能看")

    responses = [client.get("/news/") for _ in range(2)]

    assert [response.status_code for response in responses] == [200, 200]
    assert [response.get("X-Page-Cache") for response in responses] == ["miss", "miss"]  # nothing kept
    assert "缓存停了也能看" in text(responses[1])
    backends._down_until.clear()
