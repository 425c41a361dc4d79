"""Issue 13, item 3: rich text is cleaned on output as well as on save. HTML that never went through ``pre_save``
(a fixture loaded with ``loaddata``, a raw ``QuerySet.update()``) renders without its script, on the page and in
the API."""

import json

import pytest
from django.core.management import call_command

from enterprises.models import Enterprise
from news.models import Article
from projects.models import Project
from tests.factories import ArticleFactory, EnterpriseFactory, ProjectFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>正文<script>alert("x")</script><img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">链接</a><iframe src="https://evil.example/"></iframe></p>'
)


def assert_clean(html: str):
    assert "正文" in html
    for bad in ["<script>", "alert(", "onerror", "javascript:", "<iframe", "evil.example"]:
        assert bad not in html, bad


@pytest.mark.parametrize(
    ("factory", "model", "api"),
    [
        (ArticleFactory, Article, "/api/v1/articles/{}/"),
        (ProjectFactory, Project, "/api/v1/projects/{}/"),
        (EnterpriseFactory, Enterprise, "/api/v1/enterprises/{}/"),
    ],
)
def test_a_body_written_by_a_raw_update_renders_without_its_script(client, factory, model, api):
    item = factory()
    model.objects.filter(pk=item.pk).update(body=HOSTILE)
    assert model.objects.get(pk=item.pk).body == HOSTILE  # stored as written: pre_save never ran

    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert_clean(page.content.decode())

    body = client.get(api.format(item.slug)).json()["body"]
    assert_clean(body)


def test_a_fixture_loaded_with_loaddata_renders_without_its_script(client, tmp_path):
    article = ArticleFactory()
    fixture = tmp_path / "hostile.json"
    fixture.write_text(
        json.dumps([{"model": "news.article", "pk": article.pk, "fields": {**_fields(article), "body": HOSTILE}}]),
        encoding="utf-8",
    )

    call_command("loaddata", str(fixture), verbosity=0)

    assert Article.objects.get(pk=article.pk).body == HOSTILE  # loaddata saves raw, as Django documents
    assert_clean(client.get(article.get_absolute_url()).content.decode())


def _fields(article) -> dict:
    from django.core import serializers

    return json.loads(serializers.serialize("json", [article]))[0]["fields"]
