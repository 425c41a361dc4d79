#!/usr/bin/env python
"""Benchmark of the public pages on generated content; not part of the test suite (see bench/README.md).

Creates a fresh database (SQLite in a temporary folder, or the PostgreSQL database named in DATABASE_URL, which
is dropped and created again), migrates it, runs ``generate_content`` at the given scale, then requests each page
with Django's test client: p50 / p95 response time over ``--runs`` requests, the peak of memory allocated while
serving one request (tracemalloc), the number of SQL queries and the size of the response. Prints a table, compares
it with bench/targets and exits with status 1 when a target is missed.
"""

import argparse
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = Path(__file__).resolve().parent / "targets"
SCALE = {"articles": 2000, "enterprises": 500, "projects": 500, "figures": 20000}


@dataclass
class Result:
    name: str
    url: str
    status: int
    times: list[float]
    queries: int
    size: int
    peak: int

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile of the response times, in milliseconds."""
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)] * 1000


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in SCALE.items():
        parser.add_argument(f"--{name}", type=int, default=default, help=f"default {default:,}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--download-runs", type=int, default=5, help="timed requests of the CSV download (default 5)")
    parser.add_argument("--targets", type=Path, default=TARGETS)
    return parser.parse_args()


def fresh_database(workdir: Path) -> str:
    """The URL of an empty database: SQLite in ``workdir``, or DATABASE_URL's PostgreSQL database recreated."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(f"bench/run.py: only SQLite (no DATABASE_URL) or PostgreSQL are supported, not {url!r}")
    name = config["NAME"]
    if "bench" not in name:
        # It is dropped and created again: never point it at a database whose data matters.
        sys.exit(f"bench/run.py: the database name must contain 'bench' (it is dropped first), not {name!r}")
    server = {"host": config["HOST"], "port": config["PORT"], "user": config["USER"], "password": config["PASSWORD"]}
    server = {key: value for key, value in server.items() if value}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url


def configure(database_url: str, workdir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def prepare(args) -> float:
    """Migrate, collect the static files and generate the content, each in a process of its own, so the process
    that measures holds only what serving pages needs, as a web server's would; returns the generation's seconds."""

    def manage(*command):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, check=True)

    manage("migrate", "--verbosity", "0")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    started = time.perf_counter()
    counts = [f"--{name}={getattr(args, name)}" for name in SCALE]
    # The database was just made for the benchmark: say so, as generate_content asks outside DEBUG.
    manage("generate_content", *counts, f"--seed={args.seed}", "--yes-synthetic-content")
    return time.perf_counter() - started


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()


def pages() -> list[tuple[str, str]]:
    """The pages measured, some of them chosen from the generated content."""
    from django.db.models import Count, Q
    from django.urls import reverse
    from django.utils.encoding import iri_to_uri

    from achievements.models import Achievement
    from news.models import Article
    from publishing.models import PublishStatus
    from regions.models import Region

    review = Article.objects.published().filter(kind=Article.Kind.REVIEW).order_by("-year").first()
    published = Q(achievements__status=PublishStatus.PUBLISHED)
    region = Region.objects.annotate(n=Count("achievements", filter=published)).order_by("-n").first()
    latest_year = Achievement.objects.published().order_by("-year").values_list("year", flat=True).first()
    filtered = f"?category=platform&region={region.slug}&year={latest_year}"
    found = [
        ("home", "/"),
        ("review", review.get_absolute_url() if review else None),
        ("news", reverse("news:index")),
        ("data", reverse("achievements:index")),
        ("data-filtered", reverse("achievements:index") + filtered),
        ("data-csv", reverse("achievements:export_csv")),
        ("search", reverse("search:index") + "?q=算力"),
        ("search-two-words", reverse("search:index") + "?q=新材料 企业"),
        ("api-figures", reverse("api:figure-list")),
        ("region", region.get_absolute_url()),
    ]
    return [(name, iri_to_uri(url)) for name, url in found if url]


def measure(client, name: str, url: str, runs: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    get()  # warms what a running site has warm: connection, templates, cached settings
    with CaptureQueriesContext(connection) as queries:
        response, body = get()
    query_count = len(queries.captured_queries)  # read now: the next request empties the log
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        get()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    get()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Result(name, url, response.status_code, times, query_count, len(body), peak)


def load_targets(path: Path) -> dict[str, tuple[float, float]]:
    """``page  p95-ms  peak-MB`` per line; # starts a comment."""
    targets = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, p95, peak = line.split()
            targets[name] = (float(p95), float(peak))
    return targets


def main() -> int:
    args = arguments()
    targets = load_targets(args.targets)
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        workdir = Path(folder)
        configure(fresh_database(workdir), workdir)
        generated = prepare(args)
        setup_django()
        from django.db import connection
        from django.test import Client

        client = Client(HTTP_HOST="localhost")
        results = []
        for name, url in pages():
            runs = args.download_runs if name == "data-csv" else args.runs
            results.append(measure(client, name, url, runs))
        vendor = connection.vendor
        connection.close()

    import django

    print()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')} · {platform.node()} · {os.cpu_count()} CPU · Python "
        f"{platform.python_version()} · Django {django.get_version()} · {vendor}"
        + (" + Redis" if os.environ.get("REDIS_URL") else "")
    )
    print(
        f"{args.articles:,} articles, {args.enterprises:,} enterprises, {args.projects:,} projects, "
        f"{args.figures:,} figures generated in {generated:.1f} s; {args.runs} requests per page "
        f"({args.download_runs} for the download)"
    )
    print()
    header = f"{'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'target':>9}{'peak MB':>9}{'target':>8}{'queries':>9}{'KB':>8}  "
    print(header + "result")
    print("-" * (len(header) + 8))
    missed = []
    for result in results:
        p95_target, peak_target = targets.get(result.name, (math.inf, math.inf))
        peak = result.peak / 2**20
        problems = []
        if result.status != 200:
            problems.append(f"status {result.status}")
        if result.percentile(0.95) > p95_target:
            problems.append("slow")
        if peak > peak_target:
            problems.append("memory")
        if problems:
            missed.append(result.name)
        print(
            f"{result.name:<18}{result.percentile(0.5):>9.0f}{result.percentile(0.95):>9.0f}{p95_target:>9.0f}"
            f"{peak:>9.1f}{peak_target:>8.0f}{result.queries:>9}{result.size / 1024:>8.0f}  "
            + (", ".join(problems) or "ok")
        )
    print()
    print(
        f"mean of all requests: {statistics.mean(t for r in results for t in r.times) * 1000:.0f} ms; largest "
        f"resident size of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    if missed:
        print(f"Targets missed: {', '.join(missed)} (see {args.targets.relative_to(ROOT)})")
        return 1
    print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
