#!/usr/bin/env python
"""Benchmark of the public pages on generated content; not part of the test suite (see bench/README.md).

Creates a fresh database (SQLite in a temporary folder, or the PostgreSQL database named in DATABASE_URL, which
is dropped and created again), migrates it, runs ``generate_content`` at the given scale, then requests each page
with Django's test client: p50 / p95 response time over ``--runs`` requests, the peak of memory allocated while
serving one request (tracemalloc), the number of SQL queries and the size of the response. With ``--load`` it then
also serves the pages through gunicorn and drives them with wrk (bench/load.py). Prints the tables, compares them
with bench/targets and exits with status 1 when a target is missed.
"""

import argparse
import math
import os
import platform
import resource
import statistics
import subprocess  # nosec B404  # the benchmark runs manage.py commands, with fixed arguments
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import BROWSER_ACCEPT_ENCODING, LoadError, run_load  # noqa: E402

TARGETS = Path(__file__).resolve().parent / "targets"
SCALES = {
    "default": {"articles": 2000, "enterprises": 500, "projects": 500, "figures": 20000},
    # The city office of issue 11: ten to twenty years of news plus imported archives.
    "large": {"articles": 100_000, "enterprises": 20_000, "projects": 10_000, "figures": 200_000},
}
SCALE = SCALES["default"]
# Pages of the load mode; the cached ones are served from the anonymous page cache after the first request.
LOAD_PAGES = ("home", "news", "article", "data", "project", "enterprise", "api-articles", "search")


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
    parser.add_argument(
        "--scale",
        choices=SCALES,
        default="default",
        help="how much content to generate: "
        + "; ".join(f"{scale}: " + ", ".join(f"{n:,} {name}" for name, n in c.items()) for scale, c in SCALES.items()),
    )
    for name in SCALE:
        parser.add_argument(f"--{name}", type=int, default=None, help="instead of the scale's number")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--download-runs", type=int, default=5, help="timed requests of the CSV download (default 5)")
    parser.add_argument("--targets", type=Path, default=TARGETS)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL only: keep the database an earlier run generated (it is not dropped, nor generated again)",
    )
    load = parser.add_argument_group("load mode (gunicorn driven by wrk over loopback; bench/load.py)")
    load.add_argument("--load", action="store_true", help="after the in-process pages, measure them under load")
    load.add_argument("--load-only", action="store_true", help="the load mode alone, without the in-process pages")
    load.add_argument("--seconds", type=float, default=5, help="wrk's duration per page and round (default 5)")
    load.add_argument("--connections", type=int, default=8, help="wrk's open connections (default 8)")
    load.add_argument("--rounds", type=int, default=1, help="interleaved rounds; the median is reported (default 1)")
    load.add_argument("--warmup", type=float, default=2, help="seconds of load per page before measuring (default 2)")
    load.add_argument(
        "--accept-encoding",
        default=BROWSER_ACCEPT_ENCODING,
        help=f"the Accept-Encoding wrk sends (default {BROWSER_ACCEPT_ENCODING!r}, as a browser; 'identity': none)",
    )
    args = parser.parse_args()
    for name, number in SCALES[args.scale].items():
        if getattr(args, name) is None:
            setattr(args, name, number)
    args.load = args.load or args.load_only
    if not (0 < args.seconds <= 60 and 0 < args.connections <= 64 and 0 < args.rounds <= 10 and 0 <= args.warmup <= 10):
        parser.error("--seconds 1-60, --connections 1-64, --rounds 1-10, --warmup 0-10")
    return args


