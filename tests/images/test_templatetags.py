"""Pages serve renditions through {% picture %}: srcset of the right widths, width/height, alt, lazy loading."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from images.models import Image
from images.services import image_create
from tests.factories import ArticleFactory, ArticleSectionFactory, EnterpriseFactory, ImageFactory, ProjectFactory
from tests.queries import assert_constant_queries

from . import files

pytestmark = pytest.mark.django_db


def create(width=1000, height=500, **fields) -> Image:
    fields.setdefault("alt_text", "科技创新中心的玻璃幕墙")
    return image_create(file=files.upload(files.jpeg(width, height)), title="封面", **fields)


def render(source: str, **context) -> str:
    return Template("{% load images %}" + source).render(Context(context))


def srcset_widths(srcset: str) -> list[int]:
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


def attribute(html: str, tag: str, name: str) -> str:
    match = re.search(rf"<{tag}\b[^>]*\s{name}=\"([^\"]*)\"", html)
    assert match, f"<{tag}> has no {name} in {html}"
    return match.group(1)


def test_picture_offers_webp_and_jpeg_at_every_width_with_dimensions_alt_and_lazy_loading():
    image = Image.objects.prefetch_related("renditions").get(pk=create().pk)
    html = render('{% picture image sizes="(min-width: 60rem) 50vw, 100vw" class="cover" %}', image=image)

    assert html.startswith("<picture><source")
    assert attribute(html, "source", "type") == "image/webp"
    assert srcset_widths(attribute(html, "source", "srcset")) == [320, 640, 960, 1000]
    assert ".webp 320w" in attribute(html, "source", "srcset")
    assert srcset_widths(attribute(html, "img", "srcset")) == [320, 640, 960, 1000]
    assert ".jpg 320w" in attribute(html, "img", "srcset")
    assert attribute(html, "img", "sizes") == "(min-width: 60rem) 50vw, 100vw"
    assert (attribute(html, "img", "width"), attribute(html, "img", "height")) == ("960", "480")
    assert attribute(html, "img", "src") == image.renditions.get(crop="", format="jpeg", width=960).file.url
    assert attribute(html, "img", "alt") == "科技创新中心的玻璃幕墙"
    assert attribute(html, "img", "loading") == "lazy"
    assert attribute(html, "img", "decoding") == "async"
    assert attribute(html, "img", "class") == "cover"


def test_card_picture_uses_the_16_9_renditions():
    image = create(1600, 1200)
    html = render('{% picture image crop="16:9" %}', image=image)
    assert srcset_widths(attribute(html, "img", "srcset")) == [320, 640, 960, 1280, 1600]
    assert (attribute(html, "img", "width"), attribute(html, "img", "height")) == ("960", "540")


def test_decorative_image_has_an_empty_alt_so_screen_readers_skip_it():
    html = render("{% picture image %}", image=create(alt_text="", is_decorative=True))
    assert ' alt=""' in html


def test_alt_text_is_escaped():
    html = render("{% picture image %}", image=create(alt_text='"><script>x</script>'))
    assert "<script>" not in html


def test_image_without_renditions_falls_back_to_its_original_file():
    image = ImageFactory()
    html = render("{% picture image %}", image=image)
    assert "<picture>" not in html
    assert attribute(html, "img", "src") == image.file.url
    assert (attribute(html, "img", "width"), attribute(html, "img", "height")) == ("120", "80")
    assert attribute(html, "img", "loading") == "lazy"


def test_missing_image_renders_nothing():
    assert render("{% picture image %}", image=None) == ""


def test_article_page_serves_the_cover_renditions_with_caption_and_credit(client):
    cover = create(2400, 1200, caption="中心一角", credit="科创门户示意图（程序生成）")
    article = ArticleFactory(cover=cover)
    html = client.get(article.get_absolute_url()).content.decode()
    assert srcset_widths(attribute(html, "source", "srcset")) == [320, 640, 960, 1280, 1920]
    assert "中心一角" in html and "科创门户示意图（程序生成）" in html


def test_project_page_and_enterprise_page_serve_cover_and_logo_renditions(client):
    project = ProjectFactory(cover=create(800, 600))
    enterprise = EnterpriseFactory(logo=create(300, 100, alt_text="测试科技标志"))
    project_html = client.get(project.get_absolute_url()).content.decode()
    enterprise_html = client.get(enterprise.get_absolute_url()).content.decode()
    assert srcset_widths(attribute(project_html, "img", "srcset")) == [320, 640, 800]
    assert srcset_widths(attribute(enterprise_html, "img", "srcset")) == [300]
    assert attribute(enterprise_html, "img", "alt") == "测试科技标志"


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def pictures_cost_one_query(client, django_assert_num_queries, url, add_plain, add_pictured):
    """Cards with pictures take one query more than the same page without them, however many cards there are."""
    add_plain(1)
    queries_for(client, url)  # warms whatever the site caches on a first visit
    baseline = queries_for(client, url)
    return assert_constant_queries(client, django_assert_num_queries, url, add_pictured, expected=baseline + 1)


def test_project_list_cards_show_16_9_covers_for_one_extra_query(client, django_assert_num_queries):
    def add_pictured(count):
        for _ in range(count):
            ProjectFactory(cover=create(640, 640))

    response = pictures_cost_one_query(
        client, django_assert_num_queries, reverse("projects:index"), ProjectFactory.create_batch, add_pictured
    )
    html = response.content.decode()
    assert html.count('class="item__image"') == 10
    assert ' width="640" height="360"' in html


def test_news_list_cards_show_covers_for_one_extra_query(client, django_assert_num_queries):
    def add_pictured(count):
        for _ in range(count):
            ArticleFactory(cover=create(640, 480))

    response = pictures_cost_one_query(
        client, django_assert_num_queries, reverse("news:index"), ArticleFactory.create_batch, add_pictured
    )
    assert response.content.decode().count('class="item__image"') == 10


def test_enterprise_list_shows_logos_for_one_extra_query(client, django_assert_num_queries):
    def add_pictured(count):
        for _ in range(count):
            EnterpriseFactory(logo=create(300, 100))

    response = pictures_cost_one_query(
        client, django_assert_num_queries, reverse("enterprises:index"), EnterpriseFactory.create_batch, add_pictured
    )
    assert response.content.decode().count('class="item__logo"') == 10


def test_image_admin_lists_thumbnails_and_shows_where_an_image_is_used(admin_client):
    image = create()
    ArticleFactory(cover=image, title="用了封面的文章")
    ProjectFactory(cover=image, name="用了封面的项目")
    EnterpriseFactory(logo=image, name="用它做标志的企业")

    listing = admin_client.get(reverse("admin:images_image_changelist")).content.decode()
    thumbnail = image.renditions.get(crop="", format="webp", width=320).file.url
    assert thumbnail in listing

    page = admin_client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()
    for label in ("封面图片：", "文章“用了封面的文章”", "“用了封面的项目”", "标志：", "企业“用它做标志的企业”"):
        assert label in page


def test_the_image_admin_names_the_bodies_that_embed_it_sections_by_their_article(admin_client):
    image = create()
    embedded = f'<p>图：</p><img src="{image.file.url}" alt="" data-file="{image.pk}">'
    ArticleFactory(title="正文里有图的文章", body=embedded)
    review = ArticleFactory(title="章节里有图的回顾")
    ArticleSectionFactory(article=review, label="新格局", heading="带图的章节", body=embedded)

    page = admin_client.get(reverse("admin:images_image_change", args=[image.pk])).content.decode()

    assert "正文插图" in page and "正文里有图的文章" in page
    assert "章节里有图的回顾：新格局 ◀ 带图的章节" in page
    assert reverse("admin:news_article_change", args=[review.pk]) in page


def test_chooser_preview_gives_staff_the_thumbnail_and_alt_text(admin_client, client):
    image = create()
    url = reverse("admin:images_image_chooser_preview", args=[image.pk])
    data = admin_client.get(url).json()
    assert data["alt"] == "科技创新中心的玻璃幕墙"
    assert data["thumbnail"].endswith(".webp")
    assert client.get(url).status_code == 302  # visitors are sent to the login page
