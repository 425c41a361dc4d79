"""HTTP as browsers and proxies see it: compression, conditional requests, caching headers, icons."""

import gzip

import brotli
import pytest
from django.conf import settings
from django.urls import reverse

from images.views import serve_upload
from tests.factories import ArticleFactory, ImageFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accepts", "encoding", "decompress"),
    [("gzip, deflate, br", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
@pytest.mark.parametrize("url", ["/", "/news/", "/achievements/", "/api/v1/articles/", "/feeds/news/"])
def test_pages_and_json_are_compressed_as_the_client_accepts(client, url, accepts, encoding, decompress):
    ArticleFactory.create_batch(5, body="<p>" + "咸宁科技创新 " * 40 + "</p>")
    plain = client.get(url)

    packed = client.get(url, headers={"accept-encoding": accepts})

    assert packed.status_code == 200
    assert packed["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed["Vary"]
    assert decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2


def test_a_page_with_a_csrf_token_is_never_compressed_against_breach(client):
    response = client.get(reverse("admin:login"), headers={"accept-encoding": "gzip, br"})

    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_public_pages_carry_no_csrf_token_and_set_no_cookie(client):
    response = client.get("/")

    assert b"csrfmiddlewaretoken" not in response.content
    assert not response.cookies


@pytest.mark.parametrize("url", ["/feeds/news/", "/feeds/news/atom/"])
def test_a_feed_reader_asking_if_modified_since_gets_304_from_the_cache_too(client, settings, url):
    """Feed readers poll with If-Modified-Since (the Last-Modified they were given), many without an ETag."""
    settings.PAGE_CACHE_SECONDS = 600
    ArticleFactory(title="条件请求")
    since = client.get(url)["Last-Modified"]  # rendered, and stored in the page cache
    cached = client.get(url)

    again = client.get(url, headers={"if-modified-since": since})  # from the cache too

    assert (cached["X-Page-Cache"], cached["Last-Modified"]) == ("hit", since)
    assert again.status_code == 304
    assert again["Last-Modified"] == since


@pytest.mark.parametrize("url", ["/", "/news/", "/feeds/news/", "/sitemap.xml", "/api/v1/articles/", "/robots.txt"])
def test_a_reader_who_has_the_page_gets_304_not_modified(client, url):
    ArticleFactory(title="条件请求")
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_changed_page_is_sent_again_in_full(client):
    etag = client.get("/news/")["ETag"]
    ArticleFactory(title="新来的新闻")

    response = client.get("/news/", headers={"if-none-match": etag})

    assert response.status_code == 200
    assert "新来的新闻" in response.content.decode()


def test_public_pages_are_cacheable_for_a_short_while_and_vary_on_little(client):
    response = client.get("/news/")

    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=60"
    vary = {part.strip() for part in response["Vary"].split(",")}
    # The language and large-text choices live in cookies; nothing else a request carries changes the page.
    assert vary == {"Accept-Encoding", "Cookie"}


def test_everything_a_signed_in_member_of_staff_sees_is_private(admin_client):
    ArticleFactory(title="员工页面")
    for url in ["/", "/news/", "/api/v1/articles/", reverse("admin:index")]:
        response = admin_client.get(url)
        assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(",")), url
        assert "public" not in response["Cache-Control"]


def test_uploads_are_cached_for_a_year_as_their_names_never_change(rf):
    image = ImageFactory()
    path = image.file.name

    response = serve_upload(rf.get(f"/media/{path}"), path)

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content) == image.file.open("rb").read()


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/favicon.ico", "image/"),
        ("/apple-touch-icon.png", "image/png"),
        ("/icon.svg", "image/svg+xml"),
        ("/manifest.webmanifest", "application/manifest+json"),
    ],
)
def test_the_favicon_and_touch_icons_are_served_at_the_root(client, url, content_type):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body


def test_every_page_names_its_icons(client):
    html = client.get("/").content.decode()

    assert '<link rel="icon" href="/favicon.ico"' in html
    assert '<link rel="apple-touch-icon" href="/apple-touch-icon.png">' in html


def test_the_language_switch_is_a_plain_link_that_sets_the_choice(client):
    response = client.get(reverse("home:language"), {"language": "en", "next": "/projects/"})

    assert response.status_code == 302
    assert response["Location"] == "/projects/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en"' in client.get("/projects/").content.decode()


@pytest.mark.parametrize("params", [{"language": "fr"}, {}, {"language": "en", "next": "https://evil.example/"}])
def test_the_language_switch_refuses_odd_input_or_stays_on_the_site(client, params):
    response = client.get(reverse("home:language"), params)

    if params.get("language") == "en":
        assert response.status_code == 302
        assert response["Location"] == "/"
    else:
        assert response.status_code == 400
        assert "language" in response.content.decode()


def test_project_page_is_cached_and_compressed_together(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    project = ProjectFactory(name="压缩缓存项目")

    first = client.get(project.get_absolute_url(), headers={"accept-encoding": "br"})
    second = client.get(project.get_absolute_url(), headers={"accept-encoding": "br"})
    plain = client.get(project.get_absolute_url())

    assert (first["X-Page-Cache"], second["X-Page-Cache"], plain["X-Page-Cache"]) == ("miss", "hit", "miss")
    assert second["Content-Encoding"] == "br"
    assert brotli.decompress(second.content) == plain.content
