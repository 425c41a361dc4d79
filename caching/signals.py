"""Any save or delete of what public pages show makes every cached page out of date.

Content, its parts and relations, pictures, regions, topics and the site settings all live in the project's own
apps; what only staff see (sessions, users, tokens, the admin's log, revisions, the search index, which follows
content anyway) does not invalidate. A new app's models invalidate by default: a page cached too briefly is
harmless, one cached too long is not.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .state import invalidate_now_and_on_commit

NOT_SHOWN_PUBLICLY = {"admin", "auth", "authtoken", "contenttypes", "reversion", "search", "sessions"}


def shown_publicly(sender) -> bool:
    return sender._meta.app_label not in NOT_SHOWN_PUBLICLY


@receiver(post_save, dispatch_uid="pagecache_save")
@receiver(post_delete, dispatch_uid="pagecache_delete")
def content_changed(sender, **kwargs):
    if shown_publicly(sender):
        invalidate_now_and_on_commit()


@receiver(m2m_changed, dispatch_uid="pagecache_m2m")
def relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and shown_publicly(sender):
        invalidate_now_and_on_commit()
