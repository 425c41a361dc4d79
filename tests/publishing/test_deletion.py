"""Issue 13, item 4: nothing is deleted beyond recovery. Every delete (admin, bulk action, API) keeps a revision of
the item with its inline rows and the links other items hold to it; recovering it in the admin brings all of that
back; an item another one refers to by a foreign key is kept, with a message naming what refers to it; the audit
log has each step."""

import pytest
from django.urls import reverse
from reversion.models import Version

from achievements.models import Achievement
from enterprises.models import Enterprise
from news.models import Article, ArticleSection
from projects.models import Project
from publishing.models import AuditEntry, DeletedLinks, PublishStatus
from tests.api_helpers import if_match, staff_user, token_client
from tests.factories import (
    AchievementFactory,
    ArticleFactory,
    ArticleSectionFactory,
    EnterpriseFactory,
    ProjectFactory,
    RegionFactory,
    TopicFactory,
)
from tests.publishing.test_revisions import form_data

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def recover(client, model):
    """Recovers the one deleted ``model`` item in the admin, as staff would: its form, sent back unchanged."""
    version = Version.objects.get_deleted(model).get()
    page = client.get(admin_url(model, "recover", version.pk))
    assert page.status_code == 200
    response = client.post(admin_url(model, "recover", version.pk), form_data(page))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    return model.objects.get()


@pytest.fixture
def linked_article():
    """An article with everything an article links to: regions, topics, a project, an enterprise, sections."""
    article = ArticleFactory(title="带关联的文章")
    article.regions.add(RegionFactory(name="赤壁市"), RegionFactory(name="通城县"))
    article.topics.add(TopicFactory(name="算力"))
    article.projects.add(ProjectFactory(name="智算中心"))
    article.enterprises.add(EnterpriseFactory(name="高斯算电"))
    ArticleSectionFactory(article=article, label="新格局")
    ArticleSectionFactory(article=article, label="新突破")
    return article


def relations(article) -> dict:
    return {
        "regions": sorted(article.regions.values_list("name", flat=True)),
        "topics": list(article.topics.values_list("name", flat=True)),
        "projects": list(article.projects.values_list("name", flat=True)),
        "enterprises": list(article.enterprises.values_list("name", flat=True)),
        "sections": list(article.sections.values_list("label", flat=True)),
    }


def test_an_article_deleted_through_the_api_comes_back_with_its_relations(client, site_admin, linked_article):
    before = relations(linked_article)
    api = token_client(site_admin)
    url = reverse("api:article-detail", args=[linked_article.slug])

    assert api.delete(url, **if_match(api, url)).status_code == 204
    assert not Article.objects.exists() and not ArticleSection.objects.exists()
    version = Version.objects.get_deleted(Article).get()
    assert "删除前的版本（API）" in version.revision.comment

    client.force_login(site_admin)
    recovered = recover(client, Article)

    assert relations(recovered) == before
    assert recovered.status == PublishStatus.DRAFT  # back through review before it is public again
    actions = list(AuditEntry.objects.filter(object_repr="带关联的文章").values_list("action", "comment"))
    assert ("deleted", "API") in actions and any(action == "restored" for action, _comment in actions)


def test_recovering_an_item_puts_back_the_links_other_items_held_to_it(client, site_admin):
    project = ProjectFactory(name="要删除的项目")
    article = ArticleFactory(title="提到项目的文章")
    achievement = AchievementFactory(title="相关成果")
    article.projects.add(project)
    achievement.projects.add(project)
    client.force_login(site_admin)

    client.post(admin_url(Project, "delete", project.pk), {"post": "yes"})
    assert not article.projects.exists() and not achievement.projects.exists()
    assert DeletedLinks.objects.get().links  # kept with the deletion's revision
    Article.objects.filter(pk=article.pk).update(title="删除之后改过的文章")  # a later edit stays as it is

    recovered = recover(client, Project)

    assert list(article.projects.all()) == [recovered] and list(achievement.projects.all()) == [recovered]
    assert Article.objects.get(pk=article.pk).title == "删除之后改过的文章"


def test_a_bulk_delete_in_the_admin_keeps_a_revision_of_each(client, site_admin):
    for name in ["企业甲", "企业乙"]:
        EnterpriseFactory(name=name)
    client.force_login(site_admin)

    response = client.post(
        admin_url(Enterprise, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(Enterprise.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )

    assert response.status_code == 302 and not Enterprise.objects.exists()
    assert sorted(v.object_repr for v in Version.objects.get_deleted(Enterprise)) == ["企业乙", "企业甲"]
    assert AuditEntry.objects.filter(action="deleted").count() == 2


def test_an_article_an_achievement_cites_as_its_source_is_kept_with_a_message_naming_it(client, site_admin):
    article = ArticleFactory(title="年度回顾")
    AchievementFactory(title="离岸科创园", article=article)
    api = token_client(site_admin)
    url = reverse("api:article-detail", args=[article.slug])

    refused = api.delete(url, **if_match(api, url))

    assert refused.status_code == 409
    assert "离岸科创园" in refused.json()["detail"] and "不能删除" in refused.json()["detail"]
    assert Article.objects.filter(pk=article.pk).exists()
    assert not Version.objects.get_deleted(Article).exists()
    assert not AuditEntry.objects.filter(action="deleted").exists()
    # The admin says the same before anything is deleted.
    client.force_login(site_admin)
    page = client.get(admin_url(Article, "delete", article.pk)).content.decode()
    assert "离岸科创园" in page
    client.post(admin_url(Article, "delete", article.pk), {"post": "yes"})
    assert Article.objects.filter(pk=article.pk).exists()


def test_an_enterprise_that_runs_a_project_is_kept(site_admin):
    enterprise = EnterpriseFactory(name="运营企业")
    ProjectFactory(name="它运营的项目", operator=enterprise)
    api = token_client(site_admin)
    url = reverse("api:enterprise-detail", args=[enterprise.slug])

    refused = api.delete(url, **if_match(api, url))

    assert refused.status_code == 409 and "它运营的项目" in refused.json()["detail"]
    assert Enterprise.objects.filter(pk=enterprise.pk).exists()


def test_deleting_without_the_right_is_refused_and_keeps_everything(django_user_model):
    article = ArticleFactory()
    viewer = staff_user(django_user_model, "view_article", username="viewer")
    api = token_client(viewer)
    url = reverse("api:article-detail", args=[article.slug])

    assert api.delete(url, **if_match(api, url)).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists() and not Version.objects.get_deleted(Article).exists()


def test_an_achievement_deleted_through_the_api_keeps_its_key_figures_in_the_revision(client, site_admin):
    from tests.factories import KeyFigureFactory

    achievement = AchievementFactory(title="有数据的成果")
    KeyFigureFactory(achievement=achievement, label="签约企业")
    api = token_client(site_admin)
    url = reverse("api:achievement-detail", args=[achievement.slug])

    assert api.delete(url, **if_match(api, url)).status_code == 204
    client.force_login(site_admin)
    recovered = recover(client, Achievement)

    assert list(recovered.figures.values_list("label", flat=True)) == ["签约企业"]
