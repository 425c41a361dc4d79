"""``{{ article.body|richtext }}``: a stored body with its library pictures written as responsive ``<picture>`` and
its key figures with their current values."""

from django import template

from publishing.richtext import rendered_body

register = template.Library()


@register.filter
def richtext(html, figures=None) -> str:
    """The body cleaned with the allowlist, its library pictures as ``{% picture %}`` and its cited figures with their
    current values (``publishing.richtext.rendered_body``); ``figures``, when the page looked them up for all its
    bodies at once (``{{ project.body|richtext:cited_figures }}``), saves a query per body."""
    return rendered_body(html, figures if isinstance(figures, dict) else None)
