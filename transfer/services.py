"""Import and export of achievements with figures, projects with milestones and enterprises; shared by the
`import_content` / `export_content` commands and the admin.

An import is all or nothing: every row is validated (and saved inside one transaction, so later rows can refer
to what earlier rows created); one error anywhere and the transaction is rolled back. A dry run does the same
and always rolls back. Re-importing a file updates the items it names instead of adding them twice.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion import add_to_revision, create_revision, set_comment, set_user

from achievements.extraction import AT_LEAST, PREFIX_BOUNDS, SUFFIX_BOUNDS, extract_figures
from presentation import exports
from presentation.exports import XLSX_TYPE, Sheet, csv_lines, xlsx_write
from publishing import drafts, notifications
from publishing.audit import audit_record
from publishing.models import AuditEntry, Draft, PublishStatus
from publishing.permissions import EDITABLE_BY_EDITORS, SUBMIT_PERMISSION, can_edit, can_force_publish, edits_as_draft
from publishing.services import content_force_publish, content_submit, draft_save, draft_submit

from .files import Entry, ImportFileError, Record, read_records
from .shapes import FILE_LANGUAGE, SHAPES, CellError, Column, Shape, parse_amount, raw_text

__all__ = ["ImportFileError", "ImportReport", "check_import_rights", "content_export", "content_import"]

EXPORT_FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE, "json": "application/json"}
# Qualifiers the extractor reads as bounds, plus a few it reads as exact amounts (达, 累计) or targets (预计).
QUALIFIER_BOUNDS = {**PREFIX_BOUNDS, **SUFFIX_BOUNDS, "突破": AT_LEAST}
# The report's sentences, one for each kind of item (shape or child title) and each step after saving.
COUNTED = {
    "成果": gettext_lazy("成果：新建 %(created)s，更新 %(updated)s"),
    "关键数据": gettext_lazy("关键数据：新建 %(created)s，更新 %(updated)s"),
    "项目": gettext_lazy("项目：新建 %(created)s，更新 %(updated)s"),
    "里程碑": gettext_lazy("里程碑：新建 %(created)s，更新 %(updated)s"),
    "企业": gettext_lazy("企业：新建 %(created)s，更新 %(updated)s"),
}
# Rows that change nothing are skipped; rows that change a published item become its draft over the live version.
NOT_SAVED = {
    "跳过": gettext_lazy("未变、跳过 %(number)s"),
    "草稿": gettext_lazy("存为待审草稿（公开版本不变）%(number)s"),
}
TRANSITIONS = {
    "强制发布": gettext_lazy("强制发布 %(number)s 项"),
    "提交审核": gettext_lazy("提交审核 %(number)s 项"),
}
REPEATED_PARENT = {
    "achievements": gettext_lazy(
        "同一成果在%(first)s写的是“%(expected)s”，这里是“%(text)s”；同一条目的各行须一致，或只在第一行填写。"
    ),
    "projects": gettext_lazy(
        "同一项目在%(first)s写的是“%(expected)s”，这里是“%(text)s”；同一条目的各行须一致，或只在第一行填写。"
    ),
    "enterprises": gettext_lazy(
        "同一企业在%(first)s写的是“%(expected)s”，这里是“%(text)s”；同一条目的各行须一致，或只在第一行填写。"
    ),
}
REPEATED_CHILD = {
    "achievements": gettext_lazy("同一成果下“%(key)s”在%(first)s已出现过；请改用不同的指标。"),
    "projects": gettext_lazy("同一项目下“%(key)s”在%(first)s已出现过；请改用不同的里程碑事项。"),
}


@dataclass
class ImportReport:
    file_name: str
    dry_run: bool
    errors: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # (what, "新建" / "更新") → number
    transitions: Counter = field(default_factory=Counter)  # "提交审核" / "强制发布" → number of items
    records: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.ok and not self.dry_run

    def summary(self) -> str:
        """成果：新建 2，更新 1；关键数据：新建 5，更新 0；强制发布 3 项"""
        whats = list(dict.fromkeys(what for what, _outcome in self.counts))
        parts = []
        for what in whats:
            part = COUNTED[what] % {"created": self.counts[what, "新建"], "updated": self.counts[what, "更新"]}
            for outcome, text in NOT_SAVED.items():
                if self.counts[what, outcome]:
                    part += _("，") + text % {"number": self.counts[what, outcome]}
            parts.append(part)
        parts += [TRANSITIONS[action] % {"number": number} for action, number in self.transitions.items()]
        return _("；").join(parts) or _("文件中没有数据")


ProgressCallback = Callable[[int, int], None]


@transaction.atomic
def content_import(
    *,
    name: str,
    content: bytes,
    user=None,
    submit: bool = False,
    publish: bool = False,
    reason: str = "",
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportReport:
    """Imports a CSV / XLSX / JSON file; ``user`` None means the operator (the command), with every right to save.

    New items arrive as drafts (keeping a publication date the file gives, so a past year's review keeps its
    real date when it is published). Afterwards, as in the admin and through the same services:

    - ``submit``: drafts and unpublished items go to review, submitted by ``user``, so that another reviewer
      approves them (four-eyes rule);
    - ``publish``: every item not yet public is force-published by ``user``, who must hold the force-publish
      right and give a ``reason``; the audit log records it as a force publish with that reason.

    ``progress(done, total)``, if given, is called with ``done`` 0 once the file is read (``total`` is its number
    of records), then after each record is checked and saved.

    Raises PermissionDenied or ValidationError, before reading the file, when ``user`` may not do what is asked,
    and ImportFileError when the file itself cannot be read.
    """
    reason = (reason or "").strip()
    check_import_rights(user=user, submit=submit, publish=publish, reason=reason)
    records = read_records(name, content)
    report = ImportReport(file_name=name, dry_run=dry_run, records=len(records))
    comment = f"批量导入：{name}"
    importer = _Importer(report=report, user=user, submit=submit, publish=publish, reason=reason, comment=comment)
    with create_revision(), notifications.one_mail_per_person():
        if user is not None and user.is_authenticated:
            set_user(user)
        if publish:
            comment = f"{comment}；强制发布：{reason}"
        elif submit:
            comment = f"{comment}；提交审核"
        set_comment(comment)
        if progress is not None:
            progress(0, len(records))
        for number, record in enumerate(records, start=1):
            importer.run(record)
            if progress is not None:
                progress(number, len(records))
    if report.errors or dry_run:
        transaction.set_rollback(True)
    return report


def check_import_rights(*, user, submit: bool, publish: bool, reason: str) -> None:
    """What ``content_import`` checks before reading the file; the admin asks before queueing an import."""
    if submit and publish:
        raise ValueError("submit and publish exclude each other")
    if publish:
        _check_may_force_publish(user, (reason or "").strip())
    if submit:
        _check_may_submit(user)


def _check_may_force_publish(user, reason: str) -> None:
    """Publishing on import skips the second reviewer, so it is a force publish: the same right, a reason."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(
            _("导入后直接发布属于强制发布（不经另一人审核），须指明由哪位站点管理员发布，其姓名和理由记入审核日志。")
        )
    if not can_force_publish(user):
        raise PermissionDenied(
            _(
                "导入后直接发布属于强制发布（不经另一人审核），只有有强制发布权限的站点管理员可以这样做。"
                "请改选“提交审核”，由另一位审核人员审核后发布。"
            )
        )
    if not reason:
        raise ValidationError(_("请填写强制发布的理由（例如：往年内容，已经审核），它会记入审核日志。"))


