"""Query parameters without NUL characters on every page, the admin's lists included."""

from django.http import QueryDict
from django.utils.http import urlencode


def without_nul(params: QueryDict) -> QueryDict:
    """The parameters with NUL characters taken out: no slug, year or choice has one, and PostgreSQL refuses
    them in a query (a 500 instead of the page)."""
    if not any("\x00" in key or "\x00" in value for key, values in params.lists() for value in values):
        return params
    pairs = [(key.replace("\x00", ""), value.replace("\x00", "")) for key, values in params.lists() for value in values]
    return QueryDict(urlencode(pairs), encoding=params.encoding)


class StripNulMiddleware:
    """Takes NUL characters out of the query parameters before a page reads them.

    No slug, year, choice or search word has one, and PostgreSQL refuses them in a query: a filter like
    ``?status__exact=%00`` would be a 500 instead of the list. The API (namespace ``api``) keeps them, to refuse
    them with a 400 that names the parameter (``api.rest.DjangoFilterBackend``).
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
