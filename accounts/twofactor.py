"""Who signs in with a second factor (``TWO_FACTOR`` in the settings, from ``DJANGO_TWO_FACTOR``):

- ``superusers`` (the default): site administrators must, and so must anyone who has set one up;
- ``staff``: every staff member must;
- ``off``: nobody is asked (a developer's machine only; ``check --deploy`` warns).

The second factor is a six-digit code from an authenticator app (TOTP, django-otp), or one of ten recovery codes
for the day the phone is lost. Until it is given, a signed-in session has no rights at all (middleware.py)."""

import segno
from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
CHOICES = ("off", "superusers", "staff")


def required(user) -> bool:
    """Must this person give a second factor to use their session?"""
    policy = settings.TWO_FACTOR
    if policy == "off" or not user.is_authenticated or not user.is_staff:
        return False
    if policy == "staff" or user.is_superuser:
        return True
    return user_has_device(user)  # set up of their own accord: then it is asked for, too


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The authenticator-app key being set up (unconfirmed until a first code from it is entered)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def qr_code(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code, an SVG data URI (an <img>: nothing inline for the CSP)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def readable_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    import base64

    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def new_recovery_codes(user) -> list[str]:
    """Ten fresh one-time codes (any earlier ones stop working)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
