#!/usr/bin/env python
"""Where the time of an uncached page goes: cProfile over repeated requests, on a database bench/run.py made.

    DATABASE_URL=postgres://…/portal_bench… STATIC_ROOT=<collected static files> .venv/bin/python bench/profile_pages.py
    … bench/profile_pages.py / /news/ --runs 20 --top 30

For each page (default: home, the news list, the newest article, the article API list), with the page cache off:
the mean time of a request, the SQL queries (number and time), the time spent rendering templates, in the context
processors, in the view and outside it (middleware), the size of the HTML, then cProfile's top functions by own time.
Read-only: it never writes to the database. Not a test, and not run by `make bench`.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("urls", nargs="*", help="paths to profile (default: the four uncached pages of issue 11)")
    parser.add_argument("--runs", type=int, default=20, help="profiled requests per page (default 20)")
    parser.add_argument("--top", type=int, default=25, help="functions shown per page (default 25)")
    parser.add_argument("--accept-encoding", default="gzip, deflate, br, zstd")
    return parser.parse_args()


def default_urls() -> list[str]:
    from django.urls import reverse

    from news.models import Article

    article = Article.objects.published().exclude(kind=Article.Kind.REVIEW).order_by("-published_at").first()
    urls = ["/", reverse("news:index"), reverse("api:article-list")]
    if article:
        urls.insert(2, article.get_absolute_url())
    return urls


def parts() -> dict[str, object]:
    """Functions whose cumulative time is reported as a share of the request."""
    from compression_middleware.middleware import CompressionMiddleware
    from django.core.handlers.base import BaseHandler
    from django.db.backends.utils import CursorWrapper
    from django.template.base import Template
    from django.template.context import RequestContext
    from django.urls import reverse
    from rest_framework.serializers import Serializer

    return {
        "SQL (cursor.execute)": CursorWrapper._execute,
        "templates (Template.render)": Template.render,
        "context processors (bind_template)": RequestContext.bind_template,
        "DRF Serializer.to_representation": Serializer.to_representation,
        "reverse()": reverse,
        "compression": CompressionMiddleware.process_response,
        "view and rendering (_get_response)": BaseHandler._get_response,
    }


def cumulative(stats: pstats.Stats, function) -> float:
    """Cumulative seconds in a function (cProfile counts a recursive function's outermost calls only)."""
    function = getattr(function, "__wrapped__", function)
    code = function.__code__
    key = (code.co_filename, code.co_firstlineno, code.co_name)
    return stats.stats.get(key, (0, 0, 0, 0.0))[3]


def main() -> int:
    args = arguments()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    if "bench" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("bench/profile_pages.py: set DATABASE_URL to a benchmark database (its name contains 'bench')")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_ENCODING=args.accept_encoding)
    for url in args.urls or default_urls():
        client.get(url)  # warm: connection, templates, cached settings
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        query_count = len(queries.captured_queries)  # now: the next request empties the log
        sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        size = len(response.content)
        plain = len(Client(HTTP_HOST="localhost").get(url).content)
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(args.runs):
            client.get(url)
        profile.disable()
        wall = (time.perf_counter() - started) / args.runs * 1000
        stats = pstats.Stats(profile)
        print(f"\n=== {url}: status {response.status_code}, {wall:.1f} ms a request under cProfile (x{args.runs})")
        print(
            f"    {query_count} queries, {sql_ms:.1f} ms in the database (without the profiler); "
            f"HTML {plain / 1024:.1f} KB, {size / 1024:.1f} KB as sent ({response.get('Content-Encoding', 'identity')})"
        )
        for label, function in parts().items():
            seconds = cumulative(stats, function) / args.runs * 1000
            if seconds:
                print(f"    {label:<36}{seconds:>7.1f} ms  {seconds / wall:>4.0%}")
        from django.core.handlers.base import BaseHandler

        outside = wall - cumulative(stats, BaseHandler._get_response) / args.runs * 1000
        print(f"    {'middleware, test client, the rest':<36}{outside:>7.1f} ms  {outside / wall:>4.0%}")
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
