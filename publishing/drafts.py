"""An item's content as data: its fields and its inlines, taken from the rows or a saved revision, and put back.

A draft (``publishing.models.Draft``) keeps such a snapshot; approving it applies the snapshot to the live rows.
The format is what Django's ``python`` serialiser writes, made JSON-safe: ``{"object": {"model", "pk", "fields"},
"inlines": [{"model", "fk", "rows": [...]}]}``. A saved revision (reversion, ``json`` format) holds the same
entries, so a restore reads one object and its own inline rows out of a revision without touching the others.
"""

import json

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext
from reversion import create_revision
from reversion.models import Version

from .models import WORKFLOW_FIELDS
from .revisions import FieldDiff, ObjectDiff, diff_field_dicts

# What a snapshot never changes on the live row: its state and its bookkeeping belong to the workflow.
KEPT_FIELDS = (set(WORKFLOW_FIELDS) - {"expires_at"}) | {"created_at", "updated_at"}  # the expiry is content
# Compared to tell whether anything changed: everything but the bookkeeping that changes on every save.
UNCOMPARED_FIELDS = {"version", "created_at", "updated_at"}

InlineSpec = tuple[type[models.Model], str]  # an inline model and the name of its foreign key to the item


def trial():
    """For a change tried on the rows in a savepoint that may be rolled back (a draft's edit, an import row): saves
    inside add nothing to the active revision by themselves, so what the rollback undoes never reaches the history.
    A result that is kept goes in with ``reversion.add_to_revision`` (the item, and the inline rows its registration
    follows), inside the revision of the whole change (the admin's, the import's). No revision may begin inside: a
    nested one hands its versions on to the outer one, kept or not."""
    return create_revision(manage_manually=True, atomic=False)


