import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

from publishing.runtime import log_problem  # noqa: E402  (after Django is set up)

log_problem()  # an old Python: a warning in the server's log
