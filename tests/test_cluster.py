"""Two application servers behind a load balancer (issue 14, item 3): two gunicorn instances of the portal on two
loopback ports and one task worker, sharing PostgreSQL (this test's database), Redis and object storage (moto's S3
server on loopback), behind HAProxy. What one server does, the other shows.

Needs PostgreSQL, Redis and Debian's haproxy; skipped otherwise, except where PORTAL_REQUIRE_CLUSTER=1 (CI's
PostgreSQL + Redis run), where it fails instead.
"""

import io
import os
import re
import shutil
import socket
import subprocess  # nosec B404  # the portal's own servers and HAProxy, with fixed arguments
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
import requests
from django.conf import global_settings, settings
from django.db import connection
from django.forms.models import model_to_dict
from django.utils import timezone
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage

from home.models import SiteSettings
from images.models import Image
from news.models import Article
from publishing.models import PublishStatus
from publishing.roles import EDITOR, REVIEWER
from tests.factories import ArticleFactory
from tests.publishing.conftest import _staff
from tests.s3 import KEYS, public_bucket, stored_keys

pytestmark = [pytest.mark.cluster, pytest.mark.django_db(transaction=True)]

ROOT = Path(settings.BASE_DIR)
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
SECRET = "cluster-test-secret-" + uuid.uuid4().hex  # one key for both servers: either reads the other's sessions
THROTTLE = 6  # anonymous API requests a minute, counted across both servers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unavailable() -> str:
    if connection.vendor != "postgresql":
        return "needs PostgreSQL (DATABASE_URL): the servers share this test's database"
    if not settings.REDIS_URL:
        return "needs Redis (REDIS_URL)"
    if not os.path.exists(HAPROXY):
        return "needs HAProxy (apt-get install haproxy)"
    return ""


