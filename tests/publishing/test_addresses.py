"""Addresses (slugs): readable and free from the title, never refused when automatic; once an item is public a new
slug keeps the old address working with a 301, on the site and in the API."""

import json
import re
import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models.signals import pre_save
from django.urls import reverse
from reversion.models import Version

from news.models import Article
from publishing import services
from publishing.models import SlugHistory
from publishing.services import draft_approve
from tests.api_helpers import if_match, token_client
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    EnterpriseFactory,
    InstitutionFactory,
    ProjectFactory,
    RegionFactory,
    TopicFactory,
)
from tests.publishing.test_revisions import admin_url, form_data
from tests.publishing.test_roles import article_form, change_url
from tests.sitemaps import path_of, sitemap_locations

pytestmark = pytest.mark.django_db

FACTORIES = [ArticleFactory, AchievementFactory, ProjectFactory, EnterpriseFactory, InstitutionFactory]
IDS = ["article", "achievement", "project", "enterprise", "institution"]
REVIEW_TITLE = "2026年科技创新年度回顾"
REVIEW_SLUG = "2026-nian-ke-ji-chuang-xin-nian-du-hui-gu"
ADD_URL = reverse("admin:news_article_add")


def add_article(client, title, slug=""):
    data = article_form(Article(title=title, kind=Article.Kind.REVIEW, lead="导语", body="<p>正文</p>"), slug=slug)
    return client.post(ADD_URL, data)


def form_errors(response) -> list[str]:
    return response.context["adminform"].form.errors.get("slug", [])


# Automatic slugs.


def test_a_title_that_begins_with_a_year_keeps_its_words_in_the_slug(login, editor):
    client = login(editor)
    page = client.get(ADD_URL).content.decode()
    # The admin no longer fills the slug in the browser (its script dropped every Chinese character: "2026").
    prepopulated = re.search(r'data-prepopulated-fields="([^"]*)"', page)
    assert prepopulated is None or "slug" not in prepopulated[1]

    response = add_article(client, REVIEW_TITLE)

    assert response.status_code == 302
    assert Article.objects.get(title=REVIEW_TITLE).slug == REVIEW_SLUG


def test_the_next_title_with_the_same_words_gets_the_next_free_slug_not_an_error(login, editor):
    client = login(editor)
    add_article(client, REVIEW_TITLE)

    response = add_article(client, REVIEW_TITLE)

    assert response.status_code == 302
    assert sorted(Article.objects.filter(title=REVIEW_TITLE).values_list("slug", flat=True)) == [
        REVIEW_SLUG,
        f"{REVIEW_SLUG}-2",
    ]


def test_an_automatic_slug_avoids_the_old_addresses_of_other_items():
    first = ArticleFactory(title="年度回顾")
    first.slug = "renamed"
    first.save()

    second = ArticleFactory(title="年度回顾")

    assert second.slug == "nian-du-hui-gu-2"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite lets one writer at a time: no other save slips in between"
)
def test_two_saves_that_pick_the_same_slug_at_once_both_succeed():
    """Between the check for a free slug and the INSERT, another request (its own connection) saves an article
    with the same slug and commits: the refused INSERT is retried with the next slug, also inside a surrounding
    transaction (as in the admin), never an error."""
    taken = []

    def other_request(slug):
        try:
            Article.objects.create(title="同时保存的另一篇", slug=slug, body="<p>正文</p>")
        finally:
            connections.close_all()

    def the_other_save(sender, instance, **kwargs):
        if not taken:
            taken.append(instance.slug)
            thread = threading.Thread(target=other_request, args=[instance.slug])
            thread.start()
            thread.join()

    pre_save.connect(the_other_save, sender=Article)
    try:
        with transaction.atomic():
            article = ArticleFactory(title="年度回顾")
    finally:
        pre_save.disconnect(the_other_save, sender=Article)

    assert taken == ["nian-du-hui-gu"]
    assert article.slug == "nian-du-hui-gu-2"
    assert Article.objects.get(slug="nian-du-hui-gu").title == "同时保存的另一篇"


