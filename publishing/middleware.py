"""Query parameters without NUL characters on every page, the admin's lists included."""

from .facets import without_nul


class StripNulMiddleware:
    """Takes NUL characters out of the query parameters before a page reads them.

    No slug, year, choice or search word has one, and PostgreSQL refuses them in a query: a filter like
    ``?status__exact=%00`` would be a 500 instead of the list. The API (namespace ``api``) keeps them, to refuse
    them with a 400 that names the parameter (``publishing.rest.DjangoFilterBackend``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "api" not in match.namespaces:
            request.GET = without_nul(request.GET)
        return None
