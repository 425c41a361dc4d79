from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Image, Rendition


@receiver(post_delete, sender=Image)
@receiver(post_delete, sender=Rendition)
def delete_file_with_row(sender, instance, **kwargs):
    """A deleted image (and each of its renditions) takes its file along, once the deletion is committed."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
