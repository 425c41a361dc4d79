"""Every admin save keeps a revision with its inlines; any two compare side by side; any one can be restored."""

import pytest
from django.forms import MultiWidget
from django.urls import reverse
from reversion.models import Version

from news.models import Article, ArticleSection
from publishing.models import AuditEntry, Draft, PublishStatus
from tests.factories import ArticleFactory, ArticleSectionFactory
from tests.publishing.test_roles import article_form, change_url

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the browser would send back for the form the admin rendered, unchanged."""
    data = {"_save": "保存"}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            key, value = form.add_prefix(name), form[name].value()
            if isinstance(field.widget, MultiWidget):
                for i, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{i}"] = "" if part is None else part
            elif value is True:
                data[key] = "on"
            elif value is not None and value is not False:
                data[key] = value
    return data


def admin_url(view, *args):
    return reverse(f"admin:news_article_{view}", args=args)


def test_compare_marks_what_changed_between_two_revisions(client, editor):
    article = ArticleFactory(draft=True, title="咸宁科技创新实现新突破", lead="旧导语")
    client.force_login(editor)
    client.post(change_url(article), article_form(article))
    article.refresh_from_db()
    client.post(change_url(article), article_form(article, title="咸宁科技创新实现重大突破"))
    old, new = Version.objects.get_for_object(article).order_by("pk")

    history = client.get(admin_url("history", article.pk))
    assert history.status_code == 200
    assert "比较所选的两个版本" in history.content.decode()
    response = client.get(admin_url("compare", article.pk), {"old": old.revision_id, "new": new.revision_id})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>新</del>" in html
    assert "<ins>重大</ins>" in html


def test_restoring_an_old_revision_brings_back_content_and_sections_as_a_new_revision(client, reviewer):
    article = ArticleFactory(draft=True, title="第一版标题")
    ArticleSectionFactory(article=article, label="新格局", heading="第一版小标题")
    client.force_login(reviewer)
    first_form = form_data(client.get(change_url(article)))
    client.post(change_url(article), first_form)
    second_form = form_data(client.get(change_url(article)))
    second_form.update({"title": "第二版标题", "sections-0-heading": "第二版小标题"})
    client.post(change_url(article), second_form)
    assert Article.objects.get().title == "第二版标题"
    first = Version.objects.get_for_object(article).order_by("pk").first()

    restore_page = client.get(admin_url("revision", article.pk, first.pk))
    response = client.post(admin_url("revision", article.pk, first.pk), form_data(restore_page))

    assert response.status_code == 302
    restored = Article.objects.get()
    assert restored.title == "第一版标题"
    assert [s.heading for s in restored.sections.all()] == ["第一版小标题"]
    assert restored.status == PublishStatus.DRAFT  # a restore brings back content, not a state
    assert Version.objects.get_for_object(article).count() == 3
    assert AuditEntry.objects.filter(action="restored", object_id=str(article.pk)).exists()


def test_an_editor_restoring_a_revision_of_published_content_makes_a_draft(client, editor, reviewer):
    article = ArticleFactory(draft=True, title="第一版")
    client.force_login(editor)
    client.post(change_url(article), form_data(client.get(change_url(article))))
    version = Version.objects.get_for_object(article).first()
    Article.objects.filter(pk=article.pk).update(title="已发布", status=PublishStatus.PUBLISHED)

    restore_url = admin_url("revision", article.pk, version.pk)
    response = client.post(restore_url, form_data(client.get(restore_url)))

    assert response.status_code == 302
    assert Article.objects.get().title == "已发布"
    assert Draft.objects.get().data["object"]["fields"]["title"] == "第一版"


def test_a_deleted_article_comes_back_whole_with_its_sections_as_a_draft(client, reviewer):
    article = ArticleFactory(title="要删除的回顾", kind="review", year=2025)
    ArticleSectionFactory(article=article, label="新格局", heading="打造区域协同创新样本")
    ArticleSectionFactory(article=article, label="新突破", heading="从技术攻坚到产业升级")
    client.force_login(reviewer)

    client.post(admin_url("delete", article.pk), {"post": "yes"})
    assert not Article.objects.exists() and not ArticleSection.objects.exists()

    recover_list = client.get(admin_url("recoverlist"))
    assert "要删除的回顾" in recover_list.content.decode()
    version = Version.objects.get_deleted(Article).get()
    page = client.get(admin_url("recover", version.pk))
    response = client.post(admin_url("recover", version.pk), form_data(page))

    assert response.status_code == 302
    recovered = Article.objects.get()
    assert recovered.title == "要删除的回顾"
    assert [s.label for s in recovered.sections.all()] == ["新格局", "新突破"]
    assert recovered.status == PublishStatus.DRAFT
    actions = list(AuditEntry.objects.filter(object_repr="要删除的回顾").values_list("action", flat=True))
    assert "deleted" in actions and "restored" in actions
