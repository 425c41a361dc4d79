"""Issue 13, item 1: a Redis that is down or hangs slows the site down, it never takes it down."""

import socket
import threading

import pytest
from django.conf import settings
from django.core.cache import cache, caches

from caching import backends
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


class HungRedis:
    """Accepts connections and reads what it is sent, and never answers: a Redis that hangs."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.held = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            self.connections += 1
            self.held.append(connection)

    def close(self):
        self.server.close()
        for connection in self.held:
            connection.close()


def use_redis_at(settings, port: int):
    settings.CACHES = {
        "default": {
            "BACKEND": "caching.backends.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    caches["default"].close()
    backends._down_until.clear()


@pytest.fixture
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.DATA_CACHE_SECONDS = 600


@pytest.fixture
def redis_down(settings, caches_on):
    use_redis_at(settings, _closed_port())
    yield
    backends._down_until.clear()


@pytest.fixture
def redis_hung(settings, caches_on):
    hung = HungRedis()
    use_redis_at(settings, hung.port)
    yield hung
    hung.close()
    backends._down_until.clear()


def test_with_redis_down_every_kind_of_page_still_answers(client, redis_down, editor):
    article = ArticleFactory(title="缓存停了也能读")

    for url in ["/", "/news/", article.get_absolute_url(), "/achievements/", "/search/?q=缓存", "/api/v1/articles/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "缓存停了也能读" in client.get("/news/").content.decode()
    assert client.get("/admin/login/").status_code == 200
    login = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "pw"})
    assert (login.status_code, login["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200


def test_healthz_says_the_site_runs_without_its_cache(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}


@pytest.mark.django_db(transaction=True)  # the page cache hears of a change after the commit
def test_a_change_saved_while_redis_is_down_is_saved_and_shown(client, redis_down, caplog):
    client.get("/news/")

    ArticleFactory(title="缓存停时发布的新闻")

    assert "缓存停时发布的新闻" in client.get("/news/").content.decode()
    assert "Content changed while Redis was unreachable" in caplog.text


def test_a_redis_that_hangs_is_waited_for_once_then_left_alone_for_a_while(client, redis_hung):
    ArticleFactory(title="缓存挂起也能读")

    first = client.get("/news/")
    asked = redis_hung.connections
    later = [client.get(url) for url in ["/news/", "/", "/api/v1/articles/", "/healthz"]]

    assert first.status_code == 200 and "缓存挂起也能读" in first.content.decode()
    assert asked >= 1
    assert [response.status_code for response in later] == [200, 200, 200, 200]
    assert redis_hung.connections == asked  # not asked again within caching.backends.RETRY_SECONDS
    assert later[-1].json()["cache"] == "unreachable"


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (REDIS_URL)")
def test_a_change_redis_missed_is_counted_when_it_answers_again(monkeypatch, caches_on):
    from caching import state

    generation = int(state.current_generation())

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis went away")

    with monkeypatch.context() as patch:
        patch.setattr(cache, "incr", unreachable)
        state._next_shared_generation()
    assert state._uncounted_change

    assert int(state.current_generation()) == generation + 1  # Redis answers again: the change is counted
    assert not state._uncounted_change


@pytest.mark.django_db(transaction=True)
def test_saves_while_redis_hangs_wait_for_it_no_more_once_it_is_known_to_be_away(client, redis_hung):
    from caching import state

    client.get("/news/")  # finds Redis hanging: left alone from now on
    asked = redis_hung.connections

    for number in range(3):
        ArticleFactory(title=f"挂起时保存的新闻{number}")

    assert redis_hung.connections == asked
    assert state._uncounted_change
    state._uncounted_change = False


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (REDIS_URL)")
def test_one_transaction_counts_one_change_however_many_rows_it_saves(django_capture_on_commit_callbacks):
    from django.db import transaction

    from caching import state

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for number in range(5):
            ArticleFactory(title=f"一次保存的第{number}篇")

    assert [callback for callback in callbacks if callback is state._next_shared_generation] == [
        state._next_shared_generation
    ]
