"""一键发布年度回顾: a reviewer releases a yearly review with its achievements (and so their figures) in one step."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion import set_comment

from presentation.dates import local_datetime
from publishing import audit, notifications, permissions, services
from publishing.admin import error_text, mail_warning

from .release import review_release

# A time typed a little before "now" (the page was open for a while) still means "now".
PAST_TOLERANCE = datetime.timedelta(minutes=5)


class ReviewReleaseForm(forms.Form):
    at = forms.SplitDateTimeField(
        label=_("发布时间"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_("留空则立即发布；填写将来的时间，则回顾连同下列成果和数据到时一起公开，之前一样都不显示。"),
    )

    def clean_at(self):
        at = self.cleaned_data.get("at")
        if at is not None and at < timezone.now() - PAST_TOLERANCE:
            raise ValidationError(_("发布时间不能早于现在；要立即发布请留空。"))
        return at


class ReviewReleaseAdminMixin:
    """For the article admin: a "一键发布年度回顾" button on a yearly review's change form, for reviewers."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        release = path(
            "<path:object_id>/release/",
            self.admin_site.admin_view(self.release_view),
            name="{}_{}_release".format(*info),
        )
        return [release, *super().get_urls()]

    def _release_url(self, request, obj) -> str:
        if obj is None or obj.kind != obj.Kind.REVIEW or not permissions.can_review(request.user):
            return ""
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_release", args=[quote(obj.pk)])

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), "release_url": self._release_url(request, obj)}
        return super().change_view(request, object_id, form_url, extra_context)

    def release_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or article.kind != article.Kind.REVIEW:
            raise Http404
        if not permissions.can_review(request.user):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[quote(article.pk)])
        form = ReviewReleaseForm(request.POST or None)
        error = ""
        if request.method == "POST" and form.is_valid():
            at = form.cleaned_data["at"] or timezone.now()
            try:
                with notifications.collect_failures() as failures, self.create_revision(request):
                    set_comment(f"一键发布年度回顾（{local_datetime(at)}）")
                    released = review_release(article=article, at=at, user=request.user)
            except (PermissionDenied, ValidationError) as exc:
                error = error_text(exc)
                if isinstance(exc, PermissionDenied):
                    attempt = gettext("一键发布年度回顾")
                    audit.audit_refusal(user=request.user, attempt=attempt, reason=error, obj=article)
                article.refresh_from_db()
            else:
                if at <= timezone.now():
                    message = gettext("年度回顾“%(review)s”连同 %(count)s 项成果已发布。")
                else:
                    message = gettext("年度回顾“%(review)s”连同 %(count)s 项成果将于 %(when)s 一起公开。")
                released_achievements = sum(1 for item in released if item != article)  # those not live already
                self.message_user(
                    request,
                    message % {"review": article, "count": released_achievements, "when": local_datetime(at)},
                    messages.SUCCESS,
                )
                if failures:
                    self.message_user(request, mail_warning(failures), messages.WARNING)
                return HttpResponseRedirect(change_url)
        achievements = list(article.achievements.annotate(figure_count=Count("figures")).order_by("pk"))
        items = [article, *achievements]
        problems = services.release_problems(request.user, items)
        rows = [
            {
                "item": item,
                "kind": item._meta.verbose_name,
                "figure_count": getattr(item, "figure_count", None),
                "problem": problems.get(index, ""),
            }
            for index, item in enumerate(items)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("一键发布年度回顾：%(review)s") % {"review": article},
            "opts": self.opts,
            "original": article,
            "form": form,
            "media": self.media + form.media,
            "rows": rows,
            "achievement_count": len(achievements),
            "figure_total": sum(item.figure_count for item in achievements),
            "has_problems": bool(problems),
            "error": error,
            "cancel_url": change_url,
        }
        return TemplateResponse(request, "admin/news/article/release.html", context)
