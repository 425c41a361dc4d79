import pytest
from django.conf import settings

from tests.factories import ArticleFactory, ProjectFactory, TopicFactory
from tests.queries import assert_constant_queries
from tests.sitemaps import path_of, sitemap_locations

pytestmark = pytest.mark.django_db


def test_topic_page_shows_its_published_articles_and_projects_only(client):
    topic = TopicFactory(name="科技金融", description="基金、贷款与投资。")
    ArticleFactory(title="母基金启航").topics.add(topic)
    ArticleFactory(title="草稿报道", draft=True).topics.add(topic)
    ProjectFactory(name="园区联合贷").topics.add(topic)
    ProjectFactory(name="明天的基金", scheduled=True).topics.add(topic)

    response = client.get(topic.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    for text in ["科技金融", "基金、贷款与投资。", "母基金启航", "园区联合贷"]:
        assert text in html
    assert "草稿报道" not in html and "明天的基金" not in html


def test_topic_page_queries_do_not_grow_with_content(client, django_assert_num_queries):
    topic = TopicFactory()

    def add_items(n):
        topic.articles.add(*ArticleFactory.create_batch(n))
        topic.projects.add(*ProjectFactory.create_batch(n))

    # topic, articles, projects with their regions
    assert_constant_queries(client, django_assert_num_queries, topic.get_absolute_url(), add_items, expected=3)


def test_the_topics_index_lists_every_topic_and_is_in_the_main_navigation(client):
    TopicFactory(name="算力", name_en="Computing power", description="智算中心与算力调度。")
    TopicFactory(name="离岸科创", description="在外地设立的研发飞地。")

    response = client.get("/topics/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "智算中心与算力调度。" in html and "在外地设立的研发飞地。" in html
    assert html.index(">离岸科创</a>") < html.index(">算力</a>")  # by name
    nav = html[html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))]
    assert '<a href="/topics/" aria-current="page">专题</a>' in nav
    assert "/topics/" in {path_of(location) for location in sitemap_locations(client)}

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/topics/").content.decode()
    assert ">Computing power</a>" in english and 'lang="zh-hans">离岸科创</a>' in english
