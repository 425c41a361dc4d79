"""A NUL byte ("\\x00") in a filter or a search never reaches the database (PostgreSQL refuses it: a 500).

Pages ignore it and show the clear list; the API answers 400 with a JSON message naming the parameter.
Run these on PostgreSQL too (DATABASE_URL=postgres://…): SQLite accepts NUL, so only there would a miss show.
"""

import datetime

import pytest
from django.urls import reverse

from portal.api import router
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    KeyFigureFactory,
    ProjectFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db

NUL = "\x00"


@pytest.fixture
def content():
    region = RegionFactory(name="赤壁市")
    article = ArticleFactory(title="算力新闻", published_at=datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC))
    article.regions.add(region)
    KeyFigureFactory(achievement=AchievementFactory(title="算力成果", region=region))
    ProjectFactory(name="算力项目", region=region)
    return region


@pytest.mark.parametrize(
    ("path", "params", "shown"),
    [
        ("news:index", {"region": NUL}, "算力新闻"),
        ("news:index", {"region": NUL, "year": f"2025{NUL}", "kind": NUL, "topic": NUL}, "算力新闻"),
        ("projects:index", {"region": NUL, "stage": NUL}, "算力项目"),
        ("enterprises:index", {"region": NUL, "sector": NUL, "honour": NUL}, "企业"),
        ("enterprises:institutions", {"region": NUL, "kind": NUL}, "机构"),
        ("achievements:index", {"category": NUL}, "算力成果"),
        ("achievements:index", {"region": NUL, "year": NUL, "target": NUL, "article": NUL, "group": NUL}, "算力成果"),
    ],
)
def test_nul_in_a_list_filter_shows_the_unfiltered_list(client, content, path, params, shown):
    response = client.get(reverse(path), params)

    assert response.status_code == 200
    assert not holds_nul(response.wsgi_request.GET)
    html = response.content.decode()
    assert shown in html
    assert NUL not in html


def test_nul_in_the_data_page_filter_is_dropped_and_the_real_filter_still_applies(client, content):
    AchievementFactory(title="别的成果", category="finance")
    KeyFigureFactory(achievement=AchievementFactory(title="金融成果", category="finance"))

    html = client.get(reverse("achievements:index"), {"category": f"fin{NUL}ance"}).content.decode()

    assert "金融成果" in html and "算力成果" not in html


def test_nul_in_the_data_download_filter_is_not_a_500(client, content):
    response = client.get(reverse("achievements:export_csv"), {"region": NUL})

    assert response.status_code == 200
    assert "算力成果" in response.getvalue().decode("utf-8-sig")


@pytest.mark.parametrize(
    ("query", "shown"),
    [(f"a{NUL}b", "“ab”"), (NUL, "请输入要找的内容"), (f"算力{NUL}", "算力"), (f"{NUL}项目", "项目")],
)
def test_nul_in_the_search_query_searches_the_rest(client, content, query, shown):
    response = client.get(reverse("search:index"), {"q": query})

    assert response.status_code == 200
    html = response.content.decode()
    assert "站内搜索" in html and shown in html
    assert NUL not in html


def holds_nul(params) -> bool:
    return any(NUL in key or NUL in value for key, values in params.lists() for value in values)


def test_a_page_reads_its_parameters_without_nul_and_shows_the_cleaned_query(client, content):
    response = client.get(reverse("search:index"), {"q": f"算力{NUL}成果", f"k{NUL}ind": NUL})

    assert not holds_nul(response.wsgi_request.GET)
    assert response.wsgi_request.GET["q"] == "算力成果"
    html = response.content.decode()
    assert 'value="算力成果"' in html and "“算力成果”" in html


def test_a_list_filter_with_a_nul_inside_a_real_value_applies_the_value(client, content):
    ArticleFactory(title="别处的新闻")
    slug = content.slug
    response = client.get(reverse("news:index"), {"region": f"{slug[:2]}{NUL}{slug[2:]}"})

    assert not holds_nul(response.wsgi_request.GET)
    html = response.content.decode()
    assert "算力新闻" in html and "别处的新闻" not in html
    assert "赤壁市" in html


