from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .models import Image, Rendition


@receiver(post_delete, sender=Image)
@receiver(post_delete, sender=Rendition)
def delete_file_with_row(sender, instance, **kwargs):
    """A deleted image (and each of its renditions) takes its file along, once the deletion is committed."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))


@receiver(pre_save, sender=Image)
def delete_replaced_file(sender, instance, raw=False, **kwargs):
    """An image given a new file drops the old one once the change is committed (a rollback keeps it)."""
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if old and old != instance.file.name:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(old))
