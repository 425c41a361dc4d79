"""Operators' logs and error reports (issue 14, item 5): JSON lines with DJANGO_LOG_FORMAT=json, and errors sent
to a Sentry-compatible service with SENTRY_DSN (here a stand-in that records what it receives, on loopback)."""

import gzip
import json
import os
import subprocess  # nosec B404  # the portal's own manage.py, with fixed arguments
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import brotli
from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def manage_shell(code: str, **env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SECRET_KEY": "not-secret-only-for-tests", **env}
    environment.pop("DATABASE_URL", None)  # nothing here touches the database
    return subprocess.run(  # nosec B603
        [sys.executable, str(MANAGE), "shell", "-c", code], capture_output=True, text=True, env=environment, timeout=60
    )


def test_json_logs_are_one_object_a_line_with_chinese_kept_readable():
    done = manage_shell(
        "import logging; logging.getLogger('portal.test').warning('导入“%s”没有完成', 'a.csv')",
        DJANGO_LOG_FORMAT="json",
    )

    line = done.stderr.strip().splitlines()[-1]
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "portal.test"
    assert entry["message"] == "导入“a.csv”没有完成"
    assert "导入" in line  # not \\u-escaped
    assert {"time", "process"} <= set(entry)


def test_plain_text_logs_by_default():
    done = manage_shell("import logging; logging.getLogger('portal.test').warning('plain')")
    assert done.stderr.strip().splitlines()[-1].endswith("WARNING portal.test plain")


class Recorder(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 - the http.server interface
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        Recorder.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_errors_reach_the_error_reporting_service_without_personal_data():
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Recorder.received.clear()
    dsn = f"http://publickey@127.0.0.1:{server.server_port}/7"
    try:
        code = (
            "import logging, sentry_sdk\n"
            "try:\n    1 / 0\nexcept ZeroDivisionError:\n    logging.getLogger('portal').exception('broken import')\n"
            "sentry_sdk.flush(5)"
        )
        done = manage_shell(code, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="ci")
    finally:
        server.shutdown()

    assert done.returncode == 0, done.stderr
    text = b"\n".join(Recorder.received).decode("utf-8", "replace")
    assert "ZeroDivisionError" in text and "broken import" in text
    assert '"environment":"ci"' in text.replace(" ", "")


def test_nothing_is_sent_without_a_dsn():
    done = manage_shell("import sentry_sdk; print(sentry_sdk.get_client().is_active())")
    assert done.stdout.strip().splitlines()[-1] == "False"
