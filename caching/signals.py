"""Any save or delete of what public pages show makes every cached page out of date (``caching.state``).

Content, its parts and relations, pictures, regions, topics and the site settings all live in the project's own
apps; what only staff see (sessions, users, tokens, the admin's log, revisions, the task queue and the imports
waiting in it, the search index, which follows content anyway) does not invalidate. A new app's models
invalidate by default: a page cached too briefly is harmless, one cached too long is not.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .state import invalidate

NOT_SHOWN_PUBLICLY = {
    *("admin", "auth", "axes", "caching", "contenttypes", "knox", "otp_static", "otp_totp"),
    *("django_tasks_database", "reversion", "search", "sessions", "transfer"),
}


def shown_publicly(sender) -> bool:
    # Migrations save through historical models (another app registry), before this app's table may exist.
    return sender._meta.apps is apps and sender._meta.app_label not in NOT_SHOWN_PUBLICLY


@receiver(post_save, dispatch_uid="pagecache_save")
@receiver(post_delete, dispatch_uid="pagecache_delete")
def content_changed(sender, **kwargs):
    if shown_publicly(sender):
        invalidate()


@receiver(m2m_changed, dispatch_uid="pagecache_m2m")
def relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and shown_publicly(sender):
        invalidate()
