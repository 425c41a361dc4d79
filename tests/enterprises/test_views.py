import pytest
from django.urls import reverse

from tests.facets import shown_facets
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    HonourFactory,
    InstitutionFactory,
    KeyFigureFactory,
    PersonFactory,
    ProjectFactory,
    RegionFactory,
    SectorFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


# Enterprises


def test_enterprise_list_shows_published_enterprises_with_region_sector_and_honours(client):
    enterprise = EnterpriseFactory(
        name="湖北中科华冶新材料科技有限公司", region=RegionFactory(name="咸宁市"), sector=SectorFactory(name="新材料")
    )
    enterprise.honours.add(HonourFactory(name="专精特新"))

    html = page(client, reverse("enterprises:index"))

    for text in ["湖北中科华冶新材料科技有限公司", "咸宁市", "新材料", "专精特新"]:
        assert text in html


def test_anonymous_visitor_cannot_see_draft_or_scheduled_enterprises_in_the_list(client):
    EnterpriseFactory(name="草稿企业", draft=True)
    EnterpriseFactory(name="明天的企业", scheduled=True)

    html = page(client, reverse("enterprises:index"))

    assert "草稿企业" not in html and "明天的企业" not in html
    assert "暂时还没有公开的企业介绍" in html


def test_enterprise_list_is_paginated(client):
    EnterpriseFactory.create_batch(13)

    first = page(client, reverse("enterprises:index"))
    second = page(client, reverse("enterprises:index") + "?page=2")

    assert first.count('class="item"') == 12
    assert second.count('class="item"') == 1


def test_enterprise_list_queries_do_not_grow_with_enterprises(client, django_assert_num_queries):
    def add_items(n):
        for enterprise in EnterpriseFactory.create_batch(n):
            enterprise.honours.add(HonourFactory())

    # count, page of enterprises with region and sector, their honours, one count per filter (region, sector, honour)
    response = assert_constant_queries(
        client, django_assert_num_queries, reverse("enterprises:index"), add_items, expected=6
    )
    assert response.content.decode().count('class="item"') == 10


def test_enterprise_page_shows_region_sector_honours_partners_people_and_body(client):
    enterprise = EnterpriseFactory(
        name="湖北世丰新材料有限公司", sector=SectorFactory(name="新材料"), body="<p>医用聚氨酯。</p>"
    )
    enterprise.honours.add(HonourFactory(name="高新技术企业"))
    partner = InstitutionFactory(name="武汉理工大学")
    enterprise.partners.add(partner, InstitutionFactory(name="草稿机构", draft=True))
    PersonFactory(name="何立超", title="总经理", enterprise=enterprise)

    html = page(client, enterprise.get_absolute_url())

    for text in ["湖北世丰新材料有限公司", "新材料", "高新技术企业", "何立超（总经理）", "<p>医用聚氨酯。</p>"]:
        assert text in html
    assert f'href="{enterprise.region.get_absolute_url()}"' in html
    assert f'<a href="{partner.get_absolute_url()}">武汉理工大学</a>' in html
    assert "草稿机构" not in html


def test_enterprise_page_shows_published_achievements_projects_and_articles_only(client):
    enterprise = EnterpriseFactory()
    achievement = AchievementFactory(title="产能同比增长")
    achievement.enterprises.add(enterprise)
    KeyFigureFactory(achievement=achievement, text="50%", label="产能同比增长")
    AchievementFactory(title="草稿成果", draft=True).enterprises.add(enterprise)
    ProjectFactory(name="运营的平台", operator=enterprise)
    ProjectFactory(name="草稿平台", operator=enterprise, draft=True)
    ProjectFactory(name="合作的平台").partner_enterprises.add(enterprise)
    ProjectFactory(name="明天的平台", scheduled=True).partner_enterprises.add(enterprise)
    ArticleFactory(title="企业报道").enterprises.add(enterprise)
    ArticleFactory(title="草稿报道", draft=True).enterprises.add(enterprise)

    html = page(client, enterprise.get_absolute_url())

    for text in ["产能同比增长", "50%", "运营的平台", "合作的平台", "企业报道"]:
        assert text in html
    for hidden in ["草稿成果", "草稿平台", "明天的平台", "草稿报道"]:
        assert hidden not in html


