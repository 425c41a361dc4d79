"""Admin behaviour shared by everything with a publishing state: roles, transitions, revisions, edit conflicts."""

import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from js_asset.media import Media as JsAssetMedia
from reversion import add_to_revision, set_comment
from reversion.admin import VersionAdmin
from reversion.models import Version

from presentation.dates import local_datetime

from . import audit, deletion, drafts, notifications, permissions, services
from .admin_tools import IntegrationsAdminMixin, admin_integrations
from .models import WORKFLOW_FIELDS, AuditEntry, Draft, PublishStatus
from .preview import preview_url
from .revisions import changed_labels, diff_versions
from .users import display_name

CONFLICT_LOOKBACK = 50
User = get_user_model()

# What a restore, a recovery or a draft sandbox tells the admin's save hooks further down the same view: context
# variables, set for the length of that view (nothing rides on the request).
RESTORING: ContextVar[dict | None] = ContextVar("publishing_restoring", default=None)
SANDBOX: ContextVar[dict | None] = ContextVar("publishing_sandbox", default=None)


def _link_to(model: type[models.Model], parent: type[models.Model]) -> str:
    """The name of ``model``'s one foreign key to ``parent`` (an inline with two names its own ``fk_name``)."""
    (field,) = [field for field in model._meta.fields if field.many_to_one and field.related_model is parent]
    return field.name


@contextmanager
def _setting(variable: ContextVar, value):
    token = variable.set(value)
    try:
        yield value
    finally:
        variable.reset(token)


def conflict_message(instance, token: int, form_data=None) -> str:
    """Who saved the item since ``token`` was read, when, and what they changed (from the revisions)."""
    versions = list(Version.objects.get_for_object(instance).select_related("revision__user")[:CONFLICT_LOOKBACK])
    latest = versions[0] if versions else None
    base = next((v for v in versions if v.field_dict.get("version") == token), None)
    if latest is not None:
        user = latest.revision.user
        who = display_name(user) if user else gettext("系统")
        when = local_datetime(latest.revision.date_created)
    else:
        entry = AuditEntry.objects.filter(
            object_id=str(instance.pk), content_type__model=instance._meta.model_name
        ).first()
        who = entry.user_repr if entry and entry.user_repr else gettext("其他人员")
        when = local_datetime(entry.created_at if entry else instance.updated_at)
    what = gettext("、").join(changed_labels(base, latest)) if base is not None and latest is not None else ""
    return gettext(
        "保存未成功：在您打开此页之后，%(who)s 于 %(when)s 修改并保存了这条内容%(what)s。您填写的内容仍保留在下面，"
        "没有丢失。请先在“历史”中查看对方的改动并核对；确认仍以您填写的内容为准时，再点一次“保存”。"
    ) % {"who": who, "when": when, "what": gettext("（改动了：%(fields)s）") % {"fields": what} if what else ""}


