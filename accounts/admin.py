"""Staff accounts in the admin: people with their editorial roles (groups, whose rights are said where they are given),
API tokens (listed by owner and a short hint, never by their text; a new token is shown once, on the page that follows
its creation, and only its hash is stored) and second-factor devices (listed, and removable for a lost phone, never
shown: their secret keys stay on the server)."""

import datetime
from contextvars import ContextVar

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken, get_digest_token
from knox.settings import CONSTANTS

from publishing.admin import AuditedAdminMixin
from publishing.models import AuditEntry
from publishing.roles import ROLE_DESCRIPTIONS
from publishing.users import display_name

from .forms import NewTokenForm

# The plain text of the token made in this add view, for response_add only: set for the length of that view, never
# stored, never logged (only its hash is saved).
NEW_TOKEN: ContextVar[dict | None] = ContextVar("accounts_new_token", default=None)

for _model in (AuthToken, TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(AuthToken)
class AuthTokenAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "hint", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    ordering = ["-created"]
    readonly_fields = ["user", "hint", "created", "expiry"]
    add_form_template = "admin/accounts/authtoken/add_form.html"

    def audit_target(self, obj) -> dict:
        return {"model": obj, "object_id": obj.token_key[:8], "object_repr": token_repr(obj)}

    @admin.display(description=_("令牌开头"))
    def hint(self, obj):
        return f"{obj.token_key[:8]}…"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewTokenForm
            kwargs["fields"] = ["user", "days"]
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def get_fields(self, request, obj=None):
        return ["user", "days"] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False  # a token is made, shown once and revoked; never edited

    def add_view(self, request, form_url="", extra_context=None):
        made = NEW_TOKEN.set({})
        try:
            return super().add_view(request, form_url, extra_context)
        finally:
            NEW_TOKEN.reset(made)

    def save_model(self, request, obj, form, change):
        digest, token = get_digest_token()
        obj.digest, obj.token_key = digest, token[: CONSTANTS.TOKEN_KEY_LENGTH]
        obj.expiry = timezone.now() + datetime.timedelta(days=form.cleaned_data["days"])
        obj.save()
        NEW_TOKEN.get()["token"] = token

    def response_add(self, request, obj, post_url_continue=None):
        return TemplateResponse(
            request,
            "admin/accounts/authtoken/created.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("新的 API 令牌"),
                "opts": self.opts,
                "token": NEW_TOKEN.get()["token"],
                "token_object": obj,
            },
            headers={"Cache-Control": "no-store"},
        )


def token_repr(token) -> str:
    return gettext("%(user)s 的 API 令牌") % {"user": token.user.get_username()}


@admin.register(StaticDevice, TOTPDevice)
class DeviceAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False  # each person sets up their own (/admin/two-factor/)

    def has_change_permission(self, request, obj=None):
        return False


# Staff accounts and the editorial roles (groups): who may do what is shown where it is given.


def roles_help():
    """What each editorial role may do, and that a role makes its members staff."""
    roles = format_html_join("", "<li><strong>{}</strong>：{}</li>", ROLE_DESCRIPTIONS.items())
    return format_html(
        '{}<ul class="role-descriptions">{}</ul>',
        gettext(
            "给用户分配以下任一角色，用户即自动成为工作人员、可以登录管理后台；去掉全部角色则不再是工作人员（超级用户除外）。"
        ),
        roles,
    )


# Accounts: Django's and DRF's admin pages, with names in Chinese order, the roles explained, and every change in
# the audit log.


def _groups_and_permissions(user) -> str:
    groups = gettext("、").join(sorted(group.name for group in user.groups.all())) or "—"
    return gettext("用户组：%(groups)s；单独的权限 %(count)s 项；工作人员：%(staff)s；超级用户：%(super)s") % {
        "groups": groups,
        "count": user.user_permissions.count(),
        "staff": gettext("是") if user.is_staff else gettext("否"),
        "super": gettext("是") if user.is_superuser else gettext("否"),
    }


User = get_user_model()


class StaffUserAdmin(AuditedAdminMixin, auth_admin.UserAdmin):
    """Users with their names in Chinese order and their roles; a role makes a user staff (publishing.users).
    Each audit entry also says the groups and rights the user has after the change (Django's message only names
    the fields); a password is never logged, only that it was changed."""

    list_display = ["username", "full_name", "email", "roles", "is_staff", "is_active", "last_login"]
    list_filter = ["groups", "is_staff", "is_superuser", "is_active"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            formfield.help_text = roles_help()
        return formfield

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "is_staff":
            formfield.help_text = _("指明用户是否可以登录管理后台。分配编辑、审核或站点管理员角色时自动勾选。")
        return formfield

    @admin.display(description=_("姓名"), ordering="last_name")
    def full_name(self, user):
        return display_name(user) if (user.first_name or user.last_name) else "—"

    @admin.display(description=_("角色"))
    def roles(self, user):
        return gettext("、").join(group.name for group in user.groups.all()) or "—"

    def _audit(self, request, action: str, obj, comment: str = "") -> None:
        if action != AuditEntry.Action.DELETED:
            comment = f"{comment}（{_groups_and_permissions(obj)}）"
        super()._audit(request, action, obj, comment)


class RoleGroupAdmin(AuditedAdminMixin, auth_admin.GroupAdmin):
    """Groups, with what each editorial role may do."""

    list_display = ["name", "role_description"]
    fields = ["name", "role_description", "permissions"]
    readonly_fields = ["role_description"]

    @admin.display(description=_("角色说明"))
    def role_description(self, group):
        return ROLE_DESCRIPTIONS.get(group.name, "—")

    def _audit(self, request, action: str, obj, comment: str = "") -> None:
        if action != AuditEntry.Action.DELETED:
            comment = gettext("%(comment)s（权限 %(count)s 项）") % {
                "comment": comment,
                "count": obj.permissions.count(),
            }
        super()._audit(request, action, obj, comment)


for _model, _admin_class in [
    (User, StaffUserAdmin),
    (Group, RoleGroupAdmin),
]:
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin_class)
