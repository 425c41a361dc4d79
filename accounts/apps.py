from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in: lockout after repeated failures (django-axes), hashed API tokens shown once (django-rest-knox),
    the second factor (django-otp: TOTP and recovery codes) and the end of idle staff sessions."""

    name = "accounts"
    default = True  # the other configs below are for the libraries
    verbose_name = _("登录与令牌")

    def ready(self):
        from axes.signals import user_locked_out

        from . import checks, schema  # noqa: F401  (a deploy check; the token scheme for drf-spectacular)
        from .lockout import log_lockout

        user_locked_out.connect(log_lockout, dispatch_uid="accounts.log_lockout")


# The libraries' apps under Chinese names in the admin (their models' own names are theirs).
class ApiTokensConfig(AppConfig):
    name = "knox"
    verbose_name = _("API 令牌")


class LoginAttemptsConfig(AxesConfig):
    verbose_name = _("登录失败记录")


class AuthenticatorAppsConfig(AppConfig):
    name = "django_otp.plugins.otp_totp"
    label = "otp_totp"
    default_auto_field = "django.db.models.AutoField"
    verbose_name = _("两步验证：身份验证器应用")


class RecoveryCodesConfig(AppConfig):
    name = "django_otp.plugins.otp_static"
    label = "otp_static"
    default_auto_field = "django.db.models.AutoField"
    verbose_name = _("两步验证：恢复码")
