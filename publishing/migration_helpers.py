"""Data-migration steps shared by the apps whose models are Publishable.

Migrations call these with their historical models (``apps``), and old migrations run them again on every new
database, so they are frozen: what a helper here does never changes, and it imports only Django and the standard
library (tests/test_structure.py holds both migrations and helpers to it). A step that must work differently is a
new helper, called by a new migration; the old one stays for the old migrations.
"""

from django.db.models import F
from django.db.models.functions import Now

PUBLISHED = "published"
WITHDRAWN = ("unpublished", "archived")
# Audit actions whose text copy of the item holds the title it was public under at that moment.
PUBLIC_ACTIONS = ("published", "force_published", "unpublished")
TITLE_LENGTH = 200


def fill_published_titles(apps, app_label: str, model_name: str, title_field: str) -> None:
    """``published_title`` for rows saved before it existed: a live (or expired) published row's current title;
    a withdrawn row's title as the audit log last copied it (when it was published or unpublished), if the row's
    publication time had come by then. A scheduled row, a withdrawn row the log knows nothing about and one taken
    down before its scheduled time keep an empty one: their current title may never have been public."""
    model = apps.get_model(app_label, model_name)
    audit_entry = apps.get_model("publishing", "AuditEntry")
    model.objects.filter(status=PUBLISHED, published_title="", published_at__lte=Now()).update(
        published_title=F(title_field)
    )
    entries = (
        audit_entry.objects.filter(
            content_type__app_label=app_label, content_type__model=model_name, action__in=PUBLIC_ACTIONS
        )
        .order_by("created_at", "id")
        .values_list("object_id", "object_repr", "created_at")
    )
    last_entry = {object_id: (title, created_at) for object_id, title, created_at in entries}  # the latest wins
    for row in model.objects.filter(status__in=WITHDRAWN, published_title="").only("pk", "published_at"):
        title, created_at = last_entry.get(str(row.pk), ("", None))
        if row.published_at is not None and created_at is not None and row.published_at > created_at:
            continue  # logged before its publication time came: maybe never public under this title
        if title:
            model.objects.filter(pk=row.pk).update(published_title=title[:TITLE_LENGTH])
