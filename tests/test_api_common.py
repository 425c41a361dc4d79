"""Rules every API resource shares: permissions, bad input, throttling, CORS, the OpenAPI document."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from news.models import Article
from publishing.models import AuditEntry
from tests.api_helpers import staff_user, token_client
from tests.factories import ArticleFactory, KeyFigureFactory

pytestmark = pytest.mark.django_db

ARTICLES = reverse("api:article-list")
DRAFT = {"title": "新草稿", "body": "<p>正文</p>"}


def test_api_root_lists_every_collection_of_the_contract(client):
    body = client.get("/api/v1/").json()
    expected = {"articles", "achievements", "figures", "projects", "enterprises", "institutions", "regions", "topics"}
    assert set(body) == expected


def test_anonymous_user_cannot_write(client):
    response = client.post(ARTICLES, DRAFT, content_type="application/json")
    assert response.status_code == 401
    assert "detail" in response.json()
    assert not Article.objects.exists()


def test_staff_without_the_permission_cannot_write(django_user_model):
    user = staff_user(django_user_model)
    response = token_client(user).post(ARTICLES, DRAFT, format="json")
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_non_staff_user_with_the_permission_still_cannot_write(django_user_model):
    user = staff_user(django_user_model, "add_article")
    user.is_staff = False
    user.save()
    assert token_client(user).post(ARTICLES, DRAFT, format="json").status_code == 403


def test_staff_with_the_add_permission_creates_a_draft(django_user_model):
    user = staff_user(django_user_model, "add_article")
    response = token_client(user).post(ARTICLES, DRAFT, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    # Without the view right the new draft is not listed for this user, like other drafts.
    assert token_client(user).get(ARTICLES).json()["count"] == 0


def test_session_login_works_for_writes_too(django_user_model):
    user = staff_user(django_user_model, "add_article")
    client = APIClient()
    client.force_login(user)
    assert client.post(ARTICLES, DRAFT, format="json").status_code == 201


def test_staff_with_view_right_reads_drafts_anonymous_does_not(client, django_user_model):
    draft = ArticleFactory(title="草稿", draft=True)
    url = reverse("api:article-detail", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    reader = token_client(staff_user(django_user_model, "view_article"))
    assert reader.get(url).status_code == 200
    assert reader.get(ARTICLES, {"status": "draft"}).json()["count"] == 1


def test_an_editors_change_to_a_published_article_is_a_draft_never_live(django_user_model):
    article = ArticleFactory(title="已发布")
    client = token_client(staff_user(django_user_model, "change_article", "view_article"))
    url = reverse("api:article-detail", kwargs={"slug": article.slug})

    response = client.patch(url, {"title": "改"}, format="json", HTTP_IF_MATCH=client.get(url)["ETag"])

    assert response.status_code == 202
    article.refresh_from_db()
    assert article.title == "已发布"
    assert client.get(url).json()["title"] == "已发布"


def test_delete_needs_the_delete_permission_and_honours_if_match(django_user_model):
    article = ArticleFactory(draft=True)
    url = reverse("api:article-detail", kwargs={"slug": article.slug})
    assert token_client(staff_user(django_user_model, "view_article")).delete(url).status_code == 403
    client = token_client(staff_user(django_user_model, "view_article", "delete_article", username="boss"))
    assert client.delete(url, HTTP_IF_MATCH='"stale"').status_code == 412
    assert client.delete(url, HTTP_IF_MATCH=client.get(url)["ETag"]).status_code == 204
    assert not Article.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("header", [{}, {"HTTP_IF_MATCH": "*"}, {"HTTP_IF_MATCH": " "}], ids=["none", "star", "blank"])
def test_a_write_without_the_etag_it_is_based_on_is_refused_with_428_and_logged(django_user_model, method, header):
    article = ArticleFactory(draft=True, title="原标题")
    user = staff_user(django_user_model, "view_article", "change_article", "delete_article")
    url = reverse("api:article-detail", kwargs={"slug": article.slug})

    response = getattr(token_client(user), method)(url, {"title": "改"}, format="json", **header)

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert Article.objects.get(pk=article.pk).title == "原标题"
    refusal = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED)
    assert (refusal.user_repr, refusal.object_repr, refusal.object_id) == ("editor", "原标题", str(article.pk))
    assert "428" in refusal.comment


def test_the_etag_from_a_head_request_lets_the_write_through(django_user_model):
    article = ArticleFactory(draft=True, title="原标题")
    client = token_client(staff_user(django_user_model, "view_article", "change_article"))
    url = reverse("api:article-detail", kwargs={"slug": article.slug})

    response = client.patch(url, {"title": "新标题"}, format="json", HTTP_IF_MATCH=client.head(url)["ETag"])

    assert response.status_code == 200, response.json()
    assert Article.objects.get(pk=article.pk).title == "新标题"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.REFUSED).exists()


def test_a_stale_or_forbidden_write_is_logged_with_who_tried_it(django_user_model):
    article = ArticleFactory(title="已发布")
    editor = token_client(staff_user(django_user_model, "view_article"))
    reviewer = token_client(
        staff_user(django_user_model, "change_article", "view_article", "review_content", username="boss")
    )
    url = reverse("api:article-detail", kwargs={"slug": article.slug})

    forbidden = editor.patch(url, {"title": "改"}, format="json", HTTP_IF_MATCH=editor.get(url)["ETag"])
    stale = reviewer.patch(url, {"title": "改"}, format="json", HTTP_IF_MATCH='"stale"')

    assert (forbidden.status_code, stale.status_code) == (403, 412)
    refusals = AuditEntry.objects.filter(action=AuditEntry.Action.REFUSED).order_by("id")
    assert [(e.user_repr, e.object_repr) for e in refusals] == [("editor", "已发布"), ("boss", "已发布")]
    assert "403" in refusals[0].comment and "412" in refusals[1].comment


def test_the_openapi_document_says_writes_need_if_match(client):
    schema = client.get("/api/schema/?format=json").json()
    for method in ["put", "patch", "delete"]:
        operation = schema["paths"]["/api/v1/articles/{slug}/"][method]
        header = next(p for p in operation["parameters"] if p["name"] == "If-Match")
        assert header["in"] == "header" and header["required"] is True
        assert {"412", "428"} <= set(operation["responses"])


def test_staff_downloading_an_export_is_logged_anonymous_open_data_is_not(client, django_user_model):
    KeyFigureFactory()
    url = "/api/v1/figures/export.csv?year=2025"
    staff = token_client(staff_user(django_user_model, "view_achievement"))

    assert client.get(url).status_code == 200
    assert staff.get(url).status_code == 200

    entry = AuditEntry.objects.get()
    assert (entry.action, entry.user_repr) == (AuditEntry.Action.EXPORTED, "editor")
    assert "CSV" in entry.object_repr and "关键数据" in entry.object_repr
    assert "year=2025" in entry.comment


def test_create_api_token_prints_a_working_token_once_and_stores_only_its_hash(django_user_model):
    from knox.models import AuthToken

    user = staff_user(django_user_model, "add_article")
    out = io.StringIO()
    call_command("create_api_token", user.username, "--days", "30", stdout=out, stderr=io.StringIO())
    token = out.getvalue().strip()

    stored = AuthToken.objects.get(user=user)
    assert len(token) == 64 and token not in (stored.digest, stored.token_key)
    assert 29 <= (stored.expiry - stored.created).days <= 30
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post(ARTICLES, DRAFT, format="json").status_code == 201


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["nobody"], "没有名为"), (["editor", "--days", "0"], "--days"), (["citizen"], "不是工作人员")],
)
def test_create_api_token_refuses_bad_input_with_a_message(django_user_model, arguments, message):
    from django.core.management import CommandError

    staff_user(django_user_model, username="editor")
    django_user_model.objects.create_user(username="citizen")

    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", *arguments, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"page": "abc"}, 404),
        ({"page": "99999"}, 404),
        ({"page": "0"}, 404),
        ({"page_size": "1000"}, 400),
        ({"page_size": "0"}, 400),
        ({"page_size": "lots"}, 400),
        ({"ordering": "author__password"}, 400),
        ({"kind": "gossip"}, 400),
        ({"status": "secret"}, 400),
        ({"search": "a\x00b"}, 400),
    ],
)
def test_bad_list_parameters_get_a_json_error_not_a_500(client, params, status):
    ArticleFactory()
    response = client.get(ARTICLES, params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_page_size_is_honoured_up_to_100(client):
    ArticleFactory.create_batch(3)
    body = client.get(ARTICLES, {"page_size": 2}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 2
    assert body["count"] == 3
    assert "page=2" in body["next"]


@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/api/v2/", "/api/v1/articles/a%00b/", "/api/v1/figures/x/"])
def test_unknown_api_addresses_are_404_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "detail" in response.json()


@override_settings(
    REST_FRAMEWORK={
        **__import__("django.conf").conf.settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }
)
def test_too_many_requests_get_a_clear_429(client):
    assert client.get(ARTICLES).status_code == 200
    assert client.get(ARTICLES).status_code == 200
    response = client.get(ARTICLES)
    assert response.status_code == 429
    assert response.json()["detail"].startswith("请求过于频繁")
    assert response.json()["wait"] > 0
    assert "Retry-After" in response


def test_other_sites_may_read_the_api_but_not_with_credentials_or_writes(client):
    KeyFigureFactory()
    response = client.get(reverse("api:figure-list"), HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        ARTICLES, HTTP_ORIGIN="https://data.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")


def test_cors_is_limited_to_the_api(client):
    response = client.get("/", HTTP_ORIGIN="https://data.example.org")
    assert "Access-Control-Allow-Origin" not in response


def test_openapi_document_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())


def test_schema_endpoint_serves_openapi_3_with_every_collection(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for collection in ("articles", "achievements", "figures", "projects", "enterprises", "institutions"):
        assert f"/api/v1/{collection}/" in schema["paths"]
    assert "/api/v1/figures/export/" in schema["paths"]


def test_docs_page_uses_our_own_static_files(client):
    html = client.get(reverse("api:docs")).content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()


def test_docs_page_names_its_language_and_leads_back_to_the_site(client):
    html = client.get(reverse("api:docs")).content.decode()
    assert '<html lang="zh-hans">' in html
    assert '<a href="/">返回科创门户首页</a>' in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("api:docs")).content.decode()
    assert '<html lang="en">' in english
    assert '<a href="/">Back to the portal\'s home page</a>' in english


@pytest.mark.parametrize("query", ["search=%00", "search=a%00b", "ordering=title%00", "title%00=x"])
def test_a_nul_byte_in_search_or_any_parameter_is_a_400_that_says_so(client, query):
    ArticleFactory()

    response = client.get(f"{ARTICLES}?{query}")

    assert response.status_code == 400
    name = query.split("=")[0].replace("%00", "\\x00")
    assert response.json() == {name: ["参数不能包含空字符（NUL）。"]}


def test_api_errors_follow_the_interface_language_the_caller_chose(client):
    chinese = [
        client.get(ARTICLES, {"page_size": "0"}).json(),
        client.get(ARTICLES, {"ordering": "author"}).json(),
        client.post(ARTICLES, DRAFT, content_type="application/json").json(),
        client.get(ARTICLES, {"search": "\x00"}).json(),
    ]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = [
        client.get(ARTICLES, {"page_size": "0"}).json(),
        client.get(ARTICLES, {"ordering": "author"}).json(),
        client.post(ARTICLES, DRAFT, content_type="application/json").json(),
        client.get(ARTICLES, {"search": "\x00"}).json(),
    ]

    assert chinese[0] == {"page_size": ["每页条数须为 1 到 100 之间的整数。"]}
    assert chinese[1]["ordering"][0].startswith("不能按“author”排序；可用：")
    assert chinese[2] == {"detail": "请先登录，或在请求头中带上 Authorization: Token …"}
    assert english[0] == {"page_size": ["The page size must be a whole number from 1 to 100."]}
    assert english[1]["ordering"][0].startswith("Cannot sort by “author”; choose from: ")
    assert english[2] == {"detail": "Please log in, or send the header Authorization: Token …"}
    assert english[3] == {"search": ["Parameters cannot contain a null character (NUL)."]}


@override_settings(
    REST_FRAMEWORK={
        **__import__("django.conf").conf.settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "3/minute"},
    }
)
def test_too_many_requests_in_english_says_how_long_to_wait_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.get(ARTICLES)

    response = client.get(ARTICLES)

    assert response.status_code == 429
    assert re.fullmatch(r"Too many requests; please try again in \d+ seconds\.", response.json()["detail"])


def test_api_answers_say_they_depend_on_the_token_and_staff_answers_are_private(django_user_model):
    from rest_framework.test import APIClient

    ArticleFactory(title="公开的")
    url = reverse("api:article-list")
    anonymous = APIClient().get(url)
    staff = token_client(staff_user(django_user_model, "view_article")).get(url)

    assert "Authorization" in anonymous["Vary"]
    assert "private" not in anonymous.get("Cache-Control", "")
    assert "Authorization" in staff["Vary"]
    assert {"private", "no-store"} <= set(staff["Cache-Control"].replace(" ", "").split(","))


def test_no_browsable_api_pages_outside_debug(client):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(reverse("api:article-list"), headers={"accept": browser})

    assert response["Content-Type"].startswith("application/json")


def test_a_write_that_loses_a_race_for_a_unique_value_is_a_409_not_a_500(django_user_model, monkeypatch):
    from django.db import IntegrityError

    from news.serializers import ArticleWriteSerializer

    def raced(self, validated_data):
        raise IntegrityError('duplicate key value violates unique constraint "news_article_slug_key"')

    monkeypatch.setattr(ArticleWriteSerializer, "create", raced)
    client = token_client(staff_user(django_user_model, "add_article"))

    response = client.post(reverse("api:article-list"), {"title": "抢注的网址名", "slug": "taken"}, format="json")

    assert response.status_code == 409
    assert "没有保存任何修改" in response.json()["detail"]
    assert not Article.objects.exists()


def test_a_bad_token_on_a_request_refused_before_it_is_read_is_still_a_clean_4xx():
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = client.get(reverse("api:article-list"), HTTP_ACCEPT="application/x-unknown")

    assert response.status_code in {401, 406}


def test_the_api_search_is_bounded_with_a_clear_400(client):
    ArticleFactory(title="算力中心建成")
    url = reverse("api:article-list")

    many = client.get(url, {"search": " ".join(["算力"] * 2000)})
    long = client.get(url, {"search": "算" * 101})
    fine = client.get(url, {"search": "算力 中心"})

    assert (many.status_code, long.status_code) == (400, 400)
    assert "最多 5 个词、100 个字" in many.json()["search"][0]
    assert [item["title"] for item in fine.json()["results"]] == ["算力中心建成"]
