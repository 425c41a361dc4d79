"""Issue 13, item 3: a Content-Security-Policy without 'unsafe-inline' on every answer (public pages, a page from
the page cache, the admin, the API and its documentation, the error pages); the few inline styles carry the
request's nonce; public pages have no inline code at all. In a browser: tests/browser/test_content_security_policy.py.
"""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from news.models import Article

pytestmark = pytest.mark.django_db

INLINE_CODE = [
    re.compile(r"<style[\s>]"),
    re.compile(r"\sstyle=\""),
    re.compile(r"\son[a-z]+=\""),  # onclick=…
    re.compile(r"<script(?![^>]*\ssrc=)(?![^>]*application/ld\+json)[^>]*>"),  # JSON-LD is data, not code
    re.compile(r"javascript:"),
]


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def public_urls():
    article = Article.objects.published().filter(kind=Article.Kind.NEWS).first()
    review = Article.objects.published().filter(kind=Article.Kind.REVIEW).first()
    return [
        "/",
        "/news/",
        article.get_absolute_url(),
        review.get_absolute_url(),
        "/achievements/",
        "/projects/",
        "/enterprises/",
        "/regions/",
        "/search/?q=算力",
        "/no-such-page/",
    ]


def test_every_kind_of_answer_carries_a_policy_without_unsafe_inline(client, demo, admin_user):
    urls = [*public_urls(), "/api/v1/articles/", "/api/docs/", "/api/schema/", "/admin/login/", "/healthz"]
    for url in urls:
        policy = policy_of(client.get(url))
        assert policy["default-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"], url
        assert "'unsafe-eval'" not in policy["script-src"], url

    client.force_login(admin_user)
    article = Article.objects.first()
    for url in ["/admin/", f"/admin/news/article/{article.pk}/change/", "/admin/news/article/"]:
        assert "'unsafe-inline'" not in client.get(url)["Content-Security-Policy"], url


def test_public_pages_have_no_inline_code_so_a_page_from_the_cache_needs_no_nonce(client, demo, settings):
    for url in public_urls():
        html = client.get(url).content.decode()
        for pattern in INLINE_CODE:
            assert not pattern.search(html), (url, pattern.pattern, pattern.search(html))

    settings.PAGE_CACHE_SECONDS = 600
    client.get("/news/")
    cached = client.get("/news/")
    assert cached["X-Page-Cache"] == "hit"
    assert "nonce-" not in cached["Content-Security-Policy"]
    assert "'unsafe-inline'" not in cached["Content-Security-Policy"]


def nonces(html: str) -> set[str]:
    return set(re.findall(r'<(?:style|script)[^>]*\snonce="([^"]+)"', html))


def test_the_inline_styles_of_error_pages_carry_the_nonce_the_policy_names(client, monkeypatch):
    from home import views

    response = client.get("/no-such-page/")  # the site's own 404 page: no inline style at all
    assert response.status_code == 404 and not nonces(response.content.decode())

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.HomeView, "get_context_data", broken)
    response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    (nonce,) = nonces(response.content.decode())
    assert f"'nonce-{nonce}'" in policy_of(response)["style-src"]


def test_admin_forms_mark_the_editors_import_map_and_style_with_the_nonce(client, demo, admin_user):
    client.force_login(admin_user)
    article = Article.objects.filter(kind=Article.Kind.REVIEW).first()

    response = client.get(f"/admin/news/article/{article.pk}/change/")
    html = response.content.decode()

    (nonce,) = nonces(html)
    assert re.search(rf'<script type="importmap"[^>]*nonce="{re.escape(nonce)}"', html)
    assert re.search(rf'<style data-tiptap-style nonce="{re.escape(nonce)}">', html)
    assert f"'nonce-{nonce}'" in policy_of(response)["script-src"]
    # Another request, another nonce.
    assert nonces(client.get(f"/admin/news/article/{article.pk}/change/").content.decode()) != {nonce}


def test_the_api_documentation_loads_its_settings_as_a_script_of_its_own(client):
    html = client.get("/api/docs/").content.decode()

    (script,) = re.findall(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html)
    assert not re.search(r"<script>", html)
    response = client.get(script.replace("&amp;", "&"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_is_explained_in_plain_words_and_in_json_under_the_api():
    client = Client(enforce_csrf_checks=True)

    page = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert page.status_code == 403
    assert "页面已过期" in page.content.decode()

    api = client.post("/api/v1/articles/", {"title": "x"}, content_type="application/json")
    assert api.status_code in {401, 403} and api["Content-Type"] == "application/json"

    wrong = client.post("/api/v1/no-such-thing/", {}, content_type="application/json")
    assert wrong.status_code == 404 and wrong.json()["detail"].startswith("未找到")


def test_a_session_write_to_the_api_without_the_csrf_token_is_a_json_403(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    response = client.post("/api/v1/topics/", {"name": "x"}, content_type="application/json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
