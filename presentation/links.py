"""``reverse()`` for the addresses pages and API answers name by the dozen: the same result at a fraction of the cost.

Django's ``reverse()`` matches the view's patterns and checks the result on every call (about 50 µs here); a list
page or an API answer links each of its items, and their regions, topics and projects, so it adds up. ``link()``
reverses each view once with placeholders and fills the template in afterwards, for values that need no quoting
and that every converter accepts as they are (slugs, numbers); anything else goes through ``reverse()`` itself.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Letters, digits, "-" and "_": what the slug, str, path and (digits only) int converters take and print unchanged.
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")


def _placeholder(index: int) -> str:
    # Digits only, so that any converter (int, slug, str) accepts it; long and odd enough never to occur otherwise.
    return f"{index}90817263549{index}"


@lru_cache(maxsize=256)
def _template(viewname: str, names: tuple[str, ...], urlconf, script_prefix: str, language):
    """(the address of ``viewname`` with a placeholder for each of ``names``, for each name whether its converter
    takes digits only), or None when no template can stand for ``reverse()`` here."""
    placeholders = {name: _placeholder(index) for index, name in enumerate(names)}
    try:
        url = reverse(viewname, urlconf=urlconf, kwargs=placeholders)
    except NoReverseMatch:
        return None  # e.g. a converter of its own with another alphabet: reverse() every time
    if any(url.count(placeholder) != 1 for placeholder in placeholders.values()):
        return None
    digits_only = []
    for name in names:
        try:
            reverse(viewname, urlconf=urlconf, kwargs={**placeholders, name: "a-z_"})
        except NoReverseMatch:
            digits_only.append(True)  # the int converter
        else:
            digits_only.append(False)
    return url, tuple(digits_only)


def link(viewname: str, **kwargs) -> str:
    """``reverse(viewname, kwargs=kwargs)``, from a template reversed once per view, language and URL setup."""
    values = {name: str(value) for name, value in kwargs.items()}
    if all(_PLAIN.fullmatch(value) for value in values.values()):
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        names = tuple(sorted(values))
        found = _template(viewname, names, urlconf, get_script_prefix(), get_language())
        if found is not None:
            url, digits_only = found
            if not any(digits and not values[name].isdigit() for name, digits in zip(names, digits_only, strict=True)):
                for index, name in enumerate(names):
                    url = url.replace(_placeholder(index), values[name])
                return url
    return reverse(viewname, kwargs=kwargs)
