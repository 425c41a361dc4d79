"""The key figures as rich text uses them (``publishing.richtext.FigureLibrary``): a body states a figure, and its
pages show the figure's current value, linked to it."""

from django.urls import reverse_lazy
from django.utils.html import format_html

from presentation.language import interface_is_english
from presentation.numbers import format_en_figure

from .models import KeyFigure


def figure_reading(figure: KeyFigure, text: str, value) -> str:
    """A figure's text (4.2万亩) or, in the English interface, its value read out in English (42,000 mu)."""
    if interface_is_english() and value is not None:
        return format_en_figure(value, figure.unit, figure.bound) or text
    return text


def figure_link(figure: KeyFigure) -> str:
    """The figure as the interface reads it, linked to its row on the achievement's page; in English with the
    original as written as its title."""
    url = f"{figure.achievement.get_absolute_url()}#figure-{figure.pk}"
    reading = figure_reading(figure, figure.text, figure.value)
    if reading != figure.text:
        return format_html('<a class="prose__figure" href="{}" lang="en" title="{}">{}</a>', url, figure.text, reading)
    return format_html('<a class="prose__figure" href="{}">{}</a>', url, reading)


class FigureLibrary:
    chooser_url = reverse_lazy("admin:achievements_keyfigure_richtext_chooser")

    def existing(self, ids):
        return set(KeyFigure.objects.filter(pk__in=ids).values_list("pk", flat=True))

    def render(self, ids):
        figures = KeyFigure.objects.published().filter(pk__in=ids).select_related("achievement")
        return {figure.pk: figure_link(figure) for figure in figures}
