"""``Authorization: Token <token>`` for the API: tokens stored as hashes (django-rest-knox), and wrong tokens
counted like wrong passwords: past the limit an address is refused with 429 before its token is checked."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

from .lockout import retry_after_seconds

NO_ACCOUNT = {"username": None}  # a wrong token names no account: its address is what is counted


class LockedOut(exceptions.Throttled):
    def __init__(self):
        minutes = retry_after_seconds() // 60
        super().__init__(
            detail=_("令牌错误次数过多，此地址已暂时锁定。请 %(minutes)s 分钟后再试。") % {"minutes": minutes}
        )
        self.wait = retry_after_seconds()


class TokenAuthentication(KnoxTokenAuthentication):
    def authenticate(self, request):
        if not get_authorization_header(request):
            return None
        # DRF's request hands django-axes the attributes its middleware set on Django's request (axes_ip_address…);
        # what django-axes sets in turn stays on DRF's request, so the lockout that a failure reaches is read here.
        if not AxesProxyHandler.is_allowed(request, NO_ACCOUNT):
            raise LockedOut
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            user_login_failed.send(sender=__name__, credentials=NO_ACCOUNT, request=request)
            if getattr(request, "axes_locked_out", False):
                raise LockedOut from None
            raise
