"""Side-by-side comparison of two saved revisions (reversion), with the differences marked."""

import difflib
from dataclasses import dataclass, field

from django.db import models
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from presentation.numbers import format_exact

from .richtext import RichTextField

# Bookkeeping that changes on every save; comparing it would only add noise.
IGNORED_FIELDS = {"id", "version", "created_at", "updated_at", "submitted_at", "submitted_by"}


@dataclass
class FieldDiff:
    label: str
    old: SafeString
    new: SafeString
    changed: bool


@dataclass
class ObjectDiff:
    title: str
    state: str  # "changed", "added", "removed", "same"
    fields: list[FieldDiff] = field(default_factory=list)


def _display(model_field: models.Field, value) -> str:
    if value in (None, ""):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, RichTextField):
        return strip_tags(value).strip()
    if model_field.many_to_many:
        related = model_field.related_model._default_manager.filter(pk__in=value)
        return gettext("、").join(sorted(str(obj) for obj in related))
    if model_field.many_to_one or model_field.one_to_one:
        obj = model_field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else gettext("#%(id)s（已删除）") % {"id": value}
    if isinstance(value, bool):
        return gettext("是") if value else gettext("否")
    if isinstance(model_field, models.DecimalField):
        # 1.5E+8 (as an import stored it) and 150000000.0000 (as the database gives it back) are one value.
        return format_exact(value)
    return str(value)


def _mark(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Character-level marks (Chinese has no spaces to split words on): <del> on the left, <ins> on the right."""
    left, right = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(escape(old[a1:a2]))
            right.append(escape(new[b1:b2]))
            continue
        if a2 > a1:
            left.append(format_html("<del>{}</del>", old[a1:a2]))
        if b2 > b1:
            right.append(format_html("<ins>{}</ins>", new[b1:b2]))
    return mark_safe("".join(left)), mark_safe("".join(right))  # nosec B308, B703  # every piece is escaped above


def compared_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.name not in IGNORED_FIELDS and not (f.many_to_one and f.remote_field.parent_link)
    ]


def diff_field_dicts(model, old: dict | None, new: dict | None) -> list[FieldDiff]:
    rows = []
    for model_field in compared_fields(model):
        if model_field.many_to_one or model_field.one_to_one:
            key = model_field.attname
        else:
            key = model_field.name
        old_text = _display(model_field, (old or {}).get(key, (old or {}).get(model_field.name)))
        new_text = _display(model_field, (new or {}).get(key, (new or {}).get(model_field.name)))
        marked_old, marked_new = _mark(old_text, new_text)
        rows.append(FieldDiff(str(model_field.verbose_name), marked_old, marked_new, old_text != new_text))
    return rows


def _field_dict(version: Version) -> dict:
    try:
        return version.field_dict
    except Exception:  # a revision of a model whose fields changed since; show what can be read
        return {}


def _belongs_to(version: Version, parent_model: type[models.Model], parent_id: str) -> bool:
    """Whether a version saved in the same revision is one of the parent's own inline objects (a figure of this
    achievement), not another item the same save or import happened to touch."""
    model = version.content_type.model_class()
    if model is None:  # a model removed since
        return False
    links = [f for f in model._meta.concrete_fields if f.many_to_one and issubclass(parent_model, f.related_model)]
    if not links:
        return False
    data = _field_dict(version)
    return any(str(data.get(f.attname, data.get(f.name))) == str(parent_id) for f in links)


def diff_versions(old: Version, new: Version) -> list[ObjectDiff]:
    """The object itself first, then its own inline objects in either revision, matched by model and id."""
    item_model = new.content_type.model_class()
    main = ObjectDiff(
        title=str(new.object_repr),
        state="changed",
        fields=diff_field_dicts(item_model, _field_dict(old), _field_dict(new)),
    )
    main.state = "changed" if any(row.changed for row in main.fields) else "same"
    result = [main]

    def others(version):
        return {
            (v.content_type_id, v.object_id): v
            for v in version.revision.version_set.select_related("content_type")
            if (v.content_type_id, v.object_id) != (version.content_type_id, version.object_id)
            and _belongs_to(v, item_model, new.object_id)
        }

    old_others, new_others = others(old), others(new)
    for key in sorted({*old_others, *new_others}, key=lambda k: (k[0], int(k[1]) if k[1].isdigit() else 0, k[1])):
        before, after = old_others.get(key), new_others.get(key)
        some = after or before
        model = some.content_type.model_class()
        rows = diff_field_dicts(model, _field_dict(before) if before else None, _field_dict(after) if after else None)
        state = "added" if before is None else "removed" if after is None else "changed"
        if state == "changed" and not any(row.changed for row in rows):
            state = "same"
        title = gettext("%(kind)s：%(item)s") % {"kind": model._meta.verbose_name, "item": some.object_repr}
        result.append(ObjectDiff(title=title, state=state, fields=rows))
    return result


STATE_LABELS = {"added": _("新增"), "removed": _("删除"), "changed": _("修改"), "same": _("未变")}


def changed_labels(old: Version, new: Version) -> list[str]:
    """Plain names of what differs between two revisions, for messages."""
    main, *inlines = diff_versions(old, new)
    labels = [row.label for row in main.fields if row.changed]
    labels += [
        gettext("%(item)s（%(state)s）") % {"item": obj.title, "state": STATE_LABELS[obj.state]}
        for obj in inlines
        if obj.state != "same"
    ]
    return labels
