"""Clients and users for the API tests: anonymous, staff without rights, staff with the admin's rights."""

from django.contrib.auth.models import Permission
from knox.models import AuthToken
from rest_framework.test import APIClient


def staff_user(django_user_model, *codenames: str, username: str = "editor"):
    """An active staff member holding the given permissions, e.g. "add_article", "view_achievement"."""
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def token_client(user) -> APIClient:
    client = APIClient()
    _instance, token = AuthToken.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def if_match(client: APIClient, url: str) -> dict:
    """The If-Match header every write needs: the ETag the client reads from the detail now."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    return {"HTTP_IF_MATCH": response["ETag"]}
