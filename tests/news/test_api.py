import pytest
from django.urls import reverse

from news.models import Article, ArticleSection
from tests.api_helpers import if_match, staff_user, token_client
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
    TopicFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

ARTICLES = reverse("api:article-list")


def detail(article) -> str:
    return reverse("api:article-detail", kwargs={"slug": article.slug})


def titles(response) -> set[str]:
    return {item["title"] for item in response.json()["results"]}


def test_anonymous_reader_sees_only_published_articles(client):
    ArticleFactory(title="已发布")
    ArticleFactory(title="草稿", draft=True)
    ArticleFactory(title="定时", scheduled=True)
    assert titles(client.get(ARTICLES)) == {"已发布"}


def test_draft_article_detail_is_404_json(client):
    response = client.get(detail(ArticleFactory(draft=True)))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_review_carries_its_sections_and_the_published_figures_placed_in_them(client):
    section = ArticleSectionFactory(label="新格局", heading="打造区域协同创新样本")
    KeyFigureFactory(label="公开的数", achievement=AchievementFactory(article=section.article, section=section))
    KeyFigureFactory(
        label="草稿的数", achievement=AchievementFactory(article=section.article, section=section, draft=True)
    )
    body = client.get(detail(section.article)).json()
    [item] = body["sections"]
    assert item["label"] == "新格局"
    assert item["url"].endswith(f"#{section.anchor}")
    assert [figure["label"] for figure in item["figures"]] == ["公开的数"]
    assert len(body["achievements"]) == 1


def test_article_links_only_published_projects(client):
    article = ArticleFactory()
    article.projects.add(ProjectFactory(name="公开平台"), ProjectFactory(name="草稿平台", draft=True))
    body = client.get(detail(article)).json()
    assert [project["name"] for project in body["projects"]] == ["公开平台"]
    assert set(body["projects"][0]) == {"id", "slug", "name", "url", "api_url"}


def test_dates_are_iso_8601_with_the_china_offset(client):
    article = ArticleFactory()
    published_at = client.get(detail(article)).json()["published_at"]
    assert published_at.endswith("+08:00")


def test_articles_filter_by_kind_year_region_topic_and_search(client):
    region, topic = RegionFactory(name="通山县"), TopicFactory(name="算力")
    review = ArticleFactory(title="年度回顾", kind=Article.Kind.REVIEW, year=2025)
    review.regions.add(region)
    review.topics.add(topic)
    ArticleFactory(title="普通新闻", kind=Article.Kind.NEWS)
    assert titles(client.get(ARTICLES, {"kind": "review"})) == {"年度回顾"}
    assert titles(client.get(ARTICLES, {"year": 2025})) == {"年度回顾"}
    assert titles(client.get(ARTICLES, {"region": region.slug})) == {"年度回顾"}
    assert titles(client.get(ARTICLES, {"topic": topic.slug})) == {"年度回顾"}
    assert titles(client.get(ARTICLES, {"search": "普通"})) == {"普通新闻"}


def test_updated_since_filters_and_rejects_a_bad_datetime(client):
    ArticleFactory(title="新文章")
    assert titles(client.get(ARTICLES, {"updated_since": "2000-01-01T00:00:00+08:00"})) == {"新文章"}
    assert titles(client.get(ARTICLES, {"updated_since": "2999-01-01T00:00:00Z"})) == set()
    response = client.get(ARTICLES, {"updated_since": "昨天"})
    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_updated_since_accepts_any_offset_and_refuses_times_out_of_range(client):
    ArticleFactory(title="新文章")
    # PostgreSQL itself refuses an offset like -23:44; the portal compares in UTC.
    assert titles(client.get(ARTICLES, {"updated_since": "1008-07-10T18:10:07-23:44"})) == {"新文章"}
    response = client.get(ARTICLES, {"updated_since": "0001-01-01T00:00:00+12:00"})
    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_article_list_is_constant_queries(client, django_assert_num_queries):
    def add(n):
        for section in ArticleSectionFactory.create_batch(n):
            KeyFigureFactory(achievement=AchievementFactory(article=section.article, section=section))
            section.article.regions.add(RegionFactory())

    assert_constant_queries(client, django_assert_num_queries, ARTICLES, add, expected=4)


