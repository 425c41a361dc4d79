"""``{% picture image sizes="…" crop="16:9" class="…" %}``: a library picture as responsive markup (markup.py)."""

from django import template

from images.markup import picture

register = template.Library()
register.simple_tag(picture)
