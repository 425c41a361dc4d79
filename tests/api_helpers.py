"""Clients and users for the API tests: anonymous, staff without rights, staff with the admin's rights."""

from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


def staff_user(django_user_model, *codenames: str, username: str = "editor"):
    """An active staff member holding the given permissions, e.g. "add_article", "view_achievement"."""
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def token_client(user) -> APIClient:
    client = APIClient()
    token, _created = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client
