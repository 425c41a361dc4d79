"""What every public piece of content shares: a publishing state, a stable slug, and the editorial log."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from presentation.dates import FIRST_YEAR, LAST_YEAR, local_datetime

from .slugs import MAX_SLUG_LENGTH, unique_slug


def year_validators() -> list:
    return [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


class PublishStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待审核")
    PUBLISHED = "published", _("已发布")
    UNPUBLISHED = "unpublished", _("已下线")
    ARCHIVED = "archived", _("已归档")


def published_q(prefix: str = "") -> Q:
    """THE visibility rule of every public place, as a condition: published, its time has come, and not yet expired.

    ``prefix`` applies it through a relation (``"achievement__"``: figures whose achievement is public), on the
    same join as the query's other conditions on that relation instead of a subquery of its own.
    """
    now = timezone.now()
    return (Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now})) & Q(
        **{f"{prefix}status": PublishStatus.PUBLISHED, f"{prefix}published_at__lte": now}
    )


# Set by the workflow or a restore, never typed into a change form nor changed by a draft (but the expiry, which a
# draft may change).
WORKFLOW_FIELDS = [
    "status",
    "published_at",
    "expires_at",
    "submitted_by",
    "submitted_at",
    "review_comment",
    "unpublish_reason",
    "public_notice",
    "published_title",
    "version",
]


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what the public may see now (``published_q``)."""
        return self.filter(published_q())

    def withdrawn(self):
        """Once public, now taken down: unpublished, archived after it was published, or past its expiry time.

        Their pages say why (410 Gone) instead of pretending they never existed; a draft that never went
        public stays unknown (404). An archived item counts only with proof it was published: a reason kept
        from unpublishing, or a publication in the audit log.
        """
        now = timezone.now()
        published_once = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model, for_concrete_model=False),
            object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
            action__in=[AuditEntry.Action.PUBLISHED, AuditEntry.Action.FORCE_PUBLISHED, AuditEntry.Action.UNPUBLISHED],
        )
        return self.filter(
            Q(status=PublishStatus.UNPUBLISHED)
            | (Q(status=PublishStatus.ARCHIVED) & (~Q(unpublish_reason="") | Exists(published_once)))
            | Q(status=PublishStatus.PUBLISHED, published_at__lte=now, expires_at__lte=now)
        )


SLUG_HELP_TEXT = _(
    "留空则按标题或名称的拼音自动生成，并自动避开已有的网址名。内容发布后仍可修改网址名：旧网址会自动跳转（301）到新网址，"
    "已经传出去的链接不会失效。"
)
# Attempts at a free automatic slug when another save takes the chosen one at the same moment.
SLUG_ATTEMPTS = 5


