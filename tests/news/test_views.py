import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from news.models import Article
from tests.facets import shown_facets
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    InstitutionFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
    TopicFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def make_review(**kwargs):
    return ArticleFactory(
        kind=Article.Kind.REVIEW,
        year=2025,
        series="奋发有为 这一年",
        title="科技创新实现新突破",
        **kwargs,
    )


# The list


def test_news_list_shows_published_articles_newest_first(client):
    ArticleFactory(title="一月旧闻", published_at=datetime.datetime(2025, 1, 5, 9, tzinfo=SHANGHAI))
    ArticleFactory(title="十一月要闻", published_at=datetime.datetime(2025, 11, 20, 9, tzinfo=SHANGHAI))

    html = page(client, reverse("news:index"))

    assert html.index("十一月要闻") < html.index("一月旧闻")
    assert "2025年11月20日" in html


def test_anonymous_visitor_cannot_see_draft_or_scheduled_articles_in_the_list(client):
    ArticleFactory(title="草稿文章", draft=True)
    ArticleFactory(title="明天的文章", scheduled=True)

    html = page(client, reverse("news:index"))

    assert "草稿文章" not in html
    assert "明天的文章" not in html
    assert "暂时还没有发布文章" in html


def test_kind_filter_shows_only_that_kind_and_marks_the_current_link(client):
    ArticleFactory(kind=Article.Kind.REVIEW, title="年度回顾文章")
    ArticleFactory(kind=Article.Kind.NEWS, title="普通新闻")

    html = page(client, reverse("news:index") + "?kind=review")

    assert "年度回顾文章" in html
    assert "普通新闻" not in html
    assert 'href="/news/?kind=review" aria-current="true"' in html
    assert 'href="/news/?kind=policy"' in html


def test_unknown_kind_shows_all_articles(client):
    ArticleFactory(title="普通新闻")

    assert "普通新闻" in page(client, reverse("news:index") + "?kind=nonsense")


def test_empty_kind_says_so_and_links_back_to_all_articles(client):
    html = page(client, reverse("news:index") + "?kind=policy")

    assert "符合“政策解读”的文章暂时还没有发布" in html
    assert '<a href="/news/">清除筛选</a>' in html


def test_news_list_is_paginated_with_labelled_links_that_keep_the_filter(client):
    ArticleFactory.create_batch(12, kind=Article.Kind.NEWS)

    first = page(client, reverse("news:index") + "?kind=news")
    second = page(client, reverse("news:index") + "?kind=news&page=2")

    assert first.count('class="item"') == 10
    assert second.count('class="item"') == 2
    assert 'aria-label="分页"' in first
    assert 'href="?kind=news&amp;page=2" rel="next">下一页' in first
    assert "第 2 页，共 2 页" in second
    assert 'aria-current="page" aria-label="第 2 页，当前页"' in second


def test_page_past_the_end_is_not_found(client):
    ArticleFactory()

    page(client, reverse("news:index") + "?page=9", status=404)


def test_news_list_queries_do_not_grow_with_articles(client, django_assert_num_queries):
    # count, page of articles, one count per filter (kind, year, region, topic)
    response = assert_constant_queries(
        client, django_assert_num_queries, reverse("news:index"), ArticleFactory.create_batch, expected=6
    )
    assert response.content.decode().count('class="item"') == 10


# One article


def test_article_page_shows_series_title_subtitle_byline_source_date_lead_and_body(client):
    article = make_review(
        subtitle="全市科技创新年度盘点",
        byline="本报记者 某某 通讯员 某某",
        source="咸宁日报",
        # 20:00 UTC is already the next day in China.
        published_at=datetime.datetime(2025, 11, 25, 20, 0, tzinfo=datetime.UTC),
        lead="这是导语。",
        body="<p>这是正文。</p>",
    )

    html = page(client, article.get_absolute_url())

    assert "<title>科技创新实现新突破 · 科创门户</title>" in html
    for text in [
        "奋发有为 这一年",
        "全市科技创新年度盘点",
        "本报记者 某某 通讯员 某某",
        "来源：咸宁日报",
        "这是导语。",
    ]:
        assert text in html
    assert '<time datetime="2025-11-26">2025年11月26日</time>' in html
    assert "<p>这是正文。</p>" in html


