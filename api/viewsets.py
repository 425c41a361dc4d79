"""What every API resource shares: who sees drafts, who may write, ETags, pagination, filters, errors."""

import hashlib
import logging
from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import (
    exceptions,
    mixins,
    serializers,
    status,
    viewsets,
)
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from reversion import create_revision, set_comment, set_user

from presentation import exports
from presentation.exports import CSVRenderer, JSONStreamRenderer, XLSXRenderer, column_titles
from publishing import deletion, drafts, services
from publishing.addresses import permanent_redirect, renamed_item
from publishing.audit import audit_export, audit_record, audit_refusal
from publishing.models import AuditEntry, Draft
from publishing.permissions import (
    EDITABLE_BY_EDITORS,
    can_change,
    can_edit,
    can_review,
    can_see_unpublished,
    edits_as_draft,
)

from .rest import PreconditionFailed, PreconditionRequired
from .serializers import DraftStateSerializer, api_detail_url

logger = logging.getLogger(__name__)


def etag_for(obj: models.Model) -> str | None:
    """Changes whenever the item is saved (its ``version``); nested writes save the parent too."""
    stamp = getattr(obj, "version", None) or getattr(obj, "updated_at", None)
    if stamp is None:
        return None
    digest = hashlib.sha256(f"{obj._meta.label}:{obj.pk}:{stamp}".encode()).hexdigest()[:32]
    return f'"{digest}"'


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy(
        "保存时与已有内容冲突（例如网址名刚被另一条内容占用），没有保存任何修改。请重新读取后再试。"
    )
    default_code = "conflict"


class Protected(Conflict):
    """409: other items refer to this one; it is kept, and the message names them."""

    def __init__(self, referrers):
        names = "、".join(f"{item._meta.verbose_name}“{item}”" for item in list(referrers)[:10])
        more = len(referrers) - 10
        if more > 0:
            names += _("等另外 %(count)s 项") % {"count": more}
        super().__init__(_("不能删除：%(names)s 引用了它。请先修改或删除这些内容。") % {"names": names})


def draft_etag(obj: models.Model, draft: Draft) -> str:
    """The version of an item's pending draft: changes with every edit of the draft (and with the live version)."""
    digest = hashlib.sha256(f"{obj._meta.label}:{obj.pk}:{obj.version}:draft:{draft.pk}:{draft.edits}".encode())
    return f'"{digest.hexdigest()[:32]}"'


# Refusals of a write the audit log keeps (who tried what); a 401 has nobody to name.
AUDITED_REFUSALS = (exceptions.PermissionDenied, PreconditionFailed, PreconditionRequired)
WRITE_ATTEMPTS = {
    "create": "API 新建",
    "update": "API 修改",
    "partial_update": "API 修改",
    "destroy": "API 删除",
    "discard_draft": "API 放弃草稿",
    "submit_draft": "API 提交审核",
}


class ContentViewSet(viewsets.ReadOnlyModelViewSet):
    """Read API for one model; ``visible()`` decides drafts, ``with_related()`` fetches what the JSON embeds.

    Subclasses set ``model`` and ``serializer_class`` and may override ``with_related``. Where a whole item is
    heavy (an article's body, sections and every link), ``list_serializer_class`` gives lists a summary of each item
    and ``with_list_related()`` fetches what that embeds; each summary's ``api_url`` gives the whole item.
    """

    model: type[models.Model]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    list_serializer_class: type[serializers.Serializer] | None = None

    def visible(self, model: type[models.Model]) -> models.QuerySet:
        queryset = model._default_manager.all()
        if hasattr(queryset, "published") and not can_see_unpublished(self.request.user, model):
            return queryset.published()
        return queryset

    def with_related(self, queryset: models.QuerySet) -> models.QuerySet:
        return queryset

    def finalize_response(self, request, response, *args, **kwargs):
        # What staff see depends on their token (drafts): shared caches must key on it, never share it.
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Authorization"])
        try:
            authenticated = request.user.is_authenticated
        except exceptions.APIException:  # a bad token on a request refused before it was read (a 406, say)
            authenticated = False
        if authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def with_list_related(self, queryset: models.QuerySet) -> models.QuerySet:
        return self.with_related(queryset)

    def summarised(self) -> bool:
        return self.action == "list" and self.list_serializer_class is not None

    def get_serializer_class(self):
        if self.summarised():
            return self.list_serializer_class
        return super().get_serializer_class()

    def get_queryset(self):
        if self.summarised():
            return self.with_list_related(self.visible(self.model))
        return self.with_related(self.visible(self.model))

    def retrieve(self, request, *args, **kwargs):
        try:
            instance = self.get_object()
        except Http404:
            # An address the item had before its slug changed: 301 to where it is now.
            renamed = (
                renamed_item(self.get_queryset(), kwargs.get(self.lookup_field))
                if self.lookup_field == "slug"
                else None
            )
            if renamed is None:
                raise
            return permanent_redirect(request, api_detail_url(renamed, request))
        etag = etag_for(instance)
        if etag is None:
            return Response(self.get_serializer(instance).data)
        if etag in _etags(request.headers.get("If-None-Match")):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(self.get_serializer(instance).data, headers={"ETag": etag})


