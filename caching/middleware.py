"""How pages reach readers: the anonymous page cache, HTTP caching headers and compression.

``PageCacheMiddleware`` answers anonymous visitors' GET requests for public pages from the cache (Redis when
``REDIS_URL`` is set, the in-process cache otherwise), keyed by the generation of ``caching.state``, the interface
language, large-text mode, the compression the client accepts and the full URL. A page is kept with the time of the
next scheduled publication or expiry, and is not served past it: a hit reads the generation and the page, nothing
else. It sets ``Cache-Control``: short and shared on public pages, ``private, no-store`` on everything a signed-in
member of staff sees.

``CompressionMiddleware`` compresses HTML, JSON, XML and text (brotli, zstd or gzip, as the client accepts), except
responses that carry a CSRF token: a secret beside reflected input in a compressed body is what BREACH reads.
"""

import hashlib
import logging

from compression_middleware.middleware import CompressionMiddleware as LibraryCompressionMiddleware
from compression_middleware.middleware import compressor
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from .state import current_generation, current_state, seconds_until, still_current

logger = logging.getLogger(__name__)

COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss", "application/atom")
# Never from the page cache: the admin, the API (its answers depend on the token and the Accept header and are
# throttled per client), the language and display switches (they set cookies), uploads and static files.
UNCACHED_PREFIXES = (
    "/admin/",
    "/api/",
    "/i18n/",
    "/accessibility/",
    "/language/",
    "/media/",
    "/static/",
    "/healthz",
    "/readyz",
)
CACHED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Encoding",
    "Vary",
    "Link",
    "Last-Modified",  # a feed's: a feed reader asking If-Modified-Since gets 304 from the cache too
    "X-Robots-Tag",
    "X-Frame-Options",
)
STORED_CONTENT_TYPES = ("text/html", "application/rss", "application/atom", "application/xml", "text/plain")


def _is_staff_request(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(UNCACHED_PREFIXES)
    )


def _carries_csrf_token(response) -> bool:
    """Django sets (or renews) the CSRF cookie on every response whose page used the token."""
    return settings.CSRF_COOKIE_NAME in response.cookies


def _storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not _is_staff_request(request)
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and response.get("Content-Type", "").startswith(STORED_CONTENT_TYPES)
    )


def _page_key(request, generation: str) -> str:
    encoding = compressor(request.headers.get("accept-encoding", ""))[0] or "identity"
    large_text = request.COOKIES.get(settings.LARGE_TEXT_COOKIE_NAME) == "1"
    url = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"page:{generation}:{get_language()}:{int(large_text)}:{encoding}:{url}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_SECONDS and _cacheable_request(request)):
            return self.set_cache_control(request, self.get_response(request), next_change=None)
        try:
            stored = cache.get(_page_key(request, current_generation()))
            if stored and still_current(stored[-1]):
                response, next_change = _rebuild(stored)
                return self.set_cache_control(request, response, next_change=next_change, hit=True)
            generation, next_change = current_state()
        except Exception:  # The cache is down: serve the page as if there were none.
            logger.warning("Page cache unavailable", exc_info=True)
            return self.set_cache_control(request, self.get_response(request), next_change=None)
        response = self.get_response(request)
        if _storable(request, response):
            timeout = seconds_until(next_change, settings.PAGE_CACHE_SECONDS)
            if timeout > 0:
                try:
                    cache.set(_page_key(request, generation), _freeze(response, next_change), timeout=timeout)
                except Exception:
                    logger.warning("Could not store a page in the cache", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return self.set_cache_control(request, response, next_change=next_change)

    @staticmethod
    def set_cache_control(request, response, *, next_change: float | None, hit: bool = False):
        if hit:
            response["X-Page-Cache"] = "hit"
        if _is_staff_request(request) or request.path.startswith("/admin/"):
            # Whatever a signed-in member of staff sees may hold drafts and is theirs alone (private replaces public).
            patch_cache_control(response, private=True, no_store=True)
            return response
        if response.has_header("Cache-Control") or request.method not in ("GET", "HEAD"):
            return response
        if response.status_code == 200 and not response.cookies:
            max_age = seconds_until(next_change, settings.PUBLIC_MAX_AGE)
            patch_cache_control(response, public=True, max_age=max_age, stale_while_revalidate=max_age)
        return response


def _freeze(response, next_change: float | None) -> tuple:
    headers = [(name, response[name]) for name in CACHED_HEADERS if response.has_header(name)]
    return (response.status_code, headers, response.content, next_change)


def _rebuild(stored: tuple) -> tuple[HttpResponse, float | None]:
    status, headers, content, next_change = stored
    response = HttpResponse(content, status=status)
    response["Content-Length"] = str(len(content))
    for name, value in headers:
        response[name] = value
    return response, next_change


class CompressionMiddleware(LibraryCompressionMiddleware):
    def process_response(self, request, response):
        if _carries_csrf_token(response) or not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