class SlugHistory(models.Model):
    """An address an item was public under before its slug changed: the old address redirects (301) to the new.

    Unique per model: an old address belongs to one item, and no other item of that model may take it."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE)
    object_id = models.CharField(_("内容编号"), max_length=64, db_index=True)
    old_slug = models.SlugField(_("旧网址名"), max_length=80, db_index=False)
    created_at = models.DateTimeField(_("改用新网址名的时间"), default=timezone.now)

    class Meta:
        verbose_name = _("旧网址名")
        verbose_name_plural = _("旧网址名")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="publishing_old_slug_unique_per_model")
        ]

    def __str__(self):
        return self.old_slug


class Slugged(models.Model):
    """Abstract base: fills an empty ``slug`` from ``slug_source`` (pinyin), free among the model's current and
    old slugs; when the slug of an item that was public changes, the old one is kept in ``SlugHistory``."""

    slug_source = "name"
    # Stored fields ``address_was_public`` reads.
    address_state_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        automatic = not self.slug
        update_fields = kwargs.get("update_fields")
        with transaction.atomic(using=kwargs.get("using")):
            stored = None
            if self.pk is not None and (update_fields is None or "slug" in update_fields):
                stored = (
                    type(self)._default_manager.filter(pk=self.pk).values("slug", *self.address_state_fields).first()
                )
            self._save_with_free_slug(automatic, args, kwargs)
            if stored is not None and stored["slug"] != self.slug:
                self._keep_old_address(stored)

    @classmethod
    def address_was_public(cls, stored: dict) -> bool:
        """Whether the address of a row as stored (``slug`` and ``address_state_fields``) was out in the world."""
        return True

    @classmethod
    def old_slugs(cls):
        return SlugHistory.objects.filter(content_type=ContentType.objects.get_for_model(cls))

    def slug_holder(self, slug: str):
        """(the other item, is it an old address of it) when another item of this model holds ``slug``; else None."""
        others = type(self)._default_manager.exclude(pk=self.pk) if self.pk is not None else type(self)._default_manager
        current = others.filter(slug=slug).first()
        if current is not None:
            return current, False
        old = self.old_slugs().filter(old_slug=slug)
        if self.pk is not None:
            old = old.exclude(object_id=str(self.pk))
        object_id = old.values_list("object_id", flat=True).first()
        holder = others.filter(pk=object_id).first() if object_id is not None else None
        return (holder, True) if holder is not None else None

    def slug_error(self, slug: str) -> str:
        """The reason staff may not give this item ``slug`` (held by another item, now or as an old address), or ""."""
        held = self.slug_holder(slug) if slug else None
        if held is None:
            return ""
        holder, is_old = held
        values = {"slug": slug, "kind": self._meta.verbose_name, "other": holder}
        if is_old:
            message = _(
                "网址名“%(slug)s”是另一条%(kind)s“%(other)s”的旧网址，仍在跳转到它，不能再用。"
                "请换一个网址名，或留空由系统自动生成。"
            )
        else:
            message = _("网址名“%(slug)s”已被另一条%(kind)s“%(other)s”使用。请换一个网址名，或留空由系统自动生成。")
        return str(message) % values

    def clean(self):
        super().clean()
        if error := self.slug_error(self.slug):
            raise ValidationError({"slug": error})

    def _save_with_free_slug(self, automatic: bool, args, kwargs) -> None:
        tried: set[str] = set()
        for attempt in range(1, SLUG_ATTEMPTS + 1):
            if automatic:
                self.slug = unique_slug(
                    getattr(self, self.slug_source), lambda slug: slug in tried or self.slug_holder(slug) is not None
                )
                if attempt > 2:
                    # Others are saving the same title right now, each holding the next numbers uncommitted, where
                    # they cannot be seen: step out of their way with a random tail (…-3f9a).
                    tail = f"-{secrets.token_hex(2)}"
                    self.slug = f"{self.slug[: MAX_SLUG_LENGTH - len(tail)]}{tail}"
                tried.add(self.slug)
            try:
                # A savepoint: a refused INSERT must not break the surrounding transaction (PostgreSQL).
                with transaction.atomic(using=kwargs.get("using")):
                    super().save(*args, **kwargs)
                return
            except IntegrityError:
                # Another save took the same slug between the check and the INSERT: take the next one.
                if not automatic or attempt == SLUG_ATTEMPTS:
                    raise

    def _keep_old_address(self, stored: dict) -> None:
        # An address the item takes back is current again, no longer an old one.
        self.old_slugs().filter(old_slug=self.slug, object_id=str(self.pk)).delete()
        if self.address_was_public(stored):
            SlugHistory.objects.update_or_create(
                content_type=ContentType.objects.get_for_model(type(self)),
                old_slug=stored["slug"],
                defaults={"object_id": str(self.pk)},
            )


def forget_old_addresses(sender, instance, **kwargs) -> None:
    """post_delete: a deleted item's old addresses are free again (its current one is freed by the deletion)."""
    if isinstance(instance, Slugged):
        instance.old_slugs().filter(object_id=str(instance.pk)).delete()


