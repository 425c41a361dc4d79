"""Inline parts (key figures, sections, people) change only through their parent's form, so the parent's version
guards them too: a stale parent form never overwrites a figure a colleague changed meanwhile."""

from decimal import Decimal

import pytest
from django.urls import reverse

from achievements.models import KeyFigure
from publishing.models import AuditEntry
from tests.achievements.test_section_rule import admin_form
from tests.factories import AchievementFactory, ArticleSectionFactory, EnterpriseFactory, KeyFigureFactory
from tests.publishing.test_roles import change_url

pytestmark = pytest.mark.django_db


def figure_fields(figure, index: int = 0, **changes) -> dict:
    """One row of the figures inline as the change page sends it back."""
    fields = {
        "id": figure.pk,
        "achievement": figure.achievement_id,
        "order": figure.order,
        "label": figure.label,
        "text": figure.text,
        "value": figure.value,
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "bound": figure.bound,
        "year": figure.year or "",
        "region": "",
        "as_of": "",
        "as_of_precision": figure.as_of_precision,
        **changes,
    }
    return {f"figures-{index}-{name}": str(value) for name, value in fields.items()}


def form_with_figure(achievement, figure, version: int, **changes) -> dict:
    return admin_form(
        achievement,
        version_token=str(version),
        **{"figures-TOTAL_FORMS": "1", "figures-INITIAL_FORMS": "1"},
        **figure_fields(figure, **changes),
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: KeyFigureFactory(achievement=AchievementFactory(draft=True)),
        lambda: ArticleSectionFactory(),
        lambda: EnterpriseFactory(draft=True).people.create(name="张三", title="董事长"),
    ],
    ids=["figure", "section", "person"],
)
def test_an_inline_parts_own_page_is_read_only_and_links_to_its_parent(admin_client, make):
    part = make()
    parent = getattr(part, "achievement", None) or getattr(part, "article", None) or part.enterprise
    opts = part._meta

    page = admin_client.get(change_url(part))
    refused_save = admin_client.post(change_url(part), {"label": "改"})
    refused_add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    refused_delete = admin_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[part.pk]), {"post": "yes"}
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="_save"' not in html
    assert "deletelink" not in html
    assert f'<a href="{change_url(parent)}">{parent._meta.verbose_name}：{parent}</a>' in html
    assert "这一项随所属内容一起修改" in html
    assert (refused_save.status_code, refused_add.status_code, refused_delete.status_code) == (403, 403, 403)
    assert type(part).objects.filter(pk=part.pk).exists()


def test_a_stale_parent_form_cannot_overwrite_a_figure_a_colleague_changed(client, reviewer, second_reviewer):
    achievement = AchievementFactory(draft=True, title="离岸科创园")
    figure = KeyFigureFactory(achievement=achievement, label="签约企业", text="111家", value=111)
    url = change_url(achievement)
    client.force_login(reviewer)
    client.post(url, form_with_figure(achievement, figure, achievement.version))  # gives it a revision
    achievement.refresh_from_db()
    opened_by_both = achievement.version

    first = client.post(url, form_with_figure(achievement, figure, opened_by_both, text="111家", value="111.5"))
    assert first.status_code == 302, first.context["adminform"].form.errors
    client.force_login(second_reviewer)
    second = client.post(url, form_with_figure(achievement, figure, opened_by_both, text="222家", value="222"))

    assert second.status_code == 200
    errors = " ".join(second.context["adminform"].form.non_field_errors())
    assert "保存未成功" in errors
    assert "reviewer" in errors
    assert "关键数据" in errors  # names the changed figure
    assert "222家" in second.content.decode()  # the second person's input is still there
    figure.refresh_from_db()
    assert (figure.text, figure.value) == ("111家", Decimal("111.5"))
    refusal = AuditEntry.objects.get(action=AuditEntry.Action.REFUSED)
    assert (refusal.user_repr, refusal.object_repr) == ("reviewer2", "离岸科创园")
    assert "保存未成功" in refusal.comment


def test_deleting_the_parent_deletes_its_parts_with_it(admin_client):
    figure = KeyFigureFactory(achievement=AchievementFactory(draft=True))

    response = admin_client.post(
        reverse("admin:achievements_achievement_delete", args=[figure.achievement_id]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not KeyFigure.objects.exists()


def test_the_parent_form_is_the_one_place_a_figure_changes_and_its_version_moves(client, reviewer):
    achievement = AchievementFactory(draft=True)
    figure = KeyFigureFactory(achievement=achievement, text="111家", value=111)
    before = achievement.version
    client.force_login(reviewer)

    response = client.post(
        change_url(achievement), form_with_figure(achievement, figure, before, text="222家", value="222")
    )

    assert response.status_code == 302
    assert KeyFigure.objects.get(pk=figure.pk).text == "222家"
    achievement.refresh_from_db()
    assert achievement.version > before
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EDITED, object_id=str(achievement.pk)).exists()
