"""The content archive: every row the public site is built from, in one file that restores into an empty database.

``export_content archive`` writes it; ``import_content`` reads it back (a ``.jsonl`` file). It is the portable copy
of what citizens see: a restore into a freshly migrated database gives the same items at the same addresses, with
the same texts, figures, pictures (by their file names: the uploads themselves are backed up with the bucket or
the media folder), old addresses and site settings, in the same publication states. The search index is rebuilt
from them and the page cache starts afresh.

What the archive leaves out lives in the PostgreSQL dump, the full backup (``docs/deploy.md``): staff accounts and
their sessions, tokens and second factors, and the history that names them (revisions, the audit log, drafts
awaiting review). Links from content to an account (who submitted an item for review) are left empty.

The file is JSON Lines, so neither side holds more than a batch of rows in memory at 100,000 articles:

- a first line ``{"format": "portal-content-archive", "version": 1, "exported_at": …, "migrations": {…}}``,
- one line per row, as Django's serializers write it (``{"model": "news.article", "pk": 7, "fields": {…}}``),
  parents before the rows that refer to them,
- a last line ``{"end": {"news.article": 100000, …}}``, so a file cut short is refused instead of half restored.
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TextIO

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DataError, IntegrityError, connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from achievements.citations import citations_rebuild
from caching.state import invalidate
from publishing.richtext import bodies_as_stored
from search.services import search_index_rebuild

from .services import read_snapshot

ARCHIVE_FORMAT = "portal-content-archive"
ARCHIVE_VERSION = 1
ARCHIVE_SUFFIX = ".jsonl"
BATCH_SIZE = 1000

# In restore order: each model after those it refers to.
ARCHIVED = (
    "regions.Region",
    "topics.Topic",
    "images.Image",
    "images.Rendition",
    "enterprises.Sector",
    "enterprises.Honour",
    "enterprises.Institution",
    "enterprises.Enterprise",
    "enterprises.Person",
    "projects.Project",
    "projects.Milestone",
    "news.Article",
    "news.ArticleSection",
    "achievements.Achievement",
    "achievements.KeyFigure",
    "achievements.FigureCorrection",
    "publishing.SlugHistory",
    "home.SiteSettings",
)
# The project's other models, and why the archive leaves them to the database dump (a test keeps this list whole).
NOT_ARCHIVED = {
    "publishing.AuditEntry": "the audit log names staff accounts",
    "publishing.Draft": "drafts are staff's work in progress, by account",
    "publishing.DeletedLinks": "part of the revision history",
    "search.SearchEntry": "rebuilt from the content after a restore",
    "achievements.FigureCitation": "rebuilt from the bodies' text after a restore",
    "caching.PageCacheState": "the page cache starts afresh",
    "transfer.TransferJob": "imports and exports of staff accounts",
}
# Present in a database that was only migrated; replaced by the archive's.
REPLACED = ("home.SiteSettings",)


class ArchiveError(Exception):
    """The file is not an archive this portal can restore, or the database is not ready for it; nothing saved."""


def archived_models() -> list[type[models.Model]]:
    return [apps.get_model(label) for label in ARCHIVED]


def _fields(model: type[models.Model]) -> list[str]:
    """Every stored field and many-to-many relation except links to staff accounts (they are not archived)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        field.name
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if not field.primary_key and field.related_model is not user_model
    ]