def _entry(instance: models.Model) -> dict:
    [entry] = serializers.serialize("python", [instance])
    return json.loads(json.dumps(entry, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model, inlines: list[InlineSpec]) -> dict:
    """The item as it is in the database now, with the rows of each inline model that point to it."""
    return {
        "repr": str(obj)[:300],
        "object": _entry(obj),
        "inlines": [
            {
                "model": model._meta.label_lower,
                "fk": fk,
                "rows": [_entry(row) for row in model._default_manager.filter(**{fk: obj}).order_by("pk")],
            }
            for model, fk in inlines
        ],
    }


def snapshot_from_version(version: Version, inlines: list[InlineSpec]) -> dict:
    """One object of a saved revision and its own inline rows only; the other objects of the revision stay out."""
    revision_versions = list(version.revision.version_set.select_related("content_type"))
    result = {"repr": version.object_repr, "object": json.loads(version.serialized_data)[0], "inlines": []}
    for model, fk in inlines:
        attname = model._meta.get_field(fk).attname
        rows = []
        for other in revision_versions:
            if other.content_type.model_class() is not model:
                continue
            entry = json.loads(other.serialized_data)[0]
            fields = entry.get("fields", {})
            if str(fields.get(fk, fields.get(attname))) == str(version.object_id):
                rows.append(entry)
        result["inlines"].append({"model": model._meta.label_lower, "fk": fk, "rows": rows})
    return result


def inline_specs_of(data: dict) -> list[InlineSpec]:
    return [(apps.get_model(inline["model"]), inline["fk"]) for inline in data.get("inlines", [])]


def _deserialize(entries: list[dict]):
    return list(serializers.deserialize("python", entries, ignorenonexistent=True))


def apply_snapshot(obj: models.Model, data: dict, *, keep: set[str] = frozenset()) -> models.Model:
    """Writes the snapshot's content onto ``obj``'s rows: its fields (but the workflow's, and ``keep``), its
    many-to-many relations, and each inline: rows missing from the snapshot are deleted, the others updated or
    added. Saves through the models, so the page cache and the search index follow as for any save."""
    [source] = _deserialize([data["object"]])
    # A draft may change a public slug: on approval the row's save keeps the old one as a redirect (SlugHistory).
    kept = KEPT_FIELDS | set(keep)
    for model_field in obj._meta.concrete_fields:
        if model_field.primary_key or model_field.name in kept:
            continue
        setattr(obj, model_field.attname, getattr(source.object, model_field.attname))
    obj.save()
    for name, values in (source.m2m_data or {}).items():
        getattr(obj, name).set(values)
    for inline in data.get("inlines", []):
        model, fk = apps.get_model(inline["model"]), inline["fk"]
        attname = model._meta.get_field(fk).attname
        rows = _deserialize(inline["rows"])
        wanted = {row.object.pk for row in rows if row.object.pk is not None}
        own = model._default_manager.filter(**{fk: obj})
        try:
            own.exclude(pk__in=wanted).delete()
        except ProtectedError as error:  # a row the snapshot drops that other content still refers to
            names = gettext("、").join(f"“{item}”" for item in list(error.protected_objects)[:10])
            message = gettext("不能删除其中的内容：%(names)s 引用了它。请先修改这些内容。")
            raise ValidationError(message % {"names": names}) from None
        own_pks = set(own.values_list("pk", flat=True))
        # A row added in a draft keeps its number unless another item's row took it meanwhile.
        taken = set(model._default_manager.filter(pk__in=wanted - own_pks).values_list("pk", flat=True))
        for row in rows:
            instance = row.object
            setattr(instance, attname, obj.pk)
            if instance.pk in taken:
                instance.pk = None
            instance.save()
            for name, values in (row.m2m_data or {}).items():
                getattr(instance, name).set(values)
    return obj


def _comparable(entry: dict) -> dict:
    return {key: value for key, value in entry.get("fields", {}).items() if key not in UNCOMPARED_FIELDS}


def same_content(first: dict, second: dict) -> bool:
    """Whether two snapshots hold the same content (bookkeeping such as the version number aside)."""

    def content(data):
        return (
            _comparable(data["object"]),
            [
                (inline["model"], [(row.get("pk"), _comparable(row)) for row in inline["rows"]])
                for inline in data.get("inlines", [])
            ],
        )

    return content(first) == content(second)


def diff_snapshots(live: dict, draft: dict) -> list[ObjectDiff]:
    """The item first, then each inline row of either side (matched by id): what approval would change."""
    model = apps.get_model(live["object"]["model"])

    def content(entry):  # what approval changes: never the workflow's fields
        return {key: value for key, value in entry["fields"].items() if key not in KEPT_FIELDS}

    main = ObjectDiff(
        title=draft.get("repr") or live.get("repr", ""),
        state="changed",
        fields=diff_field_dicts(model, content(live["object"]), content(draft["object"])),
    )
    main.state = "changed" if any(row.changed for row in main.fields) else "same"
    result = [main]
    live_inlines = {inline["model"]: inline for inline in live.get("inlines", [])}
    for inline in draft.get("inlines", []):
        inline_model = apps.get_model(inline["model"])
        before = {row["pk"]: row for row in live_inlines.get(inline["model"], {"rows": []})["rows"]}
        after = {row["pk"]: row for row in inline["rows"] if row.get("pk") is not None}
        for pk in sorted({*before, *after}, key=lambda value: (str(type(value)), value)):
            old, new = before.get(pk), after.get(pk)
            rows: list[FieldDiff] = diff_field_dicts(
                inline_model, old["fields"] if old else None, new["fields"] if new else None
            )
            state = "added" if old is None else "removed" if new is None else "changed"
            if state == "changed" and not any(row.changed for row in rows):
                state = "same"
            label = _row_label(inline_model, (new or old)["fields"])
            result.append(ObjectDiff(title=f"{inline_model._meta.verbose_name}：{label}", state=state, fields=rows))
    return result


def _row_label(model, fields: dict) -> str:
    for name in ("label", "heading", "title", "name", "event", "text"):
        if fields.get(name):
            return str(fields[name])[:80]
    return str(model._meta.verbose_name)
