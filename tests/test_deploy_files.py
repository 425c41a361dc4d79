"""The deployment files (deploy/, docs/deploy.md) run what the project has: the files and commands they name
exist, and the environment variables the guide sets are ones the settings read."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(settings.BASE_DIR)
UNITS = ["portal-web.service", "portal-worker.service"]


@pytest.mark.parametrize("unit", UNITS)
def test_each_unit_starts_a_command_of_the_project_with_the_environment_file(unit):
    text = (ROOT / "deploy" / unit).read_text()
    start = re.search(r"^ExecStart=(.+)$", text, re.M)[1].split()
    assert "EnvironmentFile=/etc/portal/portal.env" in text and "Restart=always" in text
    if "gunicorn" in start[0]:
        assert (ROOT / start[start.index("-c") + 1]).is_file()
        assert start[-1] == "portal.wsgi" and (ROOT / "portal" / "wsgi.py").is_file()
    else:
        assert start[1] == "manage.py" and start[2] in get_commands()


def test_the_container_runs_both_processes_from_one_image():
    text = (ROOT / "deploy" / "Containerfile").read_text()
    assert "COPY requirements.lock" in text and (ROOT / "requirements.lock").is_file()
    assert '"portal/gunicorn.conf.py"' in text
    guide = (ROOT / "docs" / "deploy.md").read_text()
    assert "python manage.py db_worker --no-reload" in guide


def test_every_variable_the_guide_sets_is_read_by_the_settings():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    read = (ROOT / "portal" / "settings.py").read_text() + (ROOT / "portal" / "gunicorn.conf.py").read_text()
    named = set(re.findall(r"^\s*(?:#\s*)?([A-Z][A-Z0-9_]{3,})=", guide, re.M))
    assert named, "the guide sets variables"
    read_by_libraries = {"DATABASE_URL"}  # dj_database_url.config()
    assert sorted(name for name in named - read_by_libraries if f'"{name}"' not in read) == []


def test_nginx_passes_what_the_portal_reads_behind_a_proxy():
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text  # DJANGO_BEHIND_HTTPS_PROXY
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in text  # DJANGO_NUM_PROXIES=1
    assert "alias /srv/portal/media/;" in text
