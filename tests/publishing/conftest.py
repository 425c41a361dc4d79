import pytest
from django.contrib.auth.models import Group, User

from publishing.roles import EDITOR, REVIEWER, SITE_ADMINISTRATOR


def _staff(username, role):
    user = User.objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return _staff("editor", EDITOR)


@pytest.fixture
def second_editor(db):
    return _staff("editor2", EDITOR)


@pytest.fixture
def reviewer(db):
    return _staff("reviewer", REVIEWER)


@pytest.fixture
def second_reviewer(db):
    return _staff("reviewer2", REVIEWER)


@pytest.fixture
def site_admin(db):
    return _staff("siteadmin", SITE_ADMINISTRATOR)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
