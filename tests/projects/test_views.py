import datetime

import pytest
from django.urls import reverse

from projects.models import Project
from tests.facets import shown_facets
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    InstitutionFactory,
    KeyFigureFactory,
    MilestoneFactory,
    ProjectFactory,
    RegionFactory,
    TopicFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


# The list


def test_project_list_shows_published_projects_with_kind_stage_and_region(client):
    ProjectFactory(
        name="湖北高斯算电推理集群",
        kind=Project.Kind.INFRASTRUCTURE,
        stage=Project.Stage.BUILDING,
        region=RegionFactory(name="咸宁高新区"),
    )

    html = page(client, reverse("projects:index"))

    for text in ["湖北高斯算电推理集群", "算力 / 基础设施", "建设中", "咸宁高新区"]:
        assert text in html


def test_anonymous_visitor_cannot_see_draft_or_scheduled_projects_in_the_list(client):
    ProjectFactory(name="草稿项目", draft=True)
    ProjectFactory(name="明天的项目", scheduled=True)

    html = page(client, reverse("projects:index"))

    assert "草稿项目" not in html
    assert "明天的项目" not in html
    assert "暂时还没有公开的项目与平台" in html


def test_kind_filter_shows_only_that_kind_of_project(client):
    ProjectFactory(name="区域母基金", kind=Project.Kind.FUND)
    ProjectFactory(name="科技创新中心", kind=Project.Kind.PLATFORM)

    html = page(client, reverse("projects:index") + "?kind=fund")

    assert "区域母基金" in html
    assert "科技创新中心" not in html


def test_project_list_is_paginated(client):
    ProjectFactory.create_batch(13)

    first = page(client, reverse("projects:index"))
    second = page(client, reverse("projects:index") + "?page=2")

    assert first.count('class="item"') == 12
    assert second.count('class="item"') == 1
    assert "下一页" in first and "上一页" in second


def test_project_list_queries_do_not_grow_with_projects(client, django_assert_num_queries):
    # count, page of projects with their regions, one count per filter (kind, stage, topic) and two for the
    # region filter (main region and other regions)
    response = assert_constant_queries(
        client, django_assert_num_queries, reverse("projects:index"), ProjectFactory.create_batch, expected=7
    )
    assert response.content.decode().count('class="item"') == 10


# One project


def test_project_page_shows_kind_stage_regions_investment_summary_and_body(client):
    project = ProjectFactory(
        name="咸宁（武汉）离岸科创园",
        kind=Project.Kind.PARK,
        stage=Project.Stage.OPERATING,
        region=RegionFactory(name="武汉"),
        investment_text="50亿元",
        summary="研发在武汉、转化在咸宁。",
        body="<p>离岸科创园介绍。</p>",
    )
    other = RegionFactory(name="咸宁市")
    project.other_regions.add(other)

    html = page(client, project.get_absolute_url())

    for text in [
        "咸宁（武汉）离岸科创园",
        "科创园区",
        "运营中",
        "50亿元",
        "研发在武汉、转化在咸宁。",
        "<p>离岸科创园介绍。</p>",
    ]:
        assert text in html
    assert f'href="{project.region.get_absolute_url()}"' in html
    assert f'href="{other.get_absolute_url()}"' in html


def test_project_page_links_its_published_operator_and_partners_only(client):
    project = ProjectFactory(
        operator=EnterpriseFactory(name="北京高斯算电有限公司"),
        operator_institution=InstitutionFactory(name="草稿牵头机构", draft=True),
    )
    partner = InstitutionFactory(name="武汉大学")
    project.partner_institutions.add(partner, InstitutionFactory(name="明天的机构", scheduled=True))
    project.partner_enterprises.add(EnterpriseFactory(name="草稿合作企业", draft=True))

    html = page(client, project.get_absolute_url())

    assert f'<a href="{project.operator.get_absolute_url()}">北京高斯算电有限公司</a>' in html
    assert f'<a href="{partner.get_absolute_url()}">武汉大学</a>' in html
    for hidden in ["草稿牵头机构", "明天的机构", "草稿合作企业"]:
        assert hidden not in html


def test_draft_operator_is_not_named_on_the_project_page(client):
    project = ProjectFactory(operator=EnterpriseFactory(name="草稿运营企业", draft=True))

    assert "草稿运营企业" not in page(client, project.get_absolute_url())


def test_milestones_are_an_ordered_timeline_with_partial_dates_and_status_in_words(client):
    project = ProjectFactory()
    MilestoneFactory(project=project, date=datetime.date(2026, 1, 1), precision="month", title="集群点亮")
    MilestoneFactory(
        project=project, date=datetime.date(2025, 12, 1), precision="month", title="设备安装联调", is_done=True
    )

    html = page(client, project.get_absolute_url())

    timeline = html[html.index('<ol class="timeline">') : html.index("</ol>", html.index('<ol class="timeline">'))]
    assert timeline.index("设备安装联调") < timeline.index("集群点亮")
    assert '<time class="timeline__date" datetime="2026-01">2026年1月</time>' in timeline
    assert "已完成" in timeline[: timeline.index("集群点亮")]
    assert "尚未完成" in timeline[timeline.index("集群点亮") :]


