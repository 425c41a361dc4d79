"""Template helpers of the admin's publishing pages."""

from django import template

from publishing.users import display_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's full name in the order it is written (李小李), else the username."""
    return display_name(user)
