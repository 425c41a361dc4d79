"""The portal's settings plus the benchmark's bare view (bench/urls.py); used only by the load mode of bench/run.py.

Everything else — middleware, templates, database, cache, the page cache switch — is the portal's own, so the bare
view goes through the same server, workers and middleware as the pages it is the ceiling for.
"""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
