"""Which bodies cite which key figures, and the corrections of a cited figure.

Each save of a model with rich text rewrites its rows of ``FigureCitation`` from the figures its bodies hold (the
stored ``<data value="figure:…">``): the table answers "which pages cite figure X" by its index on the figure, at
any number of articles, where a search of the bodies would read them all. Saves that bypass the models (a raw
``QuerySet.update()``, SQL) leave the table as it was; the pages themselves always render from the bodies.

A correction is recorded when the live row of a cited figure changes its text or value: a draft changes no live
row until it is approved, so its correction is dated the moment the change goes live (and a draft's trial save,
rolled back, records nothing).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from publishing.richtext import RichTextField, cited_figure_ids

from .models import FigureCitation, FigureCorrection, KeyFigure, citing_page_name
from .richtext import figure_reading


def rich_text_fields(model) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields if isinstance(field, RichTextField)]


def sync_citations(sender, instance, raw=False, **kwargs):
    """post_save of a model with rich text: its citations are the figures its bodies hold now."""
    if raw:  # a fixture load: the rows it loads carry their own
        return
    cited = cited_figure_ids(*(getattr(instance, name) or "" for name in rich_text_fields(sender)))
    content_type = ContentType.objects.get_for_model(sender)
    own = FigureCitation.objects.filter(content_type=content_type, object_id=instance.pk)
    own.exclude(figure_id__in=cited).delete()
    new = cited - set(own.values_list("figure_id", flat=True)) if cited else set()
    if new:
        existing = KeyFigure.objects.filter(pk__in=new).values_list("pk", flat=True)
        FigureCitation.objects.bulk_create(
            [FigureCitation(figure_id=pk, content_type=content_type, object_id=instance.pk) for pk in existing],
            ignore_conflicts=True,
        )


def drop_citations(sender, instance, **kwargs):
    """post_delete of a model with rich text."""
    FigureCitation.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def stored_reading(figure: KeyFigure) -> tuple[str, Decimal] | None:
    """The stored text and value of a figure about to be saved, if pages cite it (one query; none for a new one)."""
    if figure.pk is None:
        return None
    return KeyFigure.objects.filter(pk=figure.pk, citations__isnull=False).values_list("text", "value").first()


def record_correction(figure: KeyFigure, before: tuple[str, Decimal] | None) -> None:
    if before is None:
        return
    old_text, old_value = before
    new_value = Decimal(str(figure.value))
    if old_text != figure.text or old_value != new_value:
        FigureCorrection.objects.create(
            figure=figure, old_text=old_text, new_text=figure.text, old_value=old_value, new_value=new_value
        )


def citing_pages(figures) -> list[str]:
    """The names of the pages citing any of these figures (a queryset or a list), for the admin's warnings."""
    citations = FigureCitation.objects.filter(figure__in=figures).select_related("content_type")
    by_type: dict[ContentType, set[int]] = {}
    for citation in citations:
        by_type.setdefault(citation.content_type, set()).add(citation.object_id)
    names = set()
    for content_type, ids in by_type.items():
        objects = content_type.model_class()._default_manager.in_bulk(ids)
        names |= {citing_page_name(obj) for obj in objects.values()}
    return sorted(names)


@dataclass(frozen=True)
class CorrectionNote:
    """A correction as a citing page states it, in the interface's language."""

    date: datetime.date
    label: str
    old: str
    new: str


def corrections_of_page(figure_ids: set[int], since=None) -> list[CorrectionNote]:
    """The corrections of the public figures a page cites (``figure_ids``), made after the page was published
    (``since``): a page published after a correction states the corrected figure, and needs no note. One query, none
    for a page that cites no figure."""
    if not figure_ids:
        return []
    corrections = FigureCorrection.objects.filter(figure__in=KeyFigure.objects.published().filter(pk__in=figure_ids))
    if since is not None:
        corrections = corrections.filter(corrected_at__gt=since)
    return [
        CorrectionNote(
            date=timezone.localdate(correction.corrected_at),
            label=correction.figure.label,
            old=figure_reading(correction.figure, correction.old_text, correction.old_value),
            new=figure_reading(correction.figure, correction.new_text, correction.new_value),
        )
        for correction in corrections.select_related("figure")
    ]


def citations_rebuild(batch: int = 2000) -> int:
    """Every citation made again from the bodies, as a restore needs (its rows are inserted without their save
    signals): the bodies of each model with rich text read a batch at a time. Returns how many there are."""
    from django.apps import apps

    FigureCitation.objects.all().delete()
    figures = set(KeyFigure.objects.values_list("pk", flat=True))
    made = 0
    for model in apps.get_models():
        fields = rich_text_fields(model)
        if not fields:
            continue
        content_type = ContentType.objects.get_for_model(model)
        rows = model._base_manager.order_by("pk").values_list("pk", *fields)
        citations = []
        for pk, *bodies in rows.iterator(chunk_size=batch):
            citations += [
                FigureCitation(figure_id=figure, content_type=content_type, object_id=pk)
                for figure in cited_figure_ids(*(body or "" for body in bodies)) & figures
            ]
            if len(citations) >= batch:
                made += len(FigureCitation.objects.bulk_create(citations))
                citations = []
        made += len(FigureCitation.objects.bulk_create(citations))
    return made
