"""The write API and drafts over live content: a change to a published item becomes its draft; the public site and
the API keep the live version until another person approves (issue 12, item 1)."""

import pytest
from django.core import mail
from django.urls import reverse

from news.models import Article, ArticleSection
from publishing.models import AuditEntry, Draft
from publishing.services import draft_approve
from tests.api_helpers import if_match, token_client
from tests.factories import ArticleFactory, ArticleSectionFactory

pytestmark = pytest.mark.django_db


def detail(article) -> str:
    return reverse("api:article-detail", kwargs={"slug": article.slug})


@pytest.fixture
def published():
    article = ArticleFactory(title="公开的标题", body="<p>公开的正文</p>")
    ArticleSectionFactory(article=article, label="一", heading="公开的章节")
    return article


@pytest.fixture
def api(editor):
    return token_client(editor)


def test_a_change_to_a_published_article_is_saved_as_its_draft(client, api, editor, published):
    url = detail(published)

    response = api.patch(url, {"title": "草稿里的标题"}, format="json", **if_match(api, url))

    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["draft"]["status"] == "draft" and body["draft"]["edits"] == 1
    assert body["item"]["title"] == "草稿里的标题"
    assert "公开版本不变" in body["detail"]
    # Nobody else sees it: the API, the page and the row stay live.
    assert client.get(url).json()["title"] == "公开的标题"
    assert "草稿里的标题" not in client.get(published.get_absolute_url()).content.decode()
    assert Article.objects.get(pk=published.pk).title == "公开的标题"
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EDITED).latest("pk")
    assert entry.user == editor and "草稿" in entry.comment


def test_the_draft_is_read_and_changed_by_its_own_etag(api, published):
    url = detail(published)
    live_etag = if_match(api, url)
    first = api.patch(url, {"title": "第一稿"}, format="json", **live_etag)
    assert first.status_code == 202

    stale = api.patch(url, {"title": "照公开版本改"}, format="json", **live_etag)
    assert stale.status_code == 412
    assert "草稿" in stale.json()["detail"]

    draft = api.get(f"{url}draft/")
    assert draft.status_code == 200 and draft.json()["item"]["title"] == "第一稿"
    assert draft["ETag"] == first["ETag"]
    second = api.patch(url, {"lead": "补上导语"}, format="json", HTTP_IF_MATCH=draft["ETag"])
    assert second.status_code == 202
    assert second.json()["draft"]["edits"] == 2
    assert second.json()["item"]["title"] == "第一稿" and second.json()["item"]["lead"] == "补上导语"
    assert api.patch(url, {"title": "x"}, format="json").status_code == 428


def test_nested_sections_change_in_the_draft_only(api, editor, published):
    editor.user_permissions.add(
        *editor.user_permissions.model.objects.filter(
            codename__in=["add_articlesection", "change_articlesection", "delete_articlesection"]
        )
    )
    url = detail(published)
    sections = [{"order": 1, "label": "新", "heading": "草稿里的章节", "body": "<p>新</p>"}]

    response = api.patch(url, {"sections": sections}, format="json", **if_match(api, url))

    assert response.status_code == 202, response.json()
    assert [s["heading"] for s in response.json()["item"]["sections"]] == ["草稿里的章节"]
    assert list(ArticleSection.objects.filter(article=published).values_list("heading", flat=True)) == ["公开的章节"]


def test_submitted_and_approved_by_another_the_draft_goes_live(
    client, api, published, reviewer, django_capture_on_commit_callbacks
):
    reviewer.email = "shen@example.cn"
    reviewer.save()
    url = detail(published)
    etag = api.patch(url, {"title": "审核后的标题"}, format="json", **if_match(api, url))["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        submitted = api.post(f"{url}draft/submit/", HTTP_IF_MATCH=etag)

    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["draft"]["status"] == "in_review"
    assert client.get(url).json()["title"] == "公开的标题"
    [message] = mail.outbox
    assert message.to == ["shen@example.cn"] and "待审核" in message.subject
    # In review, an editor can no longer change it.
    later = api.patch(url, {"title": "又改"}, format="json", HTTP_IF_MATCH=submitted["ETag"])
    assert later.status_code == 403

    draft_approve(obj=Article.objects.get(pk=published.pk), user=reviewer)

    assert client.get(url).json()["title"] == "审核后的标题"
    assert not Draft.objects.exists()


def test_a_draft_is_discarded_and_the_live_version_stays(client, api, published):
    url = detail(published)
    etag = api.patch(url, {"title": "不要了"}, format="json", **if_match(api, url))["ETag"]

    assert api.post(f"{url}draft/discard/", HTTP_IF_MATCH=etag).status_code == 204

    assert not Draft.objects.exists()
    assert api.get(f"{url}draft/").status_code == 404
    assert client.get(url).json()["title"] == "公开的标题"


def test_an_unpublished_draft_item_is_still_changed_in_place(api):
    article = ArticleFactory(title="还是草稿", draft=True)
    url = detail(article)

    response = api.patch(url, {"title": "直接改"}, format="json", **if_match(api, url))

    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title == "直接改"
    assert not Draft.objects.exists()


def test_the_draft_is_not_for_readers(client, published):
    assert client.get(f"{detail(published)}draft/").status_code == 401
    assert client.post(f"{detail(published)}draft/submit/").status_code == 401


def test_an_invalid_change_stores_no_draft(api, published):
    url = detail(published)

    response = api.patch(url, {"title": ""}, format="json", **if_match(api, url))

    assert response.status_code == 400
    assert "title" in response.json()
    assert not Draft.objects.exists()


def test_a_published_achievements_figures_change_on_approval_only(client, editor, second_reviewer, reviewer):
    from achievements.models import KeyFigure
    from publishing.services import draft_submit
    from tests.factories import AchievementFactory, KeyFigureFactory

    achievement = AchievementFactory(title="公开的成果")
    KeyFigureFactory(achievement=achievement, label="签约企业", text="205家", value=205, unit="家")
    url = reverse("api:achievement-detail", kwargs={"slug": achievement.slug})
    api = token_client(reviewer)
    figures = [{"label": "签约企业", "text": "206家", "value": "206", "unit": "家"}]

    response = api.patch(url, {"figures": figures}, format="json", **if_match(api, url))

    assert response.status_code == 202, response.json()
    assert [f["text"] for f in response.json()["item"]["figures"]] == ["206家"]
    assert list(KeyFigure.objects.values_list("text", flat=True)) == ["205家"]
    assert "205家" in client.get(reverse("achievements:index")).content.decode()

    draft_submit(obj=achievement, user=reviewer)
    draft_approve(obj=type(achievement).objects.get(pk=achievement.pk), user=second_reviewer)

    assert list(KeyFigure.objects.values_list("text", flat=True)) == ["206家"]
    assert [f["text"] for f in client.get(url).json()["figures"]] == ["206家"]
