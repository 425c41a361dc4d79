"""What a reader gets when the server fails: a friendly page, or JSON under /api/; 503 with ``Retry-After`` when
the database cannot be reached or is busy (the site is down for a moment, not broken)."""

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 30


def _database_unreachable() -> bool:
    """The failure was the database connection itself, not a query (a deadlock or a missing table is a 500), or
    SQLite busy with another process's long write (an import saving its rows) past the time a save waits."""
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    if connection.vendor == "sqlite" and "database is locked" in str(error):
        return True
    try:
        return connection.connection is None or not connection.is_usable()
    except Exception:  # noqa: BLE001 - whatever asking fails with, the connection is not there
        return True


def server_error(request):
    """``handler500``: rendered without context processors, which may need the database that just failed."""
    unavailable = _database_unreachable()
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        detail = _("数据库暂时无法连接，请稍后再试。") if unavailable else _("服务器出错了，请稍后再试。")
        response = JsonResponse({"detail": detail}, status=status)
    else:
        template = loader.get_template("503.html" if unavailable else "500.html")
        response = HttpResponse(template.render({"request": request}), status=status)  # for its CSP nonce
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: a form sent without its CSRF token (a stale page, cookies off) is told why in plain
    words; under /api/ in JSON, like every API answer."""
    if request.path.startswith("/api/"):
        detail = _("CSRF 校验失败：用会话登录写入时，请带上 X-CSRFToken 请求头；或改用令牌（Authorization: Token …）。")
        return JsonResponse({"detail": detail}, status=403)
    template = loader.get_template("403_csrf.html")
    return HttpResponseForbidden(template.render({"request": request}))
