"""``{{ article.body|richtext }}``: a stored body with its library pictures written as responsive ``<picture>`` and
its key figures with their current values."""

from django import template
from django.utils.safestring import mark_safe

from publishing.richtext import (
    IMG_TAG,
    cited_figure_ids,
    library_id,
    rendered_figures,
    rendered_pictures,
    sanitize,
    tag_attributes,
    with_figures,
)

register = template.Library()


@register.filter
def richtext(html, figures=None) -> str:
    """The body cleaned with the allowlist (again: whatever wrote it), then each ``<img data-file>`` replaced by
    ``{% picture %}`` (the picture library's markup): srcset, width and height of the renditions, alt text from the
    library, lazy loading. Two queries per body with pictures, none without; a picture whose library image was
    deleted is left out.

    Each cited figure shows its current value (``publishing.richtext.with_figures``): one query per body that cites
    any, or none when the page looked up the figures of all its bodies at once and passes them
    (``{{ section.body|richtext:cited_figures }}``: ``rendered_figures`` of all its bodies' ``cited_figure_ids``)."""
    html = sanitize(html or "")
    if not html:
        return ""
    if not isinstance(figures, dict):
        figures = rendered_figures(cited_figure_ids(html))
    html = with_figures(html, figures)
    ids = {pk for tag in IMG_TAG.findall(html) if (pk := library_id(tag_attributes(tag))) is not None}
    if not ids:
        return mark_safe(html)  # nosec B308, B703  # just cleaned with the allowlist (nh3); figures escape what they add
    pictures = rendered_pictures(ids)

    def replace(match):
        return pictures.get(library_id(tag_attributes(match.group(0))), "")

    return mark_safe(IMG_TAG.sub(replace, html))  # nosec B308, B703  # cleaned with the allowlist; picture() escapes what it adds
