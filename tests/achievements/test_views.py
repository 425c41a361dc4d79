import datetime

import pytest
from django.urls import reverse

from achievements.models import Achievement
from news.models import Article
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
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


# The data page


def test_data_page_shows_each_figure_as_written_with_label_region_year_and_links(client):
    review = ArticleFactory(kind=Article.Kind.REVIEW, title="科技创新实现新突破")
    section = ArticleSectionFactory(article=review, order=2, label="新突破")
    achievement = AchievementFactory(
        title="嘉鱼县育成3个甘蓝新品种",
        category=Achievement.Category.AGRICULTURE,
        year=2025,
        region=RegionFactory(name="嘉鱼县"),
        article=review,
        section=section,
    )
    KeyFigureFactory(achievement=achievement, text="4.2万亩", label="新品种累计推广面积")

    html = page(client, reverse("achievements:index"))

    row = html[html.index("新品种累计推广面积") : html.index("</tr>", html.index("新品种累计推广面积"))]
    assert "4.2万亩" in row
    assert "嘉鱼县" in row
    assert "2025年" in row
    assert f'<a href="{achievement.get_absolute_url()}">嘉鱼县育成3个甘蓝新品种</a>' in row
    figure = achievement.figures.get()
    assert f'href="{review.get_absolute_url()}#figure-{figure.pk}"' in row


def test_data_page_groups_figures_by_category_in_the_category_order(client):
    KeyFigureFactory(achievement__category=Achievement.Category.TALENT, label="柔性引进专家")
    KeyFigureFactory(achievement__category=Achievement.Category.PLATFORM, label="离岸科创园签约企业")
    KeyFigureFactory(achievement__category=Achievement.Category.AGRICULTURE, label="良种覆盖率")

    html = page(client, reverse("achievements:index"))

    headings = [html.index(f">{label}</h3>") for label in ["创新平台", "农业科技", "人才引育"]]
    assert headings == sorted(headings)
    assert html.index("离岸科创园签约企业") < html.index("良种覆盖率") < html.index("柔性引进专家")


def test_data_page_marks_targets_as_expected_not_achieved(client):
    KeyFigureFactory(text="150亿元", label="预计撬动社会资本", is_target=True)

    html = page(client, reverse("achievements:index"))

    assert '150亿元 <span class="tag tag--target">预期目标</span>' in html


def test_figures_of_draft_or_scheduled_achievements_are_not_on_the_data_page(client):
    KeyFigureFactory(achievement=AchievementFactory(draft=True), text="草稿数字")
    KeyFigureFactory(achievement=AchievementFactory(scheduled=True), text="定时数字")

    html = page(client, reverse("achievements:index"))

    assert "草稿数字" not in html and "定时数字" not in html
    assert "关键数据还没有发布" in html


def test_data_page_does_not_link_a_source_article_that_is_not_public(client):
    draft = ArticleFactory(title="草稿出处", draft=True)
    section = ArticleSectionFactory(article=ArticleFactory(title="明天的出处", scheduled=True))
    KeyFigureFactory(achievement=AchievementFactory(article=draft))
    KeyFigureFactory(achievement=AchievementFactory(section=section))

    html = page(client, reverse("achievements:index"))

    assert "草稿出处" not in html and draft.get_absolute_url() not in html
    assert "明天的出处" not in html and section.article.get_absolute_url() not in html


def test_data_page_queries_do_not_grow_with_figures(client, django_assert_num_queries):
    def add_items(n):
        for _ in range(n):
            section = ArticleSectionFactory()
            KeyFigureFactory(achievement__article=section.article, achievement__section=section)

    # figures counted per filter combination (facets, charts), their regions, the latest source articles and
    # their figure counts; then the table: the page's figure ids in order, those figures with achievements and
    # regions, source articles, source sections, projects, enterprises
    response = assert_constant_queries(
        client, django_assert_num_queries, reverse("achievements:index"), add_items, expected=10
    )
    assert response.content.decode().count('class="figure-text"') == 10


# One achievement


