"""Which language the interface speaks: Chinese, the language the content is written in, or English.

The one place that decides it; every helper that writes dates, numbers, units or names differently in English asks
here. Outside a request with no language active (management commands, the shell) the interface is the site's
own, ``settings.LANGUAGE_CODE`` (Chinese).
"""

from django.conf import settings
from django.utils import translation


def interface_is_chinese() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).startswith("zh")


def interface_is_english() -> bool:
    return not interface_is_chinese()


def localized_value(obj, field: str) -> tuple[str, bool]:
    """The text to show for ``obj.<field>`` and whether it is the Chinese original in an English interface."""
    original = getattr(obj, field, "") or ""
    if interface_is_chinese():
        return original, False
    english = getattr(obj, f"{field}_en", "") or ""
    if english:
        return english, False
    return original, bool(original)
