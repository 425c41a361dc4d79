from django.utils.functional import SimpleLazyObject

from .queue import queue_for


def review_queue(request):
    """``review_queue``: the signed-in staff member's work (publishing.queue), or None. Worked out on first use, so
    once for a page that shows it twice (the admin's header and home page) and never for a page that does not."""
    return {"review_queue": SimpleLazyObject(lambda: queue_for(getattr(request, "user", None)))}