def fresh_database(workdir: Path, reuse: bool = False) -> tuple[str, bool]:
    """The URL of the database and whether it is new: SQLite in ``workdir``, or DATABASE_URL's PostgreSQL
    database recreated (or, with ``reuse``, kept when it exists)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        if reuse:
            sys.exit("bench/run.py: --reuse needs DATABASE_URL (a PostgreSQL database); SQLite is made fresh each run")
        return f"sqlite:///{workdir / 'bench.sqlite3'}", True
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
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if reuse and exists:
            return url, False
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url, True


def configure(database_url: str, workdir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def in_process_environment() -> None:
    """The in-process pages measure the portal's own work: without the anonymous page cache, which would answer
    every timed request after the first (the load mode measures both; its servers get their own environment)."""
    os.environ["DJANGO_PAGE_CACHE_SECONDS"] = "0"


def prepare(args, new: bool) -> float | None:
    """Migrate, collect the static files and generate the content, each in a process of its own, so the process
    that measures holds only what serving pages needs, as a web server's would; returns the generation's seconds
    (None for a database kept from an earlier run)."""

    def manage(*command):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, check=True)  # nosec B603  # this Python running manage.py, no shell

    manage("migrate", "--verbosity", "0")
    manage("collectstatic", "--noinput", "--verbosity", "0")
    if not new:
        return None
    started = time.perf_counter()
    counts = [f"--{name}={getattr(args, name)}" for name in SCALE]
    # The database was just made for the benchmark: say so, as generate_content asks outside DEBUG.
    manage("generate_content", *counts, f"--seed={args.seed}", "--yes-synthetic-content")
    return time.perf_counter() - started


def setup_django() -> None:
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
    from enterprises.models import Enterprise
    from news.models import Article
    from projects.models import Project
    from publishing.models import PublishStatus
    from regions.models import Region

    review = Article.objects.published().filter(kind=Article.Kind.REVIEW).order_by("-year").first()
    # The newest of each: what readers open most (and, for an article, what the home page links to).
    article = Article.objects.published().exclude(kind=Article.Kind.REVIEW).order_by("-published_at").first()
    project = Project.objects.published().order_by("-published_at").first()
    enterprise = Enterprise.objects.published().order_by("-published_at").first()
    published = Q(achievements__status=PublishStatus.PUBLISHED)
    region = Region.objects.annotate(n=Count("achievements", filter=published)).order_by("-n").first()
    latest_year = Achievement.objects.published().order_by("-year").values_list("year", flat=True).first()
    filtered = f"?category=platform&region={region.slug}&year={latest_year}"
    found = [
        ("home", "/"),
        ("review", review.get_absolute_url() if review else None),
        ("news", reverse("news:index")),
        ("article", article.get_absolute_url() if article else None),
        ("project", project.get_absolute_url() if project else None),
        ("enterprise", enterprise.get_absolute_url() if enterprise else None),
        ("data", reverse("achievements:index")),
        ("data-filtered", reverse("achievements:index") + filtered),
        ("data-csv", reverse("achievements:export_csv")),
        ("search", reverse("search:index") + "?q=算力"),
        ("search-two-words", reverse("search:index") + "?q=新材料 企业"),
        ("api-figures", reverse("api:figure-list")),
        ("api-articles", reverse("api:article-list")),
        ("region", region.get_absolute_url()),
    ]
    return [(name, iri_to_uri(url)) for name, url in found if url]


def measure(client, name: str, url: str, runs: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(url)
        # A streamed download is read as a socket would send it, chunk by chunk: the memory measured is the
        # portal's, not that of a client holding the whole file.
        size = sum(map(len, response.streaming_content)) if response.streaming else len(response.content)
        return response, size

    get()  # warms what a running site has warm: connection, templates, cached settings
    with CaptureQueriesContext(connection) as queries:
        response, size = get()
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
    return Result(name, url, response.status_code, times, query_count, size, peak)


@dataclass
class Targets:
    in_process: dict[str, tuple[float, float]]  # page -> (p95 ms, peak MB)
    cached: dict[str, float]  # page -> least share of the bare view's req/s, page cache on
    uncached: dict[str, float]  # the same, page cache off
    peak_rss_mib: float


def load_targets(path: Path, scale: str) -> Targets:
    """Read bench/targets: ``[section]`` headers, then one ``name  number...`` line each; # starts a comment.

    Sections: ``[in-process]`` (page, p95 ms, peak MB), ``[in-process <scale>]`` (lines that replace those of
    ``[in-process]`` at that scale), ``[load cached]`` and ``[load uncached]`` (page, least ratio to the bare view's
    req/s), ``[load memory]`` (``worker-peak-rss-mib`` and the most MiB).
    """
    sections: dict[str, dict[str, list[float]]] = {}
    section = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = " ".join(line[1:-1].split())
            sections.setdefault(section, {})
            continue
        if section is None:
            sys.exit(f"{path}:{number}: a target before the first [section]")
        name, *values = line.split()
        try:
            sections[section][name] = [float(value) for value in values]
        except ValueError:
            sys.exit(f"{path}:{number}: not a number in {raw.strip()!r}")
    known = {"in-process", "load cached", "load uncached", "load memory", *(f"in-process {s}" for s in SCALES)}
    if unknown := set(sections) - known:
        sys.exit(f"{path}: unknown sections {sorted(unknown)} (known: {sorted(known)})")
    in_process = {**sections.get("in-process", {}), **sections.get(f"in-process {scale}", {})}
    return Targets(
        in_process={name: (values[0], values[1]) for name, values in in_process.items()},
        cached={name: values[0] for name, values in sections.get("load cached", {}).items()},
        uncached={name: values[0] for name, values in sections.get("load uncached", {}).items()},
        peak_rss_mib=sections.get("load memory", {}).get("worker-peak-rss-mib", [math.inf])[0],
    )


def report_in_process(results: list[Result], targets: Targets) -> list[str]:
    header = f"{'page':<18}{'p50 ms':>9}{'p95 ms':>9}{'target':>9}{'peak MB':>9}{'target':>8}{'queries':>9}{'KB':>8}  "
    print(header + "result")
    print("-" * (len(header) + 8))
    missed = []
    for result in results:
        p95_target, peak_target = targets.in_process.get(result.name, (math.inf, math.inf))
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
    return missed


def report_load(run, targets: Targets, args) -> list[str]:
    """The load table: per page and mode the median over rounds of req/s, p50, p99 and the ratio to the bare view
    of the same round (the mean of its measurements at the start and at the end of the round)."""
    bare_rates = [statistics.mean(s.rate for s in run.bare[i : i + 2]) for i in range(0, len(run.bare), 2)]
    bare_p50 = statistics.median(s.p50_ms for s in run.bare)
    bare_p99 = statistics.median(s.p99_ms for s in run.bare)
    print(
        f"gunicorn, 2 sync workers, portal/gunicorn.conf.py; wrk: {args.connections} connections, {args.seconds:.0f} s "
        f"per page, {args.rounds} round(s) (median), Accept-Encoding: {args.accept_encoding}"
    )
    print(
        f"bare view (9 KB, no page cache): {statistics.median(bare_rates):,.0f} req/s, p50 {bare_p50:.1f} ms, "
        f"p99 {bare_p99:.1f} ms  (each round: {', '.join(f'{r:,.0f}' for r in bare_rates)})"
    )
    print()
    header = (
        f"{'page':<14}{'uncached/s':>11}{'p50':>7}{'p99':>7}{'ratio':>8}{'target':>8}"
        f"{'cached/s':>10}{'p50':>7}{'p99':>7}{'ratio':>8}{'target':>8}{'KB':>6}  "
    )
    print(header + "result")
    print("-" * (len(header) + 8))
    missed = []
    for page in run.pages:
        row, problems = f"{page.name:<14}", []
        for mode, samples, wanted in (
            ("uncached", page.uncached, targets.uncached),
            ("cached", page.cached, targets.cached),
        ):
            ratio = statistics.median(s.rate / bare for s, bare in zip(samples, bare_rates, strict=True))
            target = wanted.get(page.name)
            if target is not None and ratio < target:
                problems.append(f"{mode} slow")
            rate = statistics.median(s.rate for s in samples)
            p50 = statistics.median(s.p50_ms for s in samples)
            p99 = statistics.median(s.p99_ms for s in samples)
            shown = "" if target is None else f"{target:.3f}"
            row += f"{rate:>{11 if mode == 'uncached' else 10},.0f}{p50:>7.1f}{p99:>7.1f}{ratio:>8.3f}{shown:>8}"
        row += f"{statistics.median(s.kb_per_request for s in page.cached):>6.0f}  "
        print(row + (", ".join(problems) or "ok"))
        if problems:
            missed.append(f"{page.name} (load)")
    print("(req/s; p50 and p99 in ms; ratio: to the bare view's req/s; KB: as sent, cached)")
    print()
    peak = max(run.peak_rss_mib.values())
    sizes = ", ".join(f"{name} {mib:.0f} MiB" for name, mib in run.peak_rss_mib.items())
    verdict = "ok" if peak <= targets.peak_rss_mib else "too much"
    print(f"worker peak RSS (VmHWM) after the load run: {sizes}; target {targets.peak_rss_mib:.0f} MiB: {verdict}")
    if peak > targets.peak_rss_mib:
        missed.append("worker memory")
    return missed


def database_counts() -> str:
    from achievements.models import KeyFigure
    from enterprises.models import Enterprise
    from news.models import Article
    from projects.models import Project

    counts = [(Article, "articles"), (Enterprise, "enterprises"), (Project, "projects"), (KeyFigure, "figures")]
    return ", ".join(f"{model.objects.count():,} {name}" for model, name in counts)


def main() -> int:
    args = arguments()
    targets = load_targets(args.targets, args.scale)
    load_before = os.getloadavg()[0]  # other work on the machine skews every figure: it is printed with them
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as folder:
        workdir = Path(folder)
        url, new = fresh_database(workdir, args.reuse)
        configure(url, workdir)
        generated = prepare(args, new)
        server_env = dict(os.environ)  # the load mode's servers: the same database, cache and static files
        in_process_environment()
        setup_django()
        from django.db import connection
        from django.test import Client

        measured = pages()
        counts = database_counts()
        results = []
        if not args.load_only:
            client = Client(HTTP_HOST="localhost")
            for name, page_url in measured:
                runs = args.download_runs if name == "data-csv" else args.runs
                results.append(measure(client, name, page_url, runs))
        vendor = connection.vendor
        connection.close()
        run = None
        if args.load:
            load_pages = [(name, page_url) for name, page_url in measured if name in LOAD_PAGES]
            try:
                run = run_load(
                    load_pages,
                    server_env,
                    seconds=args.seconds,
                    connections=args.connections,
                    rounds=args.rounds,
                    warmup=args.warmup,
                    accept=args.accept_encoding,
                    say=lambda text: print(f"bench: {text}", flush=True),
                )
            except LoadError as error:
                print(f"\nbench/run.py: the load mode failed: {error}", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                print("\nbench/run.py: interrupted; the servers are stopped", file=sys.stderr)
                return 130

    import django

    print()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · {platform.node()} · {os.cpu_count()} CPU · load "
        f"average {os.getloadavg()[0]:.1f} (before the run: {load_before:.1f}) · Python "
        f"{platform.python_version()} · Django {django.get_version()} · {vendor}"
        + (" + Redis" if os.environ.get("REDIS_URL") else "")
    )
    made = f"generated in {generated:.1f} s" if generated is not None else "kept from an earlier run (--reuse)"
    print(f"scale {args.scale}: {counts} ({made}, seed {args.seed})")
    missed = []
    if results:
        print(
            f"In process (Django's test client, no page cache): {args.runs} requests per page "
            f"({args.download_runs} for the download)"
        )
        print()
        missed += report_in_process(results, targets)
    if run:
        print()
        print("Under load:")
        missed += report_load(run, targets, args)
    print()
    if missed:
        print(f"Targets missed: {', '.join(missed)} (see {args.targets.relative_to(ROOT)})")
        return 1
    print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
