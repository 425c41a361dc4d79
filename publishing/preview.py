"""Signed, expiring preview links: whoever holds one sees that one item as the public page would show it."""

import datetime

from django.core import signing
from django.utils.cache import add_never_cache_headers

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


class PreviewMixin:
    """Staff preview is a single get_queryset() override: a valid signed link opens its item in any state.

    A preview answer is never cached and asks search engines not to index it.
    """

    model = None
    preview_pk = None

    def dispatch(self, request, *args, **kwargs):
        self.preview_pk = previewed_pk(request, self.model)
        response = super().dispatch(request, *args, **kwargs)
        if self.preview_pk is not None:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def published_or_preview(self, queryset):
        if self.preview_pk is not None:
            return queryset.filter(pk=self.preview_pk)
        return queryset.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview_pk is not None, **kwargs)
