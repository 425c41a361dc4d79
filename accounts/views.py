"""The second step of a staff sign-in (/admin/two-factor/…): the code from the authenticator app (or a recovery
code), setting the app up the first time, and new recovery codes. Pages in the admin's look, never cached."""

import functools

from django import forms
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user
from django_otp import login as otp_login

from . import twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("手机上身份验证器应用显示的 6 位数字；手机不在身边时，可以输入一个恢复码。"),
    )

    def clean_code(self):
        return self.cleaned_data["code"].replace(" ", "").lower()


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _verified(request) -> bool:
    """Signed in with both factors (a session still without its second factor counts as signed out here)."""
    return getattr(request.user, "is_verified", lambda: False)()


def _page(request, template, **context):
    return TemplateResponse(
        request,
        template,
        # No sidebar: halfway through signing in it could only say "no permission to view or edit anything".
        {**admin.site.each_context(request), "is_nav_sidebar_enabled": False, "next": _next(request), **context},
    )


def _to(name: str, next_url: str):
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")


def _step(*methods: str):
    """A sign-in step: never cached, the code kept out of error reports, for someone signed in with a password
    (the second factor may still be missing); anyone else goes to the login page."""

    def decorate(view):
        @never_cache
        @sensitive_post_parameters("code")
        @require_http_methods(list(methods))
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            user = getattr(request, "password_user", request.user)
            if not (user.is_authenticated and user.is_staff):
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            request.password_user = user
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


@_step("GET", "POST")
def verify(request):
    user = request.password_user
    if not twofactor.has_device(user):
        return _to("two_factor:setup", _next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for device in devices_for_user(user, for_verify=True):  # the app first, then the recovery codes
                allowed, _wait = device.verify_is_allowed()
                if allowed and device.verify_token(form.cleaned_data["code"]):
                    request.user = user
                    otp_login(request, device)
                    return redirect(_next(request))
        form.add_error(
            "code", gettext("验证码不对或已过期。请输入应用中当前显示的数字；连续输错后需要等待片刻才能再试。")
        )
    return _page(request, "accounts/verify.html", form=form, title=gettext("两步验证"))


@_step("GET", "POST")
def setup(request):
    user = request.password_user
    replacing = twofactor.has_device(user)
    if replacing and not _verified(request):
        # Replacing the app needs the current one: a stolen password alone must not enrol a new phone.
        return _to("two_factor:verify", reverse("two_factor:setup"))
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                type(device).objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = twofactor.new_recovery_codes(user)
            request.user = user
            otp_login(request, device)
            return _page(
                request, "accounts/recovery_codes.html", codes=codes, title=gettext("请保存恢复码"), first_time=True
            )
        form.add_error("code", gettext("验证码不对。请确认手机时间准确，并输入应用中当前显示的 6 位数字。"))
    return _page(
        request,
        "accounts/setup.html",
        form=form,
        title=gettext("设置两步验证"),
        qr_code=twofactor.qr_code(device),
        key=twofactor.readable_key(device),
        required=twofactor.required(user),
        replacing=replacing,
    )


@_step("POST")
def recovery_codes(request):
    """New recovery codes, for someone signed in with both factors."""
    if not _verified(request):
        return _to("two_factor:verify", reverse("admin:index"))
    codes = twofactor.new_recovery_codes(request.user)
    return _page(request, "accounts/recovery_codes.html", codes=codes, title=gettext("新的恢复码"))
