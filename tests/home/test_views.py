import factory
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from images.services import image_create
from news.models import Article
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    ImageFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
)
from tests.images import files
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def get_home(client):
    response = client.get(reverse("home:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_home_page_shows_the_latest_yearly_review_with_its_sections(client):
    ArticleFactory(kind=Article.Kind.REVIEW, year=2024, title="二〇二四年回顾")
    review = ArticleFactory(
        kind=Article.Kind.REVIEW, year=2025, series="奋发有为 这一年", title="科技创新实现新突破", lead="一年回顾导语。"
    )
    ArticleSectionFactory(article=review, order=1, label="新格局", heading="打造区域协同创新样本")

    html = get_home(client)

    assert "科技创新实现新突破" in html
    assert "二〇二四年回顾" not in html
    assert "一年回顾导语。" in html
    assert "新格局" in html and "打造区域协同创新样本" in html
    assert f'href="{review.get_absolute_url()}#section-1"' in html


def test_home_page_shows_featured_figures_exactly_as_written(client):
    figure = KeyFigureFactory(text="4.2万亩", label="新品种累计推广面积", is_featured=True)
    KeyFigureFactory(text="不推荐的数字", is_featured=False)

    html = get_home(client)

    assert "4.2万亩" in html
    assert "新品种累计推广面积" in html
    assert figure.achievement.get_absolute_url() in html
    assert "不推荐的数字" not in html


def test_home_page_does_not_feature_figures_of_draft_or_scheduled_achievements(client):
    KeyFigureFactory(text="草稿数字", is_featured=True, achievement=AchievementFactory(draft=True))
    KeyFigureFactory(text="定时数字", is_featured=True, achievement=AchievementFactory(scheduled=True))

    html = get_home(client)

    assert "草稿数字" not in html
    assert "定时数字" not in html


def test_home_page_shows_latest_news_projects_enterprises_and_regions(client):
    ArticleFactory(title="智算中心点亮")
    ProjectFactory(name="咸宁科技创新中心")
    EnterpriseFactory(name="湖北世丰新材料有限公司")
    region = RegionFactory(name="嘉鱼县")

    html = get_home(client)

    assert "智算中心点亮" in html
    assert "咸宁科技创新中心" in html
    assert "湖北世丰新材料有限公司" in html
    assert f'href="{region.get_absolute_url()}"' in html


def test_anonymous_visitor_sees_no_draft_or_scheduled_content_on_the_home_page(client):
    ArticleFactory(kind=Article.Kind.REVIEW, year=2026, title="未发布的回顾", draft=True)
    ArticleFactory(title="草稿新闻", draft=True)
    ArticleFactory(title="明天的新闻", scheduled=True)
    ProjectFactory(name="草稿项目", draft=True)
    ProjectFactory(name="明天的项目", scheduled=True)
    EnterpriseFactory(name="草稿企业", draft=True)

    html = get_home(client)

    for hidden in ["未发布的回顾", "草稿新闻", "明天的新闻", "草稿项目", "明天的项目", "草稿企业"]:
        assert hidden not in html


def test_empty_home_page_says_in_chinese_that_content_is_coming(client):
    html = get_home(client)

    assert "年度回顾还没有发布" in html
    assert "暂时没有公开的项目与平台" in html


def test_every_page_is_chinese_with_a_skip_link_and_the_main_navigation(client):
    html = get_home(client)

    assert '<html lang="zh-hans">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    for label, url in [
        ("新闻与回顾", "/news/"),
        ("项目与平台", "/projects/"),
        ("企业", "/enterprises/"),
        ("机构", "/enterprises/institutions/"),
        ("科创数据", "/achievements/"),
        ("地区", "/regions/"),
    ]:
        assert f'href="{url}"' in html and label in html


def test_content_stays_marked_chinese_when_the_browser_prefers_english(client):
    response = client.get(reverse("home:index"), headers={"accept-language": "en"})

    assert '<html lang="zh-hans">' in response.content.decode()


def test_home_page_queries_do_not_grow_with_content(client, django_assert_num_queries):
    review = ArticleFactory(kind=Article.Kind.REVIEW, year=2025)

    def add_items(n):
        ArticleSectionFactory.create_batch(n, article=review)
        KeyFigureFactory.create_batch(n, is_featured=True)
        ArticleFactory.create_batch(n)
        ProjectFactory.create_batch(n)
        EnterpriseFactory.create_batch(n)

    # review + its sections, featured figures, news, projects, enterprises, regions
    response = assert_constant_queries(client, django_assert_num_queries, "/", add_items, expected=7)
    assert response.content.decode().count('class="figure-card"') == 8


def test_home_page_shows_the_review_cover_and_card_images_as_renditions(client):
    def photo(alt):
        return image_create(file=files.upload(files.jpeg(1200, 800)), title=alt, alt_text=alt)

    ArticleFactory(kind=Article.Kind.REVIEW, year=2025, cover=photo("年度回顾封面：创新中心夜景"))
    ProjectFactory(cover=photo("智算中心机房"))
    EnterpriseFactory(logo=photo("世丰新材料标志"))

    html = get_home(client)

    for alt in ["年度回顾封面：创新中心夜景", "智算中心机房", "世丰新材料标志"]:
        assert f'alt="{alt}"' in html
    assert html.count("<picture>") == 3
    assert 'class="review-card__image"' in html
    assert 'class="item__image"' in html and 'class="item__logo"' in html
    assert " 320w" in html


def test_home_page_queries_with_images_do_not_grow_with_content(client, django_assert_num_queries):
    ArticleFactory(kind=Article.Kind.REVIEW, year=2025, cover=ImageFactory())

    def add_items(n):
        ProjectFactory.create_batch(n, cover=factory.SubFactory(ImageFactory))
        EnterpriseFactory.create_batch(n, logo=factory.SubFactory(ImageFactory))

    # The seven of a page without pictures, plus the renditions of the review cover, the project covers and the
    # enterprise logos (one prefetch each; the images themselves are joined in).
    response = assert_constant_queries(client, django_assert_num_queries, "/", add_items, expected=10)
    assert response.content.decode().count("<img") == 1 + 6 + 6


def test_unknown_address_shows_a_chinese_not_found_page_with_a_way_home(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到这个页面" in html
    assert 'href="/"' in html


def test_server_error_page_needs_neither_database_nor_context(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "网站暂时出了问题" in html
    assert 'href="/"' in html
