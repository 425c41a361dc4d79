import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from regions.models import Region
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    InstitutionFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def test_region_list_links_every_region_with_its_kind(client):
    county = RegionFactory(name="通山县", kind=Region.Kind.COUNTY)
    outside = RegionFactory(name="武汉", kind=Region.Kind.OUTSIDE)

    html = page(client, reverse("regions:index"))

    assert f'href="{county.get_absolute_url()}"' in html
    assert f'href="{outside.get_absolute_url()}"' in html
    assert "县" in html and "市外" in html


def test_region_page_shows_everything_published_about_the_region(client):
    region = RegionFactory(name="嘉鱼县")
    ProjectFactory(name="两院三中心平台", region=region)
    ProjectFactory(name="跨地区的科创园", region=RegionFactory(name="武汉")).other_regions.add(region)
    EnterpriseFactory(name="嘉鱼农业科技公司", region=region)
    InstitutionFactory(name="嘉鱼县农科所", region=region)
    KeyFigureFactory(achievement=AchievementFactory(title="育成甘蓝新品种", region=region), text="4.2万亩")
    ArticleFactory(title="嘉鱼县农业科技报道").regions.add(region)

    html = page(client, region.get_absolute_url())

    for text in [
        "嘉鱼县",
        "两院三中心平台",
        "跨地区的科创园",
        "嘉鱼农业科技公司",
        "嘉鱼县农科所",
        "育成甘蓝新品种",
        "4.2万亩",
        "嘉鱼县农业科技报道",
    ]:
        assert text in html


def test_region_page_lists_an_achievement_whose_figure_is_about_the_region(client):
    region = RegionFactory(name="赤壁市")
    KeyFigureFactory(achievement=AchievementFactory(title="全市成果"), region=region, text="30%以上")

    html = page(client, region.get_absolute_url())

    assert "全市成果" in html and "30%以上" in html


def test_anonymous_visitor_sees_no_draft_or_scheduled_content_on_a_region_page(client):
    region = RegionFactory()
    ProjectFactory(name="草稿项目", region=region, draft=True)
    ProjectFactory(name="明天的项目", region=region, scheduled=True)
    EnterpriseFactory(name="草稿企业", region=region, draft=True)
    InstitutionFactory(name="草稿机构", region=region, draft=True)
    KeyFigureFactory(achievement=AchievementFactory(region=region, draft=True), text="草稿数字")
    ArticleFactory(title="草稿报道", draft=True).regions.add(region)
    ArticleFactory(title="明天的报道", scheduled=True).regions.add(region)

    html = page(client, region.get_absolute_url())

    for hidden in ["草稿项目", "明天的项目", "草稿企业", "草稿机构", "草稿数字", "草稿报道", "明天的报道"]:
        assert hidden not in html


def test_empty_region_page_says_in_chinese_there_is_nothing_yet(client):
    region = RegionFactory(name="通山县")

    html = page(client, region.get_absolute_url())

    assert "通山县暂时没有公开的项目与平台" in html
    assert "暂时没有涉及通山县的报道" in html


def test_unknown_region_is_not_found(client):
    assert "找不到这个页面" in page(client, reverse("regions:detail", kwargs={"slug": "no-such-place"}), status=404)


def test_region_list_queries_do_not_grow_with_regions(client, django_assert_num_queries):
    def add_items(n):
        RegionFactory.create_batch(n, parent=RegionFactory())

    # regions with their parents
    assert_constant_queries(client, django_assert_num_queries, reverse("regions:index"), add_items, expected=1)


def test_region_page_queries_do_not_grow_with_content(client, django_assert_num_queries):
    region = RegionFactory()

    def add_items(n):
        RegionFactory.create_batch(n, parent=region)
        ProjectFactory.create_batch(n, region=region)
        EnterpriseFactory.create_batch(n, region=region)
        InstitutionFactory.create_batch(n, region=region)
        KeyFigureFactory.create_batch(n, achievement__region=region)
        region.articles.add(*ArticleFactory.create_batch(n))

    # region, its children, projects, enterprises, institutions, achievements, their figures, articles
    response = assert_constant_queries(
        client, django_assert_num_queries, region.get_absolute_url(), add_items, expected=8
    )
    assert response.content.decode().count('class="figure-card"') == 10


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_a_busy_region_page_shows_the_latest_of_each_kind_with_links_to_the_full_filtered_lists(client):
    region = RegionFactory(name="嘉鱼县")
    hour = datetime.timedelta(hours=1)
    ProjectFactory(name="最早的平台", region=region, published_at=timezone.now() - 100 * hour)
    ProjectFactory.create_batch(14, region=region)
    EnterpriseFactory.create_batch(15, region=region)
    InstitutionFactory.create_batch(30, region=region)
    for n in range(12):
        KeyFigureFactory(achievement=AchievementFactory(region=region, title=f"嘉鱼成果{n}"))
    region.articles.add(*ArticleFactory.create_batch(25))

    html = page(client, region.get_absolute_url())

    # The page lists a bounded number of each; the counts and links say how many there are in all.
    assert section(html, "projects-heading").count('<article class="item">') == 12
    assert "最早的平台" not in html
    assert section(html, "enterprises-heading").count('<article class="item">') == 12
    assert section(html, "achievements-heading").count('<article class="item">') == 10
    assert section(html, "articles-heading").count('<article class="item">') == 20
    for text in ["项目与平台（15）", "企业（15）", "成果与数据（12）", "相关报道（25）"]:
        assert text in html
    for url in ["projects:index", "enterprises:index", "enterprises:institutions", "achievements:index", "news:index"]:
        assert f'href="{reverse(url)}?region={region.slug}"' in html
    assert f"查看{region.name}的全部项目与平台" in html


def test_a_quiet_region_page_lists_everything_without_more_links(client):
    region = RegionFactory(name="通山县")
    ProjectFactory.create_batch(2, region=region)
    EnterpriseFactory.create_batch(2, region=region)

    html = page(client, region.get_absolute_url())

    assert "项目与平台（2）" in html and "企业（2）" in html
    assert f'href="{reverse("projects:index")}?region={region.slug}"' not in html
    assert f'href="{reverse("enterprises:index")}?region={region.slug}"' not in html
