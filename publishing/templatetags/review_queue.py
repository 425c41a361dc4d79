from django import template

from publishing.queue import queue_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queue(context):
    """``{% review_queue as queue %}``: the signed-in staff member's work (publishing.queue), or None."""
    request = context.get("request")
    return queue_for_request(request) if request is not None else None