def test_the_list_summarises_each_article_and_links_to_the_whole(client):
    section = ArticleSectionFactory(label="新格局", body="<p>章节正文</p>")
    article = section.article
    article.regions.add(RegionFactory(name="通城县"))
    article.projects.add(ProjectFactory(name="相关平台"))

    [item] = client.get(ARTICLES).json()["results"]

    assert item["title"] == article.title and item["lead"] == article.lead
    assert [region["name"] for region in item["regions"]] == ["通城县"]
    assert not {"body", "sections", "projects", "achievements"} & set(item)
    whole = client.get(item["api_url"]).json()
    assert whole["sections"][0]["body"] == "<p>章节正文</p>"
    assert [project["name"] for project in whole["projects"]] == ["相关平台"]


# Writing.

SECTIONS = [
    {"order": 1, "label": "新格局", "heading": "打造区域协同创新样本", "body": "<p>一</p>"},
    {"order": 2, "label": "新突破", "heading": "从技术攻坚到产业升级", "body": "<p>二</p>"},
]


@pytest.fixture
def writer(django_user_model):
    return staff_user(django_user_model, "add_article", "change_article", "add_articlesection")


def test_staff_creates_a_draft_review_with_sections_in_one_request(writer):
    region = RegionFactory(name="咸宁市")
    payload = {
        "kind": "review",
        "title": "科技创新回顾",
        "year": 2025,
        "body": "<p>正文</p><script>alert(1)</script>",
        "regions": [region.slug],
        "sections": SECTIONS,
    }
    response = token_client(writer).post(ARTICLES, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert [section["label"] for section in body["sections"]] == ["新格局", "新突破"]
    assert "<script>" not in body["body"]
    assert Article.objects.get().regions.get() == region


def test_an_invalid_section_saves_no_article(writer):
    payload = {"title": "科技创新回顾", "sections": [*SECTIONS, {"label": "太长" * 20, "heading": ""}]}
    response = token_client(writer).post(ARTICLES, payload, format="json")
    assert response.status_code == 400
    assert "sections" in response.json()
    assert not Article.objects.exists()
    assert not ArticleSection.objects.exists()


def test_unknown_related_slug_is_400_naming_the_field(writer):
    response = token_client(writer).post(ARTICLES, {"title": "标题", "regions": ["nowhere"]}, format="json")
    assert response.status_code == 400
    assert "regions" in response.json()


def test_malformed_json_is_400_json(writer):
    response = token_client(writer).post(ARTICLES, '{"title": ', content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_wrong_types_are_400_not_500(writer):
    client = token_client(writer)
    for payload in ([1, 2], {"title": ["a"], "sections": "x"}, {"title": "t", "sections": [1]}, "string"):
        response = client.post(ARTICLES, payload, format="json")
        assert response.status_code == 400, payload


def test_sections_sent_with_ids_are_changed_in_place(writer, django_user_model):
    writer.user_permissions.add(
        *staff_user(
            django_user_model, "change_articlesection", "delete_articlesection", username="x"
        ).user_permissions.all()
    )
    section = ArticleSectionFactory(article=ArticleFactory(draft=True), heading="旧")
    achievement = AchievementFactory(article=section.article, section=section)
    payload = {"sections": [{"id": section.pk, "label": "新格局", "heading": "新", "body": ""}]}
    client = token_client(writer)
    url = detail(section.article)
    response = client.patch(url, payload, format="json", **if_match(client, url))
    assert response.status_code == 200, response.json()
    section.refresh_from_db()
    assert section.heading == "新"
    achievement.refresh_from_db()
    assert achievement.section == section