class PublishableAdminForm(forms.ModelForm):
    """Carries the version the editor started from; a save based on an older version is refused, input kept."""

    version_token = forms.IntegerField(widget=forms.HiddenInput, required=False)
    editing_user = None  # set by PublishableAdmin.get_form, so a refused save names who tried it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version_token"].initial = self.instance.version
            if "slug" in self.fields:
                old = self.instance.old_slugs().filter(object_id=str(self.instance.pk))
                if old_slugs := list(old.values_list("old_slug", flat=True)):
                    self.fields["slug"].help_text = format_html(
                        "{}<br>{}",
                        self.fields["slug"].help_text,
                        gettext("旧网址名（仍跳转到现在的网址）：%(slugs)s") % {"slugs": gettext("、").join(old_slugs)},
                    )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        token = cleaned_data.get("version_token")
        # The admin's change view runs in a transaction; the lock keeps a parallel save from slipping in between.
        current = (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if token is None:
            raise ValidationError(_("页面缺少版本信息，请刷新页面后重新填写保存。"), code="version_missing")
        if current is not None and token != current:
            message = conflict_message(self.instance, token)
            if self.editing_user is not None:
                audit.audit_refusal(
                    user=self.editing_user, attempt=gettext("保存（基于旧版本）"), reason=message, obj=self.instance
                )
            # Saving once more, knowingly, goes through: the form now carries the current version.
            self.data = self.data.copy()
            self.data[self.add_prefix("version_token")] = str(current)
            raise ValidationError(message, code="edit_conflict")
        return cleaned_data


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    text_label: str = ""  # a comment or reason the transition needs
    notice_label: str = ""  # an optional text for the public (the unpublish notice)
    notice_help: str = ""
    at_label: str = ""  # an optional time to do it at (a draft's approval for later)

    @property
    def needs_text(self) -> bool:
        return bool(self.text_label)


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("提交审核")),
        Transition("publish", _("审核通过并发布")),
        Transition("send_back", _("退回修改"), _("退回意见")),
        Transition(
            "unpublish",
            _("下线"),
            _("下线原因（只供内部查看）"),
            _("公开说明（可选）"),
            _("显示在这条内容原网址的“已不再公开”页面上，供公众阅读；留空则只说明内容已下线。"),
        ),
        Transition("archive", _("归档")),
        Transition("force_publish", _("强制发布"), _("强制发布的理由")),
        Transition("discard_draft", _("放弃草稿")),
    ]
}
# What a transition does to an item with a pending draft: the draft goes through review, the live row stays.
DRAFT_TRANSITION_LABELS = {
    "submit": _("提交草稿审核"),
    "publish": _("审核通过草稿并替换公开版本"),
    "send_back": _("退回草稿"),
}


DRAFT_APPROVAL_AT = _("定时替换（可选）")


def run_transition(name: str, *, obj, user, text: str = "", notice: str = "", at=None):
    if name in {"submit", "publish", "send_back", "discard_draft"} and Draft.for_object(obj) is not None:
        if name == "submit":
            return services.draft_submit(obj=obj, user=user)
        if name == "publish":
            return services.draft_approve(obj=obj, user=user, at=at)
        if name == "send_back":
            return services.draft_send_back(obj=obj, user=user, comment=text)
        return services.draft_discard(obj=obj, user=user)
    if name == "submit":
        return services.content_submit(obj=obj, user=user)
    if name == "publish":
        return services.content_publish(obj=obj, user=user)
    if name == "send_back":
        return services.content_send_back(obj=obj, user=user, comment=text)
    if name == "unpublish":
        return services.content_unpublish(obj=obj, user=user, reason=text, public_notice=notice)
    if name == "archive":
        return services.content_archive(obj=obj, user=user)
    if name == "force_publish":
        return services.content_force_publish(obj=obj, user=user, reason=text)
    raise Http404


def available_transitions(user, obj) -> list[Transition]:
    names = []
    draft = Draft.for_object(obj)
    if draft is not None:
        if draft.status == Draft.Status.DRAFT and user.has_perm(permissions.SUBMIT_PERMISSION):
            names.append("submit")
        if draft.status == Draft.Status.IN_REVIEW and permissions.can_review(user):
            if user.pk not in services.draft_authors(obj, draft):
                names.append("publish")
            names.append("send_back")
        if permissions.can_edit(user, obj):
            names.append("discard_draft")
        found = [
            Transition(
                name,
                DRAFT_TRANSITION_LABELS[name],
                TRANSITIONS[name].text_label,
                at_label=DRAFT_APPROVAL_AT if name == "publish" else "",
            )
            if name in DRAFT_TRANSITION_LABELS
            else TRANSITIONS[name]
            for name in names
        ]
        return found + [t for t in _state_transitions(user, obj) if t.name in {"unpublish", "archive"}]
    return _state_transitions(user, obj)


