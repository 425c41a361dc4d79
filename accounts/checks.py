from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def second_factor_on(app_configs, **kwargs):
    if settings.TWO_FACTOR == "off":
        return [
            Warning(
                "Staff sign in without a second factor (DJANGO_TWO_FACTOR=off).",
                hint="Leave DJANGO_TWO_FACTOR unset (site administrators need one) or set it to staff.",
                id="accounts.W001",
            )
        ]
    return []