@pytest.mark.django_db(transaction=True)
def test_search_for_words_around_a_nul_finds_them(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        project = ProjectFactory(name="算力项目")

    html = client.get(reverse("search:index"), {"q": f"算力{NUL}项目"}).content.decode()

    assert 'value="算力项目"' in html
    assert f'href="{project.get_absolute_url()}"' in html


def _list_filters():
    for prefix, viewset, basename in router.registry:
        filterset = getattr(viewset, "filterset_class", None)
        names = sorted(filterset.base_filters) if filterset else []
        for name in [*names, "search", "ordering", "page", "page_size"]:
            yield pytest.param(basename, name, id=f"{prefix}-{name}")


@pytest.mark.parametrize(("basename", "param"), list(_list_filters()))
def test_nul_in_any_api_list_parameter_is_a_400_naming_it(client, content, basename, param):
    response = client.get(reverse(f"api:{basename}-list"), {param: f"a{NUL}b"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert param in response.json()


@pytest.mark.parametrize("params", [{"search": NUL}, {"region": NUL}, {"year": NUL}])
def test_nul_in_the_articles_api_gets_a_clear_message(client, content, params):
    response = client.get(reverse("api:article-list"), params)

    assert response.status_code == 400
    [name] = params
    assert response.json() == {name: ["参数不能包含空字符（NUL）。"]}


def test_nul_in_the_api_download_filter_is_a_json_400(client, content):
    response = client.get(reverse("api:figure-export") + "?format=csv", {"region": NUL})

    assert response.status_code == 400
    assert "region" in response.json()


def _admin_filters():
    from django.apps import apps
    from django.contrib import admin

    for model in apps.get_models():
        if not admin.site.is_registered(model) or model._meta.app_config.name.startswith("django."):
            continue
        model_admin = admin.site.get_model_admin(model)
        names = [name for name in model_admin.list_filter if isinstance(name, str)]
        params = {"q": f"a{NUL}b", **{f"{name}__exact": NUL for name in names}}
        yield pytest.param(model, params, id=model._meta.label)


@pytest.mark.parametrize(("model", "params"), list(_admin_filters()))
def test_nul_in_an_admin_list_filter_or_search_is_not_a_500(admin_client, model, params):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    response = admin_client.get(url, params)

    assert response.status_code in {200, 302}  # the list, or Django's "?e=1" for a filter it cannot apply
    assert NUL not in response.content.decode()


WRITES = [
    ("api:article-list", {"kind": "news", "title": "草稿", "regions": [f"chibi{NUL}"]}, "regions[0]"),
    ("api:article-list", {"kind": "news", "title": f"草{NUL}稿"}, "title"),
    (
        "api:article-list",
        {"kind": "news", "title": "草稿", "sections": [{"heading": "一", "body": f"<p>{NUL}</p>"}]},
        "sections[0].body",
    ),
    ("api:project-list", {"name": "项目", "region": f"chibi{NUL}"}, "region"),
    ("api:enterprise-list", {"name": "企业", "topics": [NUL]}, "topics[0]"),
    ("api:achievement-list", {"title": "成果", "figures": [{"label": "x", "unit": f"亩{NUL}"}]}, "figures[0].unit"),
    ("api:article-list", {"kind": "news", f"title{NUL}": "草稿"}, "title"),
]


@pytest.mark.parametrize(("name", "body", "where"), WRITES)
def test_a_nul_in_any_field_of_a_write_is_a_400_naming_it_and_nothing_is_stored(admin_user, content, name, body, where):
    from rest_framework.test import APIClient

    from news.models import Article

    client = APIClient()
    client.force_authenticate(admin_user)
    before = Article.objects.count()

    response = client.post(reverse(name), body, format="json")

    assert response.status_code == 400, response.content
    assert where.replace(NUL, "") in response.json()["detail"].replace(NUL, "")
    assert "NUL" in response.json()["detail"]
    assert Article.objects.count() == before


def test_a_nul_in_a_form_encoded_write_is_a_400_too(admin_user, content):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(admin_user)

    response = client.post(reverse("api:article-list"), {"kind": "news", "title": f"草{NUL}稿"}, format="multipart")

    assert response.status_code == 400 and "title" in response.json()["detail"]
