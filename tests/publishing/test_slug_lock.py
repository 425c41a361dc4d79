"""Once an item has been published its address (slug) is locked, so old links never turn into 404s."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from reversion.models import Version

from publishing import services
from publishing.models import Draft, PublishStatus
from tests.api_helpers import token_client
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    InstitutionFactory,
    ProjectFactory,
)
from tests.publishing.test_revisions import admin_url, form_data
from tests.publishing.test_roles import article_form, change_url

pytestmark = pytest.mark.django_db

FACTORIES = [ArticleFactory, AchievementFactory, ProjectFactory, EnterpriseFactory, InstitutionFactory]
IDS = ["article", "achievement", "project", "enterprise", "institution"]
LOCKED_HELP = "内容一经发布，网址名即锁定"


@pytest.mark.parametrize("factory", FACTORIES, ids=IDS)
def test_admin_shows_a_published_items_slug_read_only_and_says_why(login, reviewer, factory):
    item = factory(slug="old-address")

    html = login(reviewer).get(change_url(item)).content.decode()

    assert 'name="slug"' not in html
    assert "old-address" in html
    assert LOCKED_HELP in html


@pytest.mark.parametrize("factory", FACTORIES, ids=IDS)
def test_admin_lets_staff_change_the_slug_of_a_draft(login, editor, factory):
    item = factory(draft=True, slug="draft-address")

    html = login(editor).get(change_url(item)).content.decode()

    assert 'name="slug"' in html and 'value="draft-address"' in html
    assert LOCKED_HELP in html  # the help text warns before it happens


def test_admin_keeps_the_address_of_a_published_article_whatever_is_posted(login, reviewer):
    article = ArticleFactory(title="已发布的文章", slug="kept-address")

    response = login(reviewer).post(change_url(article), article_form(article, slug="new-address", lead="新导语"))

    assert response.status_code == 302
    fields = Draft.objects.get().data["object"]["fields"]  # a published article's edit is a draft over live
    assert (fields["slug"], fields["lead"]) == ("kept-address", "新导语")
    article.refresh_from_db()
    assert article.slug == "kept-address"


def test_admin_keeps_the_address_locked_after_unpublishing(login, reviewer):
    article = ArticleFactory(slug="was-public")
    services.content_unpublish(obj=article, user=reviewer, reason="暂缓")

    html = login(reviewer).get(change_url(article)).content.decode()

    assert 'name="slug"' not in html


def test_admin_saves_a_new_slug_for_a_draft(login, editor):
    article = ArticleFactory(draft=True, slug="first-try")

    response = login(editor).post(change_url(article), article_form(article, slug="better-address"))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "better-address"


API_ITEMS = [
    ("article", ArticleFactory),
    ("achievement", AchievementFactory),
    ("project", ProjectFactory),
    ("enterprise", EnterpriseFactory),
]


@pytest.mark.parametrize(("basename", "factory"), API_ITEMS, ids=[name for name, _ in API_ITEMS])
def test_api_refuses_a_new_slug_for_a_published_item_with_a_400(reviewer, basename, factory):
    item = factory(slug="public-address")
    url = reverse(f"api:{basename}-detail", kwargs={"slug": item.slug})

    response = token_client(reviewer).patch(url, {"slug": "another-address"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"slug": ["这条内容已经发布过，网址名已锁定，不能再修改（旧网址会失效）。"]}
    item.refresh_from_db()
    assert item.slug == "public-address"


@pytest.mark.parametrize(("basename", "factory"), API_ITEMS, ids=[name for name, _ in API_ITEMS])
def test_api_accepts_the_same_slug_and_changes_a_drafts_slug(reviewer, basename, factory):
    client = token_client(reviewer)
    published = factory(slug="public-address")
    draft = factory(draft=True, slug="draft-address")

    same = client.patch(
        reverse(f"api:{basename}-detail", kwargs={"slug": published.slug}), {"slug": "public-address"}, format="json"
    )
    changed = client.patch(
        reverse(f"api:{basename}-detail", kwargs={"slug": draft.slug}), {"slug": "new-address"}, format="json"
    )

    assert same.status_code == 200, same.json()
    assert changed.status_code == 200, changed.json()
    assert changed.json()["slug"] == "new-address"


def test_api_refuses_an_empty_slug_that_would_regenerate_the_address(reviewer):
    article = ArticleFactory(title="已发布", slug="public-address")

    response = token_client(reviewer).patch(
        reverse("api:article-detail", kwargs={"slug": article.slug}), {"slug": ""}, format="json"
    )

    assert response.status_code == 400
    assert "slug" in response.json()


def test_every_other_way_in_is_refused_by_the_model_too(reviewer):
    """Imports and scripts save through full_clean: the same rule, on the slug field."""
    project = ProjectFactory(slug="public-address")
    services.content_unpublish(obj=project, user=reviewer, reason="暂缓")
    project.slug = "renamed"

    with pytest.raises(ValidationError) as error:
        project.full_clean()

    assert error.value.message_dict["slug"] == ["这条内容已经发布过，网址名已锁定，不能再修改（旧网址会失效）。"]


def test_a_draft_that_was_never_published_may_change_its_slug_in_the_model():
    project = ProjectFactory(draft=True, slug="draft")
    project.slug = "renamed"
    project.full_clean()
    project.save()
    assert project.status == PublishStatus.DRAFT


def test_restoring_an_old_revision_keeps_the_published_address(client, editor, reviewer, second_reviewer):
    article = ArticleFactory(draft=True, title="第一版标题", slug="first-address")
    client.force_login(editor)
    client.post(change_url(article), article_form(article))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article, slug="final-address", title="第二版标题"))
    article.refresh_from_db()
    services.content_submit(obj=article, user=editor)
    services.content_publish(obj=article, user=second_reviewer)
    first = Version.objects.get_for_object(article).order_by("pk").first()

    client.force_login(reviewer)
    restore_page = client.get(admin_url("revision", article.pk, first.pk))
    response = client.post(admin_url("revision", article.pk, first.pk), form_data(restore_page))

    assert response.status_code == 302
    fields = Draft.objects.get().data["object"]["fields"]  # restored as a draft over the live version
    assert (fields["title"], fields["slug"]) == ("第一版标题", "final-address")
    article.refresh_from_db()
    assert (article.title, article.slug) == ("第二版标题", "final-address")
    client.logout()
    assert client.get(reverse("news:detail", kwargs={"slug": "final-address"})).status_code == 200
