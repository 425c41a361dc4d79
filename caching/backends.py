"""The Redis cache backend: Django's, with one Redis client per connection pool instead of one per command.

Django's ``RedisCacheClient.get_client()`` makes a new ``redis.Redis`` for every cache operation, and each one
builds its table of some 200 response callbacks: a page served from the cache paid for two of them, about as much
as reading the page. A client is only a handle on its connection pool (which is thread-safe, and starts afresh in
a forked worker), so one per pool does the same work.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