def _check_may_submit(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("提交审核须指明由谁提交：审核时须由另一位审核人员审核（双人把关）。"))
    if not user.has_perm(SUBMIT_PERMISSION):
        raise PermissionDenied(_("您没有提交审核的权限；请不选“提交审核”，导入为草稿。"))


def _default(model, name: str):
    model_field = model._meta.get_field(name)
    if model_field.has_default():
        return model_field.get_default()
    return None if model_field.null else ""


class _NotSaved(Exception):
    """Undoes a row's saving: nothing changed, or the change becomes a draft."""


@dataclass
class _Importer:
    report: ImportReport
    user: object
    submit: bool
    publish: bool
    reason: str
    comment: str

    def fail(self, entry: Entry, column: Column | None, message: str) -> None:
        """Adds “第4行，“数值”列：…” to the report; the column is named by the file's (Chinese) heading."""
        where = {"where": entry.where, "message": message}
        if column is None:
            error = _("%(where)s：%(message)s") % where
        elif entry.is_json:
            error = _("%(where)s，“%(column)s”（%(key)s）：%(message)s") % {
                **where,
                "column": column.title,
                "key": column.key,
            }
        else:
            error = _("%(where)s，“%(column)s”列：%(message)s") % {**where, "column": column.title}
        self.report.errors.append(capfirst(error))

    def parse(self, entry: Entry, columns: list[Column]) -> dict:
        values = {}
        for column in columns:
            if column.key not in entry.present:
                continue
            raw = entry.values.get(column.key)
            try:
                value = raw_text(raw) if column.key == "section" else column.parse(raw)
            except CellError as error:
                self.fail(entry, column, str(error))
                continue
            if column.required and value in (None, "", []):
                self.fail(entry, column, _("必填，不能为空。"))
                continue
            values[column.key] = value
        return values

    def check_repeats(self, record: Record) -> None:
        """Rows that repeat a parent (one per figure or milestone) must agree with its first row, or be empty."""
        first = record.parent
        for where, values in first.rows:
            for column in record.shape.columns:
                text, expected = raw_text(values.get(column.key)), raw_text(first.values.get(column.key))
                if text and text != expected:
                    message = REPEATED_PARENT[record.shape.name] % {
                        "first": first.where,
                        "expected": expected,
                        "text": text,
                    }
                    self.fail(Entry(where, values, first.present), column, message)

    def assign(self, obj, model, columns: list[Column], values: dict) -> dict:
        """Sets plain fields; returns many-to-many values to set after saving. An empty cell clears the field."""
        relations = {}
        for column in columns:
            if column.key not in values or column.key == "section":
                continue
            value = values[column.key]
            if column.kind == "refs":
                relations[column.model_field] = value or []
            elif column.kind == "date":
                day, precision = value or (None, None)
                setattr(obj, column.model_field, day)
                setattr(obj, column.precision_field, precision or _default(model, column.precision_field))
            elif column.key == "published_at":
                # An empty cell never takes a publication date away; a time the file rounds (to the second, or
                # the minute) is the stored time, unchanged.
                stored = obj.published_at
                rounded = (
                    set()
                    if stored is None
                    else {stored.replace(microsecond=0), stored.replace(second=0, microsecond=0)}
                )
                if value is not None and value not in rounded:
                    obj.published_at = value
            else:
                setattr(obj, column.model_field, _default(model, column.model_field) if value is None else value)
        return relations

    def validate(self, obj, entry: Entry, columns: list[Column], exclude=()) -> bool:
        by_field = {}
        for column in columns:
            by_field[column.model_field] = column
            if column.precision_field:
                by_field[column.precision_field] = column
        try:
            obj.full_clean(exclude=list(exclude))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.fail(entry, by_field.get(name), message)
            return False
        return True

    def find(self, shape: Shape, values: dict, entry: Entry):
        model = shape.model
        if values.get("slug"):
            found = model.objects.filter(slug=values["slug"]).first()
            if found is not None or shape.name == "achievements":
                return found
        if shape.name == "achievements":
            if not values.get("title") or not values.get("year"):
                return None
            matches = list(model.objects.filter(title=values["title"], year=values["year"])[:2])
            if len(matches) > 1:
                message = _("已有多条同名、同年度的成果；请填写“网址名”指明是哪一条。")
                self.fail(entry, shape.column("title"), message)
            return matches[0] if matches else None
        name = values.get(shape.key_column)
        return model.objects.filter(**{shape.key_column: name}).first() if name else None

    def allowed(self, shape: Shape, obj, entry: Entry) -> bool:
        if self.user is None:
            return True
        opts = shape.model._meta
        if obj.pk is None and not self.user.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            self.fail(entry, None, _("您没有新建%(what)s的权限。") % {"what": opts.verbose_name})
            return False
        if obj.pk is not None and not can_edit(self.user, obj):
            message = _("“%(item)s”当前是“%(status)s”，您不能通过导入修改它；请审核人员导入，或先请其退回。") % {
                "item": obj,
                "status": obj.get_status_display(),
            }
            self.fail(entry, None, message)
            return False
        return True

    def section(self, obj, values: dict, entry: Entry, shape: Shape) -> None:
        if "section" not in values:
            return
        text = values["section"]
        if not text:
            obj.section = None
            return
        column = shape.column("section")
        if obj.article is None:
            self.fail(entry, column, _("填写出处章节时，须同时填写“出处文章”（文章的网址名）。"))
            return
        for section in obj.article.sections.all():
            if text in {str(section), section.label, section.heading}:
                obj.section = section
                return
        message = _("文章“%(article)s”中没有章节“%(text)s”；请填写章节的小标签或小标题。")
        self.fail(entry, column, message % {"article": obj.article, "text": text})

    def run(self, record: Record) -> None:
        shape = record.shape
        errors_before = len(self.report.errors)
        values = self.parse(record.parent, shape.columns)
        self.check_repeats(record)
        obj = self.find(shape, values, record.parent)
        created = obj is None
        if created:
            obj = shape.model()
        if not self.allowed(shape, obj, record.parent):
            return
        relations = self.assign(obj, shape.model, shape.columns, values)
        if shape.name == "achievements":
            self.section(obj, values, record.parent, shape)
        if created:
            obj.status = PublishStatus.DRAFT
        if len(self.report.errors) == errors_before:
            self.validate(obj, record.parent, shape.columns)
        children = self.children(record, obj)
        if len(self.report.errors) > errors_before:
            return
        live = None if created else shape.model._default_manager.get(pk=obj.pk)
        inlines = [(shape.child_model, shape.model._meta.model_name)] if shape.child_model else []
        before = None if created else drafts.snapshot(live, inlines)
        outcome, after, child_counts = "新建" if created else "更新", None, Counter()
        try:
            with transaction.atomic(), drafts.trial():
                obj.save()
                for name, items in relations.items():
                    getattr(obj, name).set(items)
                for child, child_created in children:
                    setattr(child, shape.model._meta.model_name, obj)
                    child.save()
                    child_counts[shape.child_title, "新建" if child_created else "更新"] += 1
                if before is not None:
                    # Saved, then compared: what the file changes is known exactly, and undone when it is nothing
                    # (skipped) or a change to a published item (which becomes its draft; the live rows stay).
                    after = drafts.snapshot(shape.model._default_manager.get(pk=obj.pk), inlines)
                    if drafts.same_content(before, after):
                        outcome = "跳过"
                    elif not self.publish and edits_as_draft(live):
                        outcome = "草稿"
                    elif Draft.for_object(live) is not None:
                        # Changing the live rows under a pending draft: its approval would undo this change.
                        outcome = "冲突"
                    if outcome != "更新":
                        raise _NotSaved
                # Kept: the item and the children the file gave go into the import's revision as saved (as a save in
                # an ordinary revision adds them); its other children come with it, followed by its registration.
                for saved in [obj, *(child for child, _child_created in children)]:
                    add_to_revision(saved)
        except _NotSaved:
            obj = live
            if outcome == "冲突":
                message = _("“%(item)s”有待发布的草稿，导入不能直接改它的公开版本：请先审核或放弃草稿，再导入。")
                self.fail(record.parent, None, message % {"item": live})
                return
        except IntegrityError:
            message = _("保存“%(item)s”时与已有数据冲突（例如网址名重复），请检查后重试。") % {"item": obj}
            self.fail(record.parent, None, message)
            return
        self.report.counts[shape.title, outcome] += 1
        if outcome == "草稿":
            draft_save(obj=obj, user=self.user, data=after, comment=self.comment)
        elif outcome != "跳过":
            self.report.counts.update(child_counts)
            action = AuditEntry.Action.CREATED if created else AuditEntry.Action.EDITED
            audit_record(user=self.user, action=action, obj=obj, comment=self.comment)
        self.transition(obj, record.parent, at=values.get("published_at"))

    def transition(self, obj, entry: Entry, at) -> None:
        """Submits or force-publishes the saved item through the publishing services, as the admin does."""
        try:
            draft = Draft.for_object(obj)
            if self.submit and draft is not None:
                if draft.status == Draft.Status.DRAFT:
                    draft_submit(obj=obj, user=self.user)
                    self.report.transitions["提交审核"] += 1
            elif self.publish and obj.status != PublishStatus.PUBLISHED:
                content_force_publish(obj=obj, user=self.user, reason=self.reason, at=at)
                self.report.transitions["强制发布"] += 1
            elif self.submit and obj.status in EDITABLE_BY_EDITORS:
                content_submit(obj=obj, user=self.user)
                self.report.transitions["提交审核"] += 1
        except (PermissionDenied, ValidationError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            for message in messages:
                self.fail(entry, None, message)

    def children(self, record: Record, parent) -> list[tuple[object, bool]]:
        """The parent's children as the file gives them (matched by their natural key), validated, unsaved."""
        shape = record.shape
        if not record.children:
            return []
        model = shape.child_model
        existing = {}
        if parent.pk is not None:
            existing = {getattr(child, shape.child_key): child for child in getattr(parent, shape.child_name).all()}
        seen: dict[str, str] = {}
        result = []
        for entry in record.children:
            errors_before = len(self.report.errors)
            values = self.parse(entry, shape.child_columns)
            for column in shape.child_columns:
                if column.required and column.key not in values and column.key not in entry.present:
                    self.fail(entry, column, _("必填，不能为空。"))
            if shape.name == "achievements":
                self.complete_figure(entry, values, shape)
            if len(self.report.errors) > errors_before:
                continue
            key = values[shape.child_key]
            if key in seen:
                column = next(column for column in shape.child_columns if column.key == shape.child_key)
                self.fail(entry, column, REPEATED_CHILD[shape.name] % {"key": key, "first": seen[key]})
                continue
            seen[key] = entry.where
            child = existing.get(key)
            created = child is None
            if created:
                child = model()
            self.assign(child, model, shape.child_columns, values)
            if self.validate(child, entry, shape.child_columns, exclude=[shape.model._meta.model_name]):
                result.append((child, created))
        return result

    def complete_figure(self, entry: Entry, values: dict, shape: Shape) -> None:
        """An empty 数值 is read from 原文写法 (4.2万亩 → 42000, 亩), an empty 数值性质 from the qualifier."""
        columns = {column.key: column for column in shape.child_columns}
        text = values.get("text") or ""
        if values.get("value") is None and text:
            proposals = extract_figures(text)
            if proposals:
                proposal = proposals[0]
                values["value"] = proposal.value
                if not values.get("unit"):
                    values["unit"] = proposal.unit
                if not values.get("qualifier"):
                    values["qualifier"] = proposal.qualifier
                if not values.get("bound"):
                    values["bound"] = proposal.bound
            else:
                values["value"] = parse_amount(text)
            if values["value"] is None:
                message = _("请填写数值：无法从原文写法“%(text)s”读出数字。") % {"text": text}
                self.fail(entry, columns["value"], message)
        if not values.get("bound"):
            values["bound"] = QUALIFIER_BOUNDS.get(values.get("qualifier") or "", "exact")


# --- Export ---------------------------------------------------------------------------------------


def export_queryset(shape: Shape):
    model = shape.model
    if shape.name == "achievements":
        return (
            model.objects.order_by("-year", "title", "slug")
            .select_related("region", "article", "section")
            .prefetch_related("projects", "enterprises", "institutions", "figures__region")
        )
    if shape.name == "projects":
        return (
            model.objects.order_by("name")
            .select_related("region", "operator", "operator_institution")
            .prefetch_related("other_regions", "topics", "partner_enterprises", "partner_institutions", "milestones")
        )
    return model.objects.order_by("name").select_related("region", "sector").prefetch_related("honours", "partners")


def _sheet(shape: Shape, queryset) -> Sheet:
    """The shape as one sheet: a row per child (a parent without children has one row); ints and decimals are
    numbers, so a spreadsheet sums them and the import reads them back."""
    columns = [column for column, _child, _key in shape.flat_columns()]
    return Sheet(
        title=shape.title,
        header=[column.title for column in columns],
        rows=_flat_rows(shape, queryset),
        numeric=[position for position, column in enumerate(columns) if column.kind in {"int", "decimal"}],
    )


def _flat_rows(shape: Shape, queryset) -> Iterator[list]:
    # Read in chunks, each with its own prefetches: memory stays flat however many rows there are.
    for obj in queryset.iterator(chunk_size=exports.CHUNK_SIZE):
        parent = [column.export(obj) for column in shape.columns]
        children = list(getattr(obj, shape.child_name).all()) if shape.child_name else []
        if not children:
            yield parent + [""] * len(shape.child_columns)
        for child in children:
            yield parent + [column.export(child) for column in shape.child_columns]


def _json_items(shape: Shape, queryset) -> Iterator[dict]:
    for obj in queryset.iterator(chunk_size=exports.CHUNK_SIZE):
        yield _json_item(shape, obj)


def _json_item(shape: Shape, obj) -> dict:
    item = {column.key: _json_value(column, obj) for column in shape.columns}
    if shape.child_name:
        item[shape.child_name] = [
            {column.key: _json_value(column, child) for column in shape.child_columns}
            for child in getattr(obj, shape.child_name).all()
        ]
    return item


def _json_value(column: Column, obj):
    value = column.export(obj, for_json=True)
    return str(value) if column.kind == "text" and value is not None else value


def _json_write(items: dict, out: BinaryIO) -> None:
    """``{shape name: [item, …]}`` as ``json.dumps(…, indent=2)`` writes it, one item at a time: an item's own
    lines are indented under its list (a JSON string has no line break of its own, so that is safe)."""
    out.write(b"{")
    for number, (name, objects) in enumerate(items.items()):
        out.write(f"{',' if number else ''}\n  {json.dumps(name)}: [".encode())
        written = 0
        for item in objects:
            text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            out.write(f"{',' if written else ''}\n    {text}".encode())
            written += 1
        out.write(b"\n  ]" if written else b"]")
    out.write(b"\n}\n")


@contextmanager
def read_snapshot():
    """On PostgreSQL an export reads one snapshot, however long it takes and whatever staff save meanwhile: a row and
    its children (figures, milestones) as they were together, never half of a save.

        (SQLite's transactions here take the write lock, which would hold up every save for the whole export. A caller
        already in a transaction reads what that transaction sees.)
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def content_export(*, shape: str, fmt: str, out: BinaryIO, querysets: dict | None = None) -> None:
    """Writes the file into ``out`` (a file opened for writing bytes) as it reads the rows, in constant memory.

    ``shape`` is achievements, projects, enterprises or all (all: xlsx with one sheet each, or JSON).
    ``querysets`` (shape name → queryset) narrows what is exported, e.g. to the rows ticked in the admin.
    The file is Chinese, as the import reads it, whatever the interface language of whoever exports it.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt}")
    names = list(SHAPES) if shape == "all" else [shape]
    if fmt == "csv" and len(names) != 1:
        raise ValueError("CSV holds one shape; choose achievements, projects or enterprises")
    shapes = [SHAPES[name] for name in names]
    querysets = querysets or {}

    def items(one: Shape):
        queryset = export_queryset(one)
        if one.name in querysets:
            queryset = queryset.filter(pk__in=querysets[one.name].values("pk"))
        return queryset

    with translation.override(FILE_LANGUAGE), read_snapshot():
        if fmt == "json":
            _json_write({one.name: _json_items(one, items(one)) for one in shapes}, out)
        elif fmt == "csv":
            for line in csv_lines(_sheet(shapes[0], items(shapes[0]))):
                out.write(line)
        else:
            xlsx_write([_sheet(one, items(one)) for one in shapes], out)