def wait_until(check, seconds: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s: {what}")


@pytest.fixture
def cluster(tmp_path, settings):
    reason = unavailable()
    if reason:
        if os.environ.get("PORTAL_REQUIRE_CLUSTER") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    # Staff made here sign in on the servers, which check passwords with the portal's own hashers.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS

    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    s3.start()
    host, port = s3.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    bucket = f"cluster-{uuid.uuid4().hex[:10]}"
    client = public_bucket(endpoint, bucket)

    database = connection.settings_dict
    database_url = "postgres://{}:{}@{}:{}/{}".format(
        urllib.parse.quote(database["USER"] or ""),
        urllib.parse.quote(database["PASSWORD"] or ""),
        database["HOST"] or "127.0.0.1",
        database["PORT"] or 5432,
        database["NAME"],
    )
    static_root = tmp_path / "static"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_TWO_FACTOR": "off",
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.CACHES["default"]["LOCATION"],  # this test worker's own Redis database
        "DJANGO_APP_SERVERS": "2",
        "DJANGO_S3_BUCKET": bucket,
        "DJANGO_S3_ENDPOINT_URL": endpoint,
        "DJANGO_S3_ACCESS_KEY": KEYS["aws_access_key_id"],
        "DJANGO_S3_SECRET_KEY": KEYS["aws_secret_access_key"],
        "DJANGO_S3_REGION": "us-east-1",
        "DJANGO_S3_ADDRESSING_STYLE": "path",
        "STATIC_ROOT": str(static_root),
        "API_THROTTLE_ANON": f"{THROTTLE}/minute",
        "DJANGO_PAGE_CACHE_SECONDS": "600",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_ACCESS_LOG": "",
    }
    environment.pop("PYTEST_XDIST_WORKER", None)
    subprocess.run(  # nosec B603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    ports = {"a": free_port(), "b": free_port(), "balancer": free_port()}
    logs = tmp_path / "logs"
    logs.mkdir()
    processes = []

    def start(name, command, **extra):
        log = open(logs / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process below
        process = subprocess.Popen(  # nosec B603
            command, cwd=ROOT, env={**environment, **extra}, stdout=log, stderr=subprocess.STDOUT
        )
        processes.append((process, log))

    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "portal/gunicorn.conf.py", "portal.wsgi"]
    for name in ("a", "b"):
        start(name, gunicorn, GUNICORN_BIND=f"127.0.0.1:{ports[name]}")
    start("worker", [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"])
    config = tmp_path / "haproxy.cfg"
    config.write_text(
        "global\n  maxconn 256\n"
        "defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n"
        f"frontend portal\n  bind 127.0.0.1:{ports['balancer']}\n  default_backend servers\n"
        "backend servers\n  balance roundrobin\n  option httpchk GET /readyz\n  http-check expect status 200\n"
        f"  server a 127.0.0.1:{ports['a']} check inter 1s\n"
        f"  server b 127.0.0.1:{ports['b']} check inter 1s\n"
    )
    start("haproxy", [HAPROXY, "-f", str(config), "-db"])
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    try:
        for name in ("a", "b", "balancer"):
            wait_until(lambda name=name: requests.get(f"{urls[name]}/healthz", timeout=2).ok, what=f"{name} up")
        yield {**urls, "bucket": lambda: stored_keys(client, bucket)}
    finally:
        for process, _log in processes:
            process.terminate()
        for process, log in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
        s3.stop()


def csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    assert page.status_code == 200, (url, page.status_code)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]


def sign_in(session: requests.Session, base: str, username: str) -> None:
    token = csrf(session, f"{base}/admin/login/")
    response = session.post(
        f"{base}/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": "pw", "next": "/admin/"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]


def jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 600), (40, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_two_servers_behind_a_load_balancer_act_as_one_site(cluster, django_user_model):
    a, b, balancer = cluster["a"], cluster["b"], cluster["balancer"]
    django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")

    # A staff session made on one server, and a CSRF token from its form, work on the other.
    staff = requests.Session()
    sign_in(staff, a, "admin")
    token = csrf(staff, f"{a}/admin/images/image/add/")
    upload = staff.post(
        f"{b}/admin/images/image/add/",
        data={
            "csrfmiddlewaretoken": token,
            "title": "集群测试图",
            "alt_text": "蓝色的测试图",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
        files={"file": ("blue.jpg", jpeg(), "image/jpeg")},
        headers={"Referer": f"{b}/admin/"},
        allow_redirects=False,
        timeout=30,
    )
    assert upload.status_code == 302, upload.text[:1000]

    # The image uploaded through B is in the shared bucket; A's page links it there, and the worker made its sizes.
    image = Image.objects.get(title="集群测试图")
    wait_until(lambda: image.renditions.exists(), what="renditions made by the worker")
    article = ArticleFactory(title="集群里的封面文章", cover=image)
    page = requests.get(f"{a}{article.get_absolute_url()}", timeout=10).text
    links = set(re.findall(r"http://127\.0\.0\.1:\d+/cluster-[0-9a-f]+/[^\s\"',]+", page))
    stored = cluster["bucket"]()
    assert links and all(link.split("/", 4)[4] in stored for link in links)
    for link in links:
        picture = requests.get(link, timeout=5)
        assert picture.ok and PILImage.open(io.BytesIO(picture.content)).width > 0

    # A publish through A drops the page B has cached.
    editor = _staff("editor", EDITOR)
    _staff("reviewer", REVIEWER)
    draft = ArticleFactory(
        title="两台服务器上的审核稿", status=PublishStatus.IN_REVIEW, submitted_by=editor, published_at=None
    )
    for server in (a, b):
        requests.get(f"{server}/news/", timeout=10)
    cached = requests.get(f"{b}/news/", timeout=10)
    assert cached.headers.get("X-Page-Cache") == "hit" and "两台服务器上的审核稿" not in cached.text
    reviewer = requests.Session()
    sign_in(reviewer, a, "reviewer")
    changelist = f"{a}/admin/news/article/"
    published = reviewer.post(
        changelist,
        data={
            "csrfmiddlewaretoken": csrf(reviewer, changelist),
            "action": "publish_selected",
            "_selected_action": [draft.pk],
        },
        headers={"Referer": changelist},
        timeout=10,
    )
    assert published.status_code == 200
    assert Article.objects.get(pk=draft.pk).status == PublishStatus.PUBLISHED
    assert "两台服务器上的审核稿" in requests.get(f"{b}/news/", timeout=10).text

    # The site settings saved through one server show on both (each has read them into the cache before).
    site = SiteSettings.objects.create()
    for server in (a, b):
        assert "集群科创门户" not in requests.get(f"{server}/", timeout=10).text
    change = f"{b}/admin/home/sitesettings/{site.pk}/change/"
    fields = {name: value or "" for name, value in model_to_dict(site).items() if name != "id"}
    fields.update(csrfmiddlewaretoken=csrf(staff, change), site_name="集群科创门户")
    saved = staff.post(change, data=fields, headers={"Referer": change}, allow_redirects=False, timeout=10)
    assert saved.status_code == 302, saved.text[:1000]
    for server in (a, b):
        assert "集群科创门户" in requests.get(f"{server}/", timeout=10).text

    # A scheduled publication shows on both servers once its moment has come.
    moment = timezone.now() + timezone.timedelta(seconds=4)
    ArticleFactory(title="定时上线的集群新闻", published_at=moment)
    for server in (a, b):
        assert "定时上线的集群新闻" not in requests.get(f"{server}/news/", timeout=10).text
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 1)
    for server in (a, b):
        assert "定时上线的集群新闻" in requests.get(f"{server}/news/", timeout=10).text

    # The API's throttle counts a reader's requests on both servers together, through the balancer too.
    answers = [requests.get(f"{server}/api/v1/regions/", timeout=10).status_code for server in (a, b) * (THROTTLE // 2)]
    assert answers == [200] * THROTTLE
    assert requests.get(f"{balancer}/api/v1/regions/", timeout=10).status_code == 429
    assert requests.get(f"{a}/api/v1/regions/", timeout=10).status_code == 429

    # The balancer sends readers to both, and both are ready.
    for server in (a, b):
        assert requests.get(f"{server}/readyz", timeout=10).json()["status"] == "ok"
