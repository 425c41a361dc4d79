"""The Redis cache backend: Django's, with one Redis client per connection pool, and a site that outlives Redis.

- Django's ``RedisCacheClient.get_client()`` makes a new ``redis.Redis`` for every cache operation, and each one
  builds its table of some 200 response callbacks: a page served from the cache paid for two of them, about as much
  as reading the page. A client is only a handle on its connection pool (which is thread-safe, and starts afresh in
  a forked worker), so one per pool does the same work.
- A Redis that is down, or that accepts connections and never answers, costs one short time-out (the socket
  time-outs in settings), then the site runs without its cache for ``RETRY_SECONDS`` before trying again: reads
  miss, writes are dropped, ``add`` says no. Nothing the portal keeps in the cache is needed to serve a page (it
  is all recomputed on a miss); what is lost while Redis is away is speed. ``incr`` is not guarded: its caller
  (the page cache's generation, ``caching.state``) must know that a change could not be counted.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)
_down_until: dict[str, float] = {}  # server address → until when (time.monotonic()) it is not asked, per process


def unreachable(server: str) -> bool:
    return time.monotonic() < _down_until.get(server, 0.0)


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _guarded(self, operation, fallback):
        server = self._servers[0]
        if unreachable(server):
            return fallback
        try:
            return operation()
        except OUTAGE:
            _down_until[server] = time.monotonic() + RETRY_SECONDS
            logger.warning("Redis cache unreachable: the site runs without it for %s s", RETRY_SECONDS, exc_info=True)
            return fallback

    def add(self, key, value, timeout):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).add(key, value, timeout), False)

    def get(self, key, default):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).get(key, default), default)

    def set(self, key, value, timeout):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).set(key, value, timeout), None)

    def touch(self, key, timeout):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).touch(key, timeout), False)

    def delete(self, key):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).delete(key), False)

    def get_many(self, keys):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).get_many(keys), {})

    def has_key(self, key):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).has_key(key), False)

    def set_many(self, data, timeout):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).set_many(data, timeout), None)

    def delete_many(self, keys):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).delete_many(keys), None)

    def clear(self):
        return self._guarded(lambda: super(ReusingRedisCacheClient, self).clear(), False)

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz), without waiting out a known outage."""
        return self._guarded(lambda: bool(self.get_client().ping()), False)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def ping(self) -> bool:
        return self._cache.ping()

    def unreachable(self) -> bool:
        """Whether this process has found Redis unreachable in the last ``RETRY_SECONDS`` (no attempt is made)."""
        return unreachable(self._servers[0])