def test_achievement_page_shows_its_figures_source_and_related_items(client):
    review = ArticleFactory(kind=Article.Kind.REVIEW, title="科技创新实现新突破")
    section = ArticleSectionFactory(article=review, order=3, label="新生态")
    achievement = AchievementFactory(
        title="通城县柔性引才见成效",
        category=Achievement.Category.TALENT,
        summary="柔性引进专家教授。",
        article=review,
        section=section,
    )
    KeyFigureFactory(achievement=achievement, text="463项", label="输送专利技术")
    KeyFigureFactory(achievement=achievement, text="35人", label="柔性引进专家教授")
    achievement.projects.add(ProjectFactory(name="柔性引才"), ProjectFactory(name="草稿项目", draft=True))
    achievement.enterprises.add(EnterpriseFactory(name="明天的企业", scheduled=True))
    achievement.institutions.add(InstitutionFactory(name="中国科学院"))

    html = page(client, achievement.get_absolute_url())

    for text in [
        "通城县柔性引才见成效",
        "人才引育",
        "柔性引进专家教授。",
        "463项",
        "输送专利技术",
        "35人",
        "柔性引才",
        "中国科学院",
    ]:
        assert text in html
    assert f'href="{review.get_absolute_url()}#section-3"' in html  # the achievement's source
    assert "草稿项目" not in html and "明天的企业" not in html


def test_each_figure_links_to_its_sentence_and_shows_its_original_source_as_a_quotation(client):
    review = ArticleFactory(kind=Article.Kind.REVIEW, title="科技创新实现新突破")
    section = ArticleSectionFactory(article=review, order=3, label="新生态")
    achievement = AchievementFactory(article=review, section=section)
    cited = KeyFigureFactory(
        achievement=achievement,
        text="35人",
        citation_publication="《咸宁日报》",
        citation_issuer="通城县科技局",
        citation_date=datetime.date(2025, 7, 15),
        citation_url="https://www.example.gov.cn/tc/35.html",
        citation_sentence="通城县柔性引进专家教授35人。<script>",
    )
    plain = KeyFigureFactory(achievement=achievement, text="463项")

    html = page(client, achievement.get_absolute_url())

    for figure in (cited, plain):
        assert (
            f'<a class="figure-place" href="{review.get_absolute_url()}#figure-{figure.pk}">'
            "科技创新实现新突破 · 新生态中的原句</a>"
        ) in html
    quotation = html[html.index('<figure class="citation">') : html.index("</figure>")]
    assert '<blockquote class="citation__quote">通城县柔性引进专家教授35人。&lt;script&gt;</blockquote>' in quotation
    assert "原始出处：<cite>《咸宁日报》</cite> · <span>通城县科技局</span> · " in quotation
    assert '<time datetime="2025-07-15">2025年7月15日</time>' in quotation
    assert '<a href="https://www.example.gov.cn/tc/35.html" rel="noopener">查看原始出处</a>' in quotation
    assert html.count('<figure class="citation">') == 1


def test_anonymous_visitor_cannot_open_a_draft_or_scheduled_achievement(client):
    for achievement in [AchievementFactory(draft=True), AchievementFactory(scheduled=True)]:
        page(client, achievement.get_absolute_url(), status=404)


def test_achievement_page_queries_do_not_grow_with_figures_and_related_items(client, django_assert_num_queries):
    section = ArticleSectionFactory()
    achievement = AchievementFactory(article=section.article, section=section)

    def add_items(n):
        for _ in range(n):
            KeyFigureFactory(achievement=achievement, region=RegionFactory())
        achievement.projects.add(*ProjectFactory.create_batch(n))
        achievement.enterprises.add(*EnterpriseFactory.create_batch(n))
        achievement.institutions.add(*InstitutionFactory.create_batch(n))

    # achievement with region, source article, source section, figures with regions,
    # projects, enterprises, institutions
    response = assert_constant_queries(
        client, django_assert_num_queries, achievement.get_absolute_url(), add_items, expected=7
    )
    assert response.content.decode().count('class="figure-text"') == 10