# Typed slugs.


def test_a_typed_slug_another_item_uses_is_a_clear_form_error(login, editor):
    ArticleFactory(title="已有的文章", slug="2026")

    response = add_article(login(editor), REVIEW_TITLE, slug="2026")

    assert response.status_code == 200
    assert form_errors(response) == [
        "网址名“2026”已被另一条文章“已有的文章”使用。请换一个网址名，或留空由系统自动生成。"
    ]


def test_a_typed_slug_that_is_still_another_items_old_address_is_refused(login, editor):
    article = ArticleFactory(title="改过网址的文章", slug="old-address")
    article.slug = "new-address"
    article.save()

    response = add_article(login(editor), "新文章", slug="old-address")

    assert form_errors(response) == [
        "网址名“old-address”是另一条文章“改过网址的文章”的旧网址，仍在跳转到它，不能再用。"
        "请换一个网址名，或留空由系统自动生成。"
    ]


def test_deleting_an_item_frees_its_old_addresses():
    article = ArticleFactory(slug="old-address")
    article.slug = "new-address"
    article.save()
    article.delete()

    assert not SlugHistory.objects.exists()
    assert ArticleFactory(slug="old-address").slug == "old-address"


# Changing the address of a public item.


@pytest.mark.parametrize("factory", FACTORIES, ids=IDS)
def test_the_old_address_of_a_renamed_public_item_redirects_permanently(client, factory):
    item = factory(slug="old-address")
    old_url = item.get_absolute_url()
    item.slug = "new-address"
    item.save()

    response = client.get(old_url)

    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_staff_change_a_published_slug_in_the_admin_and_the_old_link_keeps_working(client, reviewer, second_reviewer):
    article = ArticleFactory(title="已发布的文章", slug="first-address")
    client.force_login(reviewer)
    page = client.get(change_url(article)).content.decode()
    assert 'name="slug"' in page and "旧网址会自动跳转（301）到新网址" in page

    response = client.post(change_url(article), article_form(article, slug="better-address"))

    assert response.status_code == 302
    # A draft over live: the address changes when a second person approves it.
    assert client.get("/news/first-address/").status_code == 200
    services.draft_submit(obj=article, user=reviewer)
    services.draft_approve(obj=article, user=second_reviewer)
    assert "旧网址名（仍跳转到现在的网址）：first-address" in client.get(change_url(article)).content.decode()
    client.logout()
    old = client.get("/news/first-address/?from=wechat")
    assert (old.status_code, old["Location"]) == (301, "/news/better-address/?from=wechat")
    assert client.get("/news/better-address/").status_code == 200


def test_every_old_address_leads_to_the_current_one_and_a_slug_taken_back_is_current_again(client):
    article = ArticleFactory(slug="a")
    for slug in ["b", "c"]:
        article.slug = slug
        article.save()

    assert client.get("/news/a/")["Location"] == "/news/c/"
    assert client.get("/news/b/")["Location"] == "/news/c/"

    article.slug = "a"
    article.save()

    assert client.get("/news/a/").status_code == 200
    assert client.get("/news/c/")["Location"] == "/news/a/"


def test_the_old_address_of_a_withdrawn_item_leads_to_its_gone_page(client, reviewer):
    project = ProjectFactory(slug="old-address")
    project.slug = "new-address"
    project.save()
    services.content_unpublish(obj=project, user=reviewer, reason="暂缓")

    response = client.get("/projects/old-address/", follow=True)

    assert response.redirect_chain == [("/projects/new-address/", 301)]
    assert response.status_code == 410


def test_a_draft_that_was_never_public_changes_its_slug_without_keeping_the_old_one(client):
    article = ArticleFactory(draft=True, slug="draft-address")
    article.slug = "better-address"
    article.save()

    assert not SlugHistory.objects.exists()
    assert client.get("/news/draft-address/").status_code == 404


