"""Staff accounts: a role makes a user staff (able to log in), losing every role ends it; the user and group pages
say what each role may do; names are written family name first (李小李)."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from publishing.roles import EDITOR, REVIEWER, ROLE_DESCRIPTIONS, SITE_ADMINISTRATOR
from tests.factories import ArticleFactory
from tests.publishing.test_revisions import form_data
from tests.publishing.test_roles import article_form, change_url

pytestmark = pytest.mark.django_db


def set_roles(admin_client, user, *roles):
    """As a superuser does it: tick the groups on the user's page and save."""
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = form_data(admin_client.get(url))
    data["groups"] = [str(group.pk) for group in Group.objects.filter(name__in=roles)]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()


def test_a_new_user_given_a_role_can_log_in_to_the_admin_without_ticking_staff(admin_client, client):
    user = User.objects.create_user(username="xiaoli", password="pw-Innovation-2026")
    assert not user.is_staff

    set_roles(admin_client, user, EDITOR)

    assert user.is_staff
    response = client.post(
        reverse("admin:login"), {"username": "xiaoli", "password": "pw-Innovation-2026", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_taking_every_role_away_ends_staff_status_but_not_a_superusers(admin_client, admin_user):
    user = User.objects.create_user(username="xiaoli", password="pw")
    set_roles(admin_client, user, EDITOR, REVIEWER)
    set_roles(admin_client, user, REVIEWER)
    assert user.is_staff

    set_roles(admin_client, user)

    assert not user.is_staff
    set_roles(admin_client, admin_user, SITE_ADMINISTRATOR)
    set_roles(admin_client, admin_user)
    assert admin_user.is_staff


def test_adding_members_from_the_group_side_works_the_same():
    user = User.objects.create_user(username="xiaoli", password="pw")
    reviewers = Group.objects.get(name=REVIEWER)

    reviewers.user_set.add(user)
    user.refresh_from_db()
    assert user.is_staff

    reviewers.user_set.clear()
    user.refresh_from_db()
    assert not user.is_staff


def test_a_group_that_is_no_role_leaves_staff_status_as_it_was():
    other = Group.objects.create(name="通讯员")
    by_hand = User.objects.create_user(username="by-hand", password="pw", is_staff=True)
    outsider = User.objects.create_user(username="outsider", password="pw")

    by_hand.groups.add(other)
    by_hand.groups.remove(other)
    outsider.groups.add(other)

    by_hand.refresh_from_db()
    outsider.refresh_from_db()
    assert by_hand.is_staff and not outsider.is_staff


def test_the_user_page_says_what_each_role_may_do(admin_client):
    user = User.objects.create_user(username="xiaoli", password="pw")

    html = admin_client.get(reverse("admin:auth_user_change", args=[user.pk])).content.decode()

    assert "用户即自动成为工作人员" in html
    for name, description in ROLE_DESCRIPTIONS.items():
        assert f"<li><strong>{name}</strong>：{description}</li>" in html


def test_the_group_list_and_page_show_the_role_description(admin_client):
    reviewers = Group.objects.get(name=REVIEWER)

    listing = admin_client.get(reverse("admin:auth_group_changelist")).content.decode()
    page = admin_client.get(reverse("admin:auth_group_change", args=[reviewers.pk])).content.decode()

    assert all(str(description) in listing for description in ROLE_DESCRIPTIONS.values())
    assert "角色说明" in page and str(ROLE_DESCRIPTIONS[REVIEWER]) in page


@pytest.fixture
def xiaoli():
    user = User.objects.create_user(username="xiaoli", password="pw", first_name="小李", last_name="李")
    user.groups.add(Group.objects.get(name=REVIEWER))
    return user


def test_the_user_list_writes_chinese_names_family_name_first(admin_client, xiaoli):
    User.objects.create_user(username="ann", password="pw", first_name="Ann", last_name="Lee")

    html = admin_client.get(reverse("admin:auth_user_changelist")).content.decode()

    assert '<td class="field-full_name">李小李</td>' in html
    assert '<td class="field-full_name">Ann Lee</td>' in html
    assert "小李 李" not in html


def test_the_audit_log_and_the_history_name_the_editor_family_name_first(client, admin_client, xiaoli):
    article = ArticleFactory(title="一篇文章", draft=True)  # edited in place: its history has the revision
    client.force_login(xiaoli)
    assert client.post(change_url(article), article_form(article, lead="新导语")).status_code == 302

    log = admin_client.get(reverse("admin:publishing_auditentry_changelist")).content.decode()
    history = admin_client.get(reverse("admin:news_article_history", args=[article.pk])).content.decode()

    assert '<td class="field-who">李小李</td>' in log
    assert "<td>李小李</td>" in history
