"""A stale save is refused, naming who changed the item, when and what; nothing typed is lost."""

import pytest
from django.urls import reverse

from news.models import Article
from tests.factories import ArticleFactory
from tests.publishing.test_roles import article_form, change_url

pytestmark = pytest.mark.django_db


def test_second_save_from_an_old_form_is_refused_with_the_typed_input_kept(client, editor, second_editor):
    article = ArticleFactory(draft=True, title="原标题", lead="原导语")
    client.force_login(editor)
    client.post(change_url(article), article_form(article, lead="第一次保存的导语"))  # gives it a revision
    article.refresh_from_db()
    opened_by_both = article.version

    client.force_login(editor)
    first = client.post(
        change_url(article), article_form(article, title="甲改的标题", version_token=str(opened_by_both))
    )
    assert first.status_code == 302

    client.force_login(second_editor)
    second = client.post(
        change_url(article), article_form(article, lead="乙辛苦写的新导语", version_token=str(opened_by_both))
    )

    assert second.status_code == 200
    errors = " ".join(second.context["adminform"].form.non_field_errors())
    assert "保存未成功" in errors
    assert "editor" in errors  # who
    assert "标题" in errors  # what they changed
    assert "乙辛苦写的新导语" in second.content.decode()  # the second person's input is still on the form
    article.refresh_from_db()
    assert (article.title, article.lead) == ("甲改的标题", "第一次保存的导语")


def test_saving_again_after_the_warning_goes_through(client, editor, second_editor):
    article = ArticleFactory(draft=True, title="原标题")
    stale = article.version
    client.force_login(editor)
    client.post(change_url(article), article_form(article, title="甲改的标题"))

    client.force_login(second_editor)
    refused = client.post(change_url(article), article_form(article, title="乙的标题", version_token=str(stale)))
    form = refused.context["adminform"].form
    token = form["version_token"].value()
    accepted = client.post(change_url(article), article_form(article, title="乙的标题", version_token=token))

    assert accepted.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "乙的标题"


def test_a_form_without_its_version_is_refused(client, editor):
    article = ArticleFactory(draft=True)
    client.force_login(editor)

    response = client.post(change_url(article), article_form(article, title="新", version_token=""))

    assert response.status_code == 200
    assert "缺少版本信息" in " ".join(response.context["adminform"].form.non_field_errors())


def test_every_save_raises_the_version():
    article = ArticleFactory(draft=True)
    before = article.version
    article.save()
    assert article.version == before + 1


def test_a_save_with_an_invalid_inline_saves_nothing(client, editor):
    article = ArticleFactory(draft=True, kind="review", year=2025, title="原标题")
    client.force_login(editor)
    data = article_form(
        article,
        title="改了的标题",
        **{
            "sections-TOTAL_FORMS": "1",
            "sections-0-order": "1",
            "sections-0-label": "",  # required
            "sections-0-heading": "打造区域协同创新样本",
            "sections-0-body": "<p>正文</p>",
        },
    )

    response = client.post(change_url(article), data)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "原标题"
    assert not article.sections.exists()
    assert reverse("admin:news_article_changelist")