class Publishable(Slugged):
    """Abstract base: nothing is public unless it is published, its publication time has come and it has not expired.

    State changes go through ``publishing.services`` (roles, four-eyes rule, audit log); ``version`` grows by one
    on every save and is the edit-conflict token of the admin and the API (ETag / If-Match).
    """

    status = models.CharField(
        _("发布状态"), max_length=20, choices=PublishStatus, default=PublishStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("发布时间"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("留空则在发布时自动填为当前时间；填写将来的时间则到时才公开。"),
    )
    expires_at = models.DateTimeField(
        _("下线时间"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("留空则一直公开；填写时间则到时自动不再公开。"),
    )
    version = models.PositiveIntegerField(_("版本号"), default=0, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交审核人"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True, editable=False)
    review_comment = models.TextField(_("审核意见"), blank=True, editable=False)
    unpublish_reason = models.TextField(
        _("下线原因"), blank=True, editable=False, help_text=_("只供内部查看，不会显示在网站上。")
    )
    public_notice = models.TextField(
        _("公开说明"),
        blank=True,
        editable=False,
        help_text=_("下线时可选填写，显示在“已不再公开”的页面上给公众看；留空则只说明内容已下线。"),
    )
    published_title = models.CharField(
        _("最后公开的标题"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("内容最后一次处于发布状态时的标题；下线后的页面显示它，而不是之后改动过的标题。"),
    )
    correction_note = models.TextField(
        _("更正说明"),
        blank=True,
        help_text=_("发布后又作了更正时，在这里向读者说明改了什么；会显示在页面上。"),
    )
    # Indexed for the sitemap index, which asks each section for its latest change.
    corrected_at = models.DateField(
        _("更正日期"), null=True, blank=True, db_index=True, help_text=_("填写更正说明时必填。")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_index=True)

    objects = PublishableQuerySet.as_manager()

    slug_source = "title"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        extra_fields = {"version", "updated_at"}
        if self.status == PublishStatus.PUBLISHED:
            if self.published_at is None:
                self.published_at = timezone.now()
            if self.record_public_title():
                extra_fields.add("published_title")
        self.version = (self.version or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *extra_fields}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            raise ValidationError({"expires_at": _("下线时间必须晚于发布时间。")})
        if self.correction_note.strip() and not self.corrected_at:
            raise ValidationError({"corrected_at": _("请填写更正日期。")})

    def record_public_title(self) -> bool:
        """Keep the title readers see under this address now, if they see it: published and its time has come
        (a scheduled item's title is not public yet). The 410 page names it after a withdrawal, whatever the title
        becomes in later, unreviewed edits. The workflow calls it before it takes a published item down, so an
        item that went live on its schedule, unsaved since, keeps the title it went live with."""
        if self.status != PublishStatus.PUBLISHED or self.published_at is None or self.published_at > timezone.now():
            return False
        self.published_title = str(self)[:200]
        return True

    @staticmethod
    def _was_published(status: str, published_title: str) -> bool:
        # Only published items can be unpublished; an archived one counts once it has a published title.
        return status in {PublishStatus.PUBLISHED, PublishStatus.UNPUBLISHED} or bool(published_title)

    address_state_fields = ("status", "published_title")

    @classmethod
    def address_was_public(cls, stored: dict) -> bool:
        return cls._was_published(stored["status"], stored["published_title"])

    @property
    def slug_is_public(self) -> bool:
        """Published (or scheduled) once: its address is out in the world; a new slug keeps the old one redirecting."""
        return self.pk is not None and self._was_published(self.status, self.published_title)

    def is_live(self) -> bool:
        now = timezone.now()
        return (
            self.status == PublishStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    is_live.boolean = True
    is_live.short_description = _("公开可见")

    def is_scheduled(self) -> bool:
        """Approved and published, but its publication time is still to come."""
        published = self.status == PublishStatus.PUBLISHED and self.published_at is not None
        return published and self.published_at > timezone.now()

    def status_label(self) -> str:
        """The state as staff read it: "已排期（2026年12月3日 09:00 发布）" for one published for later."""
        if self.is_scheduled():
            return _("已排期（%(when)s 发布）") % {"when": local_datetime(self.published_at)}
        return self.get_status_display()


class AuditEntry(models.Model):
    """One thing a staff member did, or tried and was refused: to a piece of content, an image, an account, a group,
    an API token, or an export they downloaded; kept (with a text copy of the item) after deletion."""

    class Action(models.TextChoices):
        CREATED = "created", _("新建")
        EDITED = "edited", _("修改")
        SUBMITTED = "submitted", _("提交审核")
        APPROVED = "approved", _("审核通过")
        SENT_BACK = "sent_back", _("退回修改")
        PUBLISHED = "published", _("发布")
        UNPUBLISHED = "unpublished", _("下线")
        ARCHIVED = "archived", _("归档")
        DELETED = "deleted", _("删除")
        RESTORED = "restored", _("恢复")
        FORCE_PUBLISHED = "force_published", _("强制发布")
        EXPORTED = "exported", _("导出")
        REFUSED = "refused", _("操作被拒绝")

    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_repr = models.CharField(_("操作人（记录时）"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("内容类型"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(_("内容编号"), max_length=64, db_index=True)
    object_repr = models.CharField(_("内容"), max_length=300)
    comment = models.TextField(_("说明 / 原因"), blank=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["-created_at", "-id"]
        # The workflow's rights apply to every kind of content, so they live on the workflow's own model.
        permissions = [
            ("submit_content", _("可以提交内容审核")),
            ("review_content", _("可以审核、发布、退回和下线内容")),
            ("force_publish_content", _("可以填写理由强制发布内容")),
        ]

    def __str__(self):
        return f"{self.user_repr or '—'} {self.get_action_display()} {self.object_repr}"


class Draft(models.Model):
    """The next version of a published item, prepared while its live row keeps serving the public.

    ``data`` holds the item's fields and its inlines (sections, figures, milestones …) as Django's serialiser
    writes them; approval applies it to the live row in one transaction (``publishing.services.draft_approve``).
    Nothing public reads this table: public pages, the API, feeds, search and the data page read the live rows.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        IN_REVIEW = "in_review", _("待审核")
        SCHEDULED = "scheduled", _("已审核，定时替换")

    content_type = models.ForeignKey(ContentType, verbose_name=_("内容类型"), on_delete=models.CASCADE)
    object_id = models.CharField(_("内容编号"), max_length=64)
    data = models.JSONField(_("草稿内容"))
    base_version = models.PositiveIntegerField(_("基于的公开版本号"))
    edits = models.PositiveIntegerField(_("修改次数"), default=1)
    status = models.CharField(_("草稿状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("提交审核时间"), null=True, blank=True)
    review_comment = models.TextField(_("审核意见"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Approved for a later time: the live version stays until then (publishing.services.apply_due_drafts).
    apply_at = models.DateTimeField(_("定时替换时间"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("待发布的草稿")
        verbose_name_plural = _("待发布的草稿")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="one_draft_per_item")]

    def __str__(self):
        return self.data.get("repr", "") or f"{self.content_type_id}:{self.object_id}"

    @classmethod
    def for_object(cls, obj):
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        return cls.objects.filter(content_type=content_type, object_id=str(obj.pk)).first()

    @classmethod
    def exists_for(cls, model):
        """An ``Exists`` to annotate a queryset of ``model`` with (the admin lists say which items have a draft)."""
        return Exists(
            cls.objects.filter(
                content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
                object_id=Cast(OuterRef("pk"), output_field=models.CharField()),
            )
        )


class DeletedLinks(models.Model):
    """What pointed at a deleted item from other items' many-to-many fields (articles linking a deleted project):
    kept with the revision saved just before the deletion, so that recovering the item puts those links back
    (publishing.deletion.delete_item, .restore_links). The item's own links are in the revision itself."""

    revision = models.OneToOneField("reversion.Revision", on_delete=models.CASCADE, related_name="deleted_links")
    links = models.JSONField(_("链接"), default=list)  # [{"model": "news.Article", "field": "projects", "pks": [3]}]

    class Meta:
        verbose_name = _("删除前的链接")
        verbose_name_plural = _("删除前的链接")

    def __str__(self):
        return f"{self.revision_id}: {sum(len(link['pks']) for link in self.links)}"
