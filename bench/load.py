"""The load mode of bench/run.py: the real application server, driven over loopback by wrk.

Two gunicorn servers are started from portal/gunicorn.conf.py on free loopback ports, each with two sync workers
and the settings of bench/settings.py (the portal's, plus the bare view): one with the anonymous page cache off
(``DJANGO_PAGE_CACHE_SECONDS=0``), one with it on (the variable unset: the portal's default). wrk then drives each
page with a bounded number of connections for a bounded time, page after page, uncached then cached, and the bare
view (on the server without the page cache) at the start and at the end of each round as the ceiling. Results are
ratios to the bare view's req/s, which drift much less between runs than absolute figures on a shared machine.

A run with a failed request (socket error, time-out, status 400 or more) fails loudly instead of reporting the
speed of an error page; each page is first checked to answer 200 with the expected content type. Both servers are
stopped at the end, on errors and on Ctrl+C too.
"""

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess  # nosec B404  # the benchmark starts gunicorn and wrk, with fixed arguments
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = "bare"
BARE_URL = "/bench/bare/"
WORKERS = 2
START_TIMEOUT = 60  # seconds for a server to answer its first request
STOP_TIMEOUT = 35  # a little more than gunicorn's graceful_timeout
# What a current browser sends: pages are measured as readers get them (compressed, and stored compressed).
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd"

# wrk prints its own report; done() adds one line of JSON after this marker, read instead of wrk's rounded text.
# errors.status counts responses with a status of 400 or more.
WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %.0f, "p99_us": %.0f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50.0), latency:percentile(99.0)))
end
"""


class LoadError(RuntimeError):
    """The load run cannot give a true figure (a server that does not start, a failed request, no wrk)."""


@dataclass
class Sample:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    kb_per_request: float

    @property
    def rate(self) -> float:
        return self.requests / self.seconds


@dataclass
class Server:
    name: str
    page_cache: bool
    port: int = 0
    process: subprocess.Popen | None = None
    log: Path | None = None
    peak_rss: dict[int, int] = field(default_factory=dict)  # worker pid -> VmHWM in KiB

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def wrk_path() -> str:
    path = shutil.which("wrk")
    if not path:
        raise LoadError(
            "the load mode needs wrk, the HTTP load generator: install it with `apt-get install wrk` (Debian, "
            "Ubuntu) and run again"
        )
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(base: dict[str, str], server: Server) -> dict[str, str]:
    env = dict(base)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        GUNICORN_BIND=f"127.0.0.1:{server.port}",
        WEB_CONCURRENCY=str(WORKERS),
        # No access log (a line a request would be measured too) and no worker recycling in the middle of a run
        # (its peak memory after the run is one of the results).
        GUNICORN_ACCESS_LOG="",
        GUNICORN_MAX_REQUESTS="0",
        # Eight connections from one address would be throttled after 120 API requests a minute (the anonymous
        # rate) or 1,200 (the per-client rate, which counts anonymous clients by address too).
        API_THROTTLE_ANON="100000000/minute",
        API_THROTTLE_USER="100000000/minute",
        PYTHONPATH=str(ROOT),
    )
    if server.page_cache:
        env.pop("DJANGO_PAGE_CACHE_SECONDS", None)  # unset: the portal's default
    else:
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    return env


def start(server: Server, base_env: dict[str, str], logdir: Path) -> None:
    server.port = free_port()
    server.log = logdir / f"gunicorn-{server.name}.log"
    with server.log.open("wb") as log:
        server.process = subprocess.Popen(  # nosec B603  # gunicorn with arguments the benchmark builds itself, no shell
            # No control socket: its default path is one per user, shared with any other gunicorn on the machine.
            [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py", "--no-control-socket", "portal.wsgi"],
            cwd=ROOT,
            env=server_environment(base_env, server),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # stopped by us, in order, not by the terminal's Ctrl+C
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise LoadError(f"gunicorn ({server.name}) exited with status {server.process.returncode}:\n{tail(server)}")
        try:
            with urllib.request.urlopen(server.base + BARE_URL, timeout=5) as answer:  # nosec B310  # a loopback http address the benchmark built
                if answer.status == 200 and len(workers(server)) == WORKERS:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    raise LoadError(f"gunicorn ({server.name}) did not answer within {START_TIMEOUT} s:\n{tail(server)}")


def tail(server: Server, lines: int = 30) -> str:
    if not server.log or not server.log.exists():
        return ""
    return "\n".join(server.log.read_text(errors="replace").splitlines()[-lines:])


def workers(server: Server) -> list[int]:
    pid = server.process.pid
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in children]


def peak_rss_kib(pid: int) -> int | None:
    """The worker's high-water mark of resident memory (VmHWM), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def stop(server: Server) -> None:
    process = server.process
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # graceful: workers finish their request
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def check_page(server: Server, name: str, url: str, accept_encoding: str) -> None:
    """One request: the page must answer 200 with HTML or JSON (a redirect or an error page is no result)."""
    request = urllib.request.Request(server.base + url, headers={"Accept-Encoding": accept_encoding})
    try:
        # urllib follows redirects: compare the final URL too.
        with urllib.request.urlopen(request, timeout=30) as answer:  # nosec B310  # a loopback http address the benchmark built
            status, final, content_type = answer.status, answer.url, answer.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        raise LoadError(f"{name} ({url}) on the {server.name} server answered {error.code}:\n{tail(server)}") from None
    if status != 200 or final != server.base + url:
        raise LoadError(f"{name} ({url}) on the {server.name} server answered {status} from {final}")
    if not content_type.startswith(("text/html", "application/json")):
        raise LoadError(f"{name} ({url}) on the {server.name} server answered {content_type!r}")


