"""gunicorn's settings for the portal (`make run` and production): `gunicorn -c portal/gunicorn.conf.py portal.wsgi`.

Everything an operator tunes comes from the environment:

- ``GUNICORN_BIND`` (default ``127.0.0.1:$PORT``, ``PORT`` defaulting to 8000): where to listen; put a reverse proxy
  in front for HTTPS.
- ``WEB_CONCURRENCY`` (default: the number of CPU cores): worker processes. Sync workers, one request each at a time;
  pages are short and the page cache answers most of them.
- ``GUNICORN_TIMEOUT`` (default 30): seconds a request may take before its worker is killed and replaced.
- ``GUNICORN_MAX_REQUESTS`` (default 2000): a worker is replaced, gracefully, after that many requests, so memory
  can never creep up over weeks; 0 switches it off.
- ``GUNICORN_ACCESS_LOG`` (default ``-``, standard output): the access log, one line a request; empty to switch off.

Graceful restart: ``kill -HUP <master pid>`` starts new workers with the new code and settings, lets the old ones
finish the requests they are serving (up to ``graceful_timeout``), then stops them. ``kill -TERM`` stops gracefully.
"""

import gc
import os

bind = [os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
errorlog = "-"
# The application is loaded in each worker, not in the master, so that HUP picks up new code.
preload_app = False
proc_name = "portal"
# Restarts go through signals (above); gunicorn's control socket sits at one fixed path per user, which two
# servers on one machine (a portal and its benchmark) would fight over.
control_socket_disable = True


def post_worker_init(worker):
    """Move everything loaded with the application (Django, templates, dictionaries) out of the garbage
    collector's sight: full collections then walk only what requests create, not some 200,000 import-time objects."""
    gc.freeze()
