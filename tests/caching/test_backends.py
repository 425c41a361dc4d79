"""The Redis backend (caching.backends): Django's, keeping one client per connection pool. Needs Redis (REDIS_URL)."""

import threading

import pytest
from django.conf import settings
from django.core.cache import cache

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (REDIS_URL)")


def test_every_operation_works_through_the_one_client():
    assert cache.add("backend:n", 1)
    assert not cache.add("backend:n", 5)
    assert cache.incr("backend:n") == 2
    stored = {"backend:a": b"page", "backend:b": ("tuple", 1)}
    cache.set_many(stored, timeout=60)
    assert cache.get_many(["backend:a", "backend:b", "backend:none"]) == stored
    cache.delete("backend:a")
    assert cache.get("backend:a") is None
    assert cache.get("backend:n") == 2


def test_threads_share_the_client_without_mixing_answers():
    errors = []

    def worker(number):
        for round_ in range(50):
            key = f"backend:thread:{number}"
            cache.set(key, (number, round_), timeout=60)
            if cache.get(key) != (number, round_):
                errors.append((number, round_))

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
