"""Data-migration steps shared by the apps whose models are Publishable.

Migrations call these with their historical models (``apps``), and old migrations run them again on every new
database: change what they do only together with a new migration.
"""

from django.db.models import F

PUBLISHED = "published"
WITHDRAWN = ("unpublished", "archived")
# Audit actions whose text copy of the item holds the title it was public under at that moment.
PUBLIC_ACTIONS = ("published", "force_published", "unpublished")
TITLE_LENGTH = 200


def fill_published_titles(apps, app_label: str, model_name: str, title_field: str) -> None:
    """``published_title`` for rows saved before it existed: a published row's current title; a withdrawn row's
    title as the audit log last copied it while the row was public (when it was published or unpublished).
    A withdrawn row the log knows nothing about keeps an empty one: its current title may be an unreviewed edit."""
    model = apps.get_model(app_label, model_name)
    audit_entry = apps.get_model("publishing", "AuditEntry")
    model.objects.filter(status=PUBLISHED, published_title="").update(published_title=F(title_field))
    entries = (
        audit_entry.objects.filter(
            content_type__app_label=app_label, content_type__model=model_name, action__in=PUBLIC_ACTIONS
        )
        .order_by("created_at", "id")
        .values_list("object_id", "object_repr")
    )
    last_public_title = dict(entries)  # the latest entry of each item wins
    for row in model.objects.filter(status__in=WITHDRAWN, published_title="").only("pk"):
        title = last_public_title.get(str(row.pk), "")[:TITLE_LENGTH]
        if title:
            model.objects.filter(pk=row.pk).update(published_title=title)
