#!/usr/bin/env bash
# `make run`: the portal with its demo content on http://127.0.0.1:8000/, served as in production
# (gunicorn, DEBUG off, static files from whitenoise, the task worker beside it), except that Django itself serves
# the uploaded images.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=.venv/bin/python
PORT=${PORT:-8000}

if [ ! -f .env ]; then
    # token_urlsafe keeps the key free of characters the shell would interpret when sourcing .env.
    key=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')
    printf '# Local settings for `make run` (see .env.example). Never commit this file.\nDJANGO_SECRET_KEY=%s\n' \
        "$key" > .env
    chmod 600 .env
    echo "Created .env with a new random DJANGO_SECRET_KEY."
fi
set -a
# shellcheck source=/dev/null
. ./.env
set +a
export DJANGO_DEBUG=${DJANGO_DEBUG:-false}
export DJANGO_SERVE_MEDIA=${DJANGO_SERVE_MEDIA:-true}

"$PYTHON" manage.py migrate --noinput
"$PYTHON" manage.py collectstatic --noinput --verbosity 0
# The demo goes in once: later runs must not undo what staff changed, unpublished or deleted.
if "$PYTHON" manage.py shell -c 'from news.models import Article; raise SystemExit(Article.objects.exists())'; then
    "$PYTHON" manage.py load_demo --admin
else
    echo "The database already has content; not loading the demo again (manage.py load_demo adds what is missing; load_demo --reset restores the demo)."
fi

cat <<MESSAGE

  科创门户 Innovation Portal:  http://127.0.0.1:${PORT}/
  Admin 管理后台:              http://127.0.0.1:${PORT}/admin/
    Log in as "${DJANGO_SUPERUSER_USERNAME:-admin}" with the password load_demo printed the first time
    (or DJANGO_SUPERUSER_PASSWORD if you set it). Forgot it? Set a new one with:
    set -a; . ./.env; set +a; .venv/bin/python manage.py changepassword ${DJANGO_SUPERUSER_USERNAME:-admin}

  Stop with Ctrl+C.

MESSAGE
# The task worker, beside the web server and stopped with it: it runs the imports staff start in the admin.
# Started again if it stops (say the database went away for a moment), as systemd does in production.
(
    while true; do
        "$PYTHON" manage.py db_worker || true
        echo "The task worker stopped; starting it again in 5 s." >&2
        sleep 5
    done
) &
worker=$!
trap 'pkill -TERM -P "$worker" 2>/dev/null; kill -TERM "$worker" 2>/dev/null || true' EXIT
if [ "${1:-}" = "--dev" ]; then
    "$PYTHON" manage.py runserver "127.0.0.1:${PORT}"
else
    # The application server, as in production (settings and environment variables: portal/gunicorn.conf.py).
    export PORT
    .venv/bin/gunicorn -c portal/gunicorn.conf.py portal.wsgi
fi