def _state_transitions(user, obj) -> list[Transition]:
    status = obj.status
    names = []
    if (
        status in permissions.EDITABLE_BY_EDITORS
        and user.has_perm(permissions.SUBMIT_PERMISSION)
        and permissions.can_change(user, obj)
    ):
        names.append("submit")
    if permissions.can_review(user):
        if status == PublishStatus.IN_REVIEW:
            if not services.four_eyes_problem(user, obj):
                names.append("publish")
            names.append("send_back")
        if status == PublishStatus.PUBLISHED:
            names.append("unpublish")
        if status in {PublishStatus.PUBLISHED, PublishStatus.UNPUBLISHED, PublishStatus.DRAFT}:
            names.append("archive")
    if permissions.can_force_publish(user) and status != PublishStatus.PUBLISHED:
        names.append("force_publish")
    return [TRANSITIONS[name] for name in names]


def _local_time(text: str):
    """A time as the form's datetime-local field sends it ("2026-12-03T09:00"), in the site's time zone."""
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        message = gettext("定时替换的时间“%(text)s”看不懂，请按“2026-12-03 09:00”的格式填写。") % {"text": text}
        raise ValidationError(message) from None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def done_message(transition: Transition, obj) -> str:
    """What the member of staff is told after a transition: "“…”已审核通过并发布。", or, when its publication time
    is still to come, "“…”已排期（2026年12月3日 09:00 发布）。"."""
    if transition.name in {"publish", "force_publish"} and obj.is_scheduled():
        return gettext("“%(item)s”%(state)s。") % {"item": obj, "state": obj.status_label()}
    draft = Draft.for_object(obj) if transition.name == "publish" else None
    if draft is not None and draft.status == Draft.Status.SCHEDULED:
        when = local_datetime(draft.apply_at)
        return gettext("“%(item)s”的草稿已审核通过，将于 %(when)s 替换公开版本。") % {"item": obj, "when": when}
    return gettext("“%(item)s”已%(action)s。") % {"item": obj, "action": transition.label}


def mail_warning(failures: list[str]) -> str:
    return gettext("操作已完成，但通知邮件未能发出（%(error)s）；请另行告知相关人员，并请管理员检查邮件设置。") % {
        "error": gettext("；").join(dict.fromkeys(failures))
    }


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return gettext("；").join(exc.messages)
    return str(exc) or gettext("没有权限")


def _audit_if_denied(exc: Exception, *, user, transition: Transition, obj) -> None:
    """A workflow step refused for want of a right (not a missing comment or a wrong state) is logged."""
    if isinstance(exc, PermissionDenied):
        audit.audit_refusal(user=user, attempt=str(transition.label), reason=error_text(exc), obj=obj)


def media_with_nonce(request, media):
    """The form's scripts marked with the request's CSP nonce: the rich-text editor's import map is an inline
    ``<script type="importmap">`` (django-js-asset's ``Media``, which renders the nonce it carries)."""
    if isinstance(media, JsAssetMedia):
        return media.with_nonce(request.csp_nonce)
    return media