@contextmanager
def api_revision(request):
    """A write through the API saves a revision, as one in the admin does: the item's history shows it (who, when,
    what it held) and it can be restored from there. A change to a published item is its draft instead."""
    with create_revision(atomic=False):
        set_user(request.user)
        set_comment("API")
        yield


def _etags(header: str | None) -> list[str]:
    return [tag.strip().removeprefix("W/") for tag in (header or "").split(",") if tag.strip()]


class WritableContentViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ContentViewSet
):
    """Adds create, update and delete for staff with the admin's rights.

    Input goes through ``write_serializer_class`` (status and publication time are not writable:
    new items are drafts); the answer is always the read representation, with its ETag.
    ``nested`` maps a write field to the child model it creates, whose admin rights are checked too.
    """

    write_serializer_class: type[serializers.Serializer]
    nested: Mapping[str, type[models.Model]] = {}

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return self.write_serializer_class
        return super().get_serializer_class()

    def check_nested_permissions(self, data: Mapping[str, Any], *, creating: bool) -> None:
        actions = ["add"] if creating else ["add", "change", "delete"]
        for field, child in self.nested.items():
            if field in data and (data[field] or not creating):
                opts = child._meta
                needed = [f"{opts.app_label}.{name}_{opts.model_name}" for name in actions]
                if not self.request.user.has_perms(needed):
                    message = _("没有修改“%(what)s”的权限。") % {"what": opts.verbose_name}
                    raise exceptions.PermissionDenied(message)

    def check_if_match(self, instance: models.Model, *, lock: bool = False) -> None:
        """Refuses a write without the ETag it is based on (428) or based on an older version (412). With
        ``lock`` (inside the write's transaction) the row is re-read under a lock, so a parallel write cannot
        slip in between check and save. ``If-Match: *`` names no version, so it protects nothing: 428 too."""
        tags = self.if_match_tags()
        if lock:
            instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if etag_for(instance) not in tags:
            raise PreconditionFailed()

    def if_match_tags(self) -> list[str]:
        """The ETags of the ``If-Match`` header; none, or ``*``, is a 428."""
        header = (self.request.headers.get("If-Match") or "").strip()
        if not header or header == "*":
            raise PreconditionRequired()
        return _etags(header)

    def read_response(self, instance: models.Model, status_code: int = status.HTTP_200_OK) -> Response:
        # Re-read with the embedded relations; the writer sees the item even without the view right.
        instance = self.with_related(self.model._default_manager.filter(pk=instance.pk)).get()
        data = self.serializer_class(instance, context=self.get_serializer_context()).data
        headers = {"ETag": etag_for(instance)}
        if status_code == status.HTTP_201_CREATED:
            headers["Location"] = data["api_url"]
        return Response(data, status=status_code, headers=headers)

    def check_can_change(self, instance: models.Model, *, deleting: bool = False) -> None:
        # The admin's rule: editors change (and delete) drafts and unpublished items, reviewers anything.
        user = self.request.user
        allowed = instance.status in EDITABLE_BY_EDITORS or can_review(user) if deleting else can_change(user, instance)
        if not allowed:
            raise exceptions.PermissionDenied(_("这条内容正在审核或已经发布，只有审核人可以修改。"))

    def handle_exception(self, exc):
        if isinstance(exc, IntegrityError):
            # Two writes raced for the same unique value (an explicit slug, say): nothing was saved.
            logger.warning("A write raced another and was refused (409): %s", exc)
            exc = Conflict()
        if (
            isinstance(exc, AUDITED_REFUSALS)
            and getattr(self, "action", None) in WRITE_ATTEMPTS
            and self.request.user.is_authenticated
        ):
            self.audit_refused(exc)
        return super().handle_exception(exc)

    def audit_refused(self, exc: exceptions.APIException) -> None:
        slug = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        obj = self.model._default_manager.filter(**{self.lookup_field: slug}).first() if slug else None
        attempt = f"{WRITE_ATTEMPTS[self.action]}（{exc.status_code}）"
        audit_refusal(user=self.request.user, attempt=attempt, reason=str(exc.detail), obj=obj, model=self.model)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.check_nested_permissions(serializer.validated_data, creating=True)
        with transaction.atomic(), api_revision(request):
            instance = serializer.save()
            audit_record(user=request.user, action=AuditEntry.Action.CREATED, obj=instance, comment="API")
        return self.read_response(instance, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        instance = self.get_object()
        if edits_as_draft(instance):
            return self.update_draft(request, instance, partial=kwargs.get("partial", False))
        self.check_can_change(instance)
        self.check_if_match(instance)
        serializer = self.get_serializer(instance, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        self.check_nested_permissions(serializer.validated_data, creating=False)
        with transaction.atomic(), api_revision(request):
            self.check_if_match(instance, lock=True)
            try:
                instance = serializer.save()
            except ProtectedError as error:  # a nested row left out that other content refers to
                raise Protected(error.protected_objects) from None
            audit_record(user=request.user, action=AuditEntry.Action.EDITED, obj=instance, comment="API")
        return self.read_response(instance)

    # Drafts over live content: a change to a published item (or one with a pending draft) becomes its draft.

    def inline_specs(self) -> list[drafts.InlineSpec]:
        """The nested models a write may change, with their foreign key to the item: a draft holds their rows."""
        return [
            (child, next(f.name for f in child._meta.fields if f.is_relation and f.related_model is self.model))
            for child in self.nested.values()
        ]

    def check_draft_if_match(self, instance: models.Model, draft: Draft | None) -> None:
        """A draft is changed on the version the writer read: the draft's ETag once there is one, else the item's."""
        tags = self.if_match_tags()
        expected = draft_etag(instance, draft) if draft is not None else etag_for(instance)
        if expected not in tags:
            if draft is not None and etag_for(instance) in tags:
                raise PreconditionFailed(_("这条内容已有待发布的草稿：请先读取草稿（…/draft/），按它的 ETag 修改。"))
            raise PreconditionFailed()

    def update_draft(self, request, instance: models.Model, *, partial: bool) -> Response:
        """The change is made on the item's draft (or on the live content, for a first draft) inside a savepoint,
        read back as the new draft, then rolled back: the live rows never change. 202: saved, not yet public."""
        if not can_edit(request.user, instance):
            raise exceptions.PermissionDenied(_("这条内容的草稿正在审核，只有审核人可以修改。"))
        with transaction.atomic():
            live = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
            draft = Draft.for_object(live)
            self.check_draft_if_match(live, draft)
            with drafts.trial():
                point = transaction.savepoint()
                if draft is not None:
                    drafts.apply_snapshot(type(live)._default_manager.get(pk=live.pk), draft.data)
                working = type(live)._default_manager.get(pk=live.pk)
                serializer = self.get_serializer(working, data=request.data, partial=partial)
                serializer.is_valid(raise_exception=True)
                self.check_nested_permissions(serializer.validated_data, creating=False)
                saved = serializer.save()
                data = drafts.snapshot(type(live)._default_manager.get(pk=saved.pk), self.inline_specs())
                transaction.savepoint_rollback(point)
            live.refresh_from_db()
            draft = services.draft_save(obj=live, user=request.user, data=data, comment="API")
        return self.draft_response(live, draft, status.HTTP_202_ACCEPTED)

    def draft_representation(self, instance: models.Model, draft: Draft) -> dict:
        """The item as it will read once the draft is approved (the draft applied in a savepoint, then undone)."""
        with transaction.atomic(), drafts.trial():
            point = transaction.savepoint()
            drafts.apply_snapshot(type(instance)._default_manager.get(pk=instance.pk), draft.data)
            shown = self.with_related(self.model._default_manager.filter(pk=instance.pk)).get()
            data = self.serializer_class(shown, context=self.get_serializer_context()).data
            transaction.savepoint_rollback(point)
        return data

    def draft_response(self, instance: models.Model, draft: Draft, status_code: int = status.HTTP_200_OK) -> Response:
        body = {
            "detail": _("已保存为草稿，公开版本不变；提交审核并由另一位审核人员通过后生效。"),
            "draft": DraftStateSerializer(draft).data,
            "item": self.draft_representation(instance, draft),
        }
        if status_code == status.HTTP_200_OK:
            body.pop("detail")
        return Response(body, status=status_code, headers={"ETag": draft_etag(instance, draft)})

    def draft_of(self, instance: models.Model) -> Draft:
        draft = Draft.for_object(instance)
        if draft is None:
            raise exceptions.NotFound(_("这条内容没有待发布的草稿。"))
        return draft

    @action(detail=True, methods=["get"], url_path="draft")
    def draft(self, request, *args, **kwargs):
        """The pending draft of a published item, as the item will read once approved, with the draft's ETag."""
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated(_("请先登录，或在请求头中带上 Authorization: Token …"))
        instance = self.get_object()
        opts = instance._meta
        if not request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            raise exceptions.PermissionDenied(_("您没有修改这条内容的权限。"))
        return self.draft_response(instance, self.draft_of(instance))

    @action(detail=True, methods=["post"], url_path="draft/discard")
    def discard_draft(self, request, *args, **kwargs):
        """Drops the pending draft; the live version stays as it is."""
        instance = self.get_object()
        self.check_draft_if_match(instance, self.draft_of(instance))
        self.run_service(services.draft_discard, obj=instance, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"], url_path="draft/submit")
    def submit_draft(self, request, *args, **kwargs):
        """Sends the pending draft to review; reviewers are told by e-mail. The live version stays public."""
        instance = self.get_object()
        draft = self.draft_of(instance)
        self.check_draft_if_match(instance, draft)
        self.run_service(services.draft_submit, obj=instance, user=request.user)
        return self.draft_response(instance, self.draft_of(instance))

    def run_service(self, service, **kwargs):
        """A workflow service's refusals as the API's errors: 403 for rights, 400 for the item's state."""
        try:
            return service(**kwargs)
        except DjangoPermissionDenied as error:
            raise exceptions.PermissionDenied(str(error) or None) from error
        except DjangoValidationError as error:
            raise exceptions.ValidationError({"detail": error.messages}) from error

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.check_can_change(instance, deleting=True)
        self.check_if_match(instance)
        with transaction.atomic():
            self.check_if_match(instance, lock=True)
            try:
                deletion.delete_item(instance, user=request.user, via="API")
            except ProtectedError as error:
                raise Protected(error.protected_objects) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class ExportMixin:
    """``GET …/export.csv``, ``export.xlsx`` or ``export.json``: every matching row, same filters as the list.

    Subclasses set ``export_serializer_class`` (flat rows, Chinese labels for the column titles),
    ``export_numeric_fields`` (written as numbers in Excel) and may override ``export_queryset``.
    """

    export_serializer_class: type[serializers.Serializer]
    export_numeric_fields: tuple[str, ...] = ()

    def get_serializer_class(self):
        if self.action == "export":
            return self.export_serializer_class
        return super().get_serializer_class()

    def export_queryset(self) -> models.QuerySet:
        return self.visible(self.model)

    def handle_exception(self, exc):
        # Errors are JSON even when a CSV or workbook was asked for.
        if getattr(self, "action", None) == "export":
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @action(
        detail=False,
        methods=["get"],
        url_path="export",
        renderer_classes=[JSONRenderer, CSVRenderer, XLSXRenderer],
        pagination_class=None,
    )
    def export(self, request, *args, **kwargs):
        # Filters are checked here, before the first byte goes out: a bad filter is still a 400 in JSON.
        queryset = self.filter_queryset(self.export_queryset())
        serializer = self.get_serializer()
        names = list(serializer.fields)
        rows = (serializer.to_representation(item) for item in queryset.iterator(chunk_size=exports.CHUNK_SIZE))
        renderer = request.accepted_renderer
        if isinstance(renderer, JSONRenderer):
            renderer = JSONStreamRenderer(renderer)
        stamp = timezone.localdate().isoformat()
        filename = f"{self.basename}s-{stamp}.{request.accepted_renderer.format}"
        numeric = set(self.export_numeric_fields)
        if request.user.is_authenticated:
            # Staff may export drafts too; anonymous downloads are public open data, not logged one by one.
            query = request.GET.urlencode()[:500]
            detail = _("API，筛选：%(query)s") % {"query": query} if query else _("API，全部")
            audit_export(user=request.user, model=self.model, fmt=request.accepted_renderer.format, detail=detail)
        return renderer.stream(column_titles(serializer), names, rows, numeric, filename)
