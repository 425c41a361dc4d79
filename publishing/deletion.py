"""Nothing deleted beyond recovery: a delete saves a revision of the item first, with the links other items held to
it, and a recovery puts those links back."""

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext as _
from reversion import add_meta, add_to_revision, create_revision, set_comment, set_user

from .audit import audit_record
from .models import AuditEntry, DeletedLinks


def incoming_links(obj) -> list[dict]:
    """The many-to-many links other items hold to ``obj`` (deleting it removes them)."""
    links = []
    for relation in obj._meta.related_objects:
        if relation.many_to_many:
            pks = list(getattr(obj, relation.get_accessor_name()).values_list("pk", flat=True))
            if pks:
                links.append({"model": relation.related_model._meta.label, "field": relation.field.name, "pks": pks})
    return links


def delete_item(obj, *, user, via: str) -> None:
    """Deletes ``obj`` so that it can be recovered: first a revision of it as it is (with its inline rows, and the
    links other items hold to it), then an audit entry. Raises ``ProtectedError`` (nothing deleted, nothing
    written) when other items refer to it by a protected foreign key."""
    with transaction.atomic():
        links = incoming_links(obj)
        with create_revision():
            set_user(user if user is not None and user.is_authenticated else None)
            set_comment(_("删除前的版本（%(via)s）") % {"via": via})
            add_to_revision(obj)
            if links:
                add_meta(DeletedLinks, links=links)
        audit_record(user=user, action=AuditEntry.Action.DELETED, obj=obj, comment=via)
        obj.delete()


def restore_links(obj, revision) -> int:
    """After ``obj`` was recovered from the revision saved before its deletion: the links other items held to it,
    for those of them that still exist. Returns how many were put back."""
    kept = DeletedLinks.objects.filter(revision=revision).first()
    restored = 0
    for link in kept.links if kept else []:
        model = apps.get_model(link["model"])
        referrers = list(model._default_manager.filter(pk__in=link["pks"]))
        # From the recovered item's side: one insert for all of them.
        getattr(obj, model._meta.get_field(link["field"]).remote_field.get_accessor_name()).add(*referrers)
        restored += len(referrers)
    return restored