class PublishableAdmin(IntegrationsAdminMixin, VersionAdmin):
    """Shared admin behaviour of everything with a publishing state."""

    form = PublishableAdminForm
    # Staff paste web addresses without the scheme; public sites are https (Django 6's default too).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["status"]
    readonly_fields = [
        "status_display",
        "submitted_by",
        "submitted_at",
        "review_comment",
        "unpublish_reason",
        "public_notice",
        "published_title",
        "created_at",
        "updated_at",
    ]
    date_hierarchy = "published_at"
    list_per_page = 50
    actions_on_bottom = True
    save_on_top = True
    history_latest_first = True
    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/object_history.html"
    revision_form_template = "reversion/revision_form.html"  # django-reversion's page for a restore
    actions = [
        "submit_selected",
        "publish_selected",
        "send_back_selected",
        "unpublish_selected",
        "archive_selected",
        "force_publish_selected",
    ]

    publishing_fieldset = (
        _("发布"),
        {
            "fields": [
                "status_display",
                ("published_at", "expires_at"),
                ("submitted_by", "submitted_at"),
                "review_comment",
                ("unpublish_reason", "public_notice"),
                "published_title",
                ("correction_note", "corrected_at"),
                ("created_at", "updated_at"),
                "version_token",
            ]
        },
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"editing_user": request.user})

    # Roles.

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return permissions.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return permissions.can_change(request.user, obj)

    # Drafts over live content: a published item's change form edits its draft, never the live row.

    # Fields a restore keeps when the restored revision has them empty (an image chosen since stays).
    restore_keeps_when_empty: tuple[str, ...] = ()

    def inline_specs(self) -> list[drafts.InlineSpec]:
        """The inline models of the change form, with their foreign key to the item: a draft holds their rows."""
        return [(inline.model, inline.fk_name or _link_to(inline.model, self.model)) for inline in self.inlines]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(has_draft=Draft.exists_for(self.model))

    @admin.display(description=_("待发布的草稿"), ordering="has_draft")
    def draft_state(self, obj):
        if not getattr(obj, "has_draft", False):
            return "—"
        draft = Draft.for_object(obj)
        label = draft.get_status_display() if draft else ""
        if draft is not None and draft.apply_at is not None:
            label = f"{label}：{local_datetime(draft.apply_at)}"
        if obj.is_live():
            return gettext("公开版本 + 草稿（%(state)s）") % {"state": label}
        return gettext("草稿（%(state)s）") % {"state": label}

    def _sandboxed(self, request, obj, run, *, prepare=None, restored=False):
        with _setting(SANDBOX, {"saved": False}):
            return self._run_sandboxed(request, obj, run, prepare=prepare, restored=restored)

    def _run_sandboxed(self, request, obj, run, *, prepare=None, restored=False):
        """Runs the change form on the item's draft: inside a savepoint the draft (if any) is written onto the
        rows, the form works on them as on any item, and whatever it saved is read back as the new draft; then
        the savepoint is rolled back, so the live rows are never changed. Items edited in place (not published,
        no draft) keep what a restore saved."""
        as_draft = permissions.edits_as_draft(obj)
        draft = Draft.for_object(obj) if as_draft else None
        data = None
        with transaction.atomic(), drafts.trial():
            point = transaction.savepoint()
            if draft is not None:
                drafts.apply_snapshot(obj, draft.data)
                # The change form's edit-conflict token: the live version plus the draft's edits.
                type(obj)._default_manager.filter(pk=obj.pk).update(version=obj.version - 1 + draft.edits)
            if prepare is not None:
                prepare()
            response = run()
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            saved = SANDBOX.get()["saved"]
            if as_draft and saved:
                data = drafts.snapshot(type(obj)._default_manager.get(pk=obj.pk), self.inline_specs())
            if as_draft or not saved:
                transaction.savepoint_rollback(point)
            else:
                transaction.savepoint_commit(point)
                add_to_revision(type(obj)._default_manager.get(pk=obj.pk))  # with the inline rows it follows
        if data is not None:
            live = type(obj)._default_manager.get(pk=obj.pk)
            services.draft_save(obj=live, user=request.user, data=data, restored=restored)
            storage = messages.get_messages(request)
            list(storage)  # the form's "changed successfully" says too little here
            self.message_user(
                request,
                gettext("已保存为草稿：公开版本保持不变，草稿经审核通过后才替换公开版本。"),
                messages.SUCCESS,
            )
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        recovering = (RESTORING.get() or {}).get("recovered")
        if object_id is None or recovering or SANDBOX.get() is not None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not permissions.edits_as_draft(obj):
            return super().changeform_view(request, object_id, form_url, extra_context)
        return self._sandboxed(
            request,
            obj,
            lambda: super(PublishableAdmin, self).changeform_view(request, object_id, form_url, extra_context),
        )

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = media_with_nonce(request, context["media"])
        return super().render_change_form(request, context, *args, **kwargs)

    def get_list_display(self, request):
        # The state column names a scheduled item's time: "已排期（12月3日 09:00 发布）"; a pending draft follows.
        fields = ["status_display" if name == "status" else name for name in super().get_list_display(request)]
        at = fields.index("is_live") + 1 if "is_live" in fields else len(fields)
        return [*fields[:at], "draft_state", *fields[at:]]

    @admin.display(description=_("发布状态"), ordering="status")
    def status_display(self, obj):
        return obj.status_label()

    def has_submit_permission(self, request):
        return request.user.has_perm(permissions.SUBMIT_PERMISSION)

    def has_review_permission(self, request):
        return permissions.can_review(request.user)

    def has_force_publish_permission(self, request):
        return permissions.can_force_publish(request.user)

    # Audit log and revisions.

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        audit.audit_record(user=request.user, action=AuditEntry.Action.CREATED, obj=obj)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        sandbox = SANDBOX.get()
        if sandbox is not None:
            sandbox["saved"] = True
            if permissions.edits_as_draft(obj):
                return entry  # a draft: the audit entry is written with the draft (services.draft_save)
        restoring = RESTORING.get()
        if restoring is not None:
            comment = _("恢复已删除的内容（恢复后为草稿）") if restoring.get("recovered") else _("恢复到历史版本")
            audit.audit_record(user=request.user, action=AuditEntry.Action.RESTORED, obj=obj, comment=comment)
        elif message:  # a save that changed nothing is no change of the content
            audit.audit_record(
                user=request.user, action=AuditEntry.Action.EDITED, obj=obj, comment=entry.get_change_message()
            )
        return entry

    def save_model(self, request, obj, form, change):
        restoring = RESTORING.get()
        if restoring is not None:
            for name, value in restoring.get("fields", {}).items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        restoring = RESTORING.get()
        if restoring is not None and restoring.get("revision") is not None:
            deletion.restore_links(form.instance, restoring["revision"])  # what other items linked to it

    # Deleting keeps a revision to recover from (deletion.delete_item), one by one in a bulk action too.
    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action") == "delete_selected":
            # Outside reversion's revision for the list (list_editable saves): nested in it, the revisions saved
            # before each deletion would be dropped with the rows they describe.
            context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
            return admin.ModelAdmin.changelist_view(self, request, context)
        return super().changelist_view(request, extra_context)

    def delete_model(self, request, obj):
        deletion.delete_item(obj, user=request.user, via=gettext("管理后台"))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            deletion.delete_item(obj, user=request.user, via=gettext("管理后台批量删除"))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restores one object of a revision, with its own inline rows only, never the others saved with it.

        A published item gets a draft over its live version; any other item gets the content back in place, in
        its current state. Status, schedule, version and a locked slug stay as they are now; a public correction
        note is never taken away, nor an image the revision did not have."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        version = get_object_or_404(
            Version,
            pk=version_id,
            object_id=str(obj.pk),
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=False),
        )
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        keep = {"expires_at"}
        if obj.correction_note.strip():
            keep |= {"correction_note", "corrected_at"}
        restored = drafts.snapshot_from_version(version, self.inline_specs())
        for name in self.restore_keeps_when_empty:
            if getattr(obj, f"{name}_id", None) is not None and not restored["object"]["fields"].get(name):
                keep.add(name)
        if obj.slug_is_public:
            keep.add("slug")  # a restore brings back content, not an address readers no longer know
        kept = [*WORKFLOW_FIELDS, *(["slug"] if obj.slug_is_public else [])]
        restoring = {"fields": {name: getattr(obj, name) for name in kept}}
        context = {"title": gettext("恢复“%(name)s”的历史版本") % {"name": version.object_repr}, "revert": True}
        context.update(extra_context or {})

        def prepare():
            current = type(obj)._default_manager.get(pk=obj.pk)
            drafts.apply_snapshot(current, restored, keep=keep)

        def run():
            response = super(PublishableAdmin, self).changeform_view(request, quote(str(obj.pk)), request.path, context)
            if response.status_code == 200:
                response.template_name = self.revision_form_template
            return response

        # The revision begins around the sandbox, as for the change form (VersionAdmin.change_view): one begun inside
        # would hand its versions on to the sandbox's trial, kept or not (drafts.trial).
        with _setting(RESTORING, restoring), self.create_revision(request):
            set_comment(gettext("恢复到历史版本"))
            return self._sandboxed(request, obj, run, prepare=prepare, restored=True)

    def recover_view(self, request, version_id, extra_context=None):
        # Recovered content comes back as a draft: it goes through review again before it is public.
        recovering = {
            "recovered": True,
            "revision": get_object_or_404(Version, pk=version_id).revision,
            "fields": {
                "status": PublishStatus.DRAFT,
                "submitted_by": None,
                "submitted_at": None,
                "review_comment": "",
            },
        }
        with _setting(RESTORING, recovering):
            return super().recover_view(request, version_id, extra_context)

    # Extra views: transitions and revision comparison.

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            path(
                "<path:object_id>/draft/compare/",
                self.admin_site.admin_view(self.draft_compare_view),
                name="{}_{}_draft_compare".format(*info),
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[quote(obj.pk)])

    def _perform(self, request, name: str, obj, text: str, notice: str = "", at=None):
        # The notifications go out once the transaction has committed; one that fails is reported, not raised.
        with notifications.collect_failures() as failures:
            with self.create_revision(request):
                set_comment(f"{TRANSITIONS[name].label}{f'：{text}' if text else ''}")
                run_transition(name, obj=obj, user=request.user, text=text, notice=notice, at=at)
        if failures:
            self.message_user(request, mail_warning(failures), messages.WARNING)

    def transition_view(self, request, object_id, name):
        if name not in TRANSITIONS:
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        # Named as on the change form: on an item with a pending draft, "提交草稿审核" and the like.
        offered = {t.name: t for t in available_transitions(request.user, obj)}
        transition = offered.get(name, TRANSITIONS[name])
        error = text = notice = at_text = ""
        if request.method == "POST":
            text = request.POST.get("transition_text", "")
            notice = request.POST.get("transition_notice", "")
            at_text = request.POST.get("transition_at", "").strip() if transition.at_label else ""
            try:
                self._perform(request, name, obj, text, notice, at=_local_time(at_text))
            except (PermissionDenied, ValidationError) as exc:
                error = error_text(exc)
                _audit_if_denied(exc, user=request.user, transition=transition, obj=obj)
            else:
                self.message_user(request, done_message(transition, obj), messages.SUCCESS)
                return HttpResponseRedirect(self._change_url(obj))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("%(action)s：%(item)s") % {"action": transition.label, "item": obj},
            "opts": self.opts,
            "transition": transition,
            "objects": [obj],
            "error": error,
            "text": text,
            "notice": notice,
            "at": at_text,
            "cancel_url": self._change_url(obj),
            "warnings": self._transition_warnings(request, name, [obj]),
        }
        return TemplateResponse(request, "admin/publishing/transition.html", context)

    def _transition_warnings(self, request, name: str, objects) -> list[str]:
        return [
            warning
            for integration in admin_integrations(self.model)
            for warning in integration.transition_warnings(request, self, name, objects)
        ]

    def _bulk(self, request, queryset, name: str):
        transition = TRANSITIONS[name]
        if transition.needs_text and "transition_confirm" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "title": gettext("批量%(action)s") % {"action": transition.label},
                "opts": self.opts,
                "transition": transition,
                "objects": queryset,
                "action_name": f"{name}_selected",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "bulk": True,
                "warnings": self._transition_warnings(request, name, queryset),
            }
            return TemplateResponse(request, "admin/publishing/transition.html", context)
        text = request.POST.get("transition_text", "")
        notice = request.POST.get("transition_notice", "")
        done, refused = [], []
        # One e-mail per person for the whole batch, not one per item.
        with notifications.collect_failures() as failures, notifications.one_mail_per_person():
            for obj in queryset:
                try:
                    self._perform(request, name, obj, text, notice)
                except (PermissionDenied, ValidationError) as exc:
                    _audit_if_denied(exc, user=request.user, transition=transition, obj=obj)
                    refused.append(gettext("“%(item)s”（%(error)s）") % {"item": obj, "error": error_text(exc)})
                else:
                    scheduled = name in {"publish", "force_publish"} and obj.is_scheduled()
                    label = gettext("“%(item)s”（%(state)s）") % {"item": obj, "state": obj.status_label()}
                    done.append(label if scheduled else gettext("“%(item)s”") % {"item": obj})
        if failures:
            self.message_user(request, mail_warning(failures), messages.WARNING)
        if done:
            message = gettext("已%(action)s %(count)s 项：%(items)s。")
            items = gettext("、").join(done)
            self.message_user(
                request, message % {"action": transition.label, "count": len(done), "items": items}, messages.SUCCESS
            )
        if refused:
            message = gettext("未能%(action)s %(count)s 项：%(items)s。")
            items = gettext("；").join(refused)
            self.message_user(
                request, message % {"action": transition.label, "count": len(refused), "items": items}, messages.WARNING
            )
        return None

    @admin.action(description=_("提交审核"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        return self._bulk(request, queryset, "submit")

    @admin.action(description=_("审核通过并发布"), permissions=["review"])
    def publish_selected(self, request, queryset):
        return self._bulk(request, queryset, "publish")

    @admin.action(description=_("退回修改（附意见）"), permissions=["review"])
    def send_back_selected(self, request, queryset):
        return self._bulk(request, queryset, "send_back")

    @admin.action(description=_("下线（附原因）"), permissions=["review"])
    def unpublish_selected(self, request, queryset):
        return self._bulk(request, queryset, "unpublish")

    @admin.action(description=_("归档"), permissions=["review"])
    def archive_selected(self, request, queryset):
        return self._bulk(request, queryset, "archive")

    @admin.action(description=_("强制发布（附理由）"), permissions=["force_publish"])
    def force_publish_selected(self, request, queryset):
        return self._bulk(request, queryset, "force_publish")

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        try:
            old = versions.get(revision_id=int(request.GET.get("old", "")))
            new = versions.get(revision_id=int(request.GET.get("new", "")))
        except (ValueError, Version.DoesNotExist):
            self.message_user(request, _("请在历史记录中选择要比较的两个版本。"), messages.WARNING)
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[quote(obj.pk)])
            )
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        revision_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_revision"
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("版本对比：%(item)s") % {"item": obj},
            "opts": self.opts,
            "object": obj,
            "old": old,
            "new": new,
            "old_restore_url": reverse(revision_url, args=[quote(obj.pk), old.pk]),
            "new_restore_url": reverse(revision_url, args=[quote(obj.pk), new.pk]),
            "diffs": diff_versions(old, new),
        }
        return TemplateResponse(request, "admin/publishing/compare.html", context)

    def draft_compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        draft = Draft.for_object(obj)
        if draft is None:
            self.message_user(request, gettext("“%(item)s”没有待发布的草稿。") % {"item": obj}, messages.INFO)
            return HttpResponseRedirect(self._change_url(obj))
        live = drafts.snapshot(obj, drafts.inline_specs_of(draft.data))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("草稿与公开版本对比：%(item)s") % {"item": obj},
            "opts": self.opts,
            "object": obj,
            "draft": draft,
            "diffs": drafts.diff_snapshots(live, draft.data),
            "change_url": self._change_url(obj),
        }
        return TemplateResponse(request, "admin/publishing/draft_compare.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if obj is not None:
            draft = Draft.for_object(obj)
            extra_context.update(
                pending_draft=draft,
                edits_as_draft=permissions.edits_as_draft(obj),
                draft_compare_url=reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_draft_compare", args=[quote(obj.pk)]
                )
                if draft
                else "",
            )
            extra_context.update(
                workflow_transitions=[
                    (
                        t,
                        reverse(
                            f"admin:{self.opts.app_label}_{self.opts.model_name}_transition",
                            args=[quote(obj.pk), t.name],
                        ),
                    )
                    for t in available_transitions(request.user, obj)
                ],
                workflow_status=obj.status_label(),
                workflow_live=obj.is_live(),
                preview_link=request.build_absolute_uri(preview_url(obj)) if hasattr(obj, "get_absolute_url") else "",
            )
        return super().change_view(request, object_id, form_url, extra_context)