def _json_value(value):
    """Full precision for times (Django's JSON encoder drops the microseconds), text for decimals and UUIDs."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot archive {type(value).__name__}")


def _line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, default=_json_value, separators=(",", ":")) + "\n"


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _links(field: models.ManyToManyField, pks: list) -> dict:
    """For the rows ``pks`` (every row from the first to the last, by id), the ids each links to through ``field``:
    one query on the link table for a batch."""
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    linked: dict = {pk: [] for pk in pks}
    window = {f"{source}__gte": pks[0], f"{source}__lte": pks[-1]}
    links = field.remote_field.through._base_manager.filter(**window).order_by(source, target)
    for pk, other in links.values_list(source, target):
        if pk in linked:  # (a row saved in the window since the batch was read is not in this archive)
            linked[pk].append(other)
    return linked


def _rows(model: type[models.Model]) -> Iterator[dict]:
    fields = _fields(model)
    related = [field for field in model._meta.many_to_many if field.name in fields]
    own = [name for name in fields if name not in {field.name for field in related}]
    items = model._base_manager.order_by("pk").iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(items, BATCH_SIZE)):
        rows = serializers.serialize("python", batch, fields=own, use_natural_foreign_keys=True)
        # The links as the serializer writes them (ids), a query per relation and batch: the serializer's own way
        # builds a query for each link of each row, which made the export of 100,000 articles a quarter as fast.
        links = {field.name: _links(field, [obj.pk for obj in batch]) for field in related}
        for obj, row in zip(batch, rows, strict=True):
            row["fields"].update({name: linked[obj.pk] for name, linked in links.items()})
            yield row


def archive_write(out: TextIO) -> dict[str, int]:
    """Writes the archive to ``out``; returns the rows written per model."""
    counts: dict[str, int] = {}
    with read_snapshot():
        applied = _applied_migrations()
        archived_apps = dict.fromkeys(model._meta.app_label for model in archived_models())
        header = {
            "format": ARCHIVE_FORMAT,
            "version": ARCHIVE_VERSION,
            "exported_at": timezone.now(),
            "migrations": {app: applied.get(app, []) for app in archived_apps},
        }
        out.write(_line(header))
        for model in archived_models():
            counts[model._meta.label_lower] = 0
            for row in _rows(model):
                out.write(_line(row))
                counts[model._meta.label_lower] += 1
        out.write(_line({"end": counts}))
    return counts


def _read_header(line: str) -> dict:
    try:
        header = json.loads(line)
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != ARCHIVE_FORMAT:
        raise ArchiveError(
            "这不是本门户导出的内容存档（第 1 行应是存档说明）。请用 manage.py export_content archive 导出。"
        )
    if header.get("version") != ARCHIVE_VERSION:
        raise ArchiveError(f"存档格式版本 {header.get('version')} 不受支持（本门户读取版本 {ARCHIVE_VERSION}）。")
    applied = {app: set(names) for app, names in _applied_migrations().items()}
    for app, names in (header.get("migrations") or {}).items():
        missing = [name for name in names if name not in applied.get(app, set())]
        if missing:
            raise ArchiveError(
                f"存档来自更新的版本（{app} 的迁移 {missing[-1]} 在本数据库中没有）。"
                "请先把本门户升级到导出时的版本并运行 migrate，再恢复。"
            )
    return header


def _require_empty() -> None:
    # Drafts and revisions too: left from content deleted earlier, they would attach to restored items of their ids.
    history = [apps.get_model("publishing.Draft"), apps.get_model("reversion.Version")]
    for model in [*archived_models(), *history]:
        if model._meta.label in REPLACED:
            continue
        if model._base_manager.exists():
            raise ArchiveError(
                f"数据库里已有{model._meta.verbose_name_plural}。存档只能恢复到刚迁移的空数据库"
                "（python manage.py migrate 之后、载入演示内容之前），以免两份内容混在一起。没有保存任何内容。"
            )


@contextmanager
def _stored_times_kept(model: type[models.Model]):
    """Inserting must keep the archived created/updated times instead of stamping them with now.

    Django's own fixture loading does this with a raw save, one row at a time; the restore inserts in batches,
    so for the length of the batch the model's auto_now fields do not stamp. The restore runs in its command's
    own process, never beside requests.
    """
    stamped = [field for field in model._meta.concrete_fields if getattr(field, "auto_now", False)]
    stamped_on_add = [field for field in model._meta.concrete_fields if getattr(field, "auto_now_add", False)]
    for field in stamped:
        field.auto_now = False
    for field in stamped_on_add:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in stamped:
            field.auto_now = True
        for field in stamped_on_add:
            field.auto_now_add = True


def _insert(batch: list) -> None:
    """A batch of deserialized rows of one model, then their many-to-many links."""
    model = type(batch[0].object)
    with _stored_times_kept(model), bodies_as_stored():
        model._base_manager.bulk_create([item.object for item in batch], batch_size=BATCH_SIZE)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = [
            through(**{source: item.object.pk, target: pk})
            for item in batch
            for pk in item.m2m_data.get(field.name, [])
        ]
        through._base_manager.bulk_create(links, batch_size=BATCH_SIZE)


def _objects(lines: Iterable[str], end: dict) -> Iterator[dict]:
    """The rows of the archive as dicts; fills ``end`` from the last line, which must come last."""
    allowed = {label.lower() for label in ARCHIVED}
    for number, line in enumerate(lines, start=2):
        if end:
            raise ArchiveError(f"第 {number} 行：存档在结尾行之后还有内容。")
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise ArchiveError(f"第 {number} 行不是完整的 JSON（{error.msg}）：存档可能已损坏。") from error
        if not isinstance(row, dict):
            raise ArchiveError(f"第 {number} 行不是存档的一行内容。")
        if "end" in row and isinstance(row["end"], dict):
            end.update(row["end"])
            continue
        if row.get("model") not in allowed:
            raise ArchiveError(f"第 {number} 行：存档不应含有“{row.get('model')}”。")
        if not isinstance(row.get("fields"), dict):
            raise ArchiveError(f"第 {number} 行缺少字段内容（fields）。")
        yield row


def archive_restore(stream: TextIO, *, dry_run: bool = False) -> dict[str, int]:
    """Restores an archive into an empty database, all or nothing; returns the rows restored per model.

    Raises ArchiveError, having saved nothing, for a file that is not a whole archive of a schema this database
    has, or for a database that already holds content.
    """
    _read_header(stream.readline())
    counts = {label.lower(): 0 for label in ARCHIVED}
    end: dict = {}
    try:
        with transaction.atomic():
            _require_empty()
            for label in REPLACED:
                apps.get_model(label)._base_manager.all().delete()
            rows = serializers.deserialize("python", _objects(stream, end), ignorenonexistent=True)
            batch: list = []
            for item in rows:
                if batch and (type(item.object) is not type(batch[0].object) or len(batch) == BATCH_SIZE):
                    _insert(batch)
                    batch = []
                batch.append(item)
                counts[item.object._meta.label_lower] += 1
            if batch:
                _insert(batch)
            if not end:
                raise ArchiveError("存档不完整：文件在结尾行之前就断了（导出时中断，或复制不全）。没有保存任何内容。")
            short = [label for label, number in end.items() if counts.get(label) != number]
            if short:
                label = short[0]
                raise ArchiveError(
                    f"存档不完整：{label} 应有 {end[label]} 行，读到 {counts.get(label, 0)} 行。没有保存任何内容。"
                )
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), archived_models()):
                    cursor.execute(statement)
            connection.check_constraints()
            citations_rebuild()
            search_index_rebuild()
            invalidate()
            if dry_run:
                transaction.set_rollback(True)
    except DeserializationError as error:
        raise ArchiveError(f"存档里有一行读不进来：{error}。没有保存任何内容。") from error
    except (IntegrityError, DataError) as error:
        raise ArchiveError(f"数据库拒绝了存档的内容：{error}。没有保存任何内容。") from error
    return counts
