"""The Python the portal runs on: 3.11 or newer, at a patch level without the standard library flaws that matter to
a public site. Checked by ``manage.py check`` (a warning; CI runs it with ``--fail-level WARNING``) and logged when
the application server starts (portal/wsgi.py)."""

import logging
import sys

from django.core.checks import Error, Tags, Warning, register

OLDEST = (3, 11)
# The first patch release of each minor version with the fixes for CVE-2023-40217 (ssl: data read before the TLS
# handshake is checked) and CVE-2023-41105 (os.path.normpath cut at a NUL byte). The zipfile "quoted overlap" bomb
# (CVE-2024-0450, fixed in 3.11.8 and 3.12.2) is refused by the import itself (transfer.files.check_xlsx), and XML
# inside uploads is parsed through defusedxml, on every patch level.
MINIMUM_PATCH = {(3, 11): 5}


def python_problem(version=None) -> str:
    """What is wrong with this Python (or ``version``), or ""."""
    version = version or sys.version_info
    minor = tuple(version[:2])
    if minor < OLDEST:
        return f"Python {version[0]}.{version[1]} is too old: the portal needs 3.11 or newer."
    patch = MINIMUM_PATCH.get(minor)
    if patch is not None and version[2] < patch:
        return (
            f"Python {version[0]}.{version[1]}.{version[2]} lacks security fixes the portal relies on; "
            f"use {version[0]}.{version[1]}.{patch} or newer (best: the newest patch release)."
        )
    return ""


def log_problem() -> None:
    """At the application server's start (portal/wsgi.py): a warning in its log."""
    if problem := python_problem():
        logging.getLogger("portal").warning(problem)


@register(Tags.security)
def python_patch_level(app_configs, **kwargs):
    problem = python_problem()
    if not problem:
        return []
    if sys.version_info[:2] < OLDEST:
        return [Error(problem, id="publishing.E001")]
    return [Warning(problem, hint="Update Python; see README, Requirements.", id="publishing.W001")]
