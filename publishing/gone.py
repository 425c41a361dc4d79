"""Pages of content that was public and has been taken down answer 410 Gone and say why, never showing the body."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Publishable, PublishStatus


def public_title(item: Publishable) -> str:
    """The title the item was last public under, or "" when it never was (unpublished before its scheduled time).

    An expired item is still published: only reviewers change it, and their changes are public at once, so its
    title is the one readers saw, though it went live on its schedule without a save. A withdrawn one keeps the
    title recorded while it was live, not one edited since (perhaps not yet reviewed)."""
    if item.status == PublishStatus.PUBLISHED:
        return str(item)
    return item.published_title


def withdrawal_reason(item: Publishable) -> str:
    """What readers are told about why the item is no longer public: the public notice staff wrote for them,
    never the internal unpublish reason."""
    if item.status == PublishStatus.PUBLISHED and item.expires_at is not None:
        # The day in the site's time zone, written the way the active language writes dates.
        day = formats.date_format(timezone.localtime(item.expires_at), "DATE_FORMAT")
        return _("这条内容的公开期限已于%(date)s结束。") % {"date": day}
    if item.public_notice.strip():
        return item.public_notice.strip()
    if item.status == PublishStatus.ARCHIVED:
        return str(_("这条内容已归档，不再公开。"))
    return str(_("这条内容已下线，不再公开。"))


class WithdrawnMixin:
    """For detail views: where the public lookup finds nothing, a withdrawn item of that address answers 410."""

    gone_template_name = "410.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            item = self.get_withdrawn_object()
            if item is None:
                raise
        context = {
            "item": item,
            "title": public_title(item),
            "reason": withdrawal_reason(item),
            "list_url": self.get_withdrawn_list_url(),
        }
        return TemplateResponse(request, self.gone_template_name, context, status=410)

    def get_withdrawn_object(self) -> Publishable | None:
        queryset = self.model._default_manager.withdrawn()
        if self.pk_url_kwarg in self.kwargs:
            return queryset.filter(pk=self.kwargs[self.pk_url_kwarg]).first()
        return queryset.filter(**{self.get_slug_field(): self.kwargs.get(self.slug_url_kwarg)}).first()

    def get_withdrawn_list_url(self) -> str:
        try:
            return reverse(f"{self.model._meta.app_label}:index")
        except NoReverseMatch:
            return ""
