"""``{{ article.body|richtext }}``: a stored body with its library pictures written as responsive ``<picture>``."""

from django import template
from django.utils.safestring import mark_safe

from images.models import Image
from images.templatetags.images import picture
from publishing.richtext import IMG_TAG, library_id, sanitize, tag_attributes

register = template.Library()

# Bodies are at most the width of the text column.
BODY_IMAGE_SIZES = "(min-width: 48rem) 46rem, 100vw"


@register.filter
def richtext(html) -> str:
    """The body cleaned with the allowlist (again: whatever wrote it), then each ``<img data-file>`` replaced by
    ``{% picture %}``: srcset, width and height of the renditions, alt text from the library, lazy loading. Two
    queries per body with pictures, none without; a picture whose library image was deleted is left out."""
    html = sanitize(html or "")
    if not html:
        return ""
    ids = {pk for tag in IMG_TAG.findall(html) if (pk := library_id(tag_attributes(tag))) is not None}
    if not ids:
        return mark_safe(html)  # nosec B308, B703  # just cleaned with the allowlist (nh3)
    images = Image.objects.prefetch_related("renditions").in_bulk(ids)

    def replace(match):
        image = images.get(library_id(tag_attributes(match.group(0))))
        return picture(image, sizes=BODY_IMAGE_SIZES, **{"class": "prose__image"}) if image else ""

    return mark_safe(IMG_TAG.sub(replace, html))  # nosec B308, B703  # cleaned with the allowlist; picture() escapes what it adds
