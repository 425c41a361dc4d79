"""Repeated failed sign-ins are refused for a while (django-axes, counted in the database so a cache outage changes
nothing): per account and per address for passwords, per address for API tokens (a wrong token names no account).
Past the limit the password or token is not even checked."""

import logging

from django.conf import settings
from django.contrib import admin
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """The client's address as the API's throttles see it: REMOTE_ADDR, or with ``DJANGO_NUM_PROXIES`` set, the
    address that many proxies in from the right of X-Forwarded-For (a forged header cannot choose it)."""
    return BaseThrottle().get_ident(request)


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """``AXES_LOCKOUT_PARAMETERS``: an account and an address are locked out separately; an attempt that names no
    account (a wrong API token) counts for its address only."""
    if credentials is not None:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = getattr(request_or_attempt, "username", None)
    return ["username", "ip_address"] if username else ["ip_address"]


def log_lockout(sender, request, username=None, ip_address=None, **kwargs):
    """One warning per lockout (django-axes's own log of every failure is kept quiet: the attempts are in the
    database, under 访问尝试). django-axes signals every attempt during a lockout too (each one counted, and each one
    starting the cool-off again): only the one that reached the limit is logged."""
    if getattr(request, "axes_failures_since_start", None) == settings.AXES_FAILURE_LIMIT:
        logger.warning("Sign-in locked out: account %r, address %s", username, ip_address)


def retry_after_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def locked_out(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: 429 with Retry-After, as JSON under /api/ and as a page elsewhere."""
    minutes = retry_after_seconds() // 60
    if request.path.startswith("/api/"):
        detail = _("失败次数过多，已暂时锁定。请 %(minutes)s 分钟后再试。") % {"minutes": minutes}
        response = JsonResponse({"detail": detail}, status=429)
    else:
        context = {
            **admin.site.each_context(request),
            "is_nav_sidebar_enabled": False,
            "title": _("登录已暂时锁定"),
            "minutes": minutes,
        }
        response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(retry_after_seconds())
    response["Cache-Control"] = "no-store"
    return response