@pytest.mark.parametrize("factory", [RegionFactory, TopicFactory], ids=["region", "topic"])
def test_regions_and_topics_keep_their_old_addresses_too(client, factory):
    item = factory(slug="old-address")
    old_url = item.get_absolute_url()
    item.slug = "new-address"
    item.save()

    response = client.get(old_url)

    assert (response.status_code, response["Location"]) == (301, item.get_absolute_url())


def test_the_sitemap_lists_only_current_addresses(client):
    article = ArticleFactory(slug="old-address")
    article.slug = "new-address"
    article.save()

    paths = {path_of(location) for location in sitemap_locations(client)}

    assert "/news/new-address/" in paths
    assert "/news/old-address/" not in paths


def test_restoring_an_old_revision_keeps_the_current_address(client, editor, reviewer, second_reviewer):
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
    article.refresh_from_db()
    assert (article.title, article.slug) == ("第二版标题", "final-address")  # live until the restored draft is approved
    services.draft_submit(obj=article, user=reviewer)
    services.draft_approve(obj=article, user=second_reviewer)
    article.refresh_from_db()
    assert (article.title, article.slug) == ("第一版标题", "final-address")
    client.logout()
    assert client.get(reverse("news:detail", kwargs={"slug": "final-address"})).status_code == 200


# The API.

API_ITEMS = [
    ("article", ArticleFactory),
    ("achievement", AchievementFactory),
    ("project", ProjectFactory),
    ("enterprise", EnterpriseFactory),
]


@pytest.mark.parametrize(("basename", "factory"), API_ITEMS, ids=[name for name, _ in API_ITEMS])
def test_api_changes_a_published_slug_and_the_old_api_address_redirects(
    client, reviewer, second_reviewer, basename, factory
):
    item = factory(slug="public-address")
    old_url = reverse(f"api:{basename}-detail", kwargs={"slug": "public-address"})

    api = token_client(reviewer)
    response = api.patch(old_url, {"slug": "another-address"}, format="json", **if_match(api, old_url))

    # A published item's change is its draft: the address changes once another reviewer approves it.
    assert response.status_code == 202, response.json()
    assert client.get(old_url).status_code == 200
    assert api.post(f"{old_url}draft/submit/", HTTP_IF_MATCH=response["ETag"]).status_code == 200
    draft_approve(obj=type(item).objects.get(pk=item.pk), user=second_reviewer)
    old = client.get(old_url)
    assert old.status_code == 301
    assert (
        old["Location"] == f"http://testserver{reverse(f'api:{basename}-detail', kwargs={'slug': 'another-address'})}"
    )
    assert client.get(old["Location"]).json()["slug"] == "another-address"
    item.refresh_from_db()
    assert client.get(item.get_absolute_url()).status_code == 200


def test_api_refuses_a_slug_another_item_holds_with_a_400_that_says_which(reviewer):
    ArticleFactory(title="已有的文章", slug="taken")
    article = ArticleFactory(title="另一篇", slug="mine")

    api, url = token_client(reviewer), reverse("api:article-detail", kwargs={"slug": article.slug})
    response = api.patch(url, {"slug": "taken"}, format="json", **if_match(api, url))

    assert response.status_code == 400
    assert response.json() == {
        "slug": ["网址名“taken”已被另一条文章“已有的文章”使用。请换一个网址名，或留空由系统自动生成。"]
    }


def test_api_creates_an_item_with_the_next_free_slug(reviewer):
    ArticleFactory(title=REVIEW_TITLE)
    body = {"kind": "review", "title": REVIEW_TITLE, "body": "<p>正文</p>"}

    response = token_client(reviewer).post(
        reverse("api:article-list"), json.dumps(body), content_type="application/json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == f"{REVIEW_SLUG}-2"