def test_anonymous_visitor_cannot_open_a_draft_or_scheduled_enterprise(client):
    for enterprise in [EnterpriseFactory(draft=True), EnterpriseFactory(scheduled=True)]:
        page(client, enterprise.get_absolute_url(), status=404)


def test_draft_enterprise_is_not_named_on_its_project_or_article(client):
    enterprise = EnterpriseFactory(name="草稿企业", draft=True)
    project = ProjectFactory(operator=enterprise)
    project.partner_enterprises.add(enterprise)
    article = ArticleFactory()
    article.enterprises.add(enterprise)

    assert "草稿企业" not in page(client, project.get_absolute_url())
    assert "草稿企业" not in page(client, article.get_absolute_url())


def test_enterprise_page_queries_do_not_grow_with_related_items(client, django_assert_num_queries):
    enterprise = EnterpriseFactory()

    def add_items(n):
        enterprise.honours.add(*HonourFactory.create_batch(n))
        enterprise.partners.add(*InstitutionFactory.create_batch(n))
        PersonFactory.create_batch(n, enterprise=enterprise)
        for figure in KeyFigureFactory.create_batch(n):
            figure.achievement.enterprises.add(enterprise)
        ProjectFactory.create_batch(n, operator=enterprise)
        enterprise.partner_projects.add(*ProjectFactory.create_batch(n))
        enterprise.articles.add(*ArticleFactory.create_batch(n))

    # enterprise, honours, people, partners, achievements, their figures, operated projects,
    # partner projects, articles
    response = assert_constant_queries(
        client, django_assert_num_queries, enterprise.get_absolute_url(), add_items, expected=9
    )
    assert response.content.decode().count('class="figure-card"') == 10


# Institutions


def test_institution_list_shows_published_institutions_with_kind_and_parent(client):
    parent = InstitutionFactory(name="武汉大学")
    InstitutionFactory(name="武汉大学机器人学院", parent=parent)
    InstitutionFactory(name="草稿研究院", draft=True)
    InstitutionFactory(name="明天的实验室", scheduled=True)

    html = page(client, reverse("enterprises:institutions"))

    assert "武汉大学机器人学院" in html
    assert f'<a href="{parent.get_absolute_url()}">武汉大学</a>' in html
    assert "高校" in html
    assert "草稿研究院" not in html and "明天的实验室" not in html


def test_institution_list_does_not_name_a_draft_parent(client):
    InstitutionFactory(name="公开的学院", parent=InstitutionFactory(name="草稿上级", draft=True))

    html = page(client, reverse("enterprises:institutions"))

    assert "公开的学院" in html
    assert "草稿上级" not in html


def test_institution_list_is_paginated(client):
    InstitutionFactory.create_batch(25)

    assert page(client, reverse("enterprises:institutions")).count('class="item"') == 24
    assert page(client, reverse("enterprises:institutions") + "?page=2").count('class="item"') == 1


def test_institution_list_queries_do_not_grow_with_institutions(client, django_assert_num_queries):
    def add_items(n):
        InstitutionFactory.create_batch(n, parent=InstitutionFactory())

    # count, page of institutions with regions, their parents, one count per filter (kind, region)
    response = assert_constant_queries(
        client, django_assert_num_queries, reverse("enterprises:institutions"), add_items, expected=5
    )
    assert response.content.decode().count('class="item"') == 12  # 10 institutions and their 2 parents