class AuditedAdminMixin:
    """For admins of things outside the publishing workflow (images, users, groups, API tokens): every addition,
    change and deletion made in the admin goes to the audit log too, with Django's own change message."""

    def audit_target(self, obj) -> dict:
        """What the log keeps of ``obj``; override when its ``pk`` or ``str()`` is a secret (an API token)."""
        return {"model": obj, "object_id": str(obj.pk), "object_repr": str(obj)}

    def _audit(self, request, action: str, obj, comment: str = "") -> None:
        audit.audit_note(user=request.user, action=action, comment=comment, **self.audit_target(obj))

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, AuditEntry.Action.CREATED, obj, entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, AuditEntry.Action.EDITED, obj, entry.get_change_message())
        return entry

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, AuditEntry.Action.DELETED, obj)
        return super().log_deletions(request, queryset)


class FollowsParentAdmin(IntegrationsAdminMixin, VersionAdmin):
    """An inline model's own admin page (figures, sections, people …): read-only, with a link to its parent.

    Every change goes through the parent's form (or the API's nested write), which saves the parent too, so the
    parent's ``version`` is the edit-conflict token of its inlines as well: a stale parent form can never
    overwrite a figure changed meanwhile, and the parent's revisions and audit log show every change.
    """

    parent_fields: list[str] = []

    def _parents(self, obj):
        return [parent for name in self.parent_fields if (parent := getattr(obj, name, None)) is not None]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Asked by Django when the parent is deleted with its parts; on its own, a part is deleted in the parent's
        # form (delete_view and the bulk action are off).
        allowed = super().has_delete_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return all(permissions.can_change(request.user, parent) for parent in self._parents(obj))

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        return ["edit_in_parent", *super().get_readonly_fields(request, obj)]

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "edit_in_parent"]
        return ["edit_in_parent", *fields]

    def _parent_links(self, obj):
        links = []
        for parent in self._parents(obj):
            opts = parent._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(parent.pk)])
            links.append(format_html('<a href="{}">{}：{}</a>', url, opts.verbose_name, parent))
        return links

    @admin.display(description=_("在哪里修改"))
    def edit_in_parent(self, obj):
        links = self._parent_links(obj) if obj is not None else []
        if not links:
            return gettext("这一项不属于任何内容。")
        return format_html(
            "{} {}",
            gettext("这一项随所属内容一起修改，以免与同事的修改冲突：请打开"),
            format_html_join(gettext("、"), "{}", ((link,) for link in links)),
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the workflow, never by hand."""

    list_display = ["created_at", "who", "action", "content_type", "object_link", "comment"]
    list_filter = ["action", "user", "content_type", "created_at"]
    list_select_related = ["content_type", "user"]
    search_fields = ["object_repr", "comment", "user_repr", "object_id"]
    date_hierarchy = "created_at"
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("操作人"), ordering="user_repr")
    def who(self, entry):
        return display_name(entry.user) if entry.user is not None else entry.user_repr or "—"

    @admin.display(description=_("内容"), ordering="object_repr")
    def object_link(self, entry):
        model = entry.content_type.model_class() if entry.content_type else None
        if model is None or not entry.object_id or entry.action == AuditEntry.Action.DELETED:
            return entry.object_repr  # an export names no single object
        try:
            url = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[quote(entry.object_id)]
            )
        except NoReverseMatch:  # a model without an admin page of its own
            return entry.object_repr
        return format_html('<a href="{}">{}</a>', url, entry.object_repr)
