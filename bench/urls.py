"""The portal's URLs plus ``/bench/bare/``: a Django view that does nothing but return a 9 KB HTML page.

It is the ceiling of the load mode of bench/run.py: what the same server, workers and middleware can serve when the
view costs nothing. It never ships with the product (only bench/settings.py points here).
"""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

BARE_SIZE = 9 * 1024


def _bare_page() -> bytes:
    """A fixed HTML page of exactly BARE_SIZE bytes, text varied enough to compress like a real page."""
    head = b"<!doctype html><html lang=zh-hans><head><meta charset=utf-8><title>bench</title></head><body>\n"
    tail = b"</body></html>\n"
    lines, number, room = [], 0, BARE_SIZE - len(head) - len(tail)
    while True:
        number += 1
        line = f"<p>第 {number} 段 paragraph {number * 7919 % 104729} · {number**3 % 65521:x}</p>\n".encode()
        if len(line) > room:
            break
        lines.append(line)
        room -= len(line)
    return head + b"".join(lines) + b" " * room + tail


BARE_PAGE = _bare_page()


def bare(request):
    return HttpResponse(BARE_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *portal_urlpatterns]
