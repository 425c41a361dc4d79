"""API tokens in the admin: listed by owner and a short hint, never by their text; a new token is shown once, on
the page that follows its creation, and only its hash is stored. Second-factor devices: listed, and removable
(a lost phone), never shown (their secret keys stay on the server)."""

import datetime
from contextvars import ContextVar

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken, get_digest_token
from knox.settings import CONSTANTS

from publishing.admin import AuditedAdminMixin

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