def test_institution_page_shows_its_published_partners_projects_achievements_and_articles(client):
    institution = InstitutionFactory(name="湖北省农业科学院", summary="省级农业科研院所。")
    PersonFactory(name="焦忠久", title="专家", institution=institution)
    institution.partner_enterprises.add(
        EnterpriseFactory(name="合作企业"), EnterpriseFactory(name="草稿企业", draft=True)
    )
    ProjectFactory(name="牵头的平台", operator_institution=institution)
    ProjectFactory(name="合作的平台").partner_institutions.add(institution)
    ProjectFactory(name="草稿平台", draft=True).partner_institutions.add(institution)
    achievement = AchievementFactory(title="育成甘蓝新品种")
    achievement.institutions.add(institution)
    KeyFigureFactory(achievement=achievement, text="2700余个", label="试验新品种")
    ArticleFactory(title="院地合作报道").institutions.add(institution)

    html = page(client, institution.get_absolute_url())

    for text in [
        "湖北省农业科学院",
        "省级农业科研院所。",
        "焦忠久",
        "合作企业",
        "牵头的平台",
        "合作的平台",
        "2700余个",
        "院地合作报道",
    ]:
        assert text in html
    assert "草稿企业" not in html and "草稿平台" not in html


def test_anonymous_visitor_cannot_open_a_draft_institution(client):
    page(client, InstitutionFactory(draft=True).get_absolute_url(), status=404)


def test_institution_page_queries_do_not_grow_with_related_items(client, django_assert_num_queries):
    institution = InstitutionFactory(parent=InstitutionFactory())

    def add_items(n):
        InstitutionFactory.create_batch(n, parent=institution)
        PersonFactory.create_batch(n, institution=institution)
        institution.partner_enterprises.add(*EnterpriseFactory.create_batch(n))
        ProjectFactory.create_batch(n, operator_institution=institution)
        institution.partner_projects.add(*ProjectFactory.create_batch(n))
        for figure in KeyFigureFactory.create_batch(n):
            figure.achievement.institutions.add(institution)
        institution.articles.add(*ArticleFactory.create_batch(n))

    # institution, parent, people, children, partner enterprises, led projects, partner projects,
    # achievements, their figures, articles
    response = assert_constant_queries(
        client, django_assert_num_queries, institution.get_absolute_url(), add_items, expected=10
    )
    assert response.content.decode().count('class="figure-card"') == 10


# Filters


def test_enterprise_filters_by_region_sector_and_honour_combine_with_counts(client):
    region = RegionFactory(name="赤壁市")
    sector = SectorFactory(name="电子信息")
    honour = HonourFactory(name="专精特新")
    EnterpriseFactory(name="维达力科技", region=region, sector=sector).honours.add(honour)
    EnterpriseFactory(name="赤壁另一家", region=region, sector=sector)
    EnterpriseFactory(name="别处企业", sector=sector).honours.add(honour)

    html = page(client, f"{reverse('enterprises:index')}?region={region.slug}&honour={honour.slug}")

    assert "维达力科技" in html
    assert "赤壁另一家" not in html and "别处企业" not in html
    facets = shown_facets(html)
    assert facets["所属产业"].option("电子信息（1）")
    # Without the region filter, two enterprises hold the honour: the region facet counts with the honour only.
    assert facets["地区"].current == ["赤壁市（1）"]
    assert "清除筛选" in html


def test_institution_filters_by_kind_and_region(client):
    region = RegionFactory(name="武汉")
    InstitutionFactory(name="武汉大学", kind="university", region=region)
    InstitutionFactory(name="湖北省农业科学院", kind="academy", region=region)

    html = page(client, f"{reverse('enterprises:institutions')}?kind=academy&region={region.slug}")

    assert "湖北省农业科学院" in html and "武汉大学" not in html
    university = shown_facets(html)["类型"].option("高校（1）")
    assert university.href == f"{reverse('enterprises:institutions')}?kind=university&region={region.slug}"
    assert "<h1>机构：科研院所、武汉</h1>" in html
