"""The plans of the hot queries on PostgreSQL: what would read a whole table at 100,000 rows must use an index.

A test table holds a handful of rows, where a sequential scan is the cheapest plan; with sequential scans
priced out, only a usable index gives a plan without one. The timings themselves are in bench/, not here.
"""

import re

import pytest
from django.db import connection

from enterprises.sitemaps import EnterpriseSitemap
from news.sitemaps import ArticleSitemap
from regions.views import RegionDetailView, region_achievements, region_projects
from tests.factories import AchievementFactory, ArticleFactory, KeyFigureFactory, ProjectFactory, RegionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_sitemap_page_reads_one_range_of_the_primary_key_without_offset():
    ArticleFactory.create_batch(5)
    page = ArticleSitemap().paginator.page(1).object_list

    sql = str(page.query)
    text = plan(page)

    assert "OFFSET" not in sql and "COUNT(" not in sql
    # One range of keys: the page's bounds are in the query, and an index (the key's, or the public list's on a
    # table this small) answers it.
    assert '"news_article"."id" >' in sql and '"news_article"."id" <=' in sql
    assert "Index" in text
    assert "Seq Scan" not in text


def test_the_sitemap_index_reads_each_latest_date_from_an_index():
    ArticleFactory.create_batch(3)
    sitemap = ArticleSitemap()
    latest_published = sitemap.queryset().order_by("-published_at").values("published_at")[:1]
    latest_corrected = (
        sitemap.queryset().filter(corrected_at__isnull=False).order_by("-corrected_at").values("corrected_at")[:1]
    )
    latest_updated = (
        EnterpriseSitemap().queryset().filter(updated_at__isnull=False).order_by("-updated_at").values("updated_at")[:1]
    )

    # Read from an index on published_at (its own, or the public list's, which leads with it): backwards, or, when
    # row estimates left by other tests' ANALYZE (pg_class keeps them past a rollback) make the planner think the
    # table holds more, as a bitmap of that index. Never the whole table.
    published_plan = plan(latest_published)
    pattern = r"(Index (Only )?Scan Backward using|Bitmap Index Scan on) news_article_publi"
    assert re.search(pattern, published_plan), published_plan
    assert "Seq Scan" not in published_plan
    assert "Index Scan Backward using news_article_corrected_at" in plan(latest_corrected)
    assert "Index Scan Backward using enterprises_enterprise_updated_at" in plan(latest_updated)


def test_the_region_page_counts_without_joining_figures_or_the_link_table():
    region = RegionFactory()
    KeyFigureFactory(region=region, achievement=AchievementFactory())
    ProjectFactory(region=region)

    achievements = plan(region_achievements(region))
    projects = plan(region_projects(region))
    counts = str(RegionDetailView().get_queryset().filter(pk=region.pk).query)

    # The figures' region index answers "about this region"; no join multiplies the achievements.
    assert "achievements_keyfigure_region_id" in achievements
    assert "Join" not in achievements and "Seq Scan" not in achievements
    assert "projects_project_other_regions" in projects and "Join" not in projects
    assert "Seq Scan" not in projects
    assert "LEFT OUTER JOIN" not in counts.split(' FROM "regions_region"')[0]


def plan_of_request(client, url: str, table: str) -> str:
    """The plan of the query by which a public request lists ``table``'s rows (the first that orders them), with
    sequential scans and sorts priced out: a Sort left in it means that no index gives the order."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sql = next(query["sql"] for query in queries if f'FROM "{table}"' in query["sql"] and "ORDER BY" in query["sql"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_figures_api_reads_its_page_in_index_order_without_sorting_every_figure(client):
    for year in (2024, 2025):
        KeyFigureFactory.create_batch(3, achievement=AchievementFactory(year=year))

    text = plan_of_request(client, "/api/v1/figures/", "achievements_keyfigure")

    assert "keyfigure_listing" in text, text
    assert "Sort" not in text, text


def test_the_home_page_finds_its_headline_figures_by_their_own_index(client):
    KeyFigureFactory(is_featured=True)
    KeyFigureFactory.create_batch(3)

    text = plan_of_request(client, "/", "achievements_keyfigure")

    assert "keyfigure_featured" in text, text
    assert "Sort" not in text, text
