"""Old addresses keep working: a slug an item was public under answers 301 with the item's current address."""

from django.http import Http404, HttpResponsePermanentRedirect

from .models import Slugged


def renamed_item(queryset, slug: str):
    """The item of ``queryset`` that was public under ``slug`` before its slug changed, or None."""
    model = queryset.model
    if not (issubclass(model, Slugged) and slug):
        return None
    object_id = model.old_slugs().filter(old_slug=slug).values_list("object_id", flat=True).first()
    return queryset.filter(pk=object_id).first() if object_id is not None else None


def permanent_redirect(request, location: str) -> HttpResponsePermanentRedirect:
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)


class OldAddressRedirectMixin:
    """For detail views found by slug: an address the item had before answers 301 with its current one, before the
    view says 404 or 410 (the current address then answers as it would)."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            model = self.model or self.get_queryset().model
            item = renamed_item(model._default_manager.all(), self.kwargs.get(self.slug_url_kwarg))
            if item is None:
                raise
            return permanent_redirect(request, item.get_absolute_url())
