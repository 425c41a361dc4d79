"""The article admin's "提取关键数据" page: proposals from the text, confirmed by staff, saved as key figures."""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from reversion import create_revision, set_comment, set_user

from .forms import FigureTargetForm, ProposedFigureFormSet
from .proposals import article_proposals
from .services import figures_confirm


def can_extract(user) -> bool:
    return user.has_perm("achievements.add_achievement") and user.has_perm("achievements.add_keyfigure")


class FigureExtractionAdminMixin:
    """For ArticleAdmin: an object tool and a page that turns the article's prose into key figures."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/extract-figures/",
                self.admin_site.admin_view(self.extract_figures_view),
                name="{}_{}_extract_figures".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if can_extract(request.user):
            extra_context["extract_figures_url"] = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_extract_figures", args=[object_id]
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def extract_figures_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404
        if not can_extract(request.user):
            raise PermissionDenied
        proposals = article_proposals(article)
        sections = list(article.sections.all())
        new = [proposal for proposal in proposals if not proposal.recorded]
        recorded = [proposal for proposal in proposals if proposal.recorded]
        error = ""
        if request.method == "POST":
            formset = ProposedFigureFormSet(request.POST, prefix="figures", form_kwargs={"sections": sections})
            target = FigureTargetForm(request.POST, article=article)
            if formset.is_valid() and target.is_valid():
                kept = [form for form in formset if form.cleaned_data.get("keep")]
                if not kept:
                    error = _("请至少勾选一个要保留的数字；不需要时点“返回文章”即可，什么都不会保存。")
                else:
                    try:
                        achievement, added = self._confirm(request, article, kept, target.cleaned_data)
                    except (PermissionDenied, ValidationError) as exc:
                        error = _("；").join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                    else:
                        message = _("已把 %(count)s 个数字保存到成果“%(item)s”（%(state)s）。请核对后提交审核。")
                        self.message_user(
                            request,
                            message % {"count": added, "item": achievement, "state": achievement.get_status_display()},
                            messages.SUCCESS,
                        )
                        return HttpResponseRedirect(
                            reverse("admin:achievements_achievement_change", args=[quote(achievement.pk)])
                        )
        else:
            formset = ProposedFigureFormSet(
                prefix="figures",
                initial=[self._initial(article, proposal) for proposal in new],
                form_kwargs={"sections": sections},
            )
            target = FigureTargetForm(article=article)
        context = {
            **self.admin_site.each_context(request),
            "title": _("提取关键数据：%(article)s") % {"article": article},
            "opts": self.opts,
            "original": article,
            "formset": formset,
            "target_form": target,
            "recorded": recorded,
            "error": error,
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[quote(article.pk)]
            ),
        }
        return TemplateResponse(request, "admin/news/article/extract_figures.html", context)

    @staticmethod
    def _initial(article, proposal) -> dict:
        figure = proposal.figure
        label = (
            f"{figure.subject}{figure.label}" if figure.subject and figure.subject not in figure.label else figure.label
        )
        return {
            "keep": False,
            "label": label[:200],
            "value": figure.value,
            "unit": figure.unit,
            "qualifier": figure.qualifier,
            "is_target": figure.is_target,
            "kind": figure.kind,  # proposed from the wording (achievements.kinds); staff confirm or change it
            "year": figure.as_of.year if figure.as_of else article.year,
            "text": figure.text[:50],
            "bound": figure.bound,
            "as_of": figure.as_of,
            "as_of_precision": figure.as_of_precision,
            "section": proposal.section.pk if proposal.section else None,
            "context": figure.context,
        }

    def _confirm(self, request, article, kept, target: dict):
        figures = [form.figure_data() for form in kept]
        achievement, new_achievement = None, None
        if target["target"] == FigureTargetForm.EXISTING:
            achievement = target["achievement"]
        else:
            sections = {data["section"] for data in figures}
            section = target["section"] or (sections.pop() if len(sections) == 1 else None)
            new_achievement = {
                "title": target["title"],
                "category": target["category"],
                "year": target["year"],
                "region": target["region"],
                "section": section,
            }
        with create_revision():
            set_user(request.user)
            set_comment(f"从《{article}》提取关键数据")
            return figures_confirm(
                article=article,
                user=request.user,
                figures=figures,
                achievement=achievement,
                new_achievement=new_achievement,
            )
