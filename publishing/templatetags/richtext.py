"""``{{ article.body|richtext }}``: a stored body with its library pictures written as responsive ``<picture>``."""

from django import template

from publishing.richtext import rendered_body

register = template.Library()


@register.filter
def richtext(html) -> str:
    """The body cleaned with the allowlist, its library pictures as ``{% picture %}`` (publishing.richtext)."""
    return rendered_body(html)