def test_project_page_shows_its_published_achievements_with_figures_as_written(client):
    project = ProjectFactory()
    achievement = AchievementFactory(title="咸宁智算中心开建")
    achievement.projects.add(project)
    KeyFigureFactory(achievement=achievement, text="1000P", label="智算中心算力")
    draft = AchievementFactory(title="草稿成果", draft=True)
    draft.projects.add(project)
    KeyFigureFactory(achievement=draft, text="草稿数字")

    html = page(client, project.get_absolute_url())

    assert "咸宁智算中心开建" in html
    assert "1000P" in html and "智算中心算力" in html
    assert "草稿成果" not in html and "草稿数字" not in html


def test_project_page_lists_only_published_related_articles(client):
    project = ProjectFactory()
    ArticleFactory(title="公开报道").projects.add(project)
    ArticleFactory(title="草稿报道", draft=True).projects.add(project)
    ArticleFactory(title="明天的报道", scheduled=True).projects.add(project)

    html = page(client, project.get_absolute_url())

    assert "公开报道" in html
    assert "草稿报道" not in html and "明天的报道" not in html


def test_anonymous_visitor_cannot_open_a_draft_or_scheduled_project(client):
    for project in [ProjectFactory(draft=True), ProjectFactory(scheduled=True)]:
        assert "找不到这个页面" in page(client, project.get_absolute_url(), status=404)


def test_project_page_queries_do_not_grow_with_related_items(client, django_assert_num_queries):
    project = ProjectFactory(operator=EnterpriseFactory(), operator_institution=InstitutionFactory())

    def add_items(n):
        MilestoneFactory.create_batch(n, project=project)
        project.other_regions.add(*RegionFactory.create_batch(n))
        project.topics.add(*TopicFactory.create_batch(n))
        project.partner_enterprises.add(*EnterpriseFactory.create_batch(n))
        project.partner_institutions.add(*InstitutionFactory.create_batch(n))
        for figure in KeyFigureFactory.create_batch(n):
            figure.achievement.projects.add(project)
        for article in ArticleFactory.create_batch(n):
            article.projects.add(project)

    # project, operator, lead institution, milestones, other regions, topics, partner enterprises,
    # partner institutions, achievements, their figures, articles
    response = assert_constant_queries(
        client, django_assert_num_queries, project.get_absolute_url(), add_items, expected=11
    )
    assert response.content.decode().count('class="timeline__item') == 10


# Filters


def test_project_filters_by_stage_region_and_topic_combine_with_counts(client):
    region = RegionFactory(name="咸宁高新区")
    topic = TopicFactory(name="算力")
    ProjectFactory(name="推理集群", stage=Project.Stage.BUILDING, region=region).topics.add(topic)
    ProjectFactory(name="科创中心", stage=Project.Stage.OPERATING, region=region)
    ProjectFactory(name="别处平台", stage=Project.Stage.BUILDING)

    html = page(client, f"{reverse('projects:index')}?stage=building&region={region.slug}")

    assert "推理集群" in html
    assert "科创中心" not in html and "别处平台" not in html
    stages = shown_facets(html)["建设状态"]
    assert stages.current == ["建设中（1）"]
    assert not stages.option("运营中（1）").empty
    assert stages.option("已完成（0）").empty  # a fixed choice nothing has: shown, greyed
    assert f'href="/projects/?stage=building&amp;region={region.slug}&amp;topic={topic.slug}"' in html
    assert "清除筛选" in html


def test_region_filter_keeps_projects_that_also_serve_the_region_as_its_page_counts_them(client):
    xianning, wuhan = RegionFactory(name="咸宁高新区"), RegionFactory(name="武汉")
    ProjectFactory(name="本地平台", region=xianning)
    ProjectFactory(name="离岸科创园", region=wuhan).other_regions.add(xianning)
    ProjectFactory(name="两地都写的平台", region=xianning).other_regions.add(xianning, wuhan)

    html = page(client, f"{reverse('projects:index')}?region={xianning.slug}")

    assert "本地平台" in html and "离岸科创园" in html
    assert html.count("两地都写的平台") == 1
    assert [option.text for option in shown_facets(html)["地区"].options] == ["全部", "咸宁高新区（3）", "武汉（2）"]
    region_page = page(client, xianning.get_absolute_url())
    assert all(name in region_page for name in ["本地平台", "离岸科创园", "两地都写的平台"])


def test_filtered_project_list_with_nothing_says_how_to_clear(client):
    ProjectFactory(kind=Project.Kind.PLATFORM)

    html = page(client, f"{reverse('projects:index')}?kind=fund")

    assert "符合“基金”的项目暂时还没有公开" in html
