"""Pictures in rich-text bodies come from the image library only and are served as its renditions."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from images.services import image_create
from tests.factories import ArticleFactory, ArticleSectionFactory, EnterpriseFactory, ProjectFactory

from . import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    return image_create(
        file=files.upload(files.jpeg(1000, 500)), title="创新中心", alt_text="咸宁科技创新中心的玻璃幕墙"
    )


def imgs(html: str) -> list[str]:
    return re.findall(r"<img\b[^>]*>", html)


def test_a_library_picture_chosen_in_the_editor_is_kept_with_its_library_id(photo):
    article = ArticleFactory(
        body=f'<figure class="figure"><img src="/elsewhere.jpg" alt="x" data-file="{photo.pk}"></figure>'
    )

    assert imgs(article.body) == [
        f'<img src="{photo.file.url}" alt="咸宁科技创新中心的玻璃幕墙" data-file="{photo.pk}">'
    ]


def test_a_pasted_address_of_a_library_file_or_rendition_becomes_that_library_picture(photo):
    rendition = photo.renditions.first()
    article = ArticleFactory(
        body=f'<p>文字</p><img src="http://testserver{photo.file.url}"><img src="{rendition.file.url}">'
    )

    assert [re.search(r'data-file="(\d+)"', tag).group(1) for tag in imgs(article.body)] == [str(photo.pk)] * 2


@pytest.mark.parametrize(
    "tag",
    [
        '<img src="https://example.com/hotlinked.jpg" alt="外部图片">',
        '<img src="/media/images/2026/01/not-in-the-library.jpg">',
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        '<img src="x" onerror="alert(1)">',
        '<img src="/static/logo.png" data-file="999999">',
    ],
    ids=["other-site", "unknown-media-file", "data-url", "script", "unknown-id"],
)
def test_pictures_that_are_not_in_the_library_are_dropped_on_save(tag):
    article = ArticleFactory(
        body=f'<p>前文</p><figure class="figure">{tag}<figcaption>说明</figcaption></figure><p>后文</p>'
    )

    assert "<img" not in article.body
    assert "<figure" not in article.body
    assert "onerror" not in article.body
    assert "<p>前文</p>" in article.body and "<p>后文</p>" in article.body


def test_article_body_shows_library_pictures_as_renditions_with_library_alt_and_lazy_loading(client, photo):
    article = ArticleFactory(
        body=f'<p>正文</p><figure class="figure"><img src="{photo.file.url}" alt="编辑写的">'
        "<figcaption>图注</figcaption></figure>"
    )

    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('class="prose"', 1)[1]

    assert "<picture>" in body
    assert 'type="image/webp"' in body
    assert re.search(r'srcset="[^"]+ 320w, [^"]+ 640w, [^"]+ 960w, [^"]+ 1000w"', body)
    assert 'alt="咸宁科技创新中心的玻璃幕墙"' in body
    assert 'alt="编辑写的"' not in body
    assert 'width="960" height="480"' in body
    assert 'loading="lazy"' in body
    assert "<figcaption>图注</figcaption>" in body


def test_section_project_and_enterprise_bodies_show_library_pictures(client, photo):
    body = f'<img src="{photo.file.url}">'
    section = ArticleSectionFactory(body=body)
    project = ProjectFactory(body=body)
    enterprise = EnterpriseFactory(body=body)

    for url in [section.article.get_absolute_url(), project.get_absolute_url(), enterprise.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "<picture>" in html and 'alt="咸宁科技创新中心的玻璃幕墙"' in html, url


def test_the_api_gives_body_pictures_and_site_links_absolute_addresses(client, photo):
    body = f'<p><a href="/projects/">项目</a></p><img src="{photo.file.url}">'
    section = ArticleSectionFactory(body=body, article__body=body)
    project = ProjectFactory(body=body)
    enterprise = EnterpriseFactory(body=body)
    picture = f'src="http://testserver{photo.file.url}"'
    link = 'href="http://testserver/projects/"'

    article = client.get(reverse("api:article-detail", kwargs={"slug": section.article.slug})).json()
    for html in [article["body"], article["sections"][0]["body"]]:
        assert picture in html and link in html
    for name, item in [("project", project), ("enterprise", enterprise)]:
        html = client.get(reverse(f"api:{name}-detail", kwargs={"slug": item.slug})).json()["body"]
        assert picture in html and link in html, name


def test_a_picture_whose_library_image_was_deleted_disappears_from_the_page(client, photo):
    article = ArticleFactory(body=f'<p>正文留着</p><img src="{photo.file.url}">')
    photo.delete()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "正文留着" in response.content.decode()
    assert "咸宁科技创新中心的玻璃幕墙" not in response.content.decode()


def test_body_pictures_cost_the_same_queries_whatever_their_number(client, photo):
    other = image_create(file=files.upload(files.jpeg(800, 600)), title="另一张", alt_text="智算中心机房")
    one = ProjectFactory(body=f'<img src="{photo.file.url}">')
    many = ProjectFactory(body=f'<img src="{photo.file.url}"><img src="{other.file.url}"><img src="{photo.file.url}">')
    client.get(one.get_absolute_url())  # warms what every page caches

    with CaptureQueriesContext(connection) as one_queries:
        client.get(one.get_absolute_url())
    with CaptureQueriesContext(connection) as many_queries:
        html = client.get(many.get_absolute_url()).content.decode()

    assert len(many_queries) == len(one_queries)
    assert html.count("<picture>") >= 3


def test_the_editor_offers_the_image_library_picker(admin_client):
    article = ArticleFactory()

    html = admin_client.get(reverse("admin:news_article_change", args=[article.pk])).content.decode()

    assert reverse("admin:images_image_richtext_picker") in html
    assert "Figure" in html
    assert "图片库" in html  # the help text tells staff where pictures come from


def test_picker_lists_and_searches_the_library_for_staff(admin_client, photo):
    image_create(file=files.upload(files.jpeg(300, 200)), title="机房", alt_text="智算中心机房")
    url = reverse("admin:images_image_richtext_picker")

    html = admin_client.get(url, {"CKEditorFuncNum": "3"}).content.decode()
    assert f'data-id="{photo.pk}"' in html and "智算中心机房" in html
    assert 'data-callback="3"' in html

    html = admin_client.get(url, {"q": "玻璃幕墙"}).content.decode()
    assert f'data-id="{photo.pk}"' in html and "智算中心机房" not in html


def test_picker_is_not_open_to_visitors_or_staff_without_image_rights(client):
    url = reverse("admin:images_image_richtext_picker")
    assert client.get(url).status_code == 302

    client.force_login(User.objects.create_user("intern", password="pw", is_staff=True))
    assert client.get(url).status_code == 403

    user = User.objects.create_user("editor-x", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_image"))
    client.force_login(user)
    assert client.get(url).status_code == 200