def test_review_shows_each_section_with_label_heading_and_anchor(client):
    review = make_review()
    ArticleSectionFactory(article=review, order=1, label="新格局", heading="打造区域协同创新样本")
    ArticleSectionFactory(article=review, order=2, label="新突破", heading="从技术攻坚到产业升级")

    html = page(client, review.get_absolute_url())

    assert 'id="section-1"' in html and 'id="section-2"' in html
    assert '<span class="section-label">新格局</span> <span aria-hidden="true">◀</span> 打造区域协同创新样本' in html
    assert html.index("打造区域协同创新样本") < html.index("从技术攻坚到产业升级")
    assert 'href="#section-2"' in html


def test_review_section_shows_its_key_figures_as_written_beside_the_prose(client):
    review = make_review()
    section = ArticleSectionFactory(article=review, label="新突破", body="<p>嘉鱼县农业科技。</p>")
    achievement = AchievementFactory(article=review, section=section)
    KeyFigureFactory(achievement=achievement, text="4.2万亩", label="新品种累计推广面积")
    KeyFigureFactory(achievement=achievement, text="98%", label="良种覆盖率")

    html = page(client, review.get_absolute_url())

    aside = html[html.index('<aside class="section-figures"') : html.index("</aside>")]
    assert "4.2万亩" in aside and "新品种累计推广面积" in aside
    assert "98%" in aside
    assert achievement.get_absolute_url() in aside
    assert html.index("嘉鱼县农业科技。") < html.index("4.2万亩")


def test_review_does_not_show_figures_of_draft_or_scheduled_achievements(client):
    review = make_review()
    section = ArticleSectionFactory(article=review)
    KeyFigureFactory(achievement=AchievementFactory(section=section, article=review, draft=True), text="草稿数字")
    KeyFigureFactory(achievement=AchievementFactory(section=section, article=review, scheduled=True), text="定时数字")
    KeyFigureFactory(achievement=AchievementFactory(article=review, draft=True), text="草稿成果数字")

    html = page(client, review.get_absolute_url())

    assert "草稿数字" not in html
    assert "定时数字" not in html
    assert "草稿成果数字" not in html


def test_article_achievements_outside_any_section_are_listed_after_the_body(client):
    article = ArticleFactory()
    KeyFigureFactory(achievement=AchievementFactory(article=article, title="咸宁智算中心开建"), text="1000P")

    html = page(client, article.get_absolute_url())

    assert "咸宁智算中心开建" in html
    assert "1000P" in html


def test_article_links_its_published_projects_enterprises_institutions_regions_and_topics(client):
    article = ArticleFactory()
    article.projects.add(ProjectFactory(name="公开项目"), ProjectFactory(name="草稿项目", draft=True))
    article.enterprises.add(EnterpriseFactory(name="公开企业"), EnterpriseFactory(name="明天企业", scheduled=True))
    article.institutions.add(InstitutionFactory(name="公开大学"), InstitutionFactory(name="草稿大学", draft=True))
    region = RegionFactory(name="通城县")
    topic = TopicFactory(name="科技金融")
    article.regions.add(region)
    article.topics.add(topic)

    html = page(client, article.get_absolute_url())

    for shown in ["公开项目", "公开企业", "公开大学"]:
        assert shown in html
    for hidden in ["草稿项目", "明天企业", "草稿大学"]:
        assert hidden not in html
    assert f'href="{region.get_absolute_url()}"' in html
    assert f'href="{topic.get_absolute_url()}"' in html


def test_anonymous_visitor_cannot_open_a_draft_article(client):
    article = ArticleFactory(draft=True)

    html = page(client, article.get_absolute_url(), status=404)

    assert "找不到这个页面" in html


def test_anonymous_visitor_cannot_open_a_scheduled_article_before_its_time(client):
    article = ArticleFactory(scheduled=True)

    page(client, article.get_absolute_url(), status=404)