def drive(wrk, script, server: Server, url: str, *, seconds: float, connections: int, accept: str, warmup=False):
    command = [
        wrk,
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--timeout=10s",
        "--latency",
        f"--script={script}",
        f"--header=Accept-Encoding: {accept}",
        server.base + url,
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)  # nosec B603  # wrk with arguments the benchmark builds itself, no shell
    line = next((x for x in finished.stdout.splitlines() if x.startswith("BENCH-RESULT ")), None)
    if finished.returncode != 0 or line is None:
        raise LoadError(f"wrk failed on {url} (status {finished.returncode}):\n{finished.stdout}{finished.stderr}")
    result = json.loads(line.removeprefix("BENCH-RESULT "))
    failed = {kind: result[kind] for kind in ("connect", "read", "write", "status", "timeout") if result[kind]}
    if failed or (result["requests"] == 0 and not warmup):
        raise LoadError(
            f"requests failed on the {server.name} server for {url}: {failed or 'none answered'} of "
            f"{result['requests']} (status = answers of 400 or more)\n{tail(server)}"
        )
    return Sample(
        requests=result["requests"],
        seconds=result["duration_us"] / 1e6,
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        kb_per_request=result["bytes"] / max(1, result["requests"]) / 1024,
    )


@dataclass
class LoadResult:
    name: str
    url: str
    uncached: list[Sample]
    cached: list[Sample]


@dataclass
class LoadRun:
    bare: list[Sample]  # two a round: at its start and at its end
    pages: list[LoadResult]
    peak_rss_mib: dict[str, float]  # server name -> largest worker VmHWM after the run, MiB
    rounds: int


def median(values):
    return statistics.median(values)


def run_load(pages, base_env, *, seconds: float, connections: int, rounds: int, warmup: float, accept: str, say):
    """Start both servers, measure every page uncached and cached and the bare view, stop the servers."""
    wrk = wrk_path()
    servers = {"uncached": Server("uncached", page_cache=False), "cached": Server("cached", page_cache=True)}
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    with tempfile.TemporaryDirectory(prefix="portal-load-") as folder:
        logdir = Path(folder)
        script = logdir / "report.lua"
        script.write_text(WRK_SCRIPT)
        try:
            for server in servers.values():
                start(server, base_env, logdir)
                say(f"gunicorn ({server.name}, page cache {'on' if server.page_cache else 'off'}) on {server.base}")
            for server in servers.values():
                for name, url in [(BARE, BARE_URL), *pages]:
                    check_page(server, name, url, accept)
            if warmup:
                say(f"warming up: {warmup:.0f} s per page and server")
                for server in servers.values():
                    for _name, url in [(BARE, BARE_URL), *pages]:
                        drive(
                            wrk,
                            script,
                            server,
                            url,
                            seconds=warmup,
                            connections=connections,
                            accept=accept,
                            warmup=True,
                        )
            bare, results = [], {name: LoadResult(name, url, [], []) for name, url in pages}

            def measure(server, url):
                return drive(wrk, script, server, url, seconds=seconds, connections=connections, accept=accept)

            for round_number in range(1, rounds + 1):
                say(f"round {round_number} of {rounds}: {len(pages) * 2 + 2} runs of {seconds:.0f} s")
                bare.append(measure(servers["uncached"], BARE_URL))
                for name, url in pages:
                    results[name].uncached.append(measure(servers["uncached"], url))
                    results[name].cached.append(measure(servers["cached"], url))
                bare.append(measure(servers["uncached"], BARE_URL))
            peak = {}
            for server in servers.values():
                sizes = [peak_rss_kib(pid) for pid in workers(server)]
                sizes = [size for size in sizes if size is not None]
                if len(sizes) != WORKERS:
                    raise LoadError(f"could not read the peak memory of the {server.name} server's workers")
                peak[server.name] = max(sizes) / 1024
            return LoadRun(bare, list(results.values()), peak, rounds)
        finally:
            for server in servers.values():
                stop(server)
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt
