"""Every admin list whose model keeps revisions links to its deleted items ("恢复已删除的…"), not only a typed URL."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from reversion.admin import VersionAdmin

from achievements.models import Achievement
from publishing import permissions
from publishing.admin import FollowsParentAdmin
from tests.factories import AchievementFactory

pytestmark = pytest.mark.django_db

# A part's own page (a figure, a section, a person) is read-only: parts come back with their parent.
VERSIONED = sorted(
    (
        model
        for model in apps.get_models()
        if admin.site.is_registered(model)
        and isinstance(model_admin := admin.site.get_model_admin(model), VersionAdmin)
        and not isinstance(model_admin, FollowsParentAdmin)
    ),
    key=lambda model: model._meta.label_lower,
)


def url(model, view):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def test_the_lists_with_their_own_templates_are_among_them():
    labels = {model._meta.label_lower for model in VERSIONED}
    assert {"achievements.achievement", "projects.project", "enterprises.enterprise", "news.article"} <= labels


@pytest.mark.parametrize("model", VERSIONED, ids=lambda model: model._meta.label_lower)
def test_every_versioned_list_links_to_its_deleted_items(admin_client, model):
    html = admin_client.get(url(model, "changelist")).content.decode()

    assert f'href="{url(model, "recoverlist")}" class="recoverlink"' in html
    assert "恢复已删除的" in html


def test_a_reviewer_finds_a_deleted_achievement_from_the_list(login, reviewer):
    achievement = AchievementFactory(title="被误删的成果")
    client = login(reviewer)
    client.post(reverse("admin:achievements_achievement_delete", args=[achievement.pk]), {"post": "yes"})
    assert not Achievement.objects.exists()

    html = client.get(url(Achievement, "changelist")).content.decode()
    recover_list = client.get(url(Achievement, "recoverlist")).content.decode()

    assert url(Achievement, "recoverlist") in html
    assert "被误删的成果" in recover_list
    assert permissions.can_review(reviewer)