def test_review_page_queries_do_not_grow_with_sections_and_figures(client, django_assert_num_queries):
    review = make_review()

    def add_items(n):
        for _ in range(n):
            section = ArticleSectionFactory(article=review)
            KeyFigureFactory.create_batch(2, achievement=AchievementFactory(article=review, section=section))
        KeyFigureFactory.create_batch(n, achievement__article=review)
        review.projects.add(*ProjectFactory.create_batch(n))
        review.enterprises.add(*EnterpriseFactory.create_batch(n))
        review.institutions.add(*InstitutionFactory.create_batch(n))
        review.regions.add(*RegionFactory.create_batch(n))
        review.topics.add(*TopicFactory.create_batch(n))

    # article, sections, their achievements, figures, unplaced achievements, figures,
    # regions, topics, people, projects, enterprises, institutions
    response = assert_constant_queries(
        client, django_assert_num_queries, review.get_absolute_url(), add_items, expected=12
    )
    assert response.content.decode().count('class="article-section"') == 10


# Filters


def test_news_filters_combine_and_show_counts_for_each_choice(client):
    region = RegionFactory(name="嘉鱼县")
    topic = TopicFactory(name="农业科技")
    both = ArticleFactory(title="嘉鱼农业新闻", published_at=datetime.datetime(2025, 5, 1, 9, tzinfo=SHANGHAI))
    both.regions.add(region)
    both.topics.add(topic)
    ArticleFactory(title="嘉鱼其他新闻", published_at=datetime.datetime(2024, 5, 1, 9, tzinfo=SHANGHAI)).regions.add(
        region
    )
    ArticleFactory(title="别处新闻", published_at=datetime.datetime(2025, 6, 1, 9, tzinfo=SHANGHAI))

    html = page(client, f"{reverse('news:index')}?region={region.slug}&year=2025")

    assert "嘉鱼农业新闻" in html
    assert "嘉鱼其他新闻" not in html and "别处新闻" not in html
    # Each count says what clicking would show, given the other filters.
    years = shown_facets(html)["年份"]
    assert years.current == ["2025年（1）"]
    assert years.option("2024年（1）").href == f"/news/?region={region.slug}&year=2024"
    assert f'href="/news/?region={region.slug}&amp;year=2025&amp;topic={topic.slug}"' in html
    assert '<a href="/news/">清除筛选</a>' in html


def test_news_filter_by_topic_and_kind_is_reflected_in_the_title(client):
    topic = TopicFactory(name="算力")
    ArticleFactory(title="算力回顾", kind=Article.Kind.REVIEW).topics.add(topic)
    ArticleFactory(title="算力新闻", kind=Article.Kind.NEWS).topics.add(topic)

    html = page(client, f"{reverse('news:index')}?topic={topic.slug}&kind=review")

    assert "算力回顾" in html and "算力新闻" not in html
    assert "<h1>新闻与回顾：年度回顾、算力</h1>" in html


def test_malformed_or_unknown_filter_values_never_fail(client):
    ArticleFactory(title="普通新闻")

    html = page(client, f"{reverse('news:index')}?year=abc&region=nowhere&kind=%27%3B--")

    assert "清除筛选" in html  # the unknown region is a filter that matches nothing…
    assert "普通新闻" not in html
    assert page(client, f"{reverse('news:index')}?year=abc&kind=x").count('class="item"') == 1


def test_pagination_keeps_the_filters(client):
    region = RegionFactory(name="通城县")
    for article in ArticleFactory.create_batch(12):
        article.regions.add(region)

    html = page(client, f"{reverse('news:index')}?region={region.slug}")

    assert f'href="?region={region.slug}&amp;page=2" rel="next"' in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plans")
@pytest.mark.parametrize("params", [{}, {"topic": "keji"}, {"region": "xianning", "kind": "news"}])
def test_news_list_and_its_facet_counts_read_articles_through_an_index_without_anti_joins(client, params):
    region, topic = RegionFactory(slug="xianning"), TopicFactory(slug="keji")
    for article in ArticleFactory.create_batch(3):
        article.regions.add(region)
        article.topics.add(topic)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("news:index"), params).status_code == 200
    statements = [query["sql"] for query in queries if '"news_article"' in query["sql"]]

    assert len(statements) >= 5  # the count, the page, a count per facet
    for statement in statements:
        with transaction.atomic(), connection.cursor() as cursor:
            # Whole-table scans priced out: what still scans the article table does so for want of an index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {statement}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Anti Join" not in plan, plan
        assert "Seq Scan on news_article " not in plan, plan
