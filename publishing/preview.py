"""Signed, expiring preview links: a staff member who may see that kind of content opens one item, in any state,
as the public page would show it. Without a login the link leads to the admin login first."""

import datetime

from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .permissions import can_see_unpublished

PREVIEW_SALT = "publishing.preview"
PREVIEW_MAX_AGE = datetime.timedelta(days=7)


def preview_token(obj) -> str:
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(f"{obj._meta.label_lower}:{obj.pk}")


def preview_url(obj) -> str:
    return f"{obj.get_absolute_url()}?preview={preview_token(obj)}"


def previewed_pk(request, model) -> str | None:
    """The primary key a valid ``?preview=`` token of ``request`` opens for ``model``, else None."""
    token = request.GET.get("preview")
    if not token:
        return None
    try:
        value = signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        return None
    label, _sep, pk = value.rpartition(":")
    return pk if label == model._meta.label_lower else None


def _private(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class PreviewMixin:
    """Staff preview is a single get_queryset() override: a valid signed link opens its item in any state,
    for a logged-in staff member with view rights on the model.

    Anyone else holding a valid link is sent to the admin login (and back here afterwards); staff without
    the rights see the public page, as a visitor would. Every answer to a valid link is never cached and asks
    search engines not to index it.
    """

    model = None
    preview_pk = None

    def dispatch(self, request, *args, **kwargs):
        pk = previewed_pk(request, self.model)
        if pk is None:
            return super().dispatch(request, *args, **kwargs)
        user = request.user
        if not (user.is_authenticated and user.is_active and user.is_staff):
            return _private(redirect_to_login(request.get_full_path(), reverse("admin:login")))
        if can_see_unpublished(user, self.model):
            self.preview_pk = pk
        return _private(super().dispatch(request, *args, **kwargs))

    def published_or_preview(self, queryset):
        if self.preview_pk is not None:
            return queryset.filter(pk=self.preview_pk)
        return queryset.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview_pk is not None, **kwargs)
