"""The REST framework defaults ``settings.REST_FRAMEWORK`` names: pagination, filter backends, throttles,
permission and error handler. Kept apart from ``api.viewsets`` because DRF imports these while its own
views module loads, so this module must not import DRF's views.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as django_filters
from rest_framework import exceptions, filters, pagination, parsers, permissions, serializers, status, throttling
from rest_framework.settings import api_settings

from caching.state import until_content_changes


def _nul_at(data, path: str = "") -> str | None:
    """Where the first NUL character is in parsed request data (``regions[1]``, ``sections[0].body``), if any."""
    if isinstance(data, str):
        return path or "body" if "\x00" in data else None
    if isinstance(data, dict):
        items = ((f"{path}.{key}" if path else str(key), key, value) for key, value in data.items())
        for where, key, value in items:
            if "\x00" in str(key):
                return where
            if found := _nul_at(value, where):
                return found
    if isinstance(data, list):
        for index, value in enumerate(data):
            if found := _nul_at(value, f"{path}[{index}]"):
                return found
    return None


def _refuse_nul(data):
    fields = dict(data.lists()) if hasattr(data, "lists") else data
    if where := _nul_at(fields):
        raise exceptions.ParseError(
            _("“%(field)s”中含有不允许的 NUL 字符（\\u0000），请去掉后再提交。") % {"field": where}
        )
    return data


class JSONParser(parsers.JSONParser):
    """JSON bodies; a NUL character (``\u0000``) anywhere in one is refused with a 400 naming the field. No text of
    the portal has one, and PostgreSQL cannot store or compare it (a related slug with one was a 500). The form
    parsers below do the same."""

    def parse(self, stream, media_type=None, parser_context=None):
        return _refuse_nul(super().parse(stream, media_type, parser_context))


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return _refuse_nul(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        _refuse_nul(parsed.data)
        return parsed


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` (1–100, default 20); an out-of-range page is 404, a bad page_size is 400.

    For anonymous readers the total (``count``) is kept until content changes: it is the same for every page of a
    list with the same filters, and at a hundred thousand items counting costs more than the page itself.
    """

    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        self.counted = None
        if not request.user.is_authenticated:  # staff may see drafts: their lists are their own
            params = sorted(
                (name, value)
                for name, value in request.query_params.lists()
                if name not in {self.page_query_param, self.page_size_query_param}
            )
            key = f"api-count:{request.path}:{params}"
            self.counted = until_content_changes(key, lambda: queryset.count())
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page, *args, **kwargs):
        paginator = Paginator(object_list, per_page, *args, **kwargs)
        if self.counted is not None:
            paginator.count = self.counted
        return paginator

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            message = _("每页条数须为 1 到 %(max)s 之间的整数。") % {"max": self.max_page_size}
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return size

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size, default=self.page_size)
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


class DjangoFilterBackend(django_filters.DjangoFilterBackend):
    """django-filter's backend, first refusing a NUL byte in any query parameter: no filter value has one,
    and PostgreSQL cannot take it in a query (it would be a 500). Runs before the other filter backends, so
    ``search`` and ``ordering`` never see one either."""

    def filter_queryset(self, request, queryset, view):
        refused = [
            key
            for key, values in request.query_params.lists()
            if "\x00" in key or any("\x00" in value for value in values)
        ]
        if refused:
            message = _("参数不能包含空字符（NUL）。")
            raise exceptions.ValidationError({key.replace("\x00", "\\x00"): [message] for key in refused})
        return super().filter_queryset(request, queryset, view)


MAX_SEARCH_TERMS = 5
MAX_SEARCH_LENGTH = 100  # as the site's own search box


class SearchFilter(filters.SearchFilter):
    """DRF's ``?search=``, bounded: each word is a ``LIKE`` over several columns, so 2,000 words cost seconds. A NUL
    byte in it is refused before, by ``DjangoFilterBackend``."""

    def get_search_terms(self, request):
        text = request.query_params.get(self.search_param, "")
        terms = super().get_search_terms(request)
        if len(terms) > MAX_SEARCH_TERMS or len(text) > MAX_SEARCH_LENGTH:
            message = _("搜索最多 %(terms)s 个词、%(length)s 个字，请缩短后再试。") % {
                "terms": MAX_SEARCH_TERMS,
                "length": MAX_SEARCH_LENGTH,
            }
            raise exceptions.ValidationError({self.search_param: [message]})
        return terms


class OrderingFilter(filters.OrderingFilter):
    """Only the fields a view lists in ``ordering_fields``; anything else is a 400 that names the choices."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        fields = [param.strip() for param in params.split(",") if param.strip()]
        valid = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
        invalid = [field for field in fields if field.lstrip("-") not in valid]
        if invalid or not fields:
            wrong, choices = "，".join(invalid) or params, "，".join(sorted(valid))
            message = _("不能按“%(wrong)s”排序；可用：%(choices)s。") % {"wrong": wrong, "choices": choices}
            raise exceptions.ValidationError({self.ordering_param: [message]})
        # Public names may stand for other fields (a figure's "year" is its effective_year, its achievement's if none).
        aliases = getattr(view, "ordering_map", {})
        fields = [
            ("-" if field.startswith("-") else "") + aliases.get(field.lstrip("-"), field.lstrip("-"))
            for field in fields
        ]
        # A stable order for pagination: items with equal sort keys keep their id order.
        return [*fields, "pk"]


def _throttle_rates():
    # Read on every request so override_settings (tests) and the environment (settings) both apply.
    return api_settings.DEFAULT_THROTTLE_RATES


class AnonRateThrottle(throttling.AnonRateThrottle):
    THROTTLE_RATES = property(lambda self: _throttle_rates())


class UserRateThrottle(throttling.UserRateThrottle):
    THROTTLE_RATES = property(lambda self: _throttle_rates())


class AdminRightsOrReadOnly(permissions.DjangoModelPermissions):
    """Anyone may read; writing needs an active staff account with the model's admin permission."""

    authenticated_users_only = False

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.is_staff):
            if not (user and user.is_authenticated):
                raise exceptions.NotAuthenticated(_("请先登录，或在请求头中带上 Authorization: Token …"))
            raise exceptions.PermissionDenied(_("只有管理后台的工作人员可以通过 API 修改内容。"))
        return super().has_permission(request, view)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy("内容在您读取之后已被修改（If-Match 与当前 ETag 不符）。请重新读取后再保存。")
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        "修改和删除须带上 If-Match 请求头，值为上次读取这条内容时得到的 ETag（If-Match: * 不算），"
        "以免覆盖别人在此期间的修改。请先读取详情，再带上它的 ETag 重新提交。"
    )
    default_code = "precondition_required"


def exception_handler(exc, context):
    """DRF's handler, plus: model validation errors are 400s per field, and 429 says how long to wait."""
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, Http404):
        # Django's message names the model in English; readers get the plain Chinese one.
        exc = exceptions.NotFound()
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=serializers.as_serializer_error(exc))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait) if exc.wait is not None else None
        if type(exc) is not exceptions.Throttled:  # a refusal with its own words (accounts: a lockout)
            detail = str(exc.detail)
        elif wait is not None:
            detail = _("请求过于频繁，请在 %(wait)s 秒后再试。") % {"wait": wait}
        else:
            detail = _("请求过于频繁，请稍后再试。")
        response.data = {"detail": detail, "wait": wait}
    return response
