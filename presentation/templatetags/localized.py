"""Content in the interface language: staff may give an English title or summary; otherwise the Chinese shows,
marked ``lang="zh-hans"`` so a screen reader reading the English interface switches voice for it."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from presentation.dates import format_partial_date
from presentation.language import interface_is_chinese, localized_value
from presentation.numbers import format_en_figure

register = template.Library()

CONTENT_LANGUAGE = settings.LANGUAGE_CODE
CHINESE_ATTRIBUTE = mark_safe(f' lang="{CONTENT_LANGUAGE}"')  # nosec B308, B703  # a constant attribute from the settings


@register.filter
def localized(obj, field: str) -> str:
    """``{{ article|localized:"title" }}``: ``title_en`` in the English interface when filled in, else ``title``."""
    return localized_value(obj, field)[0]


@register.filter
def lang_of(obj, field: str) -> str:
    """``<h1{{ article|lang_of:"title" }}>``: ``lang="zh-hans"`` when ``localized`` fell back to the Chinese."""
    return CHINESE_ATTRIBUTE if localized_value(obj, field)[1] else ""


@register.simple_tag
def localized_text(obj, field: str) -> str:
    """``{% localized_text region "name" %}`` inline in a sentence: the Chinese fallback in its own ``<span lang>``."""
    value, is_fallback = localized_value(obj, field)
    return format_html("<span{}>{}</span>", CHINESE_ATTRIBUTE, value) if is_fallback else value


@register.simple_tag
def zh() -> str:
    """``<div class="body"{% zh %}>``: marks content only ever written in Chinese when the interface is not."""
    return "" if interface_is_chinese() else CHINESE_ATTRIBUTE


@register.simple_tag
def interface_language() -> str:
    """For ``<html lang>``: the interface language; Chinese content inside an English page carries ``{% zh %}``."""
    return translation.get_language() or CONTENT_LANGUAGE


@register.filter
def zh_text(value) -> str:
    """``{{ article.source|zh_text }}`` inline: Chinese-only text in its own ``<span lang>`` in a non-Chinese page."""
    if not value or interface_is_chinese():
        return value
    return format_html("<span{}>{}</span>", CHINESE_ATTRIBUTE, value)


@register.filter
def figure_in_english(figure) -> str:
    """``{{ figure|figure_in_english }}``: a key figure's value read out in English (at least 2,700 units) beside the
    Chinese original (2700余个); empty in the Chinese interface, where the original says it all."""
    if interface_is_chinese() or figure.value is None:
        return ""
    reading = format_en_figure(figure.value, figure.unit, figure.bound)
    return "" if reading == figure.text else reading  # 98% needs no reading


@register.filter
def partial_date(value, precision) -> str:
    """``{{ milestone.date|partial_date:milestone.precision }}``: 2026年1月, or January 2026 in English."""
    return format_partial_date(value, precision)
